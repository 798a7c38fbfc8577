"""What a FHIR file is, and its resources as entries: a Bundle, one resource, NDJSON, XML.

Hospitals send FHIR four ways, and each becomes the same thing here, a
:class:`~.bundle_reader.ParsedBundle` whose entries keep each resource's exact bytes:

* a JSON **Bundle** (patient portals, Synthea, IPS documents): its entries;
* one JSON **resource** (an HL7 example, a lone Binary): one entry;
* **NDJSON**, one resource per line (FHIR Bulk Data export, ``.ndjson``): one entry per line;
* **FHIR XML** (``<Bundle xmlns="http://hl7.org/fhir">``): read as FHIR (:mod:`.xml_reader`),
  its resources in their JSON form.

:func:`sniff` decides from the first bytes (and, for NDJSON, the name), never the name alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path

from ..errors import UnreadableFile
from .bundle_reader import _DECODER, Entry, ParsedBundle, _json_error, _reject_constant, parse_bundle_bytes
from .validate import MAX_FHIR_JSON_BYTES, R4, InvalidFhir
from .xml_reader import is_fhir_xml, parse_xml

BUNDLE, RESOURCE, NDJSON, XML = "bundle", "resource", "ndjson", "xml"
FORMAT_NAMES = {BUNDLE: "FHIR JSON Bundle", RESOURCE: "FHIR JSON resource", NDJSON: "FHIR NDJSON (Bulk Data)",
                XML: "FHIR XML"}
_RESOURCE_TYPE = re.compile(rb'"resourceType"\s*:\s*"([A-Za-z]+)"')


def sniff(path: Path) -> str | None:
    """``bundle``, ``resource``, ``ndjson``, ``xml`` or None (not FHIR), from the file's first bytes."""
    try:
        with open(path, "rb") as src:
            head = src.read(8192)
    except OSError:
        return None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if is_fhir_xml(head):
        return XML
    if not text.startswith(b"{"):
        return None
    if Path(path).suffix.lower() in (".ndjson", ".jsonl") or _several_lines(text):
        return NDJSON if _RESOURCE_TYPE.search(text) else None
    match = _RESOURCE_TYPE.search(text)
    if match is None:
        return None
    return BUNDLE if match.group(1) == b"Bundle" and re.search(rb'"resourceType"\s*:\s*"Bundle"', text[:4096]) \
        else RESOURCE


def _several_lines(text: bytes) -> bool:
    """Two JSON objects on their own lines, the first complete on line one: NDJSON."""
    first, _, rest = text.partition(b"\n")
    return first.rstrip().endswith(b"}") and rest.lstrip().startswith(b"{") and first.count(b"{") >= 1 \
        and _balanced(first)


def _balanced(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def read_source(path: Path, kind: str, release: str = R4) -> ParsedBundle:
    """The file's resources as entries (a Bundle's own, or one per resource)."""
    data = _read(path)
    if kind == BUNDLE:
        return parse_bundle_bytes(data, release)
    if kind == RESOURCE:
        return _single(data)
    if kind == NDJSON:
        return _ndjson(data)
    if kind == XML:
        return _xml(data, release)
    raise ValueError(f"not a FHIR source kind: {kind}")


def _read(path: Path) -> bytes:
    try:
        if Path(path).stat().st_size > MAX_FHIR_JSON_BYTES:
            raise InvalidFhir(f"This FHIR file is larger than {MAX_FHIR_JSON_BYTES // (1024 * 1024)} MiB; "
                              "import it as a single record instead.")
        return Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFile(detail=type(exc).__name__) from None


def _parsed(shell_type: str, entries: list[Entry], data: bytes, single: bool = False) -> ParsedBundle:
    return ParsedBundle({"resourceType": "Bundle", "type": shell_type}, entries, hashlib.sha256(data).hexdigest(),
                        len(data), single)


def _single(data: bytes) -> ParsedBundle:
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        doc = _DECODER.decode(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidFhir(detail="not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise InvalidFhir(detail=_json_error(body)) from None
    return _parsed("collection", [Entry(0, doc, body, where="resource")], data, single=True)


def _ndjson(data: bytes) -> ParsedBundle:
    """One entry per non-empty line; a line that is not JSON is an invalid entry, not a failure."""
    entries: list[Entry] = []
    for number, line in enumerate(data.split(b"\n")):
        raw = line.strip().removeprefix(b"\xef\xbb\xbf") if number == 0 else line.strip()
        if not raw:
            continue
        try:
            doc = json.loads(raw.decode("utf-8"), parse_float=Decimal, parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):
            entries.append(Entry(len(entries), None, None, malformed=True, where=f"line {number + 1}"))
            continue
        entries.append(Entry(len(entries), doc, raw, where=f"line {number + 1}"))
    if not entries:
        raise InvalidFhir("This NDJSON file holds no resource.", detail="empty NDJSON")
    return _parsed("collection", entries, data)


def dumps_fhir(doc: object) -> bytes:
    """FHIR JSON bytes of a parsed document, decimals written as they were read (``6.10``)."""
    def mark(value: object) -> str:
        if isinstance(value, Decimal):
            return f"\u0000dec{value}\u0000"
        raise TypeError(f"cannot write {type(value).__name__} as JSON")
    text = json.dumps(doc, ensure_ascii=False, default=mark)
    return re.sub(r'"\\u0000dec([^"\\]+)\\u0000"', r"\1", text).encode("utf-8")


def _xml(data: bytes, release: str) -> ParsedBundle:
    doc = parse_xml(data)
    if doc.get("resourceType") != "Bundle":
        raw = dumps_fhir(doc)
        return _parsed("collection", [Entry(0, doc, raw, where="resource")], data, single=True)
    shell = {k: v for k, v in doc.items() if k != "entry"}
    entries = []
    for index, item in enumerate(doc.get("entry") or []):
        resource = item.get("resource") if isinstance(item, dict) else None
        entry_raw = dumps_fhir(resource) if resource is not None else None
        entries.append(Entry(index, resource, entry_raw, full_url=item.get("fullUrl"), request=item.get("request"),
                             search_mode=(item.get("search") or {}).get("mode"),
                             shell={k: v for k, v in item.items() if k != "resource"}))
    return ParsedBundle(shell, entries, hashlib.sha256(data).hexdigest(), len(data))
