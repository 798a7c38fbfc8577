"""Storing many small records at once: seal each, upload the blobs, anchor them in batches.

:func:`records.import_file` anchors one record per ledger transaction and waits for its
block (about 50 ms each on a local node); a Bundle split into thousands of records
would take minutes that way. Here records go through the same three states as there
(``encrypted`` → ``uploaded`` → ``anchored``, each written to the wallet database
before the next step), but chunk by chunk: one database transaction per state change
of a chunk, one plain PUT per small blob (no offset query first), and one
``submit_batch`` of the chunk's anchors with consecutive sequence numbers of the vault
pseudonym. A batch is admitted all or none, so the records of one group (one Bundle
entry and the attachments made from it) are always in one batch: on the ledger an
entry is either wholly anchored or not at all. If the network fails midway, every
record is still sealed and staged (rows ``encrypted`` / ``uploaded``), so
:func:`records.resume_pending` (or the batched :func:`resume_batch`) finishes the whole
import; a cancel stops at once and leaves what was staged to the same resume.
"""

from __future__ import annotations

import io
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ledger_client.access import make_upload_auth
from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.encoding import parse_json
from ledger_client.errors import ContractError, LedgerError, SequenceClash
from ledger_client.tx import make_tx

from .. import events
from ..errors import Cancelled, FileTooLarge
from ..record_blob import seal_record, seal_stream
from ..records import Cancel, ImportResult, Progress, store_remote
from ..wallet import VAULT_PSEUDONYM, Wallet

CHUNK_RECORDS = 200  # anchors per batch (the node takes up to 5,000), and the unit of the pipeline
SMALL_BLOB = 8 * 1024 * 1024  # blobs up to this size are sent in one plain PUT
BATCH_WAIT_S = 30
UPLOAD_THREADS = 3
_COLUMNS = ("record", "pseudonym", "title", "filename", "media_type", "category", "fhir_type", "record_date", "size",
            "cipher_size", "imported_at", "status", "original", "anchor_tx")


@dataclass
class PlannedRecord:
    """A record to store: its metadata and its content (bytes in memory, or a file).

    ``group`` keeps records in one anchor batch; ``parent`` is the position (in the same
    list) of the record this one was derived from, whose id goes into ``meta["derived_from"]``.
    """

    meta: dict
    data: bytes | None = None
    path: Path | None = None
    group: int = 0
    parent: int | None = None

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else Path(self.path).stat().st_size  # type: ignore[arg-type]


