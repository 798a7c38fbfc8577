"""What kind of file a patient imports, from its first bytes (never its name alone),
and the metadata we keep about it: media type, coarse category, FHIR resource type
and clinical date. The ledger sees only the coarse category."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import WalletError

MAX_FHIR_JSON_BYTES = 64 * 1024 * 1024
_DATE_FIELDS = ("effectiveDateTime", "issued", "date", "recordedDate", "authoredOn", "occurrenceDateTime",
                "onsetDateTime", "performedDateTime", "created", "birthDate")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?$")


class InvalidFhir(WalletError):
    """This file looks like FHIR JSON but is not valid FHIR. Check that it is a complete FHIR R4 export."""

    code = "invalid_fhir"


@dataclass(frozen=True)
class FileKind:
    """Media type, ledger category and FHIR facts of a file."""

    media_type: str
    category: str
    fhir_type: str | None = None
    record_date: str | None = None


_MAGIC = [
    (b"%PDF-", "application/pdf", "document"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "image"),
    (b"\xff\xd8\xff", "image/jpeg", "image"),
    (b"GIF87a", "image/gif", "image"),
    (b"GIF89a", "image/gif", "image"),
    (b"II*\x00", "image/tiff", "image"),
    (b"MM\x00*", "image/tiff", "image"),
    (b"RIFF", "image/webp", "image"),
]


def detect(path: Path, head: bytes, size: int) -> FileKind:
    """Classify a file from its first bytes; FHIR JSON is parsed and checked."""
    for magic, media, category in _MAGIC:
        if head.startswith(magic):
            return FileKind(media, category)
    if len(head) >= 132 and head[128:132] == b"DICM":
        return FileKind("application/dicom", "imaging")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and (b'"resourceType"' in head or path.suffix.lower() == ".json"):
        return _fhir_kind(path, size)
    if stripped.startswith(b"<"):
        return FileKind("application/xml", "document")
    if _looks_like_text(head):
        return FileKind("text/plain", "note")
    return FileKind("application/octet-stream", "other")


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head


def _fhir_kind(path: Path, size: int) -> FileKind:
    if size > MAX_FHIR_JSON_BYTES:
        return FileKind("application/json", "document")
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidFhir(detail=f"not valid JSON: {exc}"[:200]) from None
    if not isinstance(doc, dict) or "resourceType" not in doc:
        return FileKind("application/json", "document")
    return FileKind("application/fhir+json", "fhir", *check_fhir(doc))


def check_fhir(doc: dict) -> tuple[str, str | None]:
    """Validate a FHIR R4 resource (a Bundle with every entry) with ``fhir.resources``;
    returns its type and clinical date. See :mod:`wallet.core.fhir.validate`."""
    from ..fhir.validate import check_resource

    check_resource(doc)
    return doc["resourceType"], clinical_date(doc)


def clinical_date(doc: dict) -> str | None:
    """The date a resource is about, from its usual date elements."""
    for name in _DATE_FIELDS:
        value = doc.get(name)
        if isinstance(value, str) and _DATE.match(value):
            return value[:10]
    for name in ("effectivePeriod", "period", "performedPeriod"):
        value = doc.get(name)
        if isinstance(value, dict) and isinstance(value.get("start"), str) and _DATE.match(value["start"]):
            return value["start"][:10]
    meta = doc.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("lastUpdated"), str) and _DATE.match(meta["lastUpdated"]):
        return meta["lastUpdated"][:10]
    return None
