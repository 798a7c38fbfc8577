"""The delegate's side, in the delegate's own wallet: act for someone who made you their delegate.

The delegate's wallet derives a fresh key pair for each person it acts for (KDF purposes
``mw/delegate-sign`` and ``mw/delegate-box``, by index), shows its public code
(:mod:`.code`), and once the patient has signed the delegation, finds it on the ledger by
that key alone. To grant, it fetches the package (the in-scope records' keys, given only
while the delegation is active, never written to disk), seals the chosen records' keys to the
institution, stores that envelope and signs a ``delegated_grant``; the contract decides
whether it is within the limits. Each key serves one delegation and is used for nothing
else, so no two people a delegate acts for are linked on the ledger by the delegate.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any

from nacl.public import PrivateKey

from ledger_client.crypto import SigningKey
from ledger_client.errors import AlreadyRevoked, LedgerError

from ..consent.envelope import seal_envelope
from ..consent.grant_code import MAX_URLS, GrantCode, encode_grant
from ..errors import WalletError
from ..keys import sodium
from ..wallet import Wallet
from .code import DelegateCode
from .package import DelegatedRecord, open_package

META_KEY = "acting_for"
PURPOSE_SIGN = "mw/delegate-sign"
PURPOSE_BOX = "mw/delegate-box"


class ActingError(WalletError):
    """You cannot act for this person as asked: check whom you act for, the records and the dates."""

    code = "acting_error"


class NotDelegatedYet(ActingError):
    """The patient has not made you their delegate yet (or not on this network): give them your code."""

    code = "not_delegated_yet"


@dataclass(frozen=True)
class DelegatedGrant:
    """A consent given for the patient: its id, the institution and the grant code for its desk."""

    consent: str
    institution: str
    institution_name: str
    records: list[str]
    code: str


def keys(wallet: Wallet, index: int) -> tuple[SigningKey, PrivateKey]:
    """The delegate key pair of acting slot ``index`` (derived from this wallet's seed)."""
    seed = wallet.keys.seed
    sign = SigningKey(sodium.derive_key(seed, PURPOSE_SIGN, index))
    return sign, sodium.box_key(sodium.derive_key(seed, PURPOSE_BOX, index))


def _stored(wallet: Wallet) -> list[dict[str, Any]]:
    return list(json.loads(wallet.db.get_meta(META_KEY) or "[]"))


def _store(wallet: Wallet, rows: list[dict[str, Any]]) -> None:
    wallet.db.set_meta(META_KEY, json.dumps(rows, sort_keys=True))


def new_code(wallet: Wallet, label: str) -> tuple[dict[str, Any], DelegateCode]:
    """A fresh code to hand to ``label`` (the person you will act for), remembered by this wallet."""
    label = " ".join(label.split())
    if not label or len(label) > 80 or not label.isprintable():
        raise ActingError(key="acting_error.name")
    rows = _stored(wallet)
    if any(r["label"].lower() == label.lower() for r in rows):
        raise ActingError(key="acting_error.exists", params={"label": label})
    index = max((r["index"] for r in rows), default=-1) + 1
    sign, box = keys(wallet, index)
    row: dict[str, Any] = {"index": index, "label": label, "created_at": int(time.time()), "grants": []}
    rows.append(row)
    _store(wallet, rows)
    return row, DelegateCode(sign.public, bytes(box.public_key).hex())


def code_of(wallet: Wallet, row: dict[str, Any]) -> DelegateCode:
    sign, box = keys(wallet, row["index"])
    return DelegateCode(sign.public, bytes(box.public_key).hex())


def find(wallet: Wallet, who: str) -> dict[str, Any]:
    """The person you act for, by the name you gave them."""
    rows = [r for r in _stored(wallet) if r["label"].lower() == " ".join(who.split()).lower()]
    if len(rows) != 1:
        raise ActingError(key="acting_error.unknown", params={"who": who})
    return rows[0]


def delegation(wallet: Wallet, row: dict[str, Any]) -> dict[str, Any]:
    """The delegation this slot serves, as the ledger has it now (:class:`NotDelegatedYet` if none)."""
    sign, _ = keys(wallet, row["index"])
    found = wallet.network.client_for(sign).my_delegations(sign)
    if not found:
        raise NotDelegatedYet()
    return dict(found[0])


def status(wallet: Wallet) -> list[dict[str, Any]]:
    """Everyone this wallet acts for: the delegation's limits and status, or ``waiting``."""
    out = []
    for row in _stored(wallet):
        try:
            entry = delegation(wallet, row)
        except NotDelegatedYet:
            entry = {"status": "waiting"}
        except LedgerError:
            entry = {"status": "unreachable"}
        out.append({**row, **entry, "label": row["label"], "fingerprint": code_of(wallet, row).fingerprint})
    return out


def records(wallet: Wallet, row: dict[str, Any]) -> tuple[dict[str, Any], list[DelegatedRecord]]:
    """The delegation and the records it lets you share (from its package, fetched now)."""
    entry = delegation(wallet, row)
    sign, box = keys(wallet, row["index"])
    sealed = wallet.network.client_for(sign).delegation_package(sign, entry["delegation"])
    if hashlib.sha256(sealed).hexdigest() != entry["package"]:
        raise ActingError(key="acting_error.wrong_package")
    pseudonym, shared = open_package(box, sealed)
    if pseudonym != entry["grantor"]:
        raise ActingError(key="acting_error.other_delegation")
    return entry, shared


def _choose(shared: list[DelegatedRecord], chosen: list[str]) -> list[DelegatedRecord]:
    if not chosen:
        return shared
    picked = []
    for text in chosen:
        text = text.strip().lower()
        matches = [r for r in shared if r.record.startswith(text) or r.title.lower() == text]
        if len(matches) != 1 or len(text) < 4:
            raise ActingError(key="acting_error.record", params={"text": text})
        picked.append(matches[0])
    return list({r.record: r for r in picked}.values())


def grant(wallet: Wallet, who: str, institution: str, chosen: list[str], purpose: str, expires_at: int, *,
          not_before: int | None = None, label: str | None = None) -> DelegatedGrant:
    """Give ``institution`` access, for the person ``who``, to ``chosen`` records (default: all you may)."""
    row = find(wallet, who)
    entry, shared = records(wallet, row)
    picked = _choose(shared, chosen)
    network = wallet.network
    inst = network.client.institution(institution)
    sign, _ = keys(wallet, row["index"])
    sealed = seal_envelope(inst["box_key"], {r.record: r.key for r in picked})
    envelope = hashlib.sha256(sealed).hexdigest()
    if not network.client_for(sign).put_blob(sign, network.chain_id, envelope, sealed):  # small: one PUT
        raise ActingError(key="acting_error.envelope")
    now = int(time.time())
    payload = {"delegation": entry["delegation"], "grantee": institution, "records": sorted(r.record for r in picked),
               "purpose": purpose, "not_before": now - 60 if not_before is None else not_before,
               "expires_at": expires_at, "envelope": envelope}
    consent = network.submit(sign, "delegated_grant", payload)
    code = encode_grant(GrantCode(node_urls=tuple(network.nodes[:MAX_URLS]),
                                  genesis_hash=bytes.fromhex(network.genesis.hash),
                                  consent_id=bytes.fromhex(consent), expiry=expires_at, label=label))
    rows = _stored(wallet)
    for stored in rows:
        if stored["index"] == row["index"]:
            stored["grants"].append({"consent": consent, "institution": institution, "institution_name": inst["name"],
                                     "records": [r.title for r in picked], "purpose": purpose,
                                     "expires_at": expires_at, "revoked_at": None})
    _store(wallet, rows)
    return DelegatedGrant(consent, institution, inst["name"], payload["records"], code)


def revoke(wallet: Wallet, who: str, consent: str) -> str:
    """Revoke, for ``who``, a consent (one you gave, or another under the delegation if it allows)."""
    row = find(wallet, who)
    entry = delegation(wallet, row)
    sign, _ = keys(wallet, row["index"])
    try:
        tx_id = wallet.network.submit(sign, "delegated_revoke", {"delegation": entry["delegation"], "consent": consent})
    except AlreadyRevoked:
        tx_id = ""
    rows = _stored(wallet)
    for stored in rows:
        for given in stored["grants"]:
            if given["consent"] == consent:
                given["revoked_at"] = int(time.time())
    _store(wallet, rows)
    return tx_id


def find_grant(wallet: Wallet, who: str, prefix: str) -> str:
    """A consent you gave for ``who`` by its id or an unambiguous prefix (a full id is taken as is)."""
    prefix = prefix.strip().lower()
    if len(prefix) == 64:
        return prefix
    matches = [g["consent"] for g in find(wallet, who)["grants"] if g["consent"].startswith(prefix)]
    if len(matches) != 1 or len(prefix) < 6:
        raise ActingError(key="acting_error.consent")
    return matches[0]
