"""The patient's side of a delegation: add a delegate, list delegates, revoke one.

Adding a delegate (:func:`add`):

1. a fresh *delegation pseudonym* P, registered like any pseudonym (with an admission proof
   where the network asks for one), used for this delegation and nothing else;
2. a fresh copy of every record in scope, re-encrypted and anchored under P (the delegate
   never learns the originals' ids or keys, nor the copies shared with anyone else);
3. the package (the copies' keys and the titles the delegate needs to choose), sealed to the
   delegate's box key and stored on the nodes;
4. the ``delegate`` transaction signed by P: the delegate's keys and the limits.

What the wallet remembers of a delegation (its label, P's index, the originals in scope)
is kept in its encrypted database; the ledger has no label. Consents the delegate gives
are P's consents: :func:`sync_grants` copies them into the wallet's list of consents, where
the patient sees and revokes them like their own.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from ledger_client.delegation import MIN_GRANT_SECONDS, delegation_status
from ledger_client.errors import AlreadyRevoked, LedgerError
from ledger_client.tx import CATEGORIES, INSTITUTION_KINDS, PURPOSES

from .. import events, pseudonyms
from ..consent import grants
from ..errors import WalletError
from ..records.pipeline import Progress
from ..wallet import VAULT_PSEUDONYM, Wallet
from .code import parse_code
from .package import DelegatedRecord, seal_package

META_KEY = "delegations"
ROLE = "delegation"
MAX_LABEL_CHARS = 80


class DelegationError(WalletError):
    """This delegation cannot be made as asked. Check the records, the limits and the dates."""

    code = "delegation_error"


@dataclass(frozen=True)
class Limits:
    """What the patient lets a delegate do; the contract holds the delegate to it."""

    purposes: tuple[str, ...]
    expires_at: int
    max_grant_seconds: int = 90 * 86400
    institutions: tuple[str, ...] = ()
    institution_kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    revoke_others: bool = False

    def check(self, now: int) -> None:
        if not self.purposes or set(self.purposes) - set(PURPOSES):
            raise DelegationError(key="delegation_error.purposes", params={"purposes": ", ".join(PURPOSES)})
        if set(self.institution_kinds) - set(INSTITUTION_KINDS) or set(self.categories) - set(CATEGORIES):
            raise DelegationError(key="delegation_error.unknown_kind")
        if self.expires_at <= now:
            raise DelegationError(key="delegation_error.past_end")
        if self.max_grant_seconds < MIN_GRANT_SECONDS:
            raise DelegationError(key="delegation_error.grant_too_short")

    def payload(self) -> dict[str, Any]:
        return {"purposes": sorted(self.purposes), "institutions": sorted(self.institutions),
                "institution_kinds": sorted(self.institution_kinds), "categories": sorted(self.categories),
                "max_grant_seconds": self.max_grant_seconds, "expires_at": self.expires_at,
                "revoke_others": self.revoke_others}


@dataclass(frozen=True)
class Added:
    """A delegation made: its id, the delegate's label and fingerprint, the records in scope."""

    delegation: str
    label: str
    fingerprint: str
    records: list[str] = field(default_factory=list)


def _stored(wallet: Wallet) -> list[dict[str, Any]]:
    return list(json.loads(wallet.db.get_meta(META_KEY) or "[]"))


def _store(wallet: Wallet, rows: list[dict[str, Any]]) -> None:
    wallet.db.set_meta(META_KEY, json.dumps(rows, sort_keys=True))


def label_of(wallet: Wallet, index: int) -> str | None:
    """The name the patient gave the delegate whose delegation pseudonym is ``index`` (None: not one)."""
    return next((r["label"] for r in _stored(wallet) if r["index"] == index), None)


def in_scope(wallet: Wallet, records: list[str], categories: tuple[str, ...]) -> list[str]:
    """The patient's own records a delegation covers: those chosen, else every one of the kinds."""
    if records:
        found = [wallet.db.one("SELECT * FROM records WHERE record=? AND status='anchored' AND original IS NULL",
                               (r,)) for r in records]
        if any(row is None for row in found):
            raise DelegationError(key="delegation_error.not_own_records")
        if categories and any(row["category"] not in categories for row in found if row):
            raise DelegationError(key="delegation_error.kind_not_allowed")
        return sorted(set(records))
    if not categories:
        raise DelegationError(key="delegation_error.no_records")
    rows = wallet.db.query("SELECT record, category FROM records WHERE status='anchored' AND original IS NULL "
                           "AND pseudonym=?", (VAULT_PSEUDONYM,))
    chosen = sorted(r["record"] for r in rows if r["category"] in categories)
    if not chosen:
        raise DelegationError(key="delegation_error.no_records_of_kinds")
    return chosen


