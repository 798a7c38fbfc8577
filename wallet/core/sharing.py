"""Consent: grant an institution access to records, show it as a QR code, revoke it.

Granting to institution I (scope, purpose, validity window):

1. The wallet's relationship pseudonym for I signs everything, so I never sees the
   key of the patient's vault or of another institution's relationship.
2. Each record in scope is shared as a *copy* re-encrypted under a fresh key and
   anchored by that pseudonym: two institutions holding "the same" record hold
   different ciphertexts with different hashes, unlinkable on the ledger.
3. The copies' keys travel in a key envelope sealed to I's X25519 key, stored on
   the node as a blob and released only under the consent (an audited read).
4. The grant transaction names I, the copies, the purpose, the window and the envelope.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ledger_client.contract import consent_status
from ledger_client.errors import AlreadyRevoked, LedgerError

from . import crypto, events
from .errors import WalletError
from .grant_code import GrantCode, encode_grant
from .record_blob import decrypt_content, open_record, seal_stream, unwrap_key
from .records import Cancel, Progress, ensure_local_blob, store_remote
from .wallet import Wallet

ENVELOPE_VERSION = 1
PURPOSE_LABELS = {"treatment": "Treatment", "emergency": "Emergency care", "research": "Research",
                  "insurance": "Insurance / payment", "operations": "Health-care operations"}


class GrantError(WalletError):
    """This consent cannot be given as asked. Check the records, the institution and the dates."""

    code = "grant_error"


@dataclass(frozen=True)
class GrantResult:
    consent: str
    institution: str
    institution_name: str
    records: list[str]
    code: str


def grant(wallet: Wallet, institution: str, records: list[str], purpose: str, expires_at: int, *,
          not_before: int | None = None, progress: Progress | None = None, cancel: Cancel | None = None) -> GrantResult:
    """Give ``institution`` access to ``records`` for ``purpose`` until ``expires_at``."""
    now = int(time.time())
    not_before = now - 60 if not_before is None else not_before
    if purpose not in PURPOSE_LABELS:
        raise GrantError(detail=f"unknown purpose {purpose!r}")
    if expires_at <= max(now, not_before):
        raise GrantError("The consent must end in the future.")
    if not records:
        raise GrantError("Choose at least one record to share.")
    network = wallet.network
    inst = network.client.institution(institution)
    index = wallet.relationship_pseudonym(institution)
    key = wallet.ensure_pseudonym(index, "relationship", institution)
    copies = {record: share_copy(wallet, record, index, progress=progress, cancel=cancel) for record in records}
    envelope = _upload_envelope(wallet, index, inst["box_key"], copies)
    payload = {"grantee": institution, "records": sorted(c for c, _ in copies.values()), "purpose": purpose,
               "not_before": not_before, "expires_at": expires_at, "envelope": envelope}
    consent = network.submit(key, "grant_consent", payload)
    wallet.db.upsert("grants", {"consent": consent, "pseudonym": index, "institution": institution,
                                "institution_name": inst["name"], "records": sorted(records), "purpose": purpose,
                                "not_before": not_before, "expires_at": expires_at, "envelope": envelope,
                                "revoked_at": None, "created_at": now})
    events.publish("consent_granted", wallet, consent)
    return GrantResult(consent, institution, inst["name"], sorted(records), grant_code(wallet, consent))


def share_copy(wallet: Wallet, record: str, index: int, *, progress: Progress | None = None,
               cancel: Cancel | None = None) -> tuple[str, bytes]:
    """The copy of ``record`` held by pseudonym ``index`` (made, uploaded and anchored
    the first time): its hash and its key. Plaintext never touches the disk."""
    existing = wallet.db.one("SELECT record FROM records WHERE original=? AND pseudonym=? AND status='anchored'",
                             (record, index))
    if existing:
        path = ensure_local_blob(wallet, existing["record"])
        return existing["record"], unwrap_key(path, wallet.wrap_key())[0]
    row = wallet.db.one("SELECT * FROM records WHERE record=? AND status='anchored'", (record,))
    if row is None:
        raise GrantError(f"Record {record[:12]} is not stored on the ledger yet.")
    source = ensure_local_blob(wallet, record, progress, cancel)
    key, _ = unwrap_key(source, wallet.wrap_key())
    meta = open_record(source, key, None)
    staging = wallet.tmp_path(f"copy-{record}-{index}")
    sealed = _reencrypt(source, key, row["size"], meta, wallet.wrap_key(), staging, record, cancel)
    os.replace(staging, wallet.blob_path(sealed.hash))
    wallet.db.upsert("records", {**row, "record": sealed.hash, "pseudonym": index, "cipher_size": sealed.size,
                                 "status": "encrypted", "original": record, "anchor_tx": None,
                                 "imported_at": int(time.time())})
    store_remote(wallet, sealed.hash, progress=progress, cancel=cancel)
    return sealed.hash, sealed.key


def _reencrypt(source: Path, key: bytes, size: int, meta: dict, wrap_key: bytes, dst: Path, original: str,
               cancel: Cancel | None):
    """Decrypt ``source`` into a pipe while encrypting from it under a fresh key."""
    read_fd, write_fd = os.pipe()
    failure: list[BaseException] = []

    def produce() -> None:
        try:
            with open(write_fd, "wb", closefd=True) as sink:
                decrypt_content(source, key, sink)
        except BaseException as exc:  # reported below, after the consumer stops
            failure.append(exc)

    worker = threading.Thread(target=produce, daemon=True)
    worker.start()
    try:
        with open(read_fd, "rb", closefd=True) as pipe:
            sealed = seal_stream(pipe, size, meta, wrap_key, dst, cancel=cancel, original=original)
    finally:
        worker.join()
    if failure:
        raise failure[0]
    return sealed


def _upload_envelope(wallet: Wallet, index: int, box_key_hex: str, copies: dict[str, tuple[str, bytes]]) -> str:
    """Seal the copies' keys to the institution and store the envelope on the node."""
    doc = {"v": ENVELOPE_VERSION, "keys": {copy: key.hex() for copy, key in copies.values()}}
    sealed = crypto.seal(crypto.public_box_key(bytes.fromhex(box_key_hex)), json.dumps(doc, sort_keys=True).encode())
    digest = hashlib.sha256(sealed).hexdigest()
    network = wallet.network
    network.client.upload_blob(wallet.signing_key(index), network.chain_id, digest, len(sealed),
                               lambda offset: iter([sealed[offset:]]))
    return digest


