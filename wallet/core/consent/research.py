"""Sharing a de-identified copy of a FHIR record with a research institution.

The patient's record is decrypted in memory (never to disk), de-identified by HIPAA Safe
Harbor (:mod:`wallet.core.deidentify`), encrypted under a fresh key as a new record of
category ``deidentified``, anchored by a *fresh* pseudonym used for nothing else (on a
network that requires credentials it is admitted by its own unlinkable proof), and
granted to the institution for purpose ``research`` with the consent machinery of
:mod:`wallet.core.sharing` (key envelope, QR grant code, revocation, audit). Nothing on
the ledger links the copy to the patient's records or to their other pseudonyms, and the
copy itself holds none of the Safe Harbor identifiers.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
import time

from . import grants as sharing
from .deidentify import DeidentifyError, deidentify
from ..records.blob import decrypt_content, seal_stream, unwrap_key
from ..records.library import ensure_local_blob, find_record, store_remote
from ..wallet import Wallet

RESEARCH_PURPOSE = "research"
CATEGORY = "deidentified"
ROLE = "research"
MAX_FHIR_BYTES = 32 * 1024 * 1024


def share_deidentified(wallet: Wallet, record: str, institution: str, expires_at: int, *,
                       today: _dt.date | None = None) -> sharing.GrantResult:
    """De-identify FHIR record ``record`` and grant the copy to a research ``institution``."""
    row = find_record(wallet, record)
    if row["status"] != "anchored" or not row.get("fhir_type"):
        raise DeidentifyError()
    if row["size"] > MAX_FHIR_BYTES:
        raise DeidentifyError(detail="FHIR document too large to de-identify in memory")
    if expires_at <= time.time():
        raise sharing.GrantError("The consent must end in the future.")
    network = wallet.network
    inst = network.client.institution(institution)
    if inst.get("kind") != "research":
        raise sharing.GrantError("De-identified copies are shared only with research institutions.")
    copy = _deidentified_bytes(wallet, row["record"], today)
    index = _fresh_pseudonym(wallet, institution)
    key = wallet.ensure_pseudonym(index, ROLE, institution)
    copy_hash, copy_key = _store_copy(wallet, index, row["record"], copy)
    envelope = sharing._upload_envelope(wallet, index, inst["box_key"], {row["record"]: (copy_hash, copy_key)})
    now = int(time.time())
    payload = {"grantee": institution, "records": [copy_hash], "purpose": RESEARCH_PURPOSE,
               "not_before": now - 60, "expires_at": expires_at, "envelope": envelope}
    consent = network.submit(key, "grant_consent", payload)
    wallet.db.upsert("grants", {"consent": consent, "pseudonym": index, "institution": institution,
                                "institution_name": inst["name"], "records": [row["record"]],
                                "purpose": RESEARCH_PURPOSE, "not_before": now - 60, "expires_at": expires_at,
                                "envelope": envelope, "revoked_at": None, "created_at": now})
    return sharing.GrantResult(consent, institution, inst["name"], [row["record"]], sharing.grant_code(wallet, consent))


def _deidentified_bytes(wallet: Wallet, record: str, today: _dt.date | None) -> bytes:
    """The record decrypted in memory, de-identified, as JSON bytes."""
    source = ensure_local_blob(wallet, record)
    key, _ = unwrap_key(source, wallet.wrap_key())
    plain = io.BytesIO()
    decrypt_content(source, key, plain)
    try:
        doc = json.loads(plain.getvalue())
    except ValueError:
        raise DeidentifyError(detail="the record is not JSON") from None
    finally:
        plain.seek(0)
        plain.truncate()
    return json.dumps(deidentify(doc, today=today), ensure_ascii=False, indent=1).encode()


def _fresh_pseudonym(wallet: Wallet, institution: str) -> int:
    """A pseudonym index never used before, reserved for one de-identified share."""
    top = wallet.db.one("SELECT MAX(idx) AS top FROM pseudonyms")
    index = (top["top"] if top and top["top"] is not None else 0) + 1
    wallet.db.upsert("pseudonyms", {"idx": index, "public": wallet.signing_key(index).public, "role": ROLE,
                                    "institution": institution, "registered_tx": None})
    return index


def _store_copy(wallet: Wallet, index: int, original: str, data: bytes) -> tuple[str, bytes]:
    """Encrypt the copy under a fresh key, keep it as a record of ``index``, upload and anchor it."""
    meta = {"title": "De-identified record", "filename": "deidentified.json", "media_type": "application/fhir+json",
            "category": CATEGORY, "fhir_type": json.loads(data)["resourceType"], "record_date": None,
            "size": len(data)}
    staging = wallet.tmp_path(f"deid-{os.getpid()}-{time.monotonic_ns()}")
    sealed = seal_stream(io.BytesIO(data), len(data), meta, wallet.wrap_key(), staging, original=original)
    os.replace(staging, wallet.blob_path(sealed.hash))
    wallet.db.upsert("records", {
        "record": sealed.hash, "pseudonym": index, "title": meta["title"], "filename": meta["filename"],
        "media_type": meta["media_type"], "category": CATEGORY, "fhir_type": meta["fhir_type"], "record_date": None,
        "size": len(data), "cipher_size": sealed.size, "imported_at": int(time.time()), "status": "encrypted",
        "original": original, "anchor_tx": None})
    store_remote(wallet, sealed.hash)
    return sealed.hash, sealed.key