def add(wallet: Wallet, code_text: str, label: str, records: list[str], limits: Limits, *,
        progress: Progress | None = None) -> Added:
    """Make ``code_text``'s holder a delegate for ``records`` (or every record of ``limits.categories``)."""
    now = int(time.time())
    label = " ".join(label.split())
    if not label or len(label) > MAX_LABEL_CHARS or not label.isprintable():
        raise DelegationError(key="delegation_error.name", params={"max": MAX_LABEL_CHARS})
    limits.check(now)
    code = parse_code(code_text)
    originals = in_scope(wallet, records, limits.categories)
    index = pseudonyms.fresh(wallet, ROLE)
    key = pseudonyms.register(wallet, index, ROLE)
    shared = []
    for original in originals:
        copy, record_key = grants.copy_for(wallet, key, original, index, progress=progress)
        row = wallet.db.one("SELECT * FROM records WHERE record=?", (original,)) or {}
        shared.append(DelegatedRecord(copy, record_key, row.get("title") or "Record", row.get("category") or "other",
                                      row.get("record_date"), row.get("fhir_type")))
    sealed = seal_package(code.box_key, key.public, shared)
    digest = hashlib.sha256(sealed).hexdigest()
    network = wallet.network
    network.client_for(key).upload_blob(key, network.chain_id, digest, len(sealed),
                                        lambda offset: iter([sealed[offset:]]))
    payload = {"delegate": code.sign_key, "delegate_box": code.box_key, **limits.payload(), "package": digest}
    delegation = network.submit(key, "delegate", payload)
    rows = _stored(wallet)
    rows.append({"delegation": delegation, "index": index, "label": label, "delegate": code.sign_key,
                 "records": originals, "created_at": now, **limits.payload(), "revoked_at": None})
    _store(wallet, rows)
    return Added(delegation, label, code.fingerprint, originals)


def list_delegations(wallet: Wallet, refresh: bool = True) -> list[dict[str, Any]]:
    """Every delegation this wallet made, newest first, with its status (from the ledger if reachable)."""
    rows = _stored(wallet)
    if refresh:
        for row in rows:
            key = wallet.signing_key(row["index"])
            try:
                entries = wallet.network.client_for(key).my_delegations(key)
            except LedgerError:
                continue
            for entry in entries:
                if entry["delegation"] == row["delegation"]:
                    row["revoked_at"] = entry.get("revoked_at")
        _store(wallet, rows)
    now = int(time.time())
    for row in rows:
        row["status"] = delegation_status(row, now)
    return sorted(rows, key=lambda r: r["created_at"], reverse=True)


def find(wallet: Wallet, prefix: str) -> dict[str, Any]:
    """A delegation by its id (or an unambiguous prefix of at least 6 characters) or its label."""
    text = prefix.strip()
    rows = [r for r in _stored(wallet) if r["label"].lower() == text.lower()]
    rows = rows or [r for r in _stored(wallet) if len(text) >= 6 and r["delegation"].startswith(text.lower())]
    if len(rows) != 1:
        raise DelegationError(key="delegation_error.ambiguous")
    return rows[0]


def sync_grants(wallet: Wallet) -> list[dict[str, Any]]:
    """Copy the consents delegates gave for this patient into the wallet's consents; returns them."""
    found = []
    for row in _stored(wallet):
        key = wallet.signing_key(row["index"])
        try:
            consents = wallet.network.client_for(key).my_consents(key)
        except LedgerError:
            continue
        originals = {r["record"]: r["original"] for r in wallet.db.query(
            "SELECT record, original FROM records WHERE pseudonym=?", (row["index"],))}
        for consent in consents:
            if consent.get("delegation") != row["delegation"]:
                continue
            known = wallet.db.one("SELECT consent FROM grants WHERE consent=?", (consent["consent"],))
            if known is None:
                name = _institution_name(wallet, consent["grantee"])
                grants.record_grant(wallet, consent["consent"], row["index"], consent["grantee"], name,
                                    sorted(originals.get(r, r) for r in consent["records"]), consent["purpose"],
                                    consent["not_before"], consent["expires_at"], consent.get("envelope") or "")
            if consent.get("revoked_at") is not None:
                wallet.db.execute("UPDATE grants SET revoked_at=? WHERE consent=? AND revoked_at IS NULL",
                                  (consent["revoked_at"], consent["consent"]))
            found.append({**consent, "delegate_label": row["label"]})
    return found


def _institution_name(wallet: Wallet, key: str) -> str:
    try:
        return str(wallet.network.client.institution(key)["name"])
    except LedgerError:
        return key[:12]


def revoke(wallet: Wallet, delegation: str, *, with_grants: bool = False) -> dict[str, Any]:
    """End a delegation (one transaction); with ``with_grants``, also revoke every active consent it gave.

    Without it, the consents the delegate gave stay until they end or the patient revokes them."""
    rows = _stored(wallet)
    row = next((r for r in rows if r["delegation"] == delegation), None)
    if row is None:
        raise DelegationError(key="delegation_error.unknown")
    key = wallet.signing_key(row["index"])
    try:
        tx_id = wallet.network.submit(key, "revoke_delegation", {"delegation": delegation})
    except AlreadyRevoked:
        tx_id = ""
    row["revoked_at"] = int(time.time())
    _store(wallet, rows)
    revoked: list[str] = []
    if with_grants:
        active = [c["consent"] for c in sync_grants(wallet)
                  if c["delegation"] == delegation and c.get("revoked_at") is None and c["expires_at"] > time.time()]
        if active:
            wallet.network.submit_batch(key, "revoke_consent", [{"consent": c} for c in active])
            now = int(time.time())
            for consent in active:
                wallet.db.execute("UPDATE grants SET revoked_at=? WHERE consent=?", (now, consent))
                events.publish("consent_revoked", wallet, consent)
            revoked = active
    return {"delegation": delegation, "tx": tx_id, "grants_revoked": revoked}
