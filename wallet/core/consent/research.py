"""Granting a de-identified copy of a FHIR record to a research institution.

The patient's record is decrypted in memory (never to disk), de-identified by HIPAA Safe
Harbor (:mod:`.deidentify`), encrypted under a fresh key as a new record of
category ``deidentified``, anchored by a *fresh* pseudonym used for nothing else (on a
network that requires credentials it is admitted by its own unlinkable proof), and
granted to the institution for purpose ``research`` with the consent machinery of
:mod:`wallet.core.consent.grants` (key envelope, QR grant code, revocation, audit). Nothing on
the ledger links the copy to the patient's records or to their other pseudonyms, and the
copy itself holds none of the Safe Harbor identifiers.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import time
from dataclasses import dataclass, field
from typing import Any

from ledger_client.crypto import SigningKey

from .. import pseudonyms
from ..records import pipeline
from ..records.blob import decrypt_content, unwrap_key
from ..records.library import ensure_local_blob, find_record
from ..wallet import Wallet
from .deidentify import DeidentifyError, Summary, deidentify, summarize
from .envelope import upload_envelope
from .grants import GrantError, GrantResult, grant_code, record_grant

RESEARCH_PURPOSE = "research"
CATEGORY = "deidentified"
ROLE = "research"
MAX_FHIR_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Preview:
    """What sharing a record de-identified would send, before the patient agrees: the
    institution as the ledger names it, what the copy keeps and removes, and the copy
    itself (so exactly what was previewed is what is shared)."""

    record: str
    institution: str
    institution_name: str
    summary: Summary
    copy: bytes = field(repr=False)


def preview_deidentified(wallet: Wallet, record: str, institution: str, *,
                         today: _dt.date | None = None) -> Preview:
    """De-identify FHIR record ``record`` in memory for ``institution`` (a research one)."""
    row = find_record(wallet, record)
    if row["status"] != "anchored" or not row.get("fhir_type"):
        raise DeidentifyError()
    if row["size"] > MAX_FHIR_BYTES:
        raise DeidentifyError(detail="FHIR document too large to de-identify in memory")
    inst = wallet.network.client.institution(institution)
    if inst.get("kind") != "research":
        raise GrantError("De-identified copies are shared only with research institutions.")
    source, copy = _deidentified(wallet, row["record"], today)
    summary = summarize(source, copy)
    return Preview(row["record"], institution, inst["name"], summary,
                   json.dumps(copy, ensure_ascii=False, indent=1).encode())


def grant_deidentified(wallet: Wallet, record: str, institution: str, expires_at: int, *,
                       today: _dt.date | None = None, preview: Preview | None = None) -> GrantResult:
    """Grant a de-identified copy of FHIR record ``record`` to a research ``institution``:
    the copy of ``preview`` when given (the one the patient saw), else made now."""
    if expires_at <= time.time():
        raise GrantError("The consent must end in the future.")
    if preview is None:
        preview = preview_deidentified(wallet, record, institution, today=today)
    elif preview.institution != institution or not preview.record.startswith(record.strip().lower()):
        raise GrantError(detail="the preview is of another record or institution")
    network = wallet.network
    inst = network.client.institution(institution)
    index = pseudonyms.fresh(wallet, ROLE, institution)  # used for this one copy and nothing else
    key = pseudonyms.register(wallet, index, ROLE, institution)
    copy_hash, copy_key = _store_copy(wallet, key, index, preview.record, preview.copy)
    envelope = upload_envelope(network, key, inst["box_key"], {copy_hash: copy_key})
    now = int(time.time())
    payload = {"grantee": institution, "records": [copy_hash], "purpose": RESEARCH_PURPOSE,
               "not_before": now - 60, "expires_at": expires_at, "envelope": envelope}
    consent = network.submit(key, "grant_consent", payload)
    record_grant(wallet, consent, index, institution, inst["name"], [preview.record], RESEARCH_PURPOSE, now - 60,
                 expires_at, envelope)
    return GrantResult(consent, institution, inst["name"], [preview.record], grant_code(wallet, consent))


def _deidentified(wallet: Wallet, record: str, today: _dt.date | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The record decrypted in memory and its de-identified copy."""
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
    return doc, deidentify(doc, today=today)


def _store_copy(wallet: Wallet, key: SigningKey, index: int, original: str, data: bytes) -> tuple[str, bytes]:
    """Encrypt the copy under a fresh key, keep it as a record of ``index``, upload and anchor it."""
    meta = {"title": "De-identified record", "filename": "deidentified.json", "media_type": "application/fhir+json",
            "category": CATEGORY, "fhir_type": json.loads(data)["resourceType"], "record_date": None,
            "size": len(data)}
    sealed = pipeline.seal_into(wallet, io.BytesIO(data), len(data), meta, original=original)
    row = pipeline.new_row(sealed.hash, sealed.size, meta, index, original=original)
    pipeline.insert(wallet, [row])
    pipeline.send(wallet, key, [row])
    return sealed.hash, sealed.key
