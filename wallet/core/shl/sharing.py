"""Sharing as a SMART Health Link served by the ledger's nodes (for someone with no desk).

:func:`share` encrypts each file as a JWE under a fresh link key, uploads the ciphertext
and anchors it under a pseudonym used for this link only (so the link says nothing about
the patient's other records), and commits a ``create_link`` with the patient's limits:
expiry, number of uses, wrong passcodes before it locks, the passcode verifier
(Argon2id under a salt from the link's secret id). The node serves it
(:mod:`ledger_client.node.shl`) and records each opening, with the name the viewer gave
sealed to the patient, as an event in the patient's audit (:func:`openings`).

The link's id and key derive from the seed by the link's index, so the wallet's database
keeps no secret and the patient can show the same link again (:func:`link_text`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import nacl.exceptions
import nacl.public

from ledger_client import crypto, shlinks

from .. import pseudonyms
from ..consent.references import own_resources
from ..errors import WalletError
from ..fhir.ips import build_ips
from ..wallet import Wallet
from .link import FHIR_JSON, SHLink, b64url, encrypt

LINK_ROLE = "link"
DEFAULT_DAYS = 14


class BadShare(WalletError):
    """This link cannot be made with these settings."""

    code = "shlink_bad_share"


@dataclass(frozen=True)
class SharedLink:
    index: int
    link: str  # the ledger's name for it (hash of the secret id)
    text: str  # shlink:/…
    expires_at: int
    tx: str


def share(wallet: Wallet, files: list[tuple[str, bytes]], *, label: str, passcode: str | None,
          days: float = DEFAULT_DAYS, max_uses: int = 5, max_attempts: int = 5, summary: bool = False,
          direct: bool = False) -> SharedLink:
    """Make a SMART Health Link of ``files`` (content type, bytes) and commit it on the ledger.

    ``direct`` makes a ``U`` link: one file, no passcode, fetched with one GET.
    """
    if not files or len(files) > 20:
        raise BadShare("A link holds from 1 to 20 files.")
    if direct and (passcode or len(files) != 1):
        raise BadShare("A direct (U) link holds one file and has no passcode.")
    if passcode is not None and len(passcode) < 6:
        raise BadShare("A passcode has at least 6 characters.")
    if len(label) > 80:
        raise BadShare("A label has at most 80 characters.")
    if not 0 < days <= 365 or not 1 <= max_uses <= 1000 or not 1 <= max_attempts <= 20:
        raise BadShare("A link lasts up to 365 days, with 1 to 1000 uses and 1 to 20 passcode attempts.")
    network = wallet.network
    top = wallet.db.one("SELECT MAX(idx) AS top FROM shlinks")
    index = (top["top"] + 1) if top and top["top"] is not None else 0
    link_id, key = wallet.keys.link_secrets(index)
    pseudo = pseudonyms.fresh(wallet, LINK_ROLE)
    signer = pseudonyms.register(wallet, pseudo, LINK_ROLE)
    blobs = []
    for content_type, data in files:
        blob = encrypt(key, content_type, data).encode("ascii")
        record = crypto.sha256_hex(blob)
        network.client.put_blob(signer, network.chain_id, record, blob)
        blobs.append((record, len(blob), content_type))
    network.submit_batch(signer, "anchor_record", [{"record": r, "size": n, "category": "fhir"} for r, n, _ in blobs])
    now = int(time.time())
    expires = now + int(days * 86400)
    flags = "P" if passcode else "U" if direct else ""
    payload: dict[str, Any] = {"link": shlinks.link_hash(link_id), "files": [r for r, _, _ in blobs],
                               "types": [t for _, _, t in blobs], "expires_at": expires, "max_uses": max_uses,
                               "max_attempts": max_attempts, "flags": flags}
    if passcode:
        payload["passcode"] = shlinks.passcode_verifier(link_id, passcode)
    tx = network.submit(signer, "create_link", payload)
    url = f"{network.nodes[0].rstrip('/')}/shl/{b64url(link_id)}"
    wallet.db.upsert("shlinks", {"idx": index, "link": payload["link"], "pseudonym": pseudo, "url": url,
                                 "label": label, "flags": flags, "expires_at": expires, "max_uses": max_uses,
                                 "max_attempts": max_attempts, "files": len(files), "summary": int(summary),
                                 "created_at": now, "create_tx": tx, "revoked_at": None})
    return SharedLink(index, payload["link"], link_text(wallet, index), expires, tx)


def share_summary(wallet: Wallet, **options: Any) -> SharedLink:
    """Share an International Patient Summary made from the wallet's FHIR records."""
    document = build_ips([item["resource"] for item in own_resources(wallet)])
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return share(wallet, [(FHIR_JSON, data)], summary=True, **options)


def share_records(wallet: Wallet, records: list[str], **options: Any) -> SharedLink:
    """Share chosen FHIR records (each as the resource it is)."""
    chosen = {item["record"]: item["resource"] for item in own_resources(wallet)}
    missing = [r for r in records if r not in chosen]
    if missing:
        raise BadShare(f"Only FHIR records imported one resource each can be shared this way ({missing[0][:12]}…).")
    files = [(FHIR_JSON, json.dumps(chosen[r], ensure_ascii=False).encode("utf-8")) for r in records]
    return share(wallet, files, **options)


def link_text(wallet: Wallet, index: int) -> str:
    """The ``shlink:/`` text of the patient's link ``index`` (derived again from the seed)."""
    row = wallet.db.one("SELECT * FROM shlinks WHERE idx=?", (index,))
    if row is None:
        raise BadShare("No such link in this wallet.")
    _, key = wallet.keys.link_secrets(index)
    return SHLink(row["url"], key, row["expires_at"], row["flags"], row["label"]).encode()


def links(wallet: Wallet) -> list[dict[str, Any]]:
    """The patient's links with their state on the ledger (uses, wrong passcodes, active or why not)."""
    out = []
    for row in wallet.db.query("SELECT * FROM shlinks ORDER BY idx DESC"):
        try:
            state = wallet.network.client.get_json(f"/v1/links/{row['link']}")
        except Exception:
            state = {}
        out.append({**row, **{k: state.get(k) for k in ("uses", "failures", "status")}})
    return out


def revoke(wallet: Wallet, index: int) -> str:
    row = wallet.db.one("SELECT * FROM shlinks WHERE idx=?", (index,))
    if row is None:
        raise BadShare("No such link in this wallet.")
    tx = wallet.network.submit(wallet.signing_key(row["pseudonym"]), "revoke_link", {"link": row["link"]})
    wallet.db.execute("UPDATE shlinks SET revoked_at=? WHERE idx=?", (int(time.time()), index))
    return tx


def opened_by(wallet: Wallet, pseudonym: int, sealed_hex: str, commitment: str) -> str:
    """The name a viewer gave, opened from its sealed box (checked against its commitment)."""
    try:
        raw = nacl.public.SealedBox(wallet.keys.pseudonym_box_key(pseudonym)).decrypt(bytes.fromhex(sealed_hex))
        doc = json.loads(raw.rstrip(b" "))
        name, salt = doc["name"], bytes.fromhex(doc["salt"])
    except (nacl.exceptions.CryptoError, ValueError, KeyError, TypeError):
        return "(name unreadable)"
    if shlinks.recipient_commitment(salt, name) != commitment:
        return "(name does not match its commitment)"
    return str(name)
