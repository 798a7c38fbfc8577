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

import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger_client.client import LedgerClient
from ledger_client.contract import consent_status
from ledger_client.crypto import SigningKey
from ledger_client.errors import AlreadyRevoked, LedgerError
from ledger_client.tx import MAX_READS

from .. import events, pool
from ..audit import scan
from ..errors import WalletError
from ..records import pipeline
from ..records.blob import SealedRecord, decrypt_content, open_record, unwrap_key
from ..records.library import ensure_local_blob
from ..records.pipeline import Cancel, Progress
from ..texts import N_
from ..wallet import Wallet
from . import references
from .envelope import upload_envelope
from .grant_code import MAX_LABEL_CHARS, MAX_URLS, GrantCode, encode_grant

PURPOSE_LABELS = {"treatment": N_("Treatment"), "emergency": N_("Emergency care"), "research": N_("Research"),
                  "insurance": N_("Insurance / payment"), "operations": N_("Health-care operations")}


class GrantError(WalletError):
    """This consent cannot be given as asked. Check the records, the institution and the dates."""

    code = "grant_error"


@dataclass(frozen=True)
class GrantResult:
    """A consent given: its id, the institution, the records it covers and its grant code."""

    consent: str
    institution: str
    institution_name: str
    records: list[str]
    code: str
    added: tuple[references.Added, ...] = ()  # records added because the chosen ones refer to them


def grant(wallet: Wallet, institution: str, records: list[str], purpose: str, expires_at: int, *,
          not_before: int | None = None, label: str | None = None, progress: Progress | None = None,
          cancel: Cancel | None = None, with_references: bool = True, max_reads: int | None = None) -> GrantResult:
    """Give ``institution`` access to ``records`` for ``purpose`` until ``expires_at``.

    ``label`` is what the desk shows for the patient (a name or initials the patient
    chose); it travels only in the grant's code, never on the ledger. With
    ``with_references`` (the default) the FHIR records that the chosen ones refer to
    (their Patient, Encounter, Medication...) are shared too, so every reference the
    clinic receives resolves (:mod:`.references`); they are named in the result.
    ``max_reads`` makes it a limited-use consent (1: a one-time grant): the contract lets
    the institution read each shared record that many times, then refuses.
    """
    now = int(time.time())
    label = check_label(label)
    not_before = now - 60 if not_before is None else not_before
    if purpose not in PURPOSE_LABELS:
        raise GrantError(detail=f"unknown purpose {purpose!r}")
    if expires_at <= max(now, not_before):
        raise GrantError("The consent must end in the future.")
    if not records:
        raise GrantError("Choose at least one record to share.")
    if max_reads is not None and not 1 <= max_reads <= MAX_READS:
        raise GrantError(f"A consent may allow from 1 to {MAX_READS} reads (or any number).")
    added = tuple(references.needed(wallet, records)) if with_references else ()
    records = list(records) + [a.record for a in added]
    network = wallet.network
    inst = network.client.institution(institution)
    index, key = pool.pseudonym_for(wallet, institution, cancel=cancel)  # registered ahead of time, if it can be
    copies = {record: copy_for(wallet, key, record, index, progress=progress, cancel=cancel) for record in records}
    envelope = upload_envelope(network, key, inst["box_key"], dict(copies.values()))
    payload = {"grantee": institution, "records": sorted(c for c, _ in copies.values()), "purpose": purpose,
               "not_before": not_before, "expires_at": expires_at, "envelope": envelope,
               **({"max_reads": max_reads} if max_reads is not None else {})}
    consent = network.submit(key, "grant_consent", payload)
    record_grant(wallet, consent, index, institution, inst["name"], sorted(records), purpose, not_before, expires_at,
                 envelope, label, max_reads)
    events.publish("consent_granted", wallet, consent)
    return GrantResult(consent, institution, inst["name"], sorted(records), grant_code(wallet, consent), added)


def record_grant(wallet: Wallet, consent: str, index: int, institution: str, name: str, records: list[str],
                 purpose: str, not_before: int, expires_at: int, envelope: str, label: str | None = None,
                 max_reads: int | None = None, reads_left: int | None = None) -> None:
    """Remember a consent this wallet gave (``records`` are the patient's originals)."""
    wallet.db.upsert("grants", {"consent": consent, "pseudonym": index, "institution": institution,
                                "institution_name": name, "records": records, "purpose": purpose,
                                "not_before": not_before, "expires_at": expires_at, "envelope": envelope,
                                "revoked_at": None, "created_at": int(time.time()), "label": label,
                                "max_reads": max_reads, "reads_left": max_reads if reads_left is None else reads_left})


def check_label(label: str | None) -> str | None:
    """The patient's label for the desk, trimmed; None when empty. Refused when too long."""
    label = " ".join((label or "").split())
    if not label:
        return None
    if len(label) > MAX_LABEL_CHARS or not label.isprintable():
        raise GrantError(f"The name for the desk can have at most {MAX_LABEL_CHARS} characters.")
    return label


