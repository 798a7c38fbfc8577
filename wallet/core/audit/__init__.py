"""Audit: who read the patient's records, every event verified on the ledger.

* :mod:`.trail`: the access and refusal events, each proven on the verified header chain;
* :mod:`.history`: the ledger history this wallet verified, and the refusal of a node that
  rewrote it.
"""
