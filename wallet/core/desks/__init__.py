"""Desks: the institutions' side of Medwallet (keys of their own, never a patient's).

* :mod:`.institution`: what every desk has: keys in a vault, a network, its registration;
* :mod:`.clinic`: the clinic desk that scans a grant code and reads what it allows;
* :mod:`.issuer`: the desk that issues anonymous credentials (AnonCreds) to patients.
"""
