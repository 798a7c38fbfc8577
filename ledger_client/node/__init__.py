"""The bundled Medwallet ledger node: SQLite block and state store, off-chain blob
store, block producer and the HTTP API. It imports the protocol modules of
:mod:`ledger_client` and never the wallet."""
