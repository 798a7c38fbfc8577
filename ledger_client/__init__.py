"""Medwallet ledger: protocol (formats, signatures, Merkle proofs, consent contract),
the HTTP client, and the bundled node in :mod:`ledger_client.node`.

Nothing here knows about the wallet; the wallet and the clinic desk use this package
the way any other participant of a Medwallet network would.
"""

PROTOCOL_VERSION = 1
