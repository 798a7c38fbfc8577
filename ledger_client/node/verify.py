"""Full re-verification of a node's data directory (``medwallet-node verify``).

Re-checks every block against the genesis: linkage, producer signatures, Merkle roots
and transaction signatures, then replays every transaction through the consent
contract into a fresh in-memory state and compares its hash with the stored state.
A block holding a transaction the contract refuses is itself evidence of tampering.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..block import Header, check_block_txs, parse_header, verify_signatures
from ..contract import AdmissionVerifier, BlockContext, execute_block
from ..credentials import verify_admission
from ..errors import LedgerError
from ..genesis import Genesis
from ..state import MemoryState, state_hash
from ..tx import parse_tx_bytes
from .blobs import BlobStore
from .store import Store


@dataclass
class VerifyReport:
    """What ``verify`` found."""

    blocks: int = 0
    txs: int = 0
    state_hash: str = ""
    stored_state_hash: str = ""
    blobs_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_datadir(genesis: Genesis, data: Path, check_blobs: bool = False, *,
                   admission: AdmissionVerifier | None = verify_admission) -> VerifyReport:
    """Verify the store in ``data`` from genesis; never modifies it.

    Replaying admissions re-verifies their proofs with ``admission``.
    """
    store = Store(data / "ledger.sqlite", genesis.chain_id)
    report = VerifyReport()
    try:
        replayed = _replay(store, genesis, report, admission)
        report.state_hash = state_hash(replayed.items())
        report.stored_state_hash = state_hash(store.state_items())
        if report.ok and report.state_hash != report.stored_state_hash:
            report.problems.append("the stored state differs from the state replayed from the blocks")
        if check_blobs:
            _check_blobs(replayed, BlobStore(data / "blobs"), report)
    finally:
        store.close()
    return report


def _replay(store: Store, genesis: Genesis, report: VerifyReport,
            admission: AdmissionVerifier | None) -> MemoryState:
    state = MemoryState()
    prev, expected_height, prev_time = genesis.hash, 1, 0
    for height, stored_hash, header_json, sigs_json in store.raw_blocks():
        try:
            header = parse_header({"header": json.loads(header_json), "signatures": json.loads(sigs_json)})
            _check_header(header, genesis, height, expected_height, stored_hash, prev, prev_time)
            txs = [parse_tx_bytes(leaf, genesis.chain_id) for leaf in store.block_leaves(height)]
            check_block_txs(header.body, txs)
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


def _check_blobs(state: MemoryState, blobs: BlobStore, report: VerifyReport) -> None:
    for key, rec in state.scan("rec/"):
        blob = key[4:]
        if rec.get("retired") is not None or not blobs.exists(blob):
            continue
        report.blobs_checked += 1
        if not blobs.verify(blob):
            report.problems.append(f"blob {blob[:16]}… does not match its hash")
