"""Multi-node ordering through etcd (Raft), the way Hyperledger Fabric's Raft orderer
orders: etcd decides the order, every node validates and applies.

Each node batches the transactions it admitted and appends the batch to the log, a
key under ``/medwallet/<chain_id>/log/`` whose etcd *create revision* is its position
in the one total order (a linearizable range read at revision R shows every batch
created up to R, so no node can miss or reorder one). A transaction is acknowledged
to its client only once its batch is committed by an etcd quorum.

Every node reads the log in create-revision order and turns each batch into the next
block with the pure contract (:meth:`LedgerNode.apply_entry`): block cutting is
deterministic from the ordered log, so no node needs to be the producer, all nodes
compute the same block hashes, and none trusts another's state (signatures and the
contract are checked on every node). The last applied revision is stored with each
block, so a restarted node resumes where it stopped and a new node replays from
genesis. Log keys are never deleted, so etcd history compaction loses nothing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import requests
from etcd3gw.client import Etcd3Client

from ..encoding import canonical, parse_json
from ..errors import LedgerError, NodeUnavailable
from ..tx import SignedTx, parse_tx

T = TypeVar("T")

if TYPE_CHECKING:
    from .ledger import LedgerNode

log = logging.getLogger(__name__)

MAX_BATCH_BYTES = 1024 * 1024  # etcd refuses requests over 1.5 MiB by default
REVISION_META = "etcd_revision"


class EtcdLog:
    """The ordered log of one network in an etcd cluster, with failover between members."""

    def __init__(self, endpoints: list[str], chain_id: str, timeout: float = 2.0) -> None:
        self.prefix = f"/medwallet/{chain_id}/log/"
        self.range_end = self.prefix[:-1] + chr(ord(self.prefix[-1]) + 1)
        self.clients = [self._client(url, timeout) for url in endpoints]
        self._preferred = 0

    @staticmethod
    def _client(url: str, timeout: float) -> Etcd3Client:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        return Etcd3Client(host=parts.hostname or "127.0.0.1", port=parts.port or 2379,
                           protocol=parts.scheme or "http", timeout=timeout, api_path="/v3/")

    def _call(self, fn: Callable[[Etcd3Client], T]) -> T:
        order = self.clients[self._preferred:] + self.clients[:self._preferred]
        last: Exception | None = None
        for client in order:
            try:
                result = fn(client)
            except (requests.RequestException, ValueError, KeyError) as exc:
                last = exc
                continue
            except Exception as exc:  # etcd3gw's own errors (no leader, timeouts)
                last = exc
                continue
            self._preferred = self.clients.index(client)
            return result
        raise NodeUnavailable("the ordering service (etcd) has no quorum or cannot be reached; nothing was "
                              f"recorded, try again ({type(last).__name__})")

    def append(self, name: str, value: bytes) -> None:
        """Append a batch; returns once an etcd quorum has committed it."""
        key = self.prefix + name
        if not self._call(lambda c: c.put(key, value)):
            raise NodeUnavailable("the ordering service refused the batch")

    def read_after(self, revision: int, limit: int = 256) -> list[tuple[int, bytes]]:
        """Batches created after ``revision``, in order: (create revision, value)."""
        rows = self._call(lambda c: c.get(self.prefix, metadata=True, range_end=self.range_end,
                                          sort_order="ascend", sort_target="create", limit=limit,
                                          min_create_revision=revision + 1))
        return [(int(meta["create_revision"]), value) for value, meta in rows]


class EtcdOrdering:
    """Proposes this node's transactions to the log and applies the log as blocks."""

    def __init__(self, node: LedgerNode, endpoints: list[str], poll_interval: float = 0.01) -> None:
        self.node = node
        self.log = EtcdLog(endpoints, node.chain_id)
        self.poll_interval = poll_interval
        self.unproposed: list[SignedTx] = []
        self._acks: dict[str, asyncio.Future[Any]] = {}
        self._wakeup = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []

    @property
    def applied_revision(self) -> int:
        return int(self.node.store.meta(REVISION_META) or 0)

    async def start(self) -> None:
        self._wakeup = asyncio.Event()
        self._tasks = [asyncio.create_task(self._proposer()), asyncio.create_task(self._applier())]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            try:
                await task
            except asyncio.CancelledError:
                pass

    # --- proposing ----------------------------------------------------------------

    def enqueue(self, tx: SignedTx) -> None:
        """A newly admitted transaction waits for the next batch."""
        self.unproposed.append(tx)
        self._acks[tx.id] = asyncio.get_running_loop().create_future()
        self._wakeup.set()

    async def acknowledged(self, tx_ids: list[str], timeout: float) -> None:
        """Return once each transaction is in the etcd log; raise if ordering failed."""
        futures = [self._acks[i] for i in tx_ids if i in self._acks]
        if futures:
            done, _ = await asyncio.wait(futures, timeout=timeout)
            for fut in done:
                fut.result()  # re-raises a proposal failure
            if len(done) != len(futures):
                raise NodeUnavailable("the ordering service did not confirm in time; check the status later")

    async def _proposer(self) -> None:
        # Natural batching: propose as soon as something is waiting; whatever arrives
        # while a proposal is in flight goes into the next one.
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self.unproposed:
                await self._propose(self._take_batch())

    def _take_batch(self) -> list[SignedTx]:
        batch: list[SignedTx] = []
        size = 0
        while self.unproposed and len(batch) < self.node.config.max_block_txs:
            size += len(self.unproposed[0].leaf) + 2
            if batch and size > MAX_BATCH_BYTES:
                break
            batch.append(self.unproposed.pop(0))
        return batch

    async def _propose(self, batch: list[SignedTx]) -> None:
        doc = {"v": 1, "time": self.node.now(), "proposer": self.node.key.public,
               "txs": [tx.to_json() for tx in batch]}
        name = f"{self.node.key.public[:16]}-{time.time_ns()}-{os.urandom(4).hex()}"
        try:
            await asyncio.to_thread(self.log.append, name, canonical(doc))
        except LedgerError as exc:
            log.warning("proposing %d transactions failed: %s", len(batch), exc.message)
            self.node.forget_pending({tx.id for tx in batch})
            self._resolve(batch, exc)
            return
        self._resolve(batch, None)

    def _resolve(self, batch: list[SignedTx], error: LedgerError | None) -> None:
        for tx in batch:
            fut = self._acks.pop(tx.id, None)
            if fut is not None and not fut.done():
                if error is None:
                    fut.set_result(None)
                else:
                    fut.set_exception(error)

    # --- applying -----------------------------------------------------------------

    async def _applier(self) -> None:
        while True:
            try:
                entries = await asyncio.to_thread(self.log.read_after, self.applied_revision)
            except LedgerError as exc:
                log.warning("reading the ordered log failed: %s", exc.message)
                await asyncio.sleep(0.5)
                continue
            for revision, value in entries:
                self.apply(revision, value)
            if not entries:
                await asyncio.sleep(self.poll_interval)

    def apply(self, revision: int, value: bytes) -> None:
        """Turn one log entry into the next block (skipping what is not a valid batch)."""
        txs, proposed_time = _parse_batch(value, self.node.chain_id)
        self.node.apply_entry(txs, proposed_time, {REVISION_META: str(revision)})
        applied = {tx.id for tx in txs}
        self.node.after_entry(applied)
        self.unproposed = [tx for tx in self.unproposed if tx.id in self.node.pending_ids]


def _parse_batch(value: bytes, chain_id: str) -> tuple[list[SignedTx], int]:
    """The valid transactions of a batch and its proposed time; garbage gives none.

    Every node applies the same rule, so a malformed entry (from a faulty node) is
    skipped identically everywhere and the chains stay equal.
    """
    try:
        doc = parse_json(value, max_bytes=2 * MAX_BATCH_BYTES)
        items, proposed = doc["txs"], doc["time"]
        if not isinstance(items, list) or isinstance(proposed, bool) or not isinstance(proposed, int):
            return [], 0
    except (LedgerError, KeyError, TypeError):
        return [], 0
    txs = []
    for item in items:
        try:
            txs.append(parse_tx(item, chain_id))
        except LedgerError:
            continue
    return txs, max(proposed, 0)
