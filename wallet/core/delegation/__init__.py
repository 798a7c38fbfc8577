"""Delegates: a parent or a carer who grants and revokes for the patient, within signed limits.

* :mod:`.code`: the delegate's public code (its keys), which the patient scans or types;
* :mod:`.package`: what the patient hands the delegate (the in-scope records' keys), sealed;
* :mod:`.patient`: the patient's side (add, list, revoke a delegate);
* :mod:`.acting`: the delegate's side, in the delegate's own wallet ("act for someone");
* :mod:`.audit`: delegated grants and revokes in the patient's audit, each verified.

The rules are the contract's (:mod:`ledger_client.delegation`); nothing here is trusted to
enforce a limit.
"""
