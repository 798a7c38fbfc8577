"""The wallet's view of one Medwallet network: a client over its nodes, the genesis it
pinned, and a light client that verifies what the nodes say."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import SequenceClash
from ledger_client.genesis import Genesis
from ledger_client.light import LightClient
from ledger_client.tx import make_tx

T = TypeVar("T")


class Network:
    """Nodes of one network, pinned to its genesis hash."""

    def __init__(self, nodes: Sequence[str], genesis_hash: str | None = None, ca: str | None = None) -> None:
        self.nodes = list(nodes)
        self.client = LedgerClient(self.nodes, ca=ca)  # ca: a pinned CA (PEM), else the system's
        self.genesis: Genesis = self.client.genesis(genesis_hash or None)
        self.light = LightClient(self.client, self.genesis)

    @property
    def chain_id(self) -> str:
        return self.genesis.chain_id

    def submit(self, key: SigningKey, tx_type: str, payload: dict[str, Any], wait: bool = True) -> str:
        """Sign and submit the next transaction of ``key``; returns its id."""
        def attempt(seq: int, now: int) -> str:
            tx = make_tx(key, self.chain_id, tx_type, seq, now, payload)
            self.client.submit(tx, wait=wait)
            return tx.id
        return self._signed(key, attempt)

    def submit_batch(self, key: SigningKey, tx_type: str, payloads: Sequence[dict[str, Any]], *,
                     timeout: int = 30) -> list[str]:
        """Sign ``payloads`` as consecutive transactions of ``key`` and submit them as one batch,
        admitted all or none; returns their ids once committed."""
        def attempt(seq: int, now: int) -> list[str]:
            txs = [make_tx(key, self.chain_id, tx_type, seq + n, now, payload) for n, payload in enumerate(payloads)]
            self.client.submit_batch(txs, wait=True, timeout=timeout)
            return [tx.id for tx in txs]
        return self._signed(key, attempt)

    def submit_signed_batch(self, items: Sequence[tuple[SigningKey, str, dict[str, Any]]], *,
                            timeout: int = 30) -> list[str]:
        """Sign each ``(key, tx type, payload)`` as the next transaction of its key (several of
        one key are consecutive) and submit them as one batch, admitted all or none; returns
        their ids once committed."""
        seqs: dict[str, int] = {}
        now = int(time.time())
        txs = []
        for key, tx_type, payload in items:
            seq = seqs.get(key.public)
            if seq is None:
                seq = self.client.next_seq(key.public)
            txs.append(make_tx(key, self.chain_id, tx_type, seq, now, payload))
            seqs[key.public] = seq + 1
        self.client.submit_batch(txs, wait=True, timeout=timeout)
        return [tx.id for tx in txs]

    def _signed(self, key: SigningKey, attempt: Callable[[int, int], T]) -> T:
        """Run ``attempt(next sequence number, now)``.

        A sequence clash (another device of the same wallet, or a retry whose first
        attempt did land) is resolved once by re-reading the account's next number.
        """
        for retry in range(2):
            try:
                return attempt(self.client.next_seq(key.public), int(time.time()))
            except SequenceClash:
                if retry:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.client.close()