class _Ticker:
    """Progress per stage, counted in records over the whole import."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total = progress, total
        self.done = {"encrypt": 0, "upload": 0, "anchor": 0}
        self._lock = threading.Lock()  # uploads tick from several threads

    def __call__(self, stage: str, n: int = 1) -> None:
        with self._lock:  # reported in order, as a progress bar expects
            self.done[stage] += n
            if self.progress:
                self.progress(stage, self.done[stage], self.total)


def blob_limit(wallet: Wallet) -> int:
    """The largest record this network stores (its blob limit, less room for metadata)."""
    return wallet.network.genesis.policy["max_blob_bytes"] - 128 * 1024


def store_records(wallet: Wallet, planned: list[PlannedRecord], *, progress: Progress | None = None,
                  cancel: Cancel | None = None, chunk: int | None = None) -> list[ImportResult]:
    """Encrypt, upload and anchor ``planned``; returns the stored records in order.

    ``progress(stage, done, total)`` counts records per stage (encrypt, upload, anchor);
    it may be called from a worker thread.
    """
    limit = blob_limit(wallet)
    for item in planned:
        if item.size > limit:
            raise FileTooLarge(detail=f"{item.size} bytes; this network accepts up to {limit}")
    key = wallet.ensure_pseudonym(VAULT_PSEUDONYM, "vault")
    tick = _Ticker(progress, len(planned))
    ids: dict[int, str] = {}
    results: list[ImportResult] = []
    # Two stages in flight: this thread seals chunk n+1 (CPU, disk) while a worker uploads
    # and anchors chunk n (network, the node's CPU). Chunks are sent in order. If sending
    # fails (node unreachable), sealing goes on, so that every record ends up staged and
    # records.resume_pending can finish the whole import later; then the error is raised.
    failure: LedgerError | None = None
    with ThreadPoolExecutor(1, thread_name_prefix="record-batch") as sender:
        sending: Future | None = None
        for start, part in _chunks(planned, chunk or CHUNK_RECORDS):
            rows = _seal_chunk(wallet, part, start, ids, cancel, tick)
            failure = failure or _settle(sending)
            sending = sender.submit(_send, wallet, key, rows, cancel, tick) if failure is None else None
            results.extend(ImportResult(r["record"], r["title"], r["size"], r["category"]) for r in rows)
        failure = failure or _settle(sending)
    if failure is not None:
        raise failure
    return results


def _settle(sending: Future | None) -> LedgerError | None:
    """Wait for the chunk being sent; a ledger failure is returned, anything else raised."""
    if sending is None:
        return None
    try:
        sending.result()
    except LedgerError as exc:
        return exc
    return None


def _send(wallet: Wallet, key: SigningKey, rows: list[dict], cancel: Cancel | None, tick: _Ticker) -> None:
    upload_rows(wallet, key, rows, cancel, tick)
    anchor_rows(wallet, key, rows, tick)


def _chunks(planned: list[PlannedRecord], size: int) -> Iterator[tuple[int, list[PlannedRecord]]]:
    """Consecutive slices of about ``size`` records that never cut a group in two."""
    start = 0
    while start < len(planned):
        end = min(start + size, len(planned))
        while end < len(planned) and planned[end].group == planned[end - 1].group:
            end += 1
        yield start, planned[start:end]
        start = end


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def _seal_chunk(wallet: Wallet, part: list[PlannedRecord], start: int, ids: dict[int, str],
                cancel: Cancel | None, tick: _Ticker) -> list[dict]:
    """Seal a chunk and record it as ``encrypted``; on failure its blobs are removed."""
    rows: list[dict] = []
    try:
        for n, item in enumerate(part):
            rows.append(_seal(wallet, item, ids, start + n, cancel, tick))
        _insert(wallet, rows)
    except BaseException:
        for row in rows:
            wallet.destroy_local_copy(row["record"])
        raise
    return rows


def _seal(wallet: Wallet, item: PlannedRecord, ids: dict[int, str], position: int, cancel: Cancel | None,
          tick: _Ticker) -> dict:
    _check_cancel(cancel)
    meta = dict(item.meta)
    if item.parent is not None:
        meta["derived_from"] = ids[item.parent]
    staging = wallet.tmp_path(f"import-{os.getpid()}-{time.monotonic_ns()}")
    if item.data is not None:
        sealed = seal_stream(io.BytesIO(item.data), len(item.data), meta, wallet.wrap_key(), staging, cancel=cancel)
    else:
        sealed = seal_record(Path(item.path), meta, wallet.wrap_key(), staging, cancel=cancel)  # type: ignore[arg-type]
    os.replace(staging, wallet.blob_path(sealed.hash))
    ids[position] = sealed.hash
    tick("encrypt")
    return {"record": sealed.hash, "pseudonym": VAULT_PSEUDONYM, "title": meta["title"],
            "filename": meta.get("filename"), "media_type": meta.get("media_type"), "category": meta["category"], "fhir_type": meta.get("fhir_type"),
            "record_date": meta.get("record_date"), "size": meta["size"], "cipher_size": sealed.size,
            "imported_at": int(time.time()), "status": "encrypted", "original": None, "anchor_tx": None}


def _insert(wallet: Wallet, rows: list[dict]) -> None:
    sql = f"INSERT OR REPLACE INTO records ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
    with wallet.db.transaction() as conn:
        conn.executemany(sql, [tuple(row[c] for c in _COLUMNS) for row in rows])


def _set_status(wallet: Wallet, rows: list[dict], status: str) -> None:
    with wallet.db.transaction() as conn:
        conn.executemany("UPDATE records SET status=?, anchor_tx=COALESCE(?, anchor_tx) WHERE record=?",
                         [(status, row.get("anchor_tx"), row["record"]) for row in rows])
    for row in rows:
        row["status"] = status


def upload_rows(wallet: Wallet, key: SigningKey, rows: list[dict], cancel: Cancel | None = None,
                tick: Callable[..., None] | None = None) -> None:
    """Upload the blobs of ``rows`` still in state ``encrypted``; marks them ``uploaded``.

    Small blobs go over a few connections at once (each thread its own HTTP session),
    so the client's request overhead overlaps the node's work.
    """
    pending = [row for row in rows if row["status"] == "encrypted"]
    local = threading.local()
    clients: list[LedgerClient] = []

    def put(row: dict) -> None:
        _check_cancel(cancel)
        client = wallet.network.client if UPLOAD_THREADS == 1 else getattr(local, "client", None)
        if client is None:
            client = local.client = LedgerClient(wallet.network.nodes)
            clients.append(client)
        _upload(wallet, client, key, row)
        if tick:
            tick("upload")

    try:
        with ThreadPoolExecutor(UPLOAD_THREADS, thread_name_prefix="record-upload") as pool:
            list(pool.map(put, pending))
    finally:
        for client in clients:
            client.close()
    if tick:
        tick("upload", len(rows) - len(pending))
    if pending:
        _set_status(wallet, pending, "uploaded")


def _upload(wallet: Wallet, client: LedgerClient, key: SigningKey, row: dict) -> None:
    network, record, path = wallet.network, row["record"], wallet.blob_path(row["record"])
    if row["cipher_size"] <= SMALL_BLOB:
        data = path.read_bytes()
        auth = make_upload_auth(key, network.chain_id, record, len(data), int(time.time()))
        try:
            response = client.request("PUT", f"/v1/blobs/{record}", idempotent=False, data=data,
                                      headers={"X-Medwallet-Upload": auth, "Content-Type": "application/octet-stream"})
            if parse_json(response.content).get("complete"):
                return
        except LedgerError:
            pass  # fall back to the resumable upload, which also fails over between nodes
    client.upload_blob(key, network.chain_id, record, row["cipher_size"], lambda offset: _read_from(path, offset))


def _read_from(path: Path, offset: int) -> Iterator[bytes]:
    with open(path, "rb") as src:
        src.seek(offset)
        while chunk := src.read(1 << 20):
            yield chunk


def anchor_rows(wallet: Wallet, key: SigningKey, rows: list[dict], tick: Callable[..., None] | None = None) -> None:
    """Anchor ``rows`` (state ``uploaded``) in one batch of consecutive transactions.

    A sequence clash (another device of this wallet) is retried once; any other refusal
    falls back to anchoring one by one, which settles records an earlier attempt anchored.
    """
    pending = [row for row in rows if row["status"] == "uploaded"]
    if pending:
        network = wallet.network
        for attempt in range(2):
            seq, now = network.client.next_seq(key.public), int(time.time())
            txs = [make_tx(key, network.chain_id, "anchor_record", seq + n, now,
                           {"record": row["record"], "size": row["cipher_size"], "category": row["category"]})
                   for n, row in enumerate(pending)]
            try:
                network.client.submit_batch(txs, wait=True, timeout=BATCH_WAIT_S)
            except SequenceClash:
                if not attempt:
                    continue
                _anchor_one_by_one(wallet, pending)
                break
            except ContractError:
                _anchor_one_by_one(wallet, pending)
                break
            for row, tx in zip(pending, txs):
                row["anchor_tx"] = tx.id
            _set_status(wallet, pending, "anchored")
            break
        for row in pending:
            events.publish("record_imported", wallet, row["record"])
    if tick:
        tick("anchor", len(rows))


def _anchor_one_by_one(wallet: Wallet, rows: list[dict]) -> None:
    for row in rows:
        store_remote(wallet, row["record"])
        row["status"] = "anchored"


def resume_batch(wallet: Wallet, *, progress: Progress | None = None, cancel: Cancel | None = None,
                 chunk: int | None = None) -> list[str]:
    """Finish the patient's interrupted imports in batches; returns the records completed.

    Copies being shared (other pseudonyms) are left to :func:`records.resume_pending`.
    """
    rows = wallet.db.query("SELECT * FROM records WHERE status IN ('encrypted', 'uploaded') AND pseudonym=? "
                           "AND original IS NULL ORDER BY imported_at, rowid", (VAULT_PSEUDONYM,))
    if not rows:
        return []
    key = wallet.ensure_pseudonym(VAULT_PSEUDONYM, "vault")
    tick = _Ticker(progress, len(rows))
    chunk = chunk or CHUNK_RECORDS
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        upload_rows(wallet, key, part, cancel, tick)
        anchor_rows(wallet, key, part, tick)
    return [row["record"] for row in rows]
