"""Deleting a record: what it gives, and doing all of it.

What deletion gives (the README's trade-off paragraph says why it is not crypto-shredding):

- The record and every copy shared from it are retired on the ledger: no node serves
  them again and each node deletes their encrypted data.
- Every consent that covers the record stops covering it. A consent that still covers
  other records is *narrowed*: it names only those, with a new key envelope holding only
  their keys; its old envelope (which holds the deleted record's key) is retired, so the
  ledger never releases it again and the nodes delete it. A consent whose records are all
  deleted is revoked and shows as deleted.
- The deletion is an event of the access log, proven on the ledger like every read.
- This wallet forgets the record's title, file name, type, size and dates; only its
  hash stays (marked deleted), which is all a restore needs to skip it, and SQLite's
  freed pages and write-ahead log are wiped so the old values are gone from the disk.

What it does not give: a copy of the encrypted data taken before (a node's backup, a copy
of the wallet folder) still opens with the recovery phrase, because every record key can
be unwrapped with a key derived from it. Institutions keep what they already read.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from ledger_client.errors import AlreadyRevoked, LedgerError, NotFound, RecordRetired

from . import events
from .audit import trail
from .consent.envelope import upload_envelope
from .errors import WalletError
from .records.blob import unwrap_key
from .records.library import ensure_local_blob
from .records.pipeline import row_of
from .wallet import Wallet

FORGET = ("UPDATE records SET status='deleted', title='', filename=NULL, media_type=NULL, category='other', "
          "fhir_type=NULL, record_date=NULL, size=0, cipher_size=0, imported_at=0, anchor_tx=NULL WHERE record=?")


class DeletionError(WalletError):
    """A consent could not be narrowed after a deletion: this wallet lacks a copy it shared."""

    code = "deletion_error"


@dataclass
class Deletion:
    """What one deletion did: the ids retired, and the consents narrowed or ended by it."""

    retired: list[str]
    narrowed: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)


def delete_record(wallet: Wallet, record: str) -> Deletion:
    """Delete ``record`` and the copies shared from it, everywhere this wallet can."""
    row = row_of(wallet, record)
    original = row["original"] or row["record"]
    targets = [row] + wallet.db.query("SELECT * FROM records WHERE original=? AND status != 'deleted'", (record,))
    result = Deletion([])
    for item in targets:
        if item["status"] == "anchored":
            try:
                wallet.network.submit(wallet.signing_key(item["pseudonym"]), "retire_record",
                                      {"record": item["record"]})
            except (RecordRetired, NotFound):
                pass
        wallet.destroy_local_copy(item["record"])
        result.retired.append(item["record"])
    gone = {original} if row["original"] is None else set()
    _follow_consents(wallet, result, gone, {(t["pseudonym"], t["original"] or t["record"]) for t in targets})
    for retired in result.retired:
        wallet.db.execute(FORGET, (retired,))
    wallet.db.wipe_freed()
    try:
        trail.refresh(wallet)  # the deletion's own event, proven
    except (LedgerError, WalletError):
        pass  # the deletion is done; its event is shown at the next refresh that succeeds
    events.publish("record_deleted", wallet, result.retired)
    return result


def _follow_consents(wallet: Wallet, result: Deletion, gone: set[str], copies: set[tuple[int, str]]) -> None:
    """Narrow or end every consent that covered a retired copy (or the deleted original)."""
    for grant in wallet.db.query("SELECT * FROM grants WHERE revoked_at IS NULL"):
        records = json.loads(grant["records"])
        hit = [r for r in records if r in gone or (grant["pseudonym"], r) in copies]
        if not hit:
            continue
        left = [r for r in records if r not in hit and not _deleted(wallet, r)]
        key = wallet.signing_key(grant["pseudonym"])
        if not left:
            try:
                wallet.network.submit(key, "revoke_consent", {"consent": grant["consent"]})
            except AlreadyRevoked:
                pass
            wallet.db.execute("UPDATE grants SET revoked_at=? WHERE consent=?", (int(time.time()), grant["consent"]))
            result.ended.append(grant["consent"])
            continue
        keys = {copy["record"]: _key_of(wallet, copy["record"]) for copy in _copies(wallet, grant["pseudonym"], left)}
        inst = wallet.network.client.institution(grant["institution"])
        envelope = upload_envelope(wallet.network, key, inst["box_key"], keys)
        wallet.network.submit(key, "narrow_consent", {"consent": grant["consent"], "records": sorted(keys),
                                                      "envelope": envelope})
        wallet.db.execute("UPDATE grants SET records=?, envelope=? WHERE consent=?",
                          (json.dumps(sorted(left)), envelope, grant["consent"]))
        result.narrowed.append(grant["consent"])


def _deleted(wallet: Wallet, record: str) -> bool:
    row = wallet.db.one("SELECT status FROM records WHERE record=?", (record,))
    return row is not None and row["status"] == "deleted"


def _copies(wallet: Wallet, pseudonym: int, originals: list[str]) -> list[dict[str, Any]]:
    """The copies held by ``pseudonym`` of each of ``originals`` (the original itself if it is its own)."""
    found = []
    for original in originals:
        copy = wallet.db.one("SELECT * FROM records WHERE pseudonym=? AND (original=? OR record=?) "
                             "AND status='anchored'", (pseudonym, original, original))
        if copy is None:
            raise DeletionError(detail=f"the copy of record {original[:12]} for this consent is missing")
        found.append(copy)
    return found


def _key_of(wallet: Wallet, record: str) -> bytes:
    return unwrap_key(ensure_local_blob(wallet, record), wallet.wrap_key())[0]
