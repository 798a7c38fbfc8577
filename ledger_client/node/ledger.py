"""The node's ledger engine: admission into the mempool, block cutting, commit waiters,
and the audited read of a blob.

All methods run on the asyncio event loop thread, so the mempool needs no locks; a running
single node does its writes on a writer thread (:mod:`.writer`): a block's commit and
fsync, and the grouped acknowledgements, while the loop keeps admitting and answering.
Admission applies a transaction to an overlay of the committed state (the pending
state), so a client learns at once whether its transaction is valid against
everything before it. Cutting a block re-executes the pending transactions against
the committed state at the block's time with the pure contract, and commits the block
atomically; the pending overlay is then rebuilt from what is left.
"""

from __future__ import annotations

import asyncio
import logging
import time as _time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import contract, delegation
from .. import state_keys as sk
from ..access import AccessRequest
from ..block import Header, make_header, sign_header
from ..contract import AdmissionVerifier, BlockContext, may_access
from ..credentials import verify_admission
from ..crypto import SigningKey
from ..errors import AccessDenied, ContractError, LedgerError, NotFound, Overloaded, RateLimited, Timeout, read_refusal
from ..genesis import Genesis
from ..state import Overlay
from ..tx import SignedTx, make_tx, parse_tx_bytes
from .blobs import BlobStore
from .block_filters import filter_of_txs
from .etcd_ordering import EtcdOrdering, EtcdTLS
from .quotas import Quotas
from .replication import Replicator
from .startup import check_store
from .store import Store
from .writer import StoreWriter

log = logging.getLogger(__name__)


@dataclass
class NodeConfig:
    """Tunables of block production."""

    block_interval: float = 0.005  # how long a block gathers transactions after the first arrives
    max_block_txs: int = 5000
    max_pending: int = 100_000


@dataclass
class Entry:
    """One ordered batch executed as the next block, before it is stored."""

    header: Header | None  # None: the contract refused every transaction (no block)
    writes: Overlay
    accepted: list[SignedTx]
    rejected: list[tuple[SignedTx, LedgerError]]
    done: list[str]
    meta: dict[str, str] | None
    block_filter: tuple[int, bytes] = (0, b"")

    @property
    def rejections(self) -> list[tuple[str, str, str]]:
        return [(tx.id, exc.code, exc.message) for tx, exc in self.rejected]

    def commit_args(self) -> tuple[Any, ...]:
        """The arguments of :meth:`Store.commit_block` for this entry."""
        assert self.header is not None
        return (self.header, [(tx.id, tx.leaf) for tx in self.accepted], self.writes.writes, self.done,
                self.rejections, self.meta, self.block_filter)


ACK_TIMEOUT = 300.0  # seconds: only a failing disk takes this long to store an acknowledgement


class NodeHooks:
    """What the node tells its observers (metrics); the default observes nothing."""

    def committed(self, count: int, latencies: list[float]) -> None: ...

    def refused(self, code: str, status: int) -> None: ...


