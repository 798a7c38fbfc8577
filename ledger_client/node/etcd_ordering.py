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
compute the same block hashes, and none trusts another's state. The last applied
revision is stored with each block, so a restarted node resumes where it stopped and a
new node replays from genesis. Log keys are never deleted.

New entries are noticed through an etcd watch on the log's prefix; the watch only wakes
the reader (the range read stays the source of truth), and when it breaks the node
falls back to polling until it is re-established.

What a client is told is exactly true: an append that never reached etcd is "not
recorded"; one whose outcome is unknown (a timeout, an error after sending) is "may still
commit", and the node keeps answering "pending" for it until it appears in the log or
has become too old to ever commit. A node asked about a transaction it does not know
first catches up with the log (a linearizable read), and says that it is behind when it
cannot, instead of answering "unknown".
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import requests
from etcd3gw.client import Etcd3Client

from ..encoding import canonical, parse_json
from ..errors import LedgerError, NodeUnavailable, OutcomeUnknown
from ..tx import SignedTx, parse_tx

T = TypeVar("T")

if TYPE_CHECKING:
    from .ledger import LedgerNode

log = logging.getLogger(__name__)

MAX_BATCH_BYTES = 1024 * 1024  # etcd refuses requests over 1.5 MiB by default
REVISION_META = "etcd_revision"
READ_LIMIT = 256
# An append whose outcome was unknown is settled once a linearizable read that began this
# long after it finds it absent: longer than etcd keeps a proposal waiting (its request
# timeout is 5 s plus two election timeouts), so it can no longer be committed.
SETTLE_SECONDS = 15.0
_NEVER_SENT = ("Connection refused", "Failed to establish a new connection", "NewConnectionError",
               "Name or service not known", "SSLError", "CERTIFICATE_VERIFY_FAILED")


@dataclass(frozen=True)
class EtcdTLS:
    """Mutual TLS to etcd: the CA that signed the members' certificates and this node's
    client certificate and key (PEM files)."""

    ca: str | None = None
    cert: str | None = None
    key: str | None = None


