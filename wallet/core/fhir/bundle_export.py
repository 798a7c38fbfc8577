"""Bundles out: the exports' wrapper, and the patient's records as one FHIR Bundle.

:func:`export_records` puts each FHIR record into the Bundle *as its exact bytes* (the
JSON text is spliced, not re-serialised, so a decimal keeps its precision) with the
``fullUrl`` it had in the Bundle it came from, so ``urn:uuid`` references between
entries resolve again. A record that is not FHIR (a PDF, a scan) goes in as a
DocumentReference with the file inline; its R4 ``Attachment.hash`` is the SHA-1 of the
file, and the record's own SHA-256 (of its ciphertext, as the ledger knows it) is a
DocumentReference identifier; so does a FHIR record that does not validate (a Bundle
kept whole with its invalid entries), so that the exported Bundle always validates.
Attachments that were split out of a FHIR resource are left out when that resource is
exported too: it carries them already.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..atomic_file import atomic_output, atomic_write
from ..records.library import Cancel, Progress, export_record, list_records
from ..wallet import Wallet
from .bundle_reader import check_bundle_doc
from .codes import SYS_RECORD, identifier, instant
from .validate import require_valid, resource_problems


def entry_url(seed: str) -> str:
    """A stable ``urn:uuid`` fullUrl derived from an id (a transaction or record hash)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:medwallet:' + seed)}"


def collection_bundle(resources: Iterable[dict[str, Any]], bundle_type: str = "collection",
                      now: int | None = None) -> dict[str, Any]:
    """A Bundle of generated resources (validated), each with a stable fullUrl."""
    if bundle_type not in ("collection", "searchset"):
        raise ValueError("bundle_type must be collection or searchset")
    stamp = instant(now if now is not None else time.time())
    entries = []
    for resource in resources:
        entry = {"fullUrl": entry_url(f"{resource['resourceType']}/{resource['id']}"), "resource": resource}
        if bundle_type == "searchset":
            entry["search"] = {"mode": "match"}
        entries.append(entry)
    bundle: dict[str, Any] = {"resourceType": "Bundle", "id": str(uuid.uuid4()), "meta": {"lastUpdated": stamp},
              "type": bundle_type, "timestamp": stamp}
    if bundle_type == "searchset":
        bundle["total"] = len(entries)
    if entries:  # FHIR JSON has no empty arrays
        bundle["entry"] = entries
    return require_valid(bundle)


def write_json(doc: dict[str, Any], dst: Path) -> Path:
    """Write a FHIR JSON document atomically (0600: it may hold health data)."""
    atomic_write(dst, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return Path(dst)


# --- the patient's records as a Bundle ----------------------------------------------

def export_records(wallet: Wallet, records: list[str] | None, dst: Path, *, progress: Progress | None = None,
                   cancel: Cancel | None = None) -> int:
    """Write the chosen records (default: all the patient's own) as one collection Bundle.

    Every record is decrypted and checked against its ledger hash first. Returns the
    number of entries written.
    """
    chosen = records if records is not None else [r["record"] for r in list_records(wallet)]
    items = []
    for done, record in enumerate(chosen, 1):
        items.append(_decrypt(wallet, record, cancel))
        if progress:
            progress("export", done, len(chosen))
    present = {record for record, _, _ in items}
    entries, used = [], set()
    for record, meta, content in _ordered(items):
        if meta.get("derived_from") in present:
            continue
        full_url, raw = _entry(record, meta, content)
        if full_url in used:  # the same Bundle imported twice: fullUrls must stay unique
            full_url = entry_url(record)
        used.add(full_url)
        entries.append((full_url, raw))
    stamp = instant(time.time())
    head = json.dumps({"resourceType": "Bundle", "id": str(uuid.uuid4()), "meta": {"lastUpdated": stamp},
                       "type": "collection", "timestamp": stamp}, ensure_ascii=False)[:-1]
    with atomic_output(dst) as out:
        out.write(head.encode("utf-8") + (b', "entry": [' if entries else b""))
        for n, (full_url, raw) in enumerate(entries):
            out.write((b",\n" if n else b"\n") + b'{"fullUrl": ' + json.dumps(full_url).encode() +
                      b', "resource": ' + raw + b"}")
        out.write(b"\n]}\n" if entries else b"}\n")
    return len(entries)


def _decrypt(wallet: Wallet, record: str, cancel: Cancel | None) -> tuple[str, dict[str, Any], bytes]:
    staging = wallet.tmp_path(f"fhir-export-{record}")
    try:
        meta = export_record(wallet, record, staging, cancel=cancel)
        return record, meta, staging.read_bytes()
    finally:
        staging.unlink(missing_ok=True)


def _ordered(items: list[tuple[str, dict[str, Any], bytes]]) -> list[tuple[str, dict[str, Any], bytes]]:
    """Entries of one source Bundle in their original order, then by date."""
    def key(item: tuple[str, dict[str, Any], bytes]) -> tuple[str, int, str, str]:
        meta = item[1]
        return (meta.get("bundle_sha256") or "~", meta.get("bundle_entry", 0), meta.get("record_date") or "", item[0])
    return sorted(items, key=key)


def _entry(record: str, meta: dict[str, Any], content: bytes) -> tuple[str, bytes]:
    if meta.get("media_type") == "application/fhir+json" and _valid_json(content):
        return meta.get("full_url") or entry_url(record), content.strip()
    doc = require_valid(document_reference(record, meta, content))
    return entry_url(record), json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _valid_json(content: bytes) -> bool:
    """A FHIR record goes in as itself only if it validates (a Bundle kept whole with its
    invalid entries goes in as a file, so the exported Bundle stays valid)."""
    try:
        doc = json.loads(content.decode("utf-8-sig"), parse_float=Decimal)
    except ValueError:
        return False
    return not (resource_problems(doc) if not (isinstance(doc, dict) and doc.get("resourceType") == "Bundle")
                else check_bundle_doc(doc))


def document_reference(record: str, meta: dict[str, Any], content: bytes) -> dict[str, Any]:
    """A non-FHIR record as an R4 DocumentReference with the file inline."""
    attachment = {"contentType": meta.get("media_type") or "application/octet-stream",
                  "data": base64.b64encode(content).decode("ascii"), "size": len(content),
                  "hash": base64.b64encode(hashlib.sha1(content).digest()).decode("ascii"),
                  "title": meta.get("filename") or meta.get("title") or "record"}
    if meta.get("record_date"):
        attachment["creation"] = meta["record_date"]
    doc = {"resourceType": "DocumentReference", "id": record, "identifier": [identifier(SYS_RECORD, record)],
           "status": "current", "description": meta.get("title") or "Record", "content": [{"attachment": attachment}]}
    if meta.get("category"):
        doc["category"] = [{"text": meta["category"]}]
    return doc