class LedgerNode:
    """One node of a Medwallet network, with its own store and key.

    ``admission`` checks anonymous-credential proofs of pseudonym registrations: every node
    verifies them unless told otherwise (``None``: a credential policy then admits nobody).
    """

    def __init__(self, genesis: Genesis, key: SigningKey, data: Path, config: NodeConfig | None = None,
                 clock: Callable[[], float] = _time.time, etcd: list[str] | None = None,
                 peers: list[str] | None = None, *, etcd_tls: EtcdTLS | None = None, peer_ca: str | None = None,
                 quotas: Quotas | None = None, admission: AdmissionVerifier | None = verify_admission) -> None:
        self.genesis = genesis
        self.admission = admission
        self.chain_id = genesis.chain_id
        self.key = key
        self.config = config or NodeConfig()
        self.clock = clock
        self.store = Store(data / "ledger.sqlite", genesis.chain_id)
        self.blobs = BlobStore(data / "blobs")
        self.quotas = quotas or Quotas()
        self.hooks = NodeHooks()
        self.pending: list[SignedTx] = []
        self.pending_ids: set[str] = set()
        self.pending_by_signer: dict[str, int] = {}
        self.admitted_at: dict[str, float] = {}
        self.overlay = Overlay(self.store)
        # which pending transactions wrote each overlay key, so that a committed block can
        # take its own writes out of the overlay without re-admitting everything after it
        self._tx_keys: dict[str, tuple[str, ...]] = {}
        self._key_refs: dict[str, int] = {}
        self._waiters: dict[str, list[asyncio.Future[Any]]] = {}
        self._wakeup: asyncio.Event | None = None
        self.writer: StoreWriter | None = None  # while a single node runs (etcd orders otherwise)
        self._task: asyncio.Task[Any] | None = None
        check_store(self.store, genesis)
        self.store.prune_rejections()
        self.ordering: EtcdOrdering | None = EtcdOrdering(self, etcd, tls=etcd_tls) if etcd else None
        self.replicator = Replicator(self, peers or [], ca=peer_ca)
        if self.ordering is None:  # with etcd, acknowledged means in the etcd log instead
            self._recover_mempool()

    # --- life cycle ---------------------------------------------------------------

    def _recover_mempool(self) -> None:
        """Re-admit transactions acknowledged before a crash but not yet in a block."""
        stale = []
        for tx_id, leaf in self.store.mempool_items():
            try:
                self._admit(parse_tx_bytes(leaf, self.chain_id), persist=False)
            except LedgerError as exc:
                log.info("dropping mempool transaction %s: %s", tx_id[:12], exc.message)
                stale.append(tx_id)
        if stale:
            self.store.mempool_clear(stale)

    async def start(self) -> None:
        self._wakeup = asyncio.Event()
        if self.ordering is not None:
            await self.ordering.start()
        else:
            self.writer = StoreWriter(self.store.path, self.chain_id)
            self._task = asyncio.create_task(self._producer())
            if self.pending:  # recovered from the persisted mempool
                self._wakeup.set()

    async def stop(self) -> None:
        if self.ordering is not None:
            await self.ordering.stop()
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        if self.writer is not None:
            self.writer.close()  # finishes a block commit under way
            self.writer = None
        self.store.close()

    def now(self) -> int:
        return int(self.clock())

    # --- admission ----------------------------------------------------------------

    def _context(self) -> BlockContext:
        height, _, prev_time = self.store.head()
        return BlockContext(height + 1, max(self.now(), prev_time))

    def status_of(self, tx_id: str) -> dict[str, Any]:
        """Where a transaction is: committed (with height), pending, rejected or unknown."""
        loc = self.store.tx_location(tx_id)
        if loc:
            return {"id": tx_id, "status": "committed", "height": loc[0], "index": loc[1]}
        if tx_id in self.pending_ids:
            return {"id": tx_id, "status": "pending"}
        uncertain = self.ordering.uncertain_status(tx_id) if self.ordering is not None else None
        if uncertain is not None:
            return uncertain
        rej = self.store.rejection(tx_id)
        if rej:
            return {"id": tx_id, "status": "rejected", "error": rej[0], "message": rej[1]}
        return {"id": tx_id, "status": "unknown"}

    def _check_room(self, signers: dict[str, int], total: int) -> None:
        """Refuse what would overfill the mempool, or one signer's share of it."""
        if len(self.pending) + total > self.config.max_pending:
            raise Overloaded("the node holds as many unconfirmed transactions as it accepts; try again shortly",
                             retry_after=1.0)
        cap = self.quotas.mempool_cap(self.config.max_pending)
        for signer, count in signers.items():
            if signer != self.key.public and self.pending_by_signer.get(signer, 0) + count > cap:
                raise RateLimited(f"this key already has {self.pending_by_signer.get(signer, 0)} transactions "
                                  f"waiting to commit (at most {cap}); try again once they have", retry_after=1.0)

    def _track(self, tx: SignedTx, keys: tuple[str, ...]) -> None:
        self.pending.append(tx)
        self.pending_ids.add(tx.id)
        self.pending_by_signer[tx.signer] = self.pending_by_signer.get(tx.signer, 0) + 1
        self.admitted_at.setdefault(tx.id, _time.monotonic())
        self._tx_keys[tx.id] = keys
        refs = self._key_refs
        for key in keys:
            refs[key] = refs.get(key, 0) + 1

    def _untrack_committed(self, txs: list[SignedTx]) -> None:
        """Take transactions just committed, in order and all accepted, out of the pending
        set; their writes leave the overlay unless a transaction still pending wrote the
        same key (whose value, written later, stands)."""
        refs, writes = self._key_refs, self.overlay.writes
        for tx in txs:
            self.pending_ids.discard(tx.id)
            left = self.pending_by_signer[tx.signer] - 1
            if left:
                self.pending_by_signer[tx.signer] = left
            else:
                del self.pending_by_signer[tx.signer]
            for key in self._tx_keys.pop(tx.id, ()):
                count = refs[key] - 1
                if count:
                    refs[key] = count
                else:
                    del refs[key]
                    writes.pop(key, None)

    def _admit(self, tx: SignedTx, persist: bool = True) -> dict[str, Any]:
        if tx.id in self.pending_ids or self.store.tx_location(tx.id):
            return self.status_of(tx.id)
        if persist:
            self._check_room({tx.signer: 1}, 1)
        scratch = Overlay(self.overlay)
        contract.apply_tx(scratch, self.genesis, tx, self._context(), admission=self.admission)
        scratch.merge_into(self.overlay)
        self._track(tx, tuple(scratch.writes))
        if persist and self.ordering is not None:
            self.ordering.enqueue(tx)
        elif persist:
            self._persist([(tx.id, tx.leaf)])
        self._wake()
        return {"id": tx.id, "status": "pending"}

    def _persist(self, items: list[tuple[str, bytes]]) -> None:
        """Store acknowledged transactions in the mempool table: with the writer's next group
        while the node runs (:meth:`wait_acknowledged` waits for it), at once otherwise."""
        if self.writer is not None:
            self.writer.acknowledge(items)
        else:
            self.store.mempool_add_many(items)

    def _wake(self) -> None:
        """Start gathering a block (the first transaction), or cut at once (a full block)."""
        if self._wakeup is not None:
            self._wakeup.set()

    def submit(self, tx: SignedTx) -> dict[str, Any]:
        """Admit one verified transaction into the mempool."""
        return self._admit(tx)

    def submit_batch(self, txs: list[SignedTx]) -> list[dict[str, Any]]:
        """Admit all of ``txs`` or none: the first invalid one is reported by index."""
        scratch = Overlay(self.overlay)
        ctx = self._context()
        fresh, keys = [], []
        for index, tx in enumerate(txs):
            if tx.id in self.pending_ids or self.store.tx_location(tx.id):
                continue
            one = Overlay(scratch)
            try:
                contract.apply_tx(one, self.genesis, tx, ctx, admission=self.admission)
            except LedgerError as exc:
                exc.args = (f"transaction {index}: {exc.message}",)
                exc.index = index
                raise
            one.merge_into(scratch)
            fresh.append(tx)
            keys.append(tuple(one.writes))
        signers: dict[str, int] = {}
        for tx in fresh:
            signers[tx.signer] = signers.get(tx.signer, 0) + 1
        self._check_room(signers, len(fresh))
        scratch.merge_into(self.overlay)
        for tx, written in zip(fresh, keys, strict=True):
            self._track(tx, written)
        if self.ordering is not None:
            for tx in fresh:
                self.ordering.enqueue(tx)
        else:
            self._persist([(tx.id, tx.leaf) for tx in fresh])
        self._wake()
        return [self.status_of(tx.id) for tx in txs]

    async def wait_committed(self, tx_ids: list[str], timeout: float) -> list[dict[str, Any]]:
        """Wait until each transaction is committed or rejected."""
        loop = asyncio.get_running_loop()
        futures = []
        for tx_id in tx_ids:
            if tx_id in self.pending_ids:
                fut = loop.create_future()
                self._waiters.setdefault(tx_id, []).append(fut)
                futures.append(fut)
        if futures:
            done, _ = await asyncio.wait(futures, timeout=timeout)
            if len(done) != len(futures):
                raise Timeout("the transaction was accepted but not yet committed; check its status later")
        return [self.status_of(tx_id) for tx_id in tx_ids]

    async def wait_acknowledged(self, tx_ids: list[str], timeout: float) -> None:
        """Return once the transactions are durably acknowledged (persisted mempool, or
        the etcd log in a multi-node network); raise if they could not be."""
        if self.ordering is not None:
            await self.ordering.acknowledged(tx_ids, timeout)
        elif self.writer is not None:
            # Not bound by the request's timeout (which is for the commit): a group may wait
            # for the block being stored ahead of it, as it waited for the loop before.
            try:
                await self.writer.acknowledged(tx_ids, ACK_TIMEOUT)
            except TimeoutError:
                raise Timeout("the node could not store the transaction in time; it may still be "
                              "committed: check its status later") from None

    def forget_pending(self, tx_ids: set[str]) -> None:
        """Drop admitted transactions that could not be ordered (their clients are told)."""
        self._reset_pending([tx for tx in self.pending if tx.id not in tx_ids])
        self._settle_waiters()

    def after_entry(self, applied: set[str]) -> None:
        """After a log entry became a block: re-check what is still pending on top of it."""
        self._reset_pending([tx for tx in self.pending if tx.id not in applied])
        self._settle_waiters()

    def node_tx(self, tx_type: str, payload: dict[str, Any]) -> SignedTx:
        """A transaction signed by this node (access and refusal events)."""
        account = self.overlay.get(sk.account(self.key.public))
        seq = (account["seq"] if account else 0) + 1
        return make_tx(self.key, self.chain_id, tx_type, seq, self.now(), payload)

    # --- block production ---------------------------------------------------------

    async def _producer(self) -> None:
        """Cut a block ``block_interval`` after the first transaction arrives (at once when a
        block is full): whatever arrives while a block is cut and stored goes into the next."""
        assert self._wakeup is not None
        while True:
            await self._wakeup.wait()
            if len(self.pending) < self.config.max_block_txs:
                await asyncio.sleep(self.config.block_interval)
            self._wakeup.clear()
            try:
                await self._cut_off_loop()
            except Exception:  # a storage failure must not kill the producer silently
                log.exception("cutting a block failed")
                await asyncio.sleep(1)
            if self.pending:
                self._wakeup.set()

    def cut_block(self) -> Header | None:
        """Commit the pending transactions (up to the block limit) as one block, here."""
        if not self.pending:
            return None
        txs = self.pending[:self.config.max_block_txs]
        header = self.apply_entry(txs, self.now())
        self._after_cut(txs, header)
        return header

    async def _cut_off_loop(self) -> None:
        """:meth:`cut_block` with the block's storage on the writer thread: the contract runs
        here, and while the block is stored the loop keeps admitting (on top of the block's
        transactions, which stay pending, so their writes stay in the overlay until then)."""
        if not self.pending:
            return
        assert self.writer is not None
        txs = self.pending[:self.config.max_block_txs]
        entry = self._prepare_entry(txs, self.now())
        if entry.header is None:
            await self.writer.run(Store.commit_block_rejections, entry.done, entry.rejections, None)
        else:
            await self.writer.run(Store.commit_block, *entry.commit_args())
            self.store.refresh(entry.writes.writes)  # before the overlay lets go of the block's writes
        self._finish_entry(entry)
        self._after_cut(txs, entry.header)

    def _after_cut(self, txs: list[SignedTx], header: Header | None) -> None:
        rest = self.pending[len(txs):]  # including what was admitted while the block was stored
        if header is not None and header.body["tx_count"] == len(txs):
            # all committed as admitted: what is still pending stays valid on top of them
            self._untrack_committed(txs)
            self.pending = rest
        else:  # some were refused at block time: re-check the rest against what was committed
            self._reset_pending(rest)
        self._settle_waiters()

    def apply_entry(self, txs: list[SignedTx], proposed_time: int, meta: dict[str, str] | None = None) -> Header | None:
        """Commit one ordered batch as the next block, atomically with ``meta``.

        Deterministic: a node applying the same batches in the same order makes the same
        blocks, whoever proposed them (the multi-node ledger relies on it). Transactions
        the contract refuses are left out; a batch with none left makes no block.
        """
        entry = self._prepare_entry(txs, proposed_time, meta)
        if entry.header is None:
            self.store.commit_block_rejections(entry.done, entry.rejections, meta)
        else:
            self.store.commit_block(*entry.commit_args())
        self._finish_entry(entry)
        return entry.header

    def _prepare_entry(self, txs: list[SignedTx], proposed_time: int, meta: dict[str, str] | None = None) -> Entry:
        """Execute a batch as the next block and build its header and filter (nothing stored)."""
        height, prev, prev_time = self.store.head()
        ctx = BlockContext(height + 1, max(proposed_time, prev_time))
        writes, accepted, rejected = contract.execute_block(self.store, self.genesis, txs, ctx,
                                                            admission=self.admission)
        entry = Entry(None, writes, accepted, rejected, [tx.id for tx in txs], meta)
        if accepted:
            body = make_header(self.chain_id, ctx.height, prev or self.chain_id, accepted, ctx.time)
            entry.header = Header(body, (sign_header(body, self.key),))
            entry.block_filter = filter_of_txs(accepted, entry.header.hash, writes)
        return entry

    def _finish_entry(self, entry: Entry) -> None:
        """After a stored entry: delete what it retired, tell the observers."""
        if entry.header is not None:
            self._drop_retired(entry.accepted, entry.writes)
            now = _time.monotonic()
            latencies = [now - t for t in (self.admitted_at.pop(tx.id, None) for tx in entry.accepted) if t is not None]
            self.hooks.committed(len(entry.accepted), latencies)
        for tx, exc in entry.rejected:
            self.admitted_at.pop(tx.id, None)
            self.hooks.refused(exc.code, 409)

    def _settle_waiters(self) -> None:
        """Wake the waiters of every transaction no longer pending (committed or dropped)."""
        for tx_id in [i for i in self._waiters if i not in self.pending_ids]:
            for fut in self._waiters.pop(tx_id):
                if not fut.done():
                    fut.set_result(None)

    def _drop_retired(self, txs: list[SignedTx], writes: Overlay) -> None:
        """Delete what the ledger will never serve again: a retired record's ciphertext (the
        patient asked for it to be gone), the key envelopes a narrowing retired and the
        envelope of a revoked consent (which hold record keys)."""
        for tx in txs:
            if tx.type == "retire_record":
                self.blobs.delete(tx.payload["record"])
            elif tx.type in ("narrow_consent", "revoke_consent"):
                consent = writes.get(sk.consent(tx.payload['consent'])) or {}
                narrowed = tx.type == "narrow_consent"
                gone = consent.get("retired_envelopes", []) if narrowed else [consent.get("envelope")]
                for envelope in gone:
                    if envelope:
                        self.blobs.delete(envelope)

    def _reset_pending(self, rest: list[SignedTx]) -> None:
        self.pending, self.pending_ids, self.overlay = [], set(), Overlay(self.store)
        self.pending_by_signer, self._tx_keys, self._key_refs = {}, {}, {}
        dropped = []
        for tx in rest:
            try:
                self._admit(tx, persist=False)
            except LedgerError as exc:
                dropped.append((tx.id, exc.code, exc.message))
                self.admitted_at.pop(tx.id, None)
        if dropped and self.writer is not None:
            self.writer.later(Store.commit_block_rejections, [d[0] for d in dropped], dropped, None)
        elif dropped:
            self.store.commit_block_rejections([d[0] for d in dropped], dropped)
        if len(self.admitted_at) > 2 * len(self.pending) + 1000:  # forget what left by another way
            self.admitted_at = {i: t for i, t in self.admitted_at.items() if i in self.pending_ids}

    # --- audited reads ------------------------------------------------------------

    async def authorize_read(self, request: AccessRequest, timeout: float = 10.0) -> tuple[Path, str]:
        """Check a signed read against the contract and record it on the ledger.

        Returns the blob's path and the access event's id once the event is committed; raises
        :class:`AccessDenied` (carrying the refusal event's id) otherwise.
        """
        if self.overlay.get(sk.used_request(request.hash)) is not None:
            raise ContractError("this access request was already used; sign a new one", code="replayed_request")
        if abs(request.time - self.now()) > self.genesis.max_skew:
            raise ContractError("the access request's time is too far from the node's clock; "
                                "check the computer's clock",
                                code="stale_request")
        decision = may_access(self.overlay, request.requester, request.record, request.purpose,
                              self._context().time, request.consent)
        if not decision.allowed and decision.reason == "unknown_record":
            # Nothing to protect and no one to tell: no refusal event is written for it.
            raise AccessDenied(contract.REASON_TEXT["unknown_record"], code="unknown_record")
        if decision.allowed and not self.blobs.exists(request.record):
            await self.replicator.fetch(request.record)  # a peer may hold it
        if decision.allowed and not self.blobs.exists(request.record):
            decision = contract.Decision(False, "blob_unavailable", request.consent, decision.owner)
        if decision.allowed:
            tx = self.node_tx("access_event", {"request": request.to_json()})
            try:
                self._admit(tx)
            except ContractError:  # changed since the check above (e.g. revoked): refuse instead
                decision = may_access(self.overlay, request.requester, request.record, request.purpose,
                                      self._context().time, request.consent)
            else:
                status = (await self.wait_committed([tx.id], timeout))[0]
                if status["status"] == "committed":
                    return self.blobs.path(request.record), tx.id
                decision = may_access(self.store, request.requester, request.record, request.purpose,
                                      self._context().time, request.consent)
        return await self._refuse(request, decision, timeout)

    def is_known_party(self, key: str) -> bool:
        """A registered pseudonym or institution, a node of this network, or the delegate of an
        active delegation (who uploads the key envelopes of the consents it gives)."""
        return (self.overlay.get(sk.pseudonym(key)) is not None or self.overlay.get(sk.institution(key)) is not None
                or contract.is_node_key(self.overlay, self.genesis, key)
                or delegation.is_active_delegate(self.overlay, key, self.now()))

    async def _refuse(self, request: AccessRequest, decision: contract.Decision, timeout: float) -> tuple[Path, str]:
        reason = decision.reason if not decision.allowed else "blob_unavailable"
        tx = self.node_tx("refusal_event", {"request": request.to_json(), "reason": reason})
        self._admit(tx)
        await self.wait_committed([tx.id], timeout)
        raise read_refusal(reason)(contract.REASON_TEXT.get(reason, reason), code=reason, event_id=tx.id)

    def require_tx(self, tx_id: str) -> tuple[int, int, bytes]:
        loc = self.store.tx_location(tx_id)
        if loc is None:
            raise NotFound("no committed transaction with this id")
        return loc
