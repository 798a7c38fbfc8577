"""Records: import (encrypt, upload, anchor), list, export (decrypt), delete (shred).

A record counts as stored only once its anchor is committed on the ledger. Every step
is recorded in the wallet database first (``encrypted`` → ``uploaded`` → ``anchored``),
so an interrupted import is picked up again by :func:`resume_pending` with nothing
lost: the encrypted copy stays in the wallet until the node confirms it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ledger_client.access import make_access_request
from ledger_client.errors import NotFound, RecordExists, RecordRetired

from . import events
from .errors import FileTooLarge, RecordIntegrityError, UnreadableFile, WalletError
from .file_kinds import detect
from .record_blob import Sealer, open_record, unwrap_key
from .upload_pipeline import seal_and_upload
from .wallet import VAULT_PSEUDONYM, Wallet

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Cancel = Callable[[], bool]
READ_CHUNK = 1024 * 1024
OWNER_PURPOSE = "treatment"


class UnknownRecord(WalletError):
    """This wallet has no such record. Check the record id (see 'medwallet records')."""

    code = "unknown_record"


@dataclass(frozen=True)
class ImportResult:
    record: str
    title: str
    size: int
    category: str


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int | None], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total or 0)


def import_file(wallet: Wallet, path: Path, *, title: str | None = None, progress: Progress | None = None,
                cancel: Cancel | None = None) -> ImportResult:
    """Encrypt a file with a fresh key, upload it and anchor it on the ledger."""
    path = Path(path)
    size, head = _probe(path)
    limit = wallet.network.genesis.policy["max_blob_bytes"] - 128 * 1024
    if size > limit:
        raise FileTooLarge(detail=f"{size} bytes; this network accepts up to {limit}")
    kind = detect(path, head, size)
    meta = {"title": title or path.stem[:120] or "Record", "filename": path.name[:255], "media_type": kind.media_type,
            "category": kind.category, "fhir_type": kind.fhir_type, "record_date": kind.record_date, "size": size}
    sealed, upload_error = _seal_and_send(wallet, path, size, meta, progress, cancel)
    wallet.db.upsert("records", {
        "record": sealed.hash, "pseudonym": VAULT_PSEUDONYM, "title": meta["title"], "filename": meta["filename"],
        "media_type": kind.media_type, "category": kind.category, "fhir_type": kind.fhir_type,
        "record_date": kind.record_date, "size": size, "cipher_size": sealed.size, "imported_at": int(time.time()),
        "status": "encrypted" if upload_error else "uploaded", "original": None, "anchor_tx": None})
    if upload_error is not None:  # the local copy is complete: resume_pending finishes it later
        raise upload_error
    store_remote(wallet, sealed.hash, progress=progress, cancel=cancel)
    events.publish("record_imported", wallet, sealed.hash)
    return ImportResult(sealed.hash, meta["title"], size, kind.category)


def _seal_and_send(wallet: Wallet, path: Path, size: int, meta: dict, progress: Progress | None,
                   cancel: Cancel | None):
    """Encrypt into the wallet's copy and stream to the node in one pass (upload_pipeline)."""
    key = wallet.ensure_pseudonym(VAULT_PSEUDONYM, "vault")
    staging = wallet.tmp_path(f"import-{os.getpid()}-{time.monotonic_ns()}")
    try:
        source = open(path, "rb")
    except OSError as exc:
        raise UnreadableFile(detail=type(exc).__name__) from None
    with source:
        sealer = Sealer(source, size, meta, wallet.wrap_key(), cancel=cancel)
        sealed, upload_error = seal_and_upload(sealer, staging, wallet.network.client, key, wallet.network.chain_id,
                                               progress=_stage(progress, "upload"), cancel=cancel)
    os.replace(staging, wallet.blob_path(sealed.hash))
    return sealed, upload_error


def _probe(path: Path) -> tuple[int, bytes]:
    try:
        if not path.is_file():
            raise UnreadableFile(detail="not a regular file")
        with open(path, "rb") as src:
            return os.fstat(src.fileno()).st_size, src.read(4096)
    except OSError as exc:
        raise UnreadableFile(detail=type(exc).__name__) from None


def store_remote(wallet: Wallet, record: str, *, progress: Progress | None = None,
                 cancel: Cancel | None = None) -> None:
    """Upload and anchor one locally encrypted record (resumes where it stopped)."""
    row = _row(wallet, record)
    key = wallet.ensure_pseudonym(row["pseudonym"], "vault" if row["pseudonym"] == VAULT_PSEUDONYM else "relationship")
    network = wallet.network
    if row["status"] == "encrypted":
        path = wallet.blob_path(record)
        network.client.upload_blob(key, network.chain_id, record, row["cipher_size"],
                                   lambda offset: _read_from(path, offset), progress=_stage(progress, "upload"),
                                   cancel=cancel)
        wallet.db.execute("UPDATE records SET status='uploaded' WHERE record=?", (record,))
    if row["status"] in ("encrypted", "uploaded"):
        tx_id = _anchor(wallet, key, record, row)
        wallet.db.execute("UPDATE records SET status='anchored', anchor_tx=? WHERE record=?", (tx_id, record))


