"""Light-client verification: a verified header chain and inclusion proofs.

The wallet trusts no node: it verifies every header from genesis (linkage and producer
signatures), keeps the verified hashes, and accepts a transaction only with a Merkle
inclusion proof against a header it verified itself.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .block import parse_header, verify_header_chain
from .client import LedgerClient
from .errors import HistoryMismatch, IntegrityError, MalformedError, SignatureError
from .genesis import Genesis
from .merkle import verify_inclusion
from .tx import SignedTx, parse_tx


@dataclass(frozen=True)
class ProvenTx:
    """A transaction proven to be in block ``height``."""

    tx: SignedTx
    height: int
    block_hash: str
    block_time: int


class LightClient:
    """Verified headers of one network, fetched incrementally from its nodes."""

    def __init__(self, client: LedgerClient, genesis: Genesis) -> None:
        self.client = client
        self.genesis = genesis
        self.hashes: list[str] = []  # hashes[i] is the verified hash of block i + 1
        self._check_tip = False
        self._lock = threading.RLock()  # one wallet may prove on several connections at once

    @property
    def height(self) -> int:
        return len(self.hashes)

    def resume(self, hashes: list[str]) -> None:
        """Continue from a chain this caller verified earlier and kept (``hashes[i]`` is block i + 1).

        The next :meth:`sync` first checks that the node still has the last of them: any
        change to the history before it would change that hash, since headers are linked.
        """
        self.hashes = list(hashes)
        self._check_tip = bool(hashes)

    def _verify_tip(self, client: LedgerClient) -> None:
        docs = client.headers(self.height, 1)
        if not docs:
            raise HistoryMismatch(f"the node's history is shorter than the {self.height} blocks verified before: "
                                  "it was cut short")
        if parse_header(docs[0]).hash != self.hashes[-1]:
            raise HistoryMismatch(f"block {self.height} differs from the one verified before: the node's history "
                                  "was changed")
        self._check_tip = False

    def sync(self, up_to: int | None = None, via: LedgerClient | None = None) -> int:
        """Fetch and verify headers after the verified tip; returns the new height.

        ``via``: the connection to ask on (a wallet asks on the connection of the pseudonym
        it is serving, so that its requests are not grouped on one connection)."""
        with self._lock:
            return self._sync(up_to, via or self.client)

    def _sync(self, up_to: int | None, client: LedgerClient) -> int:
        if self._check_tip:
            self._verify_tip(client)
        while up_to is None or self.height < up_to:
            docs = client.headers(self.height + 1, 1000)
            if not docs:
                break
            headers = [parse_header(doc) for doc in docs]
            prev = self.hashes[-1] if self.hashes else self.genesis.hash
            verify_header_chain(headers, self.genesis.chain_id, self.genesis.producers, prev, self.height + 1)
            self.hashes.extend(h.hash for h in headers)
            if len(docs) < 1000:
                break
        if up_to is not None and self.height < up_to:
            raise IntegrityError(f"the node did not provide verifiable headers up to block {up_to}")
        return self.height

    def prove(self, tx_id: str, via: LedgerClient | None = None) -> ProvenTx:
        """Fetch a transaction's inclusion proof (on ``via``, else the default connection) and
        verify it against the header chain."""
        doc = (via or self.client).proof(tx_id)
        try:
            tx = parse_tx(doc["tx"], self.genesis.chain_id)
            header = parse_header(doc["block"])
            height, index, size = doc["height"], doc["index"], doc["tx_count"]
            path = [bytes.fromhex(p) for p in doc["path"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise IntegrityError(f"the node sent a malformed proof: {exc}") from None
        except (MalformedError, SignatureError) as exc:
            raise IntegrityError(f"the node sent a proof that does not verify: {exc.message}") from None
        if tx.id != tx_id:
            raise IntegrityError("the node sent a proof for another transaction")
        if height > self.height:
            self.sync(height, via)
        if header.height != height or header.hash != self.hashes[height - 1]:
            raise IntegrityError(f"block {height} in the proof differs from the verified header chain")
        if size != header.body["tx_count"]:
            raise IntegrityError("the proof's tree size differs from the block header")
        verify_inclusion(tx.leaf, index, size, path, bytes.fromhex(header.merkle_root))
        return ProvenTx(tx, height, header.hash, header.time)


def cross_check(light: LightClient, urls: list[str]) -> dict[str, int | None]:
    """Compare other nodes' headers with the verified chain.

    Returns, for each URL, the first height at which that node's header differs from
    the verified one (``None`` when it agrees on every block both have). A node whose
    store was tampered with shows up here even before its own ``verify`` runs.
    """
    light.sync()
    verdict: dict[str, int | None] = {}
    for url in urls:
        other = LedgerClient([url], retries=1, ca=light.client.ca)  # the same trust as the verified client
        try:
            verdict[url] = _first_difference(light, other)
        finally:
            other.close()
    return verdict


def _first_difference(light: LightClient, other: LedgerClient) -> int | None:
    start = 1
    while start <= light.height:
        docs = other.headers(start, 1000)
        if not docs:
            return None
        for offset, doc in enumerate(docs):
            height = start + offset
            if height > light.height:
                return None
            try:
                if parse_header(doc).hash != light.hashes[height - 1]:
                    return height
            except MalformedError:
                return height
        start += len(docs)
    return None