def grant_code(wallet: Wallet, consent: str) -> str:
    """The QR text for a grant: node addresses, network, consent id, expiry."""
    row = wallet.db.one("SELECT * FROM grants WHERE consent=?", (consent,))
    if row is None:
        raise GrantError("This wallet has no such consent.")
    code = GrantCode(node_urls=tuple(wallet.settings.nodes[:4]), genesis_hash=bytes.fromhex(wallet.settings.genesis_hash),
                     consent_id=bytes.fromhex(consent), expiry=row["expires_at"])
    return encode_grant(code)


def revoke(wallet: Wallet, consent: str) -> str:
    """Revoke a consent on the ledger; returns the revocation's transaction id."""
    row = wallet.db.one("SELECT * FROM grants WHERE consent=?", (consent,))
    if row is None:
        raise GrantError("This wallet has no such consent.")
    try:
        tx_id = wallet.network.submit(wallet.signing_key(row["pseudonym"]), "revoke_consent", {"consent": consent})
    except AlreadyRevoked:
        tx_id = ""
    wallet.db.execute("UPDATE grants SET revoked_at=? WHERE consent=?", (int(time.time()), consent))
    events.publish("consent_revoked", wallet, consent)
    return tx_id


def list_grants(wallet: Wallet, refresh: bool = True) -> list[dict]:
    """Every consent this wallet gave, with its status now (from the ledger if reachable)."""
    rows = wallet.db.query("SELECT * FROM grants ORDER BY created_at DESC")
    now = int(time.time())
    for row in rows:
        row["records"] = json.loads(row["records"])
        if refresh:
            try:
                remote = wallet.network.client.consent(row["consent"])
                if remote.get("revoked_at") is not None and row["revoked_at"] is None:
                    wallet.db.execute("UPDATE grants SET revoked_at=? WHERE consent=?",
                                      (remote["revoked_at"], row["consent"]))
                    row["revoked_at"] = remote["revoked_at"]
            except LedgerError:
                pass
        row["status"] = consent_status(row, now)
    return rows


def find_grant(wallet: Wallet, prefix: str) -> dict:
    prefix = prefix.strip().lower()
    rows = wallet.db.query("SELECT * FROM grants WHERE consent LIKE ?", (prefix + "%",))
    if len(rows) != 1 or len(prefix) < 6:
        raise GrantError("No consent, or more than one, matches this id.")
    return rows[0]
