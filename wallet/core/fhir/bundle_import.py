"""Planning the import of a FHIR R4 Bundle: as one record, or one record per resource.

What patient portals and EHRs export — ``collection``, ``searchset``, ``transaction``,
``document`` Bundles, from a few entries to thousands — is read once, every entry is
validated on its own (:mod:`.validate`), and the patient chooses:

* **split**: one record per entry resource, holding that resource's exact bytes, with
  type, date and a readable title (``Observation: Hemoglobin A1c 6.1 % (2024-03-05)``);
  an inline attachment (DocumentReference content, DiagnosticReport presentedForm,
  Binary, Media) also becomes a record of its own, a real file with its content type.
  Invalid entries are reported by path and reason and left out; an entry whose
  attachment cannot be decoded is left out whole (never half an entry).
* **whole**: one record holding the file byte for byte; invalid entries are reported.

A single resource, an NDJSON file (Bulk Data) and FHIR XML are read into the same entries
(:mod:`.sources`). A single resource is always planned as one record plus one per inline
attachment, whatever the mode, so a lone Binary or Media becomes the file it holds,
its SHA-1 checked, exactly as it would from a split Bundle. Whole mode checks the inline
attachments too and reports a damaged one (the file itself is kept as it is).

This module plans (:func:`plan_source`); :mod:`wallet.core.importing` decides when a file
is imported this way and stores the plan through the record pipeline
(:func:`wallet.core.records.pipeline.store_records`, batched upload and anchoring).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records.pipeline import PlannedRecord
from .bundle_reader import Entry, ParsedBundle, check_entries, read_bundle
from .describe import bundle_index, clinical_date, concept_text, subject_text, title_for
from .sources import BUNDLE, NDJSON, RESOURCE, XML, read_source
from .validate import R4, Problem

FHIR_JSON = "application/fhir+json"
MEDIA_TYPES = {BUNDLE: FHIR_JSON, RESOURCE: FHIR_JSON, NDJSON: "application/fhir+ndjson", XML: "application/fhir+xml"}
NOTES = {
    "transaction": "This is a transaction Bundle: split, each resource is stored as it was sent; the requests "
                   "(POST, PUT, DELETE) it asks a server to carry out are not carried out.",
    "batch": "This is a batch Bundle: split, each resource is stored as it was sent; its requests are not "
             "carried out.",
    "document": "This is a FHIR document (its Composition first): split, each resource is kept, but the document "
                "as one attested whole is kept only when it is imported whole.",
    "message": "This is a FHIR message: split, each resource is kept, but the message itself is not.",
}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")
Progress = Callable[[str, int, int], None]


@dataclass
class BundlePlan:
    """A Bundle read and checked: the records to store, and the entries left out and why."""

    bundle_type: str
    entries: int
    split: bool
    planned: list[PlannedRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # invalid entries
    skipped: list[Problem] = field(default_factory=list)  # entries with nothing to import
    kind: str = BUNDLE  # the source's form (sources.BUNDLE, RESOURCE, NDJSON, XML)
    notes: list[str] = field(default_factory=list)  # what splitting this kind of Bundle means


def is_bundle(path: Path) -> bool:
    """True when ``path`` looks like a FHIR Bundle (JSON naming resourceType Bundle early)."""
    try:
        with open(path, "rb") as src:
            head = src.read(8192)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and \
        re.search(rb'"resourceType"\s*:\s*"Bundle"', head) is not None


def plan_bundle(path: Path, *, split: bool, title: str | None, limit: int,
                progress: Progress | None = None, release: str = R4) -> BundlePlan:
    """Read and validate a Bundle file; plan it whole or one record per resource (at most ``limit`` bytes each)."""
    return plan_source(path, BUNDLE, split=split, title=title, limit=limit, progress=progress, release=release)


def plan_source(path: Path, kind: str, *, split: bool, title: str | None, limit: int,
                progress: Progress | None = None, release: str = R4) -> BundlePlan:
    """Read and validate a FHIR file of ``kind``; plan it whole or one record per resource.

    A single resource is planned one way only: its record and one per inline attachment.
    """
    path = Path(path)
    if progress:
        progress("read", 0, 1)
    bundle = read_bundle(path, release) if kind == BUNDLE else read_source(path, kind, release)
    if progress:
        progress("read", 1, 1)
    valid, problems, skipped = check_entries(bundle, progress, release)
    single = bundle.single
    split = split or kind == RESOURCE
    notes: list[str] = []
    if split and not single:
        planned, more = plan_split(bundle, valid, limit)
        problems = sorted(problems + more, key=lambda p: _entry_number(p.path))
        if bundle.type in NOTES and kind != NDJSON:
            notes.append(NOTES[bundle.type])
        if kind == XML:
            notes.append("Each resource of the XML file is stored in its FHIR JSON form.")
    elif split:
        planned, more = plan_split(bundle, valid, limit)
        problems = problems + more
    else:
        problems = problems + _attachment_problems(valid)
        planned = [plan_whole(path, bundle, valid, title, MEDIA_TYPES[kind])]
    if kind == RESOURCE and planned:
        planned[0].meta.update(filename=path.name[:255], bundle_sha256=None, bundle_entry=None)
    return BundlePlan("" if single or kind == NDJSON else bundle.type, len(bundle.entries), split,
                      planned, problems, skipped, kind, notes)


def _attachment_problems(valid: list[Entry]) -> list[Problem]:
    """Damaged inline attachments of entries kept inside a whole file (reported, the file kept as it is)."""
    found = []
    for entry in valid:
        try:
            inline_attachments(entry)
        except ValueError as exc:
            found.append(Problem(f"{entry.path}.resource", f"{exc} (kept in the whole file as it is)"))
    return found


def _entry_number(path: str) -> int:
    match = re.search(r"entry\[(\d+)\]", path)
    return int(match.group(1)) if match else -1


# --- planning ---------------------------------------------------------------------

def plan_whole(path: Path, bundle: ParsedBundle, valid: list[Entry], title: str | None,
               media_type: str = FHIR_JSON) -> PlannedRecord:
    """The whole file as one record, titled with its size and date range."""
    dates = sorted(d for d in (clinical_date(e.resource) for e in valid) if d)
    span = f" ({dates[0]} to {dates[-1]})" if len(dates) > 1 and dates[0] != dates[-1] else \
        f" ({dates[0]})" if dates else ""
    what = "NDJSON export" if media_type == MEDIA_TYPES[NDJSON] else f"{bundle.type} bundle"
    default = f"FHIR {what}: {len(valid)} resources{span}"
    stamp = bundle.shell.get("timestamp")
    meta = {"title": (title or default)[:120], "filename": path.name[:255], "media_type": media_type,
            "category": "fhir", "fhir_type": "Bundle",
            "record_date": dates[-1] if dates else (stamp[:10] if isinstance(stamp, str) else None),
            "size": bundle.size, "bundle_type": bundle.type, "entries": len(bundle.entries)}
    return PlannedRecord(meta, path=path, group=0)


def plan_split(bundle: ParsedBundle, valid: list[Entry], limit: int) -> tuple[list[PlannedRecord], list[Problem]]:
    """One record per valid entry (plus one per inline attachment), and entries left out."""
    index = bundle_index([(e.full_url, e.resource) for e in valid])
    planned: list[PlannedRecord] = []
    problems: list[Problem] = []
    for entry in valid:
        try:
            attachments = inline_attachments(entry)
        except ValueError as exc:
            problems.append(Problem(f"{entry.path}.resource", str(exc)))
            continue
        sizes = [len(entry.raw or b"")] + [len(data) for _, _, data in attachments]
        if max(sizes) > limit:
            problems.append(Problem(f"{entry.path}.resource", f"larger than this network stores ({limit} bytes)"))
            continue
        parent = len(planned)
        planned.append(PlannedRecord(resource_meta(bundle, entry, index), data=entry.raw, group=entry.index))
        for where, attachment, data in attachments:
            meta = attachment_meta(entry, where, attachment, data, index)
            planned.append(PlannedRecord(meta, data=data, group=entry.index, parent=parent))
    return planned, problems


def resource_meta(bundle: ParsedBundle, entry: Entry, index: dict[str, Any]) -> dict[str, Any]:
    resource = entry.resource
    rtype = resource["resourceType"]
    rid = resource.get("id") if isinstance(resource.get("id"), str) else None
    return {"title": title_for(resource, index), "filename": f"{rtype}-{rid or f'entry{entry.index}'}.json",
            "media_type": FHIR_JSON, "category": "fhir", "fhir_type": rtype, "record_date": clinical_date(resource),
            "size": len(entry.raw or b""), "fhir_id": rid, "full_url": entry.full_url,
            "bundle_sha256": bundle.sha256, "bundle_entry": entry.index}


# --- inline attachments -----------------------------------------------------------

def _attachment_slots(resource: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rtype = resource.get("resourceType")
    slots: list[tuple[str, object]] = []
    if rtype == "DocumentReference":
        slots = [(f"content[{i}].attachment", c.get("attachment"))
                 for i, c in enumerate(resource.get("content") or []) if isinstance(c, dict)]
    elif rtype == "DiagnosticReport":
        slots = [(f"presentedForm[{i}]", a) for i, a in enumerate(resource.get("presentedForm") or [])]
    elif rtype == "Media":
        slots = [("content", resource.get("content"))]
    elif rtype == "Binary":
        slots = [("data", resource)]
    return [(where, a) for where, a in slots if isinstance(a, dict) and isinstance(a.get("data"), str)]


def inline_attachments(entry: Entry) -> list[tuple[str, dict[str, Any], bytes]]:
    """Each inline attachment of an entry's resource, decoded; ValueError if one is damaged.

    R4's ``Attachment.hash`` is the SHA-1 of the data: when present (20 bytes) it is checked.
    """
    found = []
    for where, attachment in _attachment_slots(entry.resource):
        try:
            data = base64.b64decode("".join(attachment["data"].split()), validate=True)
        except (binascii.Error, ValueError):
            raise ValueError(f"{where}: the attachment data is not valid base64") from None
        expected = _sha1(attachment.get("hash"))
        if expected is not None and hashlib.sha1(data).digest() != expected:
            raise ValueError(f"{where}: the attachment data does not match its SHA-1 hash (damaged?)")
        found.append((where, attachment, data))
    return found


def _sha1(value: object) -> bytes | None:
    if not isinstance(value, str):
        return None
    try:
        digest = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return digest if len(digest) == 20 else None  # other lengths: not an R4 hash, not checked


def media_category(media_type: str) -> str:
    """The ledger's coarse category for a file of this media type."""
    main = media_type.split(";")[0].strip().lower()
    if main == "application/dicom":
        return "imaging"
    if main.startswith("image/"):
        return "image"
    if main.startswith("text/"):
        return "note"
    return "document"


def attachment_meta(entry: Entry, where: str, attachment: dict[str, Any], data: bytes,
                    index: dict[str, Any]) -> dict[str, Any]:
    resource = entry.resource
    media_type = attachment.get("contentType") if isinstance(attachment.get("contentType"), str) else None
    media_type = media_type or "application/octet-stream"
    label = attachment.get("title") if isinstance(attachment.get("title"), str) else None
    label = label or subject_text(resource, index) or concept_text(resource.get("type")) or \
        f"{resource['resourceType']} attachment"
    date = clinical_date(resource)
    title = " ".join(label.split())[:100] + (f" ({date})" if date else "")
    ext = mimetypes.guess_extension(media_type.split(";")[0].strip()) or ".bin"
    stem = _SAFE_NAME.sub("_", label).strip(" ._")[:80] or "attachment"
    return {"title": title, "filename": stem + ("" if stem.lower().endswith(ext) else ext), "media_type": media_type,
            "category": media_category(media_type), "fhir_type": None, "record_date": date, "size": len(data),
            "attachment_of": f"{entry.path}.resource.{where}"}
