"""The wallet's view of one Medwallet network: a client over its nodes, the genesis it
pinned, and a light client that verifies what the nodes say; :func:`connect` reaches the
network a wallet's or desk's settings name (a care network's nodes, or the embedded one).

Each pseudonym talks to the nodes on a connection of its own (:meth:`Network.client_for`),
so that no node or proxy can group two pseudonyms' requests by connection; and one
wallet's submissions for different pseudonyms are spaced by a random gap
(``SUBMIT_GAP``), so that they do not travel together either."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import SequenceClash
from ledger_client.genesis import Genesis
from ledger_client.light import LightClient
from ledger_client.tx import make_tx

from .errors import NoNetwork
from .settings import Settings

T = TypeVar("T")
StartLocal = Callable[[], str]  # serves the embedded network of this computer; returns its URL
SUBMIT_GAP = (1.0, 2.0)  # seconds between two submissions of different pseudonyms (uniform)


class Network:
    """Nodes of one network, pinned to its genesis hash."""

    def __init__(self, nodes: Sequence[str], genesis_hash: str | None = None, ca: str | None = None) -> None:
        self.nodes = list(nodes)
        self.client = LedgerClient(self.nodes, ca=ca)  # ca: a pinned CA (PEM), else the system's
        self.genesis: Genesis = self.client.genesis(genesis_hash or None)
        self.light = LightClient(self.client, self.genesis)
        self.ca = ca
        self._clients: dict[str, LedgerClient] = {}
        self._last_submit: tuple[str, float] | None = None
        self._submit_lock = threading.Lock()

    def client_for(self, key: SigningKey) -> LedgerClient:
        """The connection pseudonym ``key`` uses, shared with no other pseudonym."""
        with self._submit_lock:
            client = self._clients.get(key.public)
            if client is None:
                client = self._clients[key.public] = LedgerClient(self.nodes, ca=self.ca)
            return client

    def _space(self, key: SigningKey) -> None:
        """Wait until a random gap has passed since another pseudonym's submission."""
        with self._submit_lock:
            last = self._last_submit
            self._last_submit = (key.public, time.monotonic())
        if last is not None and last[0] != key.public:
            wait = random.SystemRandom().uniform(*SUBMIT_GAP) - (time.monotonic() - last[1])
            if wait > 0:
                time.sleep(wait)
            with self._submit_lock:
                self._last_submit = (key.public, time.monotonic())

    @property
    def chain_id(self) -> str:
        return self.genesis.chain_id

    def submit(self, key: SigningKey, tx_type: str, payload: dict[str, Any], wait: bool = True) -> str:
        """Sign and submit the next transaction of ``key``; returns its id."""
        def attempt(seq: int, now: int) -> str:
            tx = make_tx(key, self.chain_id, tx_type, seq, now, payload)
            self.client_for(key).submit(tx, wait=wait)
            return tx.id
        return self._signed(key, attempt)

    def submit_batch(self, key: SigningKey, tx_type: str, payloads: Sequence[dict[str, Any]], *,
                     timeout: int = 30) -> list[str]:
        """Sign ``payloads`` as consecutive transactions of ``key`` and submit them as one batch,
        admitted all or none; returns their ids once committed."""
        def attempt(seq: int, now: int) -> list[str]:
            txs = [make_tx(key, self.chain_id, tx_type, seq + n, now, payload) for n, payload in enumerate(payloads)]
            self.client_for(key).submit_batch(txs, wait=True, timeout=timeout)
            return [tx.id for tx in txs]
        return self._signed(key, attempt)

    def submit_signed_batch(self, items: Sequence[tuple[SigningKey, str, dict[str, Any]]], *,
                            timeout: int = 30) -> list[str]:
        """Sign each ``(key, tx type, payload)`` as the next transaction of its key (several of
        one key are consecutive) and submit them as one batch, admitted all or none; returns
        their ids once committed.

        Each key's next sequence number is asked by that key alone on its own connection
        (:meth:`client_for`), as every other submission does. The batch itself names all its
        signers, so it goes on a connection opened for it alone and closed after: it links
        its pseudonyms for the nodes (the caller must say so), but no pseudonym's connection
        ever carries another pseudonym's request."""
        seqs: dict[str, int] = {}
        now = int(time.time())
        txs = []
        for key, tx_type, payload in items:
            seq = seqs.get(key.public)
            if seq is None:
                seq = self.client_for(key).next_seq(key)
            txs.append(make_tx(key, self.chain_id, tx_type, seq, now, payload))
            seqs[key.public] = seq + 1
        if len(seqs) == 1:  # one pseudonym: its own connection, spaced like its other submissions
            self._space(items[0][0])
            self.client_for(items[0][0]).submit_batch(txs, wait=True, timeout=timeout)
            return [tx.id for tx in txs]
        batch = LedgerClient(self.nodes, ca=self.ca)
        try:
            batch.submit_batch(txs, wait=True, timeout=timeout)
        finally:
            batch.close()
        return [tx.id for tx in txs]

    def _signed(self, key: SigningKey, attempt: Callable[[int, int], T]) -> T:
        """Run ``attempt(next sequence number, now)``.

        A sequence clash (another device of the same wallet, or a retry whose first
        attempt did land) is resolved once by re-reading the account's next number.
        """
        self._space(key)
        for retry in range(2):
            try:
                return attempt(self.client_for(key).next_seq(key), int(time.time()))
            except SequenceClash:
                if retry:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.client.close()
        for client in self._clients.values():
            client.close()


def connect(settings: Settings, settings_path: Path, start_local: StartLocal | None) -> Network:
    """The network ``settings`` name, pinned to their genesis hash.

    The embedded network is served first (``start_local``) and its current address recorded
    in the settings, so a port chosen anew at this start is what grant codes carry from now on.
    """
    if not settings.local_node:
        if not settings.nodes:
            raise NoNetwork()
        return Network(settings.nodes, settings.genesis_hash or None)
    if start_local is None:
        raise NoNetwork()
    url = start_local()
    network = Network([url], settings.genesis_hash or None)
    if (settings.local_node_url, settings.genesis_hash) != (url, network.genesis.hash):
        settings.local_node_url, settings.genesis_hash = url, network.genesis.hash
        settings.network_name = network.genesis.network
        if settings_path.exists():  # a wallet or desk being made saves its settings once it exists
            settings.save(settings_path)
    return network
