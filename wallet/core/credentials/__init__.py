"""Anonymous credentials (Hyperledger AnonCreds) on the patient's and the verifier's side.

* :mod:`.documents`: the exchange documents (offer, request, credential, proof request,
  presentation) and the ledger's credential definitions;
* :mod:`.store`: the wallet's credentials at rest, encrypted under a seed-derived key;
* :mod:`.holder`: obtaining, listing and presenting credentials (selective disclosure);
* :mod:`.admission`: the zero-knowledge proof that admits a new pseudonym on a network
  that requires a credential;
* :mod:`.requests`: proof requests, signed by a registered institution and bound to one
  network and to their purpose (the nonce is derived, never taken from the verifier);
* :mod:`.verifier`: a verifier (a research study) asking for and checking a presentation.

The ledger's side (documents on the ledger, the checks every node makes) is
:mod:`ledger_client.credentials`.
"""
