"""Full re-verification of a node's data directory (``medwallet-node verify``).

Re-checks every block against the genesis: numbering, linkage, producer signatures,
Merkle roots and transaction signatures, and every stored column that can be derived
(each transaction row's id is the hash of its bytes and its position is its place in
the block; no row lies outside a block; each mempool row's id is its transaction's).
It then replays every transaction through the consent contract into a fresh in-memory
state and compares it with the stored state, naming the keys that differ. A block
holding a transaction the contract refuses is itself evidence of tampering. With
``--blobs`` every file in the blob store is re-hashed: anchored records, key envelopes
and uploads not yet anchored alike, and each must sit at the path its hash names.

Not derivable, so not checked: the rejection notes (why a node refused a transaction it
never committed) and the last applied etcd revision (which the ordering service knows).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import state_keys as sk
from ..block import Header, parse_header, verify_signatures
from ..contract import AdmissionVerifier, BlockContext, execute_block
from ..credentials import verify_admission
from ..errors import LedgerError
from ..genesis import Genesis
from ..state import MemoryState, state_hash, state_hash_of_texts
from ..tx import parse_tx_bytes
from .blobs import BlobStore, _hash_file
from .store import Store
from .verify_rows import checked_blocks, checked_txs

Progress = Callable[[str, int, int], None]  # (stage, done, total)

MAX_NAMED = 5
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass
class VerifyReport:
    """What ``verify`` found."""

    blocks: int = 0
    txs: int = 0
    state_hash: str = ""
    stored_state_hash: str = ""
    blobs_checked: int = 0
    blobs_missing: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_datadir(genesis: Genesis, data: Path, check_blobs: bool = False, *,
                   admission: AdmissionVerifier | None = verify_admission,
                   workers: int | None = None, progress: Progress | None = None) -> VerifyReport:
    """Verify the store in ``data`` from genesis; never modifies it.

    Replaying admissions re-verifies their proofs with ``admission``. Transactions are
    checked in ``workers`` processes (None: one per core when the chain is long).
    ``progress("blocks", done, total)`` follows the replay and ``progress("blobs", done, total)``
    the re-hashing.
    """
    store = Store(data / "ledger.sqlite", genesis.chain_id, upgrade=False)
    report = VerifyReport()
    try:
        replayed = _replay(store, genesis, report, admission, workers, progress)
        replay_ok = report.ok
        report.state_hash = state_hash(replayed.items())
        # the stored values are hashed as stored: a value not in canonical form differs too
        report.stored_state_hash = state_hash_of_texts(store.state_texts())
        if replay_ok and report.state_hash != report.stored_state_hash:
            report.problems.append("the stored state differs from the state replayed from the blocks"
                                   + _state_diff(replayed, store))
        if replay_ok:
            _check_rows(store, genesis, report)
        if check_blobs:
            _check_blobs(replayed, BlobStore(data / "blobs"), report, progress)
    finally:
        store.close()
    return report


def _replay(store: Store, genesis: Genesis, report: VerifyReport,
            admission: AdmissionVerifier | None, workers: int | None,
            progress: Progress | None) -> MemoryState:
    state = MemoryState()
    prev, expected_height, prev_time = genesis.hash, 1, 0
    total = store.db.execute("SELECT COUNT(*) FROM blocks").fetchone()[0] if progress else 0
    for height, stored_hash, header_json, sigs_json, rows, fault in checked_blocks(store, genesis.chain_id, workers):
        if progress:
            progress("blocks", height - 1, total)
        try:
            header = parse_header({"header": json.loads(header_json), "signatures": json.loads(sigs_json)})
            _check_header(header, genesis, height, expected_height, stored_hash, prev, prev_time)
            if fault is not None:
                raise LedgerError(fault)
            txs = checked_txs(rows)
            writes, _accepted, rejected = execute_block(state, genesis, txs, BlockContext(height, header.time),
                                                       admission=admission)
            if rejected:
                tx, exc = rejected[0]
                raise LedgerError(f"transaction {tx.id[:16]}… breaks the contract: {exc.message}")
        except (LedgerError, ValueError) as exc:
            report.problems.append(f"block {height}: {exc}")
            return state
        state.apply(writes.writes)
        prev, expected_height, prev_time = header.hash, height + 1, header.time
        report.blocks += 1
        report.txs += len(txs)
    return state


def _check_header(header: Header, genesis: Genesis, height: int, expected_height: int, stored_hash: str,
                  prev: str, prev_time: int) -> None:
    body = header.body
    if height != expected_height or body["height"] != height:
        raise LedgerError(f"expected block {expected_height}: blocks are missing or renumbered")
    if body["chain_id"] != genesis.chain_id:
        raise LedgerError("header names another network")
    if body["prev"] != prev:
        raise LedgerError("does not link to the previous block")
    if header.hash != stored_hash:
        raise LedgerError("stored block hash does not match the header")
    if body["time"] < prev_time:
        raise LedgerError("block time goes backwards")
    verify_signatures(header, genesis.producers)


def _check_rows(store: Store, genesis: Genesis, report: VerifyReport) -> None:
    """Rows that no block accounts for, and the persisted mempool's ids."""
    stored = store.tx_count()
    if stored != report.txs:
        report.problems.append(f"the database holds {stored} transaction rows but the blocks hold {report.txs}: "
                               "rows were added or renumbered outside the blocks")
    for tx_id, leaf in store.mempool_items():
        try:
            tx = parse_tx_bytes(leaf, genesis.chain_id)
        except LedgerError as exc:
            report.problems.append(f"mempool transaction {str(tx_id)[:16]}… does not parse: {exc.message}")
            continue
        if tx.id != tx_id:
            report.problems.append(f"mempool transaction {str(tx_id)[:16]}… is stored under an id that is not its hash")


def _state_diff(replayed: MemoryState, store: Store) -> str:
    """The first few keys whose stored value differs from the replayed one."""
    stored = dict(store.state_items())
    keys = sorted(k for k in set(stored) | set(replayed.data) if stored.get(k) != replayed.data.get(k))
    named = ", ".join(keys[:MAX_NAMED]) + (f" and {len(keys) - MAX_NAMED} more" if len(keys) > MAX_NAMED else "")
    return f" ({len(keys)} keys: {named})"


def _check_blobs(state: MemoryState, blobs: BlobStore, report: VerifyReport, progress: Progress | None) -> None:
    """Re-hash every stored blob and count anchored records and envelopes that are missing."""
    stored = list(blobs.stored())
    for done, (path, _) in enumerate(stored):
        if progress:
            progress("blobs", done, len(stored))
        name = Path(path).name
        report.blobs_checked += 1
        if not _HEX64.fullmatch(name) or blobs.path(name) != Path(path):
            report.problems.append(f"blob file {Path(path).relative_to(blobs.root)} is not where its name says")
        elif _hash_file(Path(path)).hexdigest() != name:
            report.problems.append(f"blob {name[:16]}… does not match its hash")
    wanted = {key[len(sk.RECORDS):] for key, rec in state.scan(sk.RECORDS) if rec.get("retired") is None}
    wanted |= {c["envelope"] for _, c in state.scan(sk.CONSENTS) if c.get("envelope")}
    report.blobs_missing = sum(1 for blob in wanted if not blobs.exists(blob))