class BehindLog(NodeUnavailable):
    """This node cannot confirm that it is in step with the ordered log; ask another node or try shortly."""

    code = "node_behind"

    def __init__(self, message: str = "", *, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class EtcdLog:
    """The ordered log of one network in an etcd cluster, with failover between members."""

    def __init__(self, endpoints: list[str], chain_id: str, timeout: float = 2.0,
                 tls: EtcdTLS | None = None) -> None:
        self.prefix = f"/medwallet/{chain_id}/log/"
        self.range_end = self.prefix[:-1] + chr(ord(self.prefix[-1]) + 1)
        self.tls = tls or EtcdTLS()
        self.clients = [self._client(url, timeout) for url in endpoints]
        self._preferred = 0

    def _client(self, url: str, timeout: float) -> Etcd3Client:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        session = requests.Session()
        # Not from the environment: REQUESTS_CA_BUNDLE would silently replace the etcd CA.
        session.trust_env = False
        session.verify = self.tls.ca or True
        if self.tls.cert and self.tls.key:
            session.cert = (self.tls.cert, self.tls.key)
        return Etcd3Client(host=parts.hostname or "127.0.0.1", port=parts.port or 2379,
                           protocol=parts.scheme or "http", timeout=timeout, api_path="/v3/", session=session)

    def _order(self) -> list[Etcd3Client]:
        return self.clients[self._preferred:] + self.clients[:self._preferred]

    def _call(self, fn: Callable[[Etcd3Client], T], *, writes: bool = False) -> T:
        """``fn(client)`` on the first member that answers. For a write, raises
        :class:`OutcomeUnknown` when any attempt may have reached etcd."""
        maybe_sent, last = False, None
        for client in self._order():
            try:
                result = fn(client)
            except Exception as exc:  # requests' and etcd3gw's own errors (no leader, timeouts)
                last = exc
                maybe_sent = maybe_sent or not any(mark in str(exc) for mark in _NEVER_SENT)
                continue
            self._preferred = self.clients.index(client)
            return result
        reason = _reason(last)
        if writes and maybe_sent:
            raise OutcomeUnknown("the ordering service (etcd) did not confirm the transaction; it may still "
                                 f"commit: check its status before signing it again ({reason})")
        raise NodeUnavailable(f"the ordering service (etcd) has no quorum or cannot be reached; nothing was "
                              f"recorded, try again ({reason})")

    def append(self, name: str, value: bytes) -> None:
        """Append a batch; returns once an etcd quorum has committed it."""
        key = self.prefix + name
        if not self._call(lambda c: c.put(key, value), writes=True):
            raise OutcomeUnknown("the ordering service refused the batch without saying why; it may still commit")

    def read_after(self, revision: int, limit: int = READ_LIMIT) -> tuple[list[tuple[int, bytes]], int]:
        """Batches created after ``revision`` in order (create revision, value), and etcd's
        current revision. A linearizable read: it fails rather than answer stale."""
        payload = {"key": _b64(self.prefix), "range_end": _b64(self.range_end), "sort_order": 1, "sort_target": 2,
                   "limit": limit, "min_create_revision": revision + 1}
        doc = self._call(lambda c: c.post(c.get_url("/kv/range"), json=payload))
        rows = [(int(kv["create_revision"]), base64.b64decode(kv.get("value", ""))) for kv in doc.get("kvs", [])]
        return rows, int(doc["header"]["revision"])

    def watch(self, start_revision: int, on_change: Callable[[int], None], stop: threading.Event,
              read_timeout: float = 30.0) -> None:
        """Call ``on_change(revision)`` whenever the log changes, from ``start_revision`` on, until
        ``stop`` is set or the stream breaks (the caller re-establishes it)."""
        client = self._order()[0]
        request = {"create_request": {"key": _b64(self.prefix), "range_end": _b64(self.range_end),
                                      "start_revision": start_revision, "progress_notify": True}}
        with client.session.post(client.get_url("/watch"), json=request, stream=True,
                                 timeout=(client.timeout, read_timeout)) as response:
            response.raise_for_status()
            for line in response.iter_lines():
                if stop.is_set():
                    return
                if line.strip():
                    doc = json.loads(line)
                    if "error" in doc:
                        raise RuntimeError(str(doc["error"])[:200])
                    on_change(int(doc.get("result", {}).get("header", {}).get("revision", 0)))


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _reason(exc: Exception | None) -> str:
    if exc is None:
        return "no endpoint"
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return "the etcd member's TLS certificate is not trusted by this node's etcd CA"
    if "SSLError" in text or ("alert" in text.lower() and "tls" in text.lower()):
        return "the TLS handshake with etcd failed: check the client certificate and key"
    return type(exc).__name__


class EtcdOrdering:
    """Proposes this node's transactions to the log and applies the log as blocks."""

    def __init__(self, node: LedgerNode, endpoints: list[str], tls: EtcdTLS | None = None,
                 poll_interval: float = 0.01, safety_interval: float = 1.0, in_step_window: float = 2.0) -> None:
        self.node = node
        self.log = EtcdLog(endpoints, node.chain_id, tls=tls)
        self.poll_interval = poll_interval  # while the watch is down
        self.safety_interval = safety_interval  # re-read now and then even with a watch
        self.in_step_window = in_step_window
        self.unproposed: list[SignedTx] = []
        self.uncertain: dict[str, float] = {}  # tx id -> monotonic time of the failed append
        self._acks: dict[str, asyncio.Future[Any]] = {}
        self._wakeup = asyncio.Event()
        self._changed = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._stop = threading.Event()
        self.watching = False
        self.head_revision = 0
        self.in_step_at = 0.0  # monotonic time of the last read that found nothing newer

    @property
    def applied_revision(self) -> int:
        return int(self.node.store.meta(REVISION_META) or 0)

    @property
    def lag(self) -> int:
        """etcd revisions between the cluster's head (as last seen) and this node's last applied entry."""
        return max(0, self.head_revision - self.applied_revision)

    async def start(self) -> None:
        self._wakeup, self._changed = asyncio.Event(), asyncio.Event()
        self._stop.clear()
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._watcher, args=(loop,), name="etcd-watch", daemon=True).start()
        self._tasks = [asyncio.create_task(self._proposer()), asyncio.create_task(self._applier())]

    async def stop(self) -> None:
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            try:
                await task
            except asyncio.CancelledError:
                pass
        for fut in self._acks.values():
            if not fut.done():
                fut.cancel()

    # --- proposing ----------------------------------------------------------------

    def enqueue(self, tx: SignedTx) -> None:
        """A newly admitted transaction waits for the next batch."""
        self.unproposed.append(tx)
        self.uncertain.pop(tx.id, None)
        fut = asyncio.get_running_loop().create_future()
        fut.add_done_callback(_retrieve)  # an abandoned wait must not log "exception never retrieved"
        self._acks[tx.id] = fut
        self._wakeup.set()

    async def acknowledged(self, tx_ids: list[str], timeout: float) -> None:
        """Return once each transaction is in the etcd log; raise if ordering failed."""
        futures = [self._acks[i] for i in tx_ids if i in self._acks]
        if futures:
            done, _ = await asyncio.wait(futures, timeout=timeout)
            for fut in done:
                if not fut.cancelled():
                    fut.result()  # re-raises a proposal failure
            if len(done) != len(futures):
                raise OutcomeUnknown("the ordering service did not confirm in time; the transaction may still "
                                     "commit: check its status")

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
            if isinstance(exc, OutcomeUnknown):
                for tx in batch:  # they may still appear in the log: "pending" until settled
                    self.uncertain[tx.id] = time.monotonic()
            self.node.forget_pending({tx.id for tx in batch})
            self._resolve([tx.id for tx in batch], exc)
            return
        self._resolve([tx.id for tx in batch], None)

    def _resolve(self, tx_ids: Iterable[str], error: LedgerError | None) -> None:
        for tx_id in tx_ids:
            fut = self._acks.pop(tx_id, None)
            if fut is not None and not fut.done():
                if error is None:
                    fut.set_result(None)
                else:
                    fut.set_exception(error)

    def uncertain_status(self, tx_id: str) -> dict[str, Any] | None:
        """The status of a transaction whose ordering outcome is unknown (None: not such a one)."""
        if tx_id not in self.uncertain:
            return None
        return {"id": tx_id, "status": "pending", "uncertain": True,
                "message": "the ordering service did not confirm this transaction; it may still commit"}

    def _settle(self, read_started: float) -> None:
        """Uncertain appends a read begun long enough after them did not find: not ordered."""
        settled = [i for i, failed in self.uncertain.items() if read_started - failed > SETTLE_SECONDS]
        if settled:
            reason = ("not_ordered", "the ordering service did not record this transaction; submit it again")
            self.node.store.commit_block_rejections(settled, [(i, *reason) for i in settled])
            for tx_id in settled:
                del self.uncertain[tx_id]

    # --- applying -----------------------------------------------------------------

    async def _applier(self) -> None:
        while True:
            try:
                caught_up = await self.catch_up_once()
            except LedgerError as exc:
                log.warning("reading the ordered log failed: %s", exc.message)
                await asyncio.sleep(0.5)
                continue
            if caught_up:
                await self._wait_for_change()

    async def _wait_for_change(self) -> None:
        timeout = self.safety_interval if self.watching else self.poll_interval
        try:
            await asyncio.wait_for(self._changed.wait(), timeout)
        except TimeoutError:
            pass
        self._changed.clear()

    async def catch_up_once(self) -> bool:
        """Read and apply the next entries; True once nothing newer was found."""
        started = time.monotonic()
        entries, head = await asyncio.to_thread(self.log.read_after, self.applied_revision)
        for revision, value in entries:
            self.apply(revision, value)
        self.head_revision = max(self.head_revision, head)
        if len(entries) < READ_LIMIT:
            self.in_step_at = time.monotonic()
            if self.uncertain:
                self._settle(started)
            return True
        return False

    async def sync(self, timeout: float = 3.0) -> None:
        """Catch up with the log now (a linearizable read); :class:`BehindLog` if that fails."""
        deadline = time.monotonic() + timeout
        try:
            while not await asyncio.wait_for(self.catch_up_once(), max(0.1, deadline - time.monotonic())):
                if time.monotonic() > deadline:
                    raise TimeoutError
        except (TimeoutError, LedgerError):
            behind = time.monotonic() - self.in_step_at if self.in_step_at else None
            since = f"; last in step {behind:.0f} s ago" if behind is not None else ""
            raise BehindLog(f"this node cannot reach the ordering service to confirm it is up to date{since}; "
                            "ask another node or try again shortly") from None

    def apply(self, revision: int, value: bytes) -> None:
        """Turn one log entry into the next block (skipping what is not a valid batch)."""
        if revision <= self.applied_revision:
            return  # already applied (the applier and a sync read overlapping entries)
        txs, proposed_time = _parse_batch(value, self.node.chain_id)
        self.node.apply_entry(txs, proposed_time, {REVISION_META: str(revision)})
        applied = {tx.id for tx in txs}
        for tx_id in applied:
            self.uncertain.pop(tx_id, None)
        # Whoever proposed it, a transaction in the log is acknowledged: wake this node's waiters
        # too (a client that resubmitted here after another node took it first).
        self._resolve([tx_id for tx_id in applied if tx_id in self._acks], None)
        self.node.after_entry(applied)
        self.unproposed = [tx for tx in self.unproposed if tx.id in self.node.pending_ids]
        # Admitted here but no longer pending (committed from another node's entry, or now refused
        # on top of it): its fate is decided and its status says which; nobody waits for it.
        self._resolve([tx_id for tx_id in self._acks if tx_id not in self.node.pending_ids], None)

    # --- watching -----------------------------------------------------------------

    def _watcher(self, loop: asyncio.AbstractEventLoop) -> None:
        """Thread: keep a watch on the log open, waking the applier at each change."""
        def changed(revision: int) -> None:
            self.head_revision = max(self.head_revision, revision)
            loop.call_soon_threadsafe(self._changed.set)
        while not self._stop.is_set():
            try:
                self.watching = True
                self.log.watch(self.applied_revision + 1, changed, self._stop)
            except Exception as exc:
                if not self._stop.is_set():
                    log.info("the etcd watch broke (%s); polling until it is back", type(exc).__name__)
            finally:
                self.watching = False
            self._stop.wait(1.0)


def _retrieve(fut: asyncio.Future[Any]) -> None:
    if not fut.cancelled():
        fut.exception()


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
