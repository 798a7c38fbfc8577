"""The patient's records on this computer: list, find, export (decrypt).

Storing them is :mod:`.pipeline`'s work (and deciding what a file becomes,
:mod:`wallet.core.importing`'s; deleting one, :mod:`wallet.core.deletion`'s). The local
encrypted copy of a stored record is a cache: a missing or damaged one is fetched again
from the ledger node, as the owner's audited read, and checked against the same hash.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from ledger_client.access import make_access_request
from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey

from ..errors import RecordIntegrityError
from ..wallet import Wallet
from .blob import open_record, unwrap_key
from .pipeline import Cancel, Progress, Row, UnknownRecord, row_of, stage

OWNER_PURPOSE = "treatment"


def list_records(wallet: Wallet, include_copies: bool = False) -> list[Row]:
    """The patient's records, newest first (share copies only on request)."""
    where = "status != 'deleted'" + ("" if include_copies else " AND original IS NULL")
    return wallet.db.query(f"SELECT * FROM records WHERE {where} ORDER BY imported_at DESC, record")


def find_record(wallet: Wallet, prefix: str) -> Row:
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
    row = row_of(wallet, record)
    key = wallet.signing_key(row["pseudonym"])
    return fetch_blob(wallet, wallet.network.client_for(key), key, record, progress, cancel)


def fetch_blob(wallet: Wallet, client: LedgerClient, key: SigningKey, record: str, progress: Progress | None = None,
               cancel: Cancel | None = None) -> Path:
    """Download ``record`` as its owner ``key`` through ``client`` into the local blob store."""
    path = wallet.blob_path(record)
    request = make_access_request(key, wallet.network.chain_id, record, None, OWNER_PURPOSE, int(time.time()))
    staging = wallet.tmp_path(f"fetch-{record}")
    with open(staging, "wb") as out:
        client.download_blob(request, out, progress=stage(progress, "download"), cancel=cancel)
    os.replace(staging, path)
    return path


def export_record(wallet: Wallet, record: str, dst: Path, *, progress: Progress | None = None,
                  cancel: Cancel | None = None) -> dict[str, Any]:
    """Decrypt a record into ``dst`` after checking every byte; returns its metadata."""
    row = row_of(wallet, record)
    for attempt in range(2):
        path = ensure_local_blob(wallet, record, progress, cancel)
        try:
            key, _ = unwrap_key(path, wallet.wrap_key())
            return open_record(path, key, Path(dst), expected_hash=row["record"],
                               progress=stage(progress, "decrypt"), cancel=cancel)
        except RecordIntegrityError:
            # The local copy is only a cache: a damaged one is fetched again from the ledger
            # node (whose bytes are checked against the same hash). Only if those fail too
            # is the record reported as damaged.
            if attempt or row["status"] != "anchored":
                raise
            wallet.destroy_local_copy(record)
    raise AssertionError("unreachable")
