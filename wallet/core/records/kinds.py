"""What kind of file a patient imports, from its first bytes (never its name alone),
and the metadata we keep about it: media type, coarse category, FHIR resource type
and clinical date. The ledger sees only the coarse category.

FHIR JSON is parsed and validated here (:func:`wallet.core.fhir.check.check_fhir`), so an
invalid resource is refused before anything is encrypted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..fhir.check import check_fhir
from ..fhir.validate import MAX_FHIR_JSON_BYTES, R4, InvalidFhir
from ..fhir.xml_reader import MAX_XML_BYTES, is_fhir_xml, parse_xml


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


def detect(path: Path, head: bytes, size: int, release: str = R4) -> FileKind:
    """Classify a file from its first bytes; FHIR JSON and FHIR XML are parsed and checked as ``release``."""
    for magic, media, category in _MAGIC:
        if head.startswith(magic):
            return FileKind(media, category)
    if len(head) >= 132 and head[128:132] == b"DICM":
        return FileKind("application/dicom", "imaging")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and (b'"resourceType"' in head or path.suffix.lower() == ".json"):
        return _fhir_kind(path, size, release)
    if is_fhir_xml(head) and size <= MAX_XML_BYTES:
        return _fhir_xml_kind(path, release)
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


def _fhir_xml_kind(path: Path, release: str) -> FileKind:
    """FHIR XML: read as FHIR (:mod:`wallet.core.fhir.xml_reader`) and validated; kept as the XML it is."""
    doc = parse_xml(path.read_bytes())
    return FileKind("application/fhir+xml", "fhir", *check_fhir(doc, release))


def _fhir_kind(path: Path, size: int, release: str = R4) -> FileKind:
    if size > MAX_FHIR_JSON_BYTES:
        return FileKind("application/json", "document")
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidFhir(detail=f"not valid JSON: {exc}"[:200]) from None
    if not isinstance(doc, dict) or "resourceType" not in doc:
        return FileKind("application/json", "document")
    return FileKind("application/fhir+json", "fhir", *check_fhir(doc, release))
