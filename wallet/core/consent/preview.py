"""Consent preview: before signing, what the institution will receive and learn, and what the
ledger will learn (built from what :func:`wallet.core.consent.grants.grant` actually sends).

* **Receives**: each record as the patient sees it (title, kind, date, size) and, for a FHIR
  Bundle, the resource types inside it (read from the patient's own encrypted copy).
* **Institution learns**: the records' contents and their encrypted metadata (title, file
  name, kind, date); the purpose and the dates; a pseudonym used only with this
  institution, which links this consent to the earlier ones given to it (a fresh pseudonym
  after a revoke-all or the first time); and, for FHIR, the patient's identity if a
  Patient resource is among the records.
* **Ledger learns**: that one pseudonym consented to this institution for this purpose and
  window, how many record copies, each copy's ciphertext size and category (from its
  anchor); every read and refusal under the consent later. Not the titles, the contents,
  or which of the patient's records the copies are.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any

from .. import pseudonyms
from ..records.blob import decrypt_content, unwrap_key
from ..records.library import ensure_local_blob
from ..wallet import Wallet
from .grants import PURPOSE_LABELS, GrantError

MAX_BUNDLE_BYTES = 32 * 1024 * 1024  # larger bundles are listed without their resource types
IDENTIFYING_TYPES = ("Patient", "RelatedPerson", "Person")


@dataclass(frozen=True)
class PreviewRecord:
    """One record the institution will receive, as the patient knows it."""

    record: str
    title: str
    category: str
    media_type: str | None
    record_date: str | None
    size: int
    resource_types: dict[str, int] = field(default_factory=dict)  # FHIR: resource type -> count
    new_copy: bool = True  # a copy is made and anchored now (else the institution's copy is reused)


@dataclass(frozen=True)
class ConsentPreview:
    """What a consent would give and tell, in sentences for the faces and in fields."""

    institution: str
    institution_name: str
    purpose: str
    not_before: int | None
    expires_at: int
    records: list[PreviewRecord]
    earlier_consents: int  # consents already given to this institution by its current pseudonym
    institution_learns: list[str]
    ledger_learns: list[str]
    ledger_never_learns: list[str]


def preview(wallet: Wallet, institution: str, records: list[str], purpose: str, expires_at: int, *,
            not_before: int | None = None) -> ConsentPreview:
    """What :func:`~wallet.core.consent.grants.grant` with these arguments would share."""
    if purpose not in PURPOSE_LABELS:
        raise GrantError(detail=f"unknown purpose {purpose!r}")
    if not records:
        raise GrantError("Choose at least one record to share.")
    inst = wallet.network.client.institution(institution)
    index = _current_relationship(wallet, institution)
    items = [_record(wallet, record, index) for record in records]
    earlier = 0 if index is None else len(wallet.db.query("SELECT consent FROM grants WHERE pseudonym=?", (index,)))
    return ConsentPreview(institution, inst["name"], purpose, not_before, expires_at, items, earlier,
                          _institution_learns(inst["name"], items, earlier, purpose),
                          _ledger_learns(inst["name"], items, purpose), _ledger_never())


def _current_relationship(wallet: Wallet, institution: str) -> int | None:
    row = wallet.db.one("SELECT idx FROM pseudonyms WHERE role=? AND institution=? ORDER BY idx DESC",
                        (pseudonyms.RELATIONSHIP_ROLE, institution))
    return None if row is None else int(row["idx"])


def _record(wallet: Wallet, record: str, index: int | None) -> PreviewRecord:
    row = wallet.db.one("SELECT * FROM records WHERE record=? AND status='anchored'", (record,))
    if row is None:
        raise GrantError(f"Record {record[:12]} is not stored on the ledger yet.")
    reused = index is not None and wallet.db.one(
        "SELECT 1 FROM records WHERE original=? AND pseudonym=? AND status='anchored'", (record, index)) is not None
    types = _resource_types(wallet, row) if row["fhir_type"] else {}
    return PreviewRecord(record, row["title"], row["category"], row["media_type"], row["record_date"], row["size"],
                         types, not reused)


def _resource_types(wallet: Wallet, row: dict[str, Any]) -> dict[str, int]:
    """The resource types of a FHIR record (a Bundle's entries), read from the local copy."""
    if row["fhir_type"] != "Bundle":
        return {row["fhir_type"]: 1}
    if row["size"] > MAX_BUNDLE_BYTES:
        return {}
    path = ensure_local_blob(wallet, row["record"])
    key, _ = unwrap_key(path, wallet.wrap_key())
    sink = io.BytesIO()
    decrypt_content(path, key, sink)
    try:
        entries = json.loads(sink.getvalue()).get("entry") or []
    except (ValueError, AttributeError):
        return {}
    counts: dict[str, int] = {}
    for entry in entries:
        kind = (entry.get("resource") or {}).get("resourceType") if isinstance(entry, dict) else None
        if isinstance(kind, str):
            counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


def _institution_learns(name: str, items: list[PreviewRecord], earlier: int, purpose: str) -> list[str]:
    learns = [f"The full content of {len(items)} record(s), with each one's title, file name, kind and date.",
              f"The purpose ({PURPOSE_LABELS[purpose]}) and the dates of this consent."]
    if earlier:
        learns.append(f"That this consent comes from the same person as your {earlier} earlier consent(s) to "
                      f"{name} (one pseudonym serves each institution).")
    else:
        learns.append(f"A pseudonym used only with {name}: it cannot link you to your consents to others.")
    if any(t in r.resource_types for r in items for t in IDENTIFYING_TYPES):
        learns.append("Who you are: a Patient resource (name, birth date, identifiers) is among these records.")
    learns.append("That every read it makes is recorded on the ledger, where you see it.")
    return learns


def _ledger_learns(name: str, items: list[PreviewRecord], purpose: str) -> list[str]:
    new = sum(1 for r in items if r.new_copy)
    learns = [f"That a pseudonym consented to {name} reading {len(items)} record copy(ies) for "
              f"{PURPOSE_LABELS[purpose].lower()}, and for how long.",
              "Each copy's encrypted size and broad category (" + ", ".join(sorted({r.category for r in items}))
              + ")."]
    if new:
        learns.append(f"That {new} new encrypted copy(ies) were stored now, for this consent.")
    learns.append("Every read and every refusal under this consent, and when.")
    return learns


def _ledger_never() -> list[str]:
    return ["Your name or any other pseudonym of yours.", "The records' titles, dates or contents.",
            "Which of your records these copies are."]