def _anchor(wallet: Wallet, key, record: str, row: dict) -> str:
    network = wallet.network
    try:
        return network.submit(key, "anchor_record", {"record": record, "size": row["cipher_size"],
                                                     "category": row["category"]})
    except RecordExists:  # an earlier attempt landed
        return network.client.record(record)["tx"]


def _read_from(path: Path, offset: int) -> Iterator[bytes]:
    with open(path, "rb") as src:
        src.seek(offset)
        while chunk := src.read(READ_CHUNK):
            yield chunk


def resume_pending(wallet: Wallet, progress: Progress | None = None, cancel: Cancel | None = None) -> list[str]:
    """Finish every import that was interrupted; returns the records completed."""
    done = []
    for row in wallet.db.query("SELECT record FROM records WHERE status IN ('encrypted', 'uploaded')"):
        store_remote(wallet, row["record"], progress=progress, cancel=cancel)
        done.append(row["record"])
        events.publish("record_imported", wallet, row["record"])
    return done


def list_records(wallet: Wallet, include_copies: bool = False) -> list[dict]:
    """The patient's records, newest first (share copies only on request)."""
    where = "status != 'deleted'" + ("" if include_copies else " AND original IS NULL")
    return wallet.db.query(f"SELECT * FROM records WHERE {where} ORDER BY imported_at DESC, record")


def _row(wallet: Wallet, record: str) -> dict:
    row = wallet.db.one("SELECT * FROM records WHERE record=? AND status != 'deleted'", (record,))
    if row is None:
        raise UnknownRecord()
    return row


def find_record(wallet: Wallet, prefix: str) -> dict:
    """A record by its id or an unambiguous prefix of it (as shown in listings)."""
    prefix = prefix.strip().lower()
    rows = wallet.db.query("SELECT * FROM records WHERE record LIKE ? AND status != 'deleted'", (prefix + "%",))
    if len(rows) != 1 or len(prefix) < 6:
        raise UnknownRecord(detail="no record or more than one matches")
    return rows[0]


def ensure_local_blob(wallet: Wallet, record: str, progress: Progress | None = None,
                      cancel: Cancel | None = None) -> Path:
    """The local encrypted copy, fetched from the ledger node as its owner if missing."""
    path = wallet.blob_path(record)
    if path.exists():
        return path
    row = _row(wallet, record)
    key = wallet.signing_key(row["pseudonym"])
    network = wallet.network
    request = make_access_request(key, network.chain_id, record, None, OWNER_PURPOSE, int(time.time()))
    staging = wallet.tmp_path(f"fetch-{record}")
    with open(staging, "wb") as out:
        network.client.download_blob(request, out, progress=_stage(progress, "download"), cancel=cancel)
    os.replace(staging, path)
    return path


def export_record(wallet: Wallet, record: str, dst: Path, *, progress: Progress | None = None,
                  cancel: Cancel | None = None) -> dict:
    """Decrypt a record into ``dst`` after checking every byte; returns its metadata."""
    row = _row(wallet, record)
    for attempt in range(2):
        path = ensure_local_blob(wallet, record, progress, cancel)
        try:
            key, _ = unwrap_key(path, wallet.wrap_key())
            return open_record(path, key, Path(dst), expected_hash=row["record"],
                               progress=_stage(progress, "decrypt"), cancel=cancel)
        except RecordIntegrityError:
            # The local copy is only a cache: a damaged one is fetched again from the ledger
            # node (whose bytes are checked against the same hash). Only if those fail too
            # is the record reported as damaged.
            if attempt or row["status"] != "anchored":
                raise
            wallet.destroy_local_copy(record)
    raise AssertionError("unreachable")


def delete_record(wallet: Wallet, record: str) -> list[str]:
    """Crypto-shred a record and the copies shared from it.

    Each is retired on the ledger (nodes then refuse to serve it and drop the
    ciphertext) and the wallet's copy, the only place its key can be unwrapped from
    on this machine, is destroyed. Returns the ids retired.
    """
    row = _row(wallet, record)
    targets = [row] + wallet.db.query("SELECT * FROM records WHERE original=? AND status != 'deleted'", (record,))
    retired = []
    for item in targets:
        if item["status"] == "anchored":
            try:
                wallet.network.submit(wallet.signing_key(item["pseudonym"]), "retire_record", {"record": item["record"]})
            except (RecordRetired, NotFound):
                pass
        wallet.destroy_local_copy(item["record"])
        wallet.db.execute("UPDATE records SET status='deleted' WHERE record=?", (item["record"],))
        retired.append(item["record"])
    events.publish("record_deleted", wallet, retired)
    return retired
