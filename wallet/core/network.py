"""The wallet's view of one Medwallet network: a client over its nodes, the genesis it
pinned, and a light client that verifies what the nodes say."""

from __future__ import annotations

import time

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import SequenceClash
from ledger_client.genesis import Genesis
from ledger_client.light import LightClient
from ledger_client.tx import make_tx


class Network:
    """Nodes of one network, pinned to its genesis hash."""

    def __init__(self, nodes: list[str], genesis_hash: str | None = None, ca: str | None = None) -> None:
        self.nodes = list(nodes)
        self.client = LedgerClient(self.nodes, ca=ca)  # ca: a pinned CA (PEM), else the system's
        self.genesis: Genesis = self.client.genesis(genesis_hash or None)
        self.light = LightClient(self.client, self.genesis)

    @property
    def chain_id(self) -> str:
        return self.genesis.chain_id

    def submit(self, key: SigningKey, tx_type: str, payload: dict, wait: bool = True) -> str:
        """Sign and submit the next transaction of ``key``; returns its id.

        A sequence clash (another device of the same wallet, or a retry whose first
        attempt did land) is resolved once by re-reading the account's next number.
        """
        for attempt in range(2):
            tx = make_tx(key, self.chain_id, tx_type, self.client.next_seq(key.public), int(time.time()), payload)
            try:
                self.client.submit(tx, wait=wait)
                return tx.id
            except SequenceClash:
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.client.close()
