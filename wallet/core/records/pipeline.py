"""The one record pipeline: seal → upload → anchor, for one record or for thousands.

A record counts as stored only once its anchor is committed on the ledger. Every step is
written to the wallet database first (``encrypted`` → ``uploaded`` → ``anchored``), so an
interrupted import is finished later by :func:`send` with nothing lost: the encrypted copy
stays in the wallet until the node confirms it.

Two ways in, one way on:

* :func:`store_file`: one file of any size, encrypted into the wallet's copy and streamed to
  the node in the same pass (:mod:`.sealing`), then anchored;
* :func:`store_records`: many small records (a FHIR Bundle split into thousands), chunk by
  chunk: one database transaction per state change of a chunk, one batch upload of the
  chunk's small blobs (one request: the node counts it as one upload against the key's
  limit of 60 a second, which a PUT per blob hit), and one batch of the chunk's anchors with consecutive
  sequence numbers. A batch is admitted all or none, so the records of one group (one
  Bundle entry and the attachments made from it) are always in one batch.
* :func:`send` takes rows on from wherever they stopped (upload what is only
  ``encrypted``, anchor what is ``uploaded``): both ways end there, and so do the copies
  made for a consent and the resume of interrupted imports.

Every function that signs takes the key of the pseudonym that anchors: registering that
pseudonym is the caller's own step (:mod:`wallet.core.pseudonyms`).
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ledger_client.access import MAX_BLOB_BATCH, MAX_BLOB_BATCH_BYTES
from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import ContractError, LedgerError, RecordExists

from .. import events
from ..atomic_file import sync_files
from ..errors import Cancelled, FileTooLarge, UnreadableFile, WalletError
from ..wallet import VAULT_PSEUDONYM, Wallet
from .blob import SealedRecord, Sealer, largest_plaintext, open_source, seal_stream
from .kinds import detect
from .sealing import seal_and_upload

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Cancel = Callable[[], bool]
Row = dict[str, Any]
READ_CHUNK = 1024 * 1024
META_ROOM = 128 * 1024  # room left in a blob for its header and metadata
CHUNK_RECORDS = 200  # anchors per batch (the node takes up to 5,000), and the unit of the pipeline
SMALL_BLOB = 8 * 1024 * 1024  # blobs up to this size are sent in one plain PUT
BATCH_WAIT_S = 30
UPLOAD_THREADS = 3
COLUMNS = ("record", "pseudonym", "title", "filename", "media_type", "category", "fhir_type", "record_date", "size",
           "cipher_size", "imported_at", "status", "original", "anchor_tx", "fingerprint")
META_COLUMNS = ("title", "filename", "media_type", "category", "fhir_type", "record_date", "size", "fingerprint")


class UnknownRecord(WalletError):
    """This wallet has no such record. Check the record id (see 'medwallet records')."""

    code = "unknown_record"


@dataclass(frozen=True)
class ImportResult:
    """A record stored and anchored: its id and what the patient sees of it."""

    record: str
    title: str
    size: int
    category: str


@dataclass
class PlannedRecord:
    """A record to store: its metadata and its content (bytes in memory, or a file).

    ``group`` keeps records in one anchor batch; ``parent`` is the position (in the same
    list) of the record this one was derived from, whose id goes into ``meta["derived_from"]``.
    """

    meta: dict[str, Any]
    data: bytes | None = None
    path: Path | None = None
    group: int = 0
    parent: int | None = None

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        return self._path().stat().st_size

    def open(self) -> BinaryIO:
        """The content as a binary stream (:class:`UnreadableFile` if the file cannot be opened)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        return open_source(self._path())

    def _path(self) -> Path:
        if self.path is None:
            raise ValueError("a planned record holds bytes or names a file")
        return self.path


# --- rows ----------------------------------------------------------------------------

def new_row(record: str, cipher_size: int, meta: Mapping[str, Any], pseudonym: int, *, status: str = "encrypted",
            original: str | None = None, anchor_tx: str | None = None, imported_at: int | None = None) -> Row:
    """The wallet database's row of a record (the metadata columns from ``meta``)."""
    row: Row = {column: meta.get(column) for column in META_COLUMNS}
    row.update(record=record, pseudonym=pseudonym, title=meta.get("title") or "Record", size=int(meta.get("size") or 0),
               cipher_size=cipher_size, imported_at=int(time.time()) if imported_at is None else imported_at,
               status=status, original=original, anchor_tx=anchor_tx)
    return row