def copy_for(wallet: Wallet, key: SigningKey, record: str, index: int, *, progress: Progress | None = None,
             cancel: Cancel | None = None) -> tuple[str, bytes]:
    """The copy of ``record`` held by pseudonym ``index`` (signing with ``key``), made, uploaded
    and anchored the first time: its hash and its key. Plaintext never touches the disk."""
    existing = wallet.db.one("SELECT record FROM records WHERE original=? AND pseudonym=? AND status='anchored'",
                             (record, index))
    if existing:
        path = ensure_local_blob(wallet, existing["record"])
        return existing["record"], unwrap_key(path, wallet.wrap_key())[0]
    row = wallet.db.one("SELECT * FROM records WHERE record=? AND status='anchored'", (record,))
    if row is None:
        raise GrantError(f"Record {record[:12]} is not stored on the ledger yet.")
    source = ensure_local_blob(wallet, record, progress, cancel)
    record_key, _ = unwrap_key(source, wallet.wrap_key())
    meta = open_record(source, record_key, None)
    sealed = _reencrypt(wallet, source, record_key, row["size"], meta, record, cancel)
    copy = pipeline.new_row(sealed.hash, sealed.size, row, index, original=record)
    pipeline.insert(wallet, [copy])
    pipeline.send(wallet, key, [copy], progress=progress, cancel=cancel)
    return sealed.hash, sealed.key


def _reencrypt(wallet: Wallet, source: Path, key: bytes, size: int, meta: dict[str, Any], original: str,
               cancel: Cancel | None) -> SealedRecord:
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
            sealed = pipeline.seal_into(wallet, pipe, size, meta, original=original, cancel=cancel)
    finally:
        worker.join()
    if failure:
        raise failure[0]
    return sealed


def grant_code(wallet: Wallet, consent: str) -> str:
    """The QR text for a grant: node addresses, network, consent id, expiry, the patient's label.

    The addresses are those the wallet reaches its network at now (for the embedded
    network, the port of this start): a desk that knows the network by its genesis hash
    uses its own addresses for it, so a code's addresses are hints.
    """
    row = wallet.db.one("SELECT * FROM grants WHERE consent=?", (consent,))
    if row is None:
        raise GrantError("This wallet has no such consent.")
    network = wallet.network
    code = GrantCode(node_urls=tuple(network.nodes[:MAX_URLS]), genesis_hash=bytes.fromhex(network.genesis.hash),
                     consent_id=bytes.fromhex(consent), expiry=row["expires_at"], label=row.get("label"))
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


def list_grants(wallet: Wallet, refresh: bool = True) -> list[dict[str, Any]]:
    """Every consent this wallet gave, with its status now (from the ledger if reachable)."""
    rows = wallet.db.query("SELECT * FROM grants ORDER BY created_at DESC")
    if refresh:
        remote = _remote_consents(wallet, sorted({row["pseudonym"] for row in rows}))
        for row in rows:
            doc = remote.get(row["consent"])
            if doc is None:
                continue
            if doc.get("revoked_at") is not None and row["revoked_at"] is None:
                wallet.db.execute("UPDATE grants SET revoked_at=? WHERE consent=?", (doc["revoked_at"],
                                                                                     row["consent"]))
                row["revoked_at"] = doc["revoked_at"]
            if row.get("max_reads") is not None and doc.get("reads_left") is not None \
                    and doc["reads_left"] != row.get("reads_left"):
                wallet.db.execute("UPDATE grants SET reads_left=? WHERE consent=?", (doc["reads_left"],
                                                                                     row["consent"]))
                row["reads_left"] = doc["reads_left"]
    now = int(time.time())
    for row in rows:
        row["records"] = json.loads(row["records"])
        status = consent_status(row, now)
        if status == "active" and row.get("max_reads") is not None and row.get("reads_left") == 0:
            status = "used_up"  # the ledger's count, as last refreshed
        row["status"] = "deleted" if _all_deleted(wallet, row["records"]) else status
    return rows


def _all_deleted(wallet: Wallet, records: list[str]) -> bool:
    """Every record a consent covered was deleted (the consent then ended with them)."""
    deleted = {r["record"] for r in wallet.db.query("SELECT record FROM records WHERE status='deleted'")}
    return bool(records) and set(records) <= deleted


def _remote_consents(wallet: Wallet, indices: list[int]) -> dict[str, dict[str, Any]]:
    """Each consent as the ledger has it (its revocation, the reads left of a limited-use one),
    asked by each grantor pseudonym on a connection of its own (no node learns which
    pseudonyms are one wallet's); {} if unreachable."""
    def fetch(client: LedgerClient, key: SigningKey) -> list[dict[str, Any]]:
        return client.my_consents(key)
    try:
        listings = scan.each_privately(wallet, [wallet.signing_key(i) for i in indices], fetch)
    except LedgerError:
        return {}
    return {c["consent"]: c for listing in listings for c in listing}


def find_grant(wallet: Wallet, prefix: str) -> dict[str, Any]:
    """A consent by its id or an unambiguous prefix of it."""
    prefix = prefix.strip().lower()
    rows = wallet.db.query("SELECT * FROM grants WHERE consent LIKE ?", (prefix + "%",))
    if len(rows) != 1 or len(prefix) < 6:
        raise GrantError("No consent, or more than one, matches this id.")
    return rows[0]
