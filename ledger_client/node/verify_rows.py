"""The per-transaction half of ``medwallet-node verify``, spread over the machine's cores.

Every stored transaction is parsed, schema-checked and its Ed25519 signature verified;
its stored id must be its hash and its stored position its place in the block, and the
block's leaves must hash to the header's Merkle root. That work is independent from
block to block, so worker processes do it in chunks of blocks while the main process
checks the headers and replays the contract in chain order; the results come back in
chain order, a bounded number of chunks ahead, so memory stays flat however long the
chain. Small chains are checked in the calling process (starting workers costs more).
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from ..errors import LedgerError
from ..merkle import leaf_hash, root_from_hashes
from ..tx import SignedTx, parse_stored_leaf
from .store import Store

CHUNK_TXS = 2000  # transactions per unit of work sent to a worker
PARALLEL_FROM = 20_000  # chains with fewer transactions are checked in the calling process
AHEAD = 3  # chunks in flight per worker

Rows = list[tuple[str, int, bytes]]  # id, position, bytes
Job = tuple[int, int, str, Rows]  # height, the header's tx_count and merkle_root, rows


def check_rows(rows: Rows, chain_id: str, tx_count: int, merkle_root: str) -> None:
    """Raise :class:`LedgerError` naming the first fault in one block's stored rows."""
    txs = [parse_stored_leaf(leaf, chain_id) for _, _, leaf in rows]
    if tx_count != len(txs):
        raise LedgerError("transaction count does not match its header")
    if root_from_hashes([leaf_hash(leaf) for _, _, leaf in rows]).hex() != merkle_root:
        raise LedgerError("Merkle root does not match its transactions")
    for position, ((tx_id, idx, _), tx) in enumerate(zip(rows, txs, strict=True)):
        if idx != position:
            raise LedgerError(f"transaction {position} of the block is stored at position {idx}")
        if tx_id != tx.id:
            raise LedgerError(f"transaction {position} is stored under an id that is not its hash")


def _check_chunk(chain_id: str, jobs: list[Job]) -> list[str | None]:
    """Each block's fault (its message), or None: run in a worker process."""
    out: list[str | None] = []
    for _height, tx_count, merkle_root, rows in jobs:
        try:
            check_rows(rows, chain_id, tx_count, merkle_root)
        except LedgerError as exc:
            out.append(exc.message)
        else:
            out.append(None)
    return out


def checked_txs(rows: Rows) -> list[SignedTx]:
    """The transactions of rows a worker found sound, without checking them again."""
    txs = []
    for tx_id, _, leaf in rows:
        doc = json.loads(leaf)
        txs.append(SignedTx(body=doc["tx"], sig=doc["sig"], id=tx_id, leaf=leaf))
    return txs


def _blocks(store: Store) -> Iterator[tuple[int, str, str, str, Rows]]:
    """Every block as stored with its transaction rows, from two scans in chain order."""
    rows = store.all_tx_rows()
    pending = next(rows, None)
    for height, stored_hash, header_json, sigs_json in store.raw_blocks():
        mine: Rows = []
        while pending is not None and pending[0] <= height:
            if pending[0] == height:  # a row under no block is counted by the caller
                mine.append((pending[1], pending[2], pending[3]))
            pending = next(rows, None)
        yield height, stored_hash, header_json, sigs_json, mine


def _job(height: int, header_json: str, rows: Rows) -> Job:
    try:
        body: Any = json.loads(header_json)
        return height, int(body["tx_count"]), str(body["merkle_root"]), rows
    except (ValueError, TypeError, KeyError):
        return height, -1, "", rows  # the header check names the fault first


def checked_blocks(store: Store, chain_id: str, workers: int | None = None
                   ) -> Iterator[tuple[int, str, str, str, Rows, str | None]]:
    """Every block with its rows and the rows' fault (None when sound), in chain order.

    ``workers``: processes to check rows in (None: one per core for a long chain)."""
    if workers is None:
        workers = (os.cpu_count() or 1) if store.tx_count() >= PARALLEL_FROM else 1
    if workers <= 1:
        for height, stored_hash, header_json, sigs_json, rows in _blocks(store):
            fault = _check_chunk(chain_id, [_job(height, header_json, rows)])[0]
            yield height, stored_hash, header_json, sigs_json, rows, fault
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
    pool = ProcessPoolExecutor(workers, mp_context=context)
    try:
        inflight: deque[tuple[list[tuple[int, str, str, str, Rows]], Future[list[str | None]]]] = deque()
        chunk: list[tuple[int, str, str, str, Rows]] = []
        size = 0

        def submit() -> None:
            nonlocal chunk, size
            jobs = [_job(height, header_json, rows) for height, _, header_json, _, rows in chunk]
            inflight.append((chunk, pool.submit(_check_chunk, chain_id, jobs)))
            chunk, size = [], 0

        def drain() -> Iterator[tuple[int, str, str, str, Rows, str | None]]:
            blocks, future = inflight.popleft()
            for block, fault in zip(blocks, future.result(), strict=True):
                yield (*block, fault)

        for block in _blocks(store):
            chunk.append(block)
            size += len(block[4]) + 1
            if size >= CHUNK_TXS:
                submit()
                if len(inflight) >= AHEAD * workers:
                    yield from drain()
        if chunk:
            submit()
        while inflight:
            yield from drain()
    finally:  # also when the caller stops at the first fault: what is still queued is dropped
        pool.shutdown(wait=True, cancel_futures=True)