def insert(wallet: Wallet, rows: Sequence[Row]) -> None:
    """Write rows (new or replacing) in one database transaction."""
    sql = f"INSERT OR REPLACE INTO records ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    with wallet.db.transaction() as conn:
        conn.executemany(sql, [tuple(row[c] for c in COLUMNS) for row in rows])


def row_of(wallet: Wallet, record: str) -> Row:
    """The row of a record that is not deleted (:class:`UnknownRecord` otherwise)."""
    row = wallet.db.one("SELECT * FROM records WHERE record=? AND status != 'deleted'", (record,))
    if row is None:
        raise UnknownRecord()
    return row


def pending_rows(wallet: Wallet) -> list[Row]:
    """Rows of interrupted imports and copies, oldest first."""
    return wallet.db.query("SELECT * FROM records WHERE status IN ('encrypted', 'uploaded') "
                           "ORDER BY imported_at, rowid")


# --- fingerprints: the same content is imported once -------------------------------

def fingerprint(wallet: Wallet, planned: PlannedRecord) -> str:
    """Keyed BLAKE2b-256 of a planned record's content (streamed for files)."""
    hasher = hashlib.blake2b(key=wallet.keys.fingerprint_key(), digest_size=32, person=b"medwallet/rec-fp")
    with planned.open() as source:
        while chunk := source.read(READ_CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def known_fingerprints(wallet: Wallet, fingerprints: Sequence[str]) -> dict[str, str]:
    """Which of ``fingerprints`` the patient's own records (not deleted, not copies) already have: fp → record."""
    found: dict[str, str] = {}
    for start in range(0, len(fingerprints), 500):
        part = list(fingerprints[start:start + 500])
        marks = ", ".join("?" * len(part))
        rows = wallet.db.query("SELECT fingerprint, record FROM records WHERE original IS NULL "
                               f"AND status != 'deleted' AND fingerprint IN ({marks})", tuple(part))
        found.update({row["fingerprint"]: row["record"] for row in rows})
    return found


def result_of(row: Row) -> ImportResult:
    return ImportResult(row["record"], row["title"], row["size"], row["category"])


def _set_status(wallet: Wallet, rows: Sequence[Row], status: str) -> None:
    with wallet.db.transaction() as conn:
        conn.executemany("UPDATE records SET status=?, anchor_tx=COALESCE(?, anchor_tx) WHERE record=?",
                         [(status, row.get("anchor_tx"), row["record"]) for row in rows])
    for row in rows:
        row["status"] = status


# --- sealing -------------------------------------------------------------------------

def blob_limit(wallet: Wallet) -> int:
    """The largest record this network stores (its blob limit, padded to a class, less room for metadata)."""
    limit: int = wallet.network.genesis.policy["max_blob_bytes"]
    return largest_plaintext(limit) - META_ROOM


def check_size(wallet: Wallet, size: int) -> None:
    """:class:`FileTooLarge` unless the network stores a record of ``size`` bytes."""
    limit = blob_limit(wallet)
    if size > limit:
        raise FileTooLarge(detail=f"{size} bytes; this network accepts up to {limit}")


def seal_into(wallet: Wallet, source: BinaryIO, size: int, meta: Mapping[str, Any], *, original: str | None = None,
              cancel: Cancel | None = None, durable: bool = True) -> SealedRecord:
    """Encrypt ``size`` bytes of ``source`` under a fresh key into the wallet's copy of the record.

    ``durable=False`` leaves the sync to the caller (:func:`~wallet.core.atomic_file.sync_files`),
    which must happen before a database row names the record.
    """
    staging = wallet.tmp_path(f"seal-{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}")
    sealed = seal_stream(source, size, dict(meta), wallet.wrap_key(), staging, cancel=cancel, original=original,
                         durable=durable)
    os.replace(staging, wallet.blob_path(sealed.hash))
    return sealed


def plan_file(wallet: Wallet, path: Path, *, title: str | None = None, release: str = "R4") -> PlannedRecord:
    """One file as one record: readable, within the network's limit, its kind detected (FHIR as ``release``)."""
    path = Path(path)
    size, head = _probe(path)
    check_size(wallet, size)
    kind = detect(path, head, size, release)
    meta = {"title": title or path.stem[:120] or "Record", "filename": path.name[:255], "media_type": kind.media_type,
            "category": kind.category, "fhir_type": kind.fhir_type, "record_date": kind.record_date, "size": size}
    return PlannedRecord(meta, path=path)


def _probe(path: Path) -> tuple[int, bytes]:
    try:
        if not path.is_file():
            raise UnreadableFile(detail="not a regular file")
        with open(path, "rb") as src:
            return os.fstat(src.fileno()).st_size, src.read(4096)
    except OSError as exc:
        raise UnreadableFile(detail=type(exc).__name__) from None


# --- one file ------------------------------------------------------------------------

def store_file(wallet: Wallet, key: SigningKey, planned: PlannedRecord, *, progress: Progress | None = None,
               cancel: Cancel | None = None) -> ImportResult:
    """Encrypt a planned file with a fresh key, upload it while encrypting, and anchor it.

    If the upload fails, the complete local copy is kept as ``encrypted`` (for :func:`send`
    to finish later) and the error is raised; a cancel keeps nothing.
    """
    sealed, upload_error = _seal_and_send(wallet, key, planned, progress, cancel)
    row = new_row(sealed.hash, sealed.size, planned.meta, VAULT_PSEUDONYM,
                  status="encrypted" if upload_error else "uploaded")
    insert(wallet, [row])
    if upload_error is not None:
        raise upload_error
    send(wallet, key, [row], progress=progress, cancel=cancel)
    return result_of(row)


def _seal_and_send(wallet: Wallet, key: SigningKey, planned: PlannedRecord, progress: Progress | None,
                   cancel: Cancel | None) -> tuple[SealedRecord, LedgerError | None]:
    """Encrypt into the wallet's copy and stream to the node in one pass (:mod:`.sealing`)."""
    staging = wallet.tmp_path(f"import-{os.getpid()}-{time.monotonic_ns()}")
    size = int(planned.meta["size"])
    with planned.open() as source:
        sealer = Sealer(source, size, planned.meta, wallet.wrap_key(), cancel=cancel)
        sealed, upload_error = seal_and_upload(sealer, staging, wallet.network.client, key, wallet.network.chain_id,
                                               progress=stage(progress, "upload"), cancel=cancel)
    os.replace(staging, wallet.blob_path(sealed.hash))
    return sealed, upload_error


def stage(progress: Progress | None, name: str) -> Callable[[int, int | None], None] | None:
    """A byte-progress callback reporting as stage ``name`` of ``progress``."""
    if progress is None:
        return None
    return lambda done, total: progress(name, done, total or 0)


# --- many records --------------------------------------------------------------------

class _Ticker:
    """Progress per stage, counted in records over the whole import."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total = progress, total
        self.done = {"encrypt": 0, "upload": 0, "anchor": 0}
        self._lock = threading.Lock()  # uploads tick from several threads

    def __call__(self, stage_name: str, n: int = 1) -> None:
        with self._lock:  # reported in order, as a progress bar expects
            self.done[stage_name] += n
            if self.progress:
                self.progress(stage_name, self.done[stage_name], self.total)


def store_records(wallet: Wallet, key: SigningKey, planned: Sequence[PlannedRecord], *,
                  progress: Progress | None = None, cancel: Cancel | None = None,
                  chunk: int | None = None) -> list[ImportResult]:
    """Encrypt, upload and anchor ``planned``; returns the stored records in order.

    ``progress(stage, done, total)`` counts records per stage (encrypt, upload, anchor);
    it may be called from a worker thread.
    """
    for item in planned:
        check_size(wallet, item.size)
    tick = _Ticker(progress, len(planned))
    ids: dict[int, str] = {}
    results: list[ImportResult] = []
    # Two stages in flight: this thread seals chunk n+1 (CPU, disk) while a worker uploads
    # and anchors chunk n (network, the node's CPU). Chunks are sent in order. If sending
    # fails (node unreachable), sealing goes on, so that every record ends up staged and
    # can be finished later; then the error is raised.
    failure: LedgerError | None = None
    with ThreadPoolExecutor(1, thread_name_prefix="record-batch") as sender:
        sending: Future[None] | None = None
        for start, part in _chunks(planned, chunk or CHUNK_RECORDS):
            rows = _seal_chunk(wallet, part, start, ids, cancel, tick)
            failure = failure or _settle(sending)
            sending = sender.submit(_send_chunk, wallet, key, rows, cancel, tick) if failure is None else None
            results.extend(result_of(row) for row in rows)
        failure = failure or _settle(sending)
    if failure is not None:
        raise failure
    return results


def _settle(sending: Future[None] | None) -> LedgerError | None:
    """Wait for the chunk being sent; a ledger failure is returned, a cancel or anything else raised."""
    if sending is None:
        return None
    try:
        sending.result()
    except Cancelled:
        raise
    except LedgerError as exc:
        return exc
    return None


def _chunks(planned: Sequence[PlannedRecord], size: int) -> Iterator[tuple[int, list[PlannedRecord]]]:
    """Consecutive slices of about ``size`` records that never cut a group in two."""
    start = 0
    while start < len(planned):
        end = min(start + size, len(planned))
        while end < len(planned) and planned[end].group == planned[end - 1].group:
            end += 1
        yield start, list(planned[start:end])
        start = end


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def _seal_chunk(wallet: Wallet, part: list[PlannedRecord], start: int, ids: dict[int, str],
                cancel: Cancel | None, tick: _Ticker) -> list[Row]:
    """Seal a chunk and record it as ``encrypted``; on failure its blobs are removed."""
    rows: list[Row] = []
    try:
        for n, item in enumerate(part):
            _check_cancel(cancel)
            meta = dict(item.meta)
            if item.parent is not None:
                meta["derived_from"] = ids[item.parent]
            with item.open() as source:
                sealed = seal_into(wallet, source, item.size, meta, cancel=cancel, durable=False)
            ids[start + n] = sealed.hash
            tick("encrypt")
            rows.append(new_row(sealed.hash, sealed.size, meta, VAULT_PSEUDONYM))
        sync_files(wallet.blob_path(row["record"]) for row in rows)  # one sync for the chunk, before its rows
        insert(wallet, rows)
    except BaseException:
        for row in rows:
            wallet.destroy_local_copy(row["record"])
        raise
    return rows


# --- sending: upload, then anchor ----------------------------------------------------

def send(wallet: Wallet, key: SigningKey, rows: Sequence[Row], *, progress: Progress | None = None,
         cancel: Cancel | None = None) -> None:
    """Finish rows of the pseudonym of ``key``: upload those only ``encrypted``, anchor the ``uploaded``.

    One row reports its upload in bytes; several report records per stage, chunk by chunk.
    """
    if len(rows) == 1:
        _send_chunk(wallet, key, list(rows), cancel, None, stage(progress, "upload"))
        return
    tick = _Ticker(progress, len(rows))
    for start in range(0, len(rows), CHUNK_RECORDS):
        _send_chunk(wallet, key, list(rows[start:start + CHUNK_RECORDS]), cancel, tick)


def _send_chunk(wallet: Wallet, key: SigningKey, rows: list[Row], cancel: Cancel | None, tick: _Ticker | None,
                byte_progress: Callable[[int, int], None] | None = None) -> None:
    _upload(wallet, key, rows, cancel, tick, byte_progress)
    _anchor(wallet, key, rows, tick)


def _upload(wallet: Wallet, key: SigningKey, rows: list[Row], cancel: Cancel | None, tick: _Ticker | None,
            byte_progress: Callable[[int, int], None] | None) -> None:
    """Upload the blobs of ``rows`` still in state ``encrypted``; marks them ``uploaded``.

    Several small blobs go over a few connections at once (each thread its own HTTP
    session), so the client's request overhead overlaps the node's work.
    """
    pending = [row for row in rows if row["status"] == "encrypted"]
    if len(rows) == 1 and pending:
        _upload_resumable(wallet, wallet.network.client_for(key), key, pending[0], byte_progress, cancel)
    elif pending:
        _upload_many(wallet, key, pending, cancel, tick)
    if tick:
        tick("upload", len(rows) - len(pending))
    if pending:
        _set_status(wallet, pending, "uploaded")


def _upload_many(wallet: Wallet, key: SigningKey, pending: list[Row], cancel: Cancel | None,
                 tick: _Ticker | None) -> None:
    """Small blobs go in batch uploads (one request for many); what a batch could not send,
    and any large blob, goes one by one over a few connections."""
    small = [row for row in pending if row["cipher_size"] <= SMALL_BLOB]
    rest = [row for row in pending if row["cipher_size"] > SMALL_BLOB]
    for part in _upload_batches(small):
        _check_cancel(cancel)
        if _put_batch(wallet, key, part):
            if tick:
                tick("upload", len(part))
        else:
            rest.extend(part)
    if rest:
        _upload_each(wallet, key, rest, cancel, tick)


def _upload_batches(rows: list[Row]) -> Iterator[list[Row]]:
    """Consecutive rows in batches the node takes in one request (count and bytes)."""
    part: list[Row] = []
    size = 0
    for row in rows:
        if part and (len(part) == MAX_BLOB_BATCH or size + row["cipher_size"] + 4 > MAX_BLOB_BATCH_BYTES):
            yield part
            part, size = [], 0
        part.append(row)
        size += row["cipher_size"] + 4
    if part:
        yield part


def _put_batch(wallet: Wallet, key: SigningKey, rows: list[Row]) -> bool:
    """One batch upload; False (send them one by one instead, which also fails over) if it did not land."""
    blobs = [wallet.blob_path(row["record"]).read_bytes() for row in rows]
    try:
        stored = wallet.network.client_for(key).put_blobs(key, wallet.network.chain_id, blobs)
    except LedgerError:
        return False
    return stored == [row["record"] for row in rows]


def _upload_each(wallet: Wallet, key: SigningKey, pending: list[Row], cancel: Cancel | None,
                 tick: _Ticker | None) -> None:
    local = threading.local()
    clients: list[LedgerClient] = []
    lock = threading.Lock()

    def put(row: Row) -> None:
        _check_cancel(cancel)
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = LedgerClient(wallet.network.nodes)
            with lock:
                clients.append(client)
        path = wallet.blob_path(row["record"])
        if row["cipher_size"] > SMALL_BLOB or not _put_whole(wallet, client, key, row["record"], path):
            _upload_resumable(wallet, client, key, row, None, None)
        if tick:
            tick("upload")

    try:
        with ThreadPoolExecutor(UPLOAD_THREADS, thread_name_prefix="record-upload") as pool:
            list(pool.map(put, pending))
    finally:
        for client in clients:
            client.close()


def _put_whole(wallet: Wallet, client: LedgerClient, key: SigningKey, record: str, path: Path) -> bool:
    """One plain PUT of a small blob; False (resume instead, which also fails over) if it did not land."""
    try:
        return client.put_blob(key, wallet.network.chain_id, record, path.read_bytes())
    except LedgerError:
        return False


def _upload_resumable(wallet: Wallet, client: LedgerClient, key: SigningKey, row: Row,
                      progress: Callable[[int, int], None] | None, cancel: Cancel | None) -> None:
    path = wallet.blob_path(row["record"])
    client.upload_blob(key, wallet.network.chain_id, row["record"], row["cipher_size"],
                       lambda offset: _read_from(path, offset), progress=progress, cancel=cancel)


def _read_from(path: Path, offset: int) -> Iterator[bytes]:
    with open(path, "rb") as src:
        src.seek(offset)
        while chunk := src.read(READ_CHUNK):
            yield chunk


def _anchor(wallet: Wallet, key: SigningKey, rows: list[Row], tick: _Ticker | None) -> None:
    """Anchor the ``uploaded`` rows: several in one batch of consecutive transactions.

    Any refusal of the batch (a sequence clash is retried by the network first) falls back
    to anchoring one by one, which settles records an earlier attempt anchored.
    """
    pending = [row for row in rows if row["status"] == "uploaded"]
    if pending:
        if len(pending) == 1:
            tx_ids = [_anchor_one(wallet, key, pending[0])]
        else:
            try:
                tx_ids = wallet.network.submit_batch(key, "anchor_record", [_anchor_payload(r) for r in pending],
                                                     timeout=BATCH_WAIT_S)
            except ContractError:
                tx_ids = [_anchor_one(wallet, key, row) for row in pending]
        for row, tx_id in zip(pending, tx_ids, strict=True):
            row["anchor_tx"] = tx_id
        _set_status(wallet, pending, "anchored")
        for row in pending:
            if row["original"] is None:  # the patient's own record (not a copy made for a consent)
                events.publish("record_imported", wallet, row["record"])
    if tick:
        tick("anchor", len(rows))


def _anchor_payload(row: Row) -> dict[str, Any]:
    return {"record": row["record"], "size": row["cipher_size"], "category": row["category"]}


def _anchor_one(wallet: Wallet, key: SigningKey, row: Row) -> str:
    try:
        return wallet.network.submit(key, "anchor_record", _anchor_payload(row))
    except RecordExists:  # an earlier attempt landed
        tx_id: str = wallet.network.client_for(key).record(row["record"], signed_by=key)["tx"]
        return tx_id
