"""Break-glass emergency access, the wallet's side (no Qt): the patient marks an emergency
set and decides on requests (:mod:`.patient`); an institution asks and reads (:mod:`.requester`).
The rules are the contract's (:mod:`ledger_client.emergency`)."""
