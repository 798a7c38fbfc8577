"""Reading a FHIR Bundle file: its entries, each with the exact bytes of its resource.

A record made from a Bundle entry holds the resource *as it was written* in the file,
byte for byte: re-serialising parsed JSON would lose what FHIR says matters (a decimal's
precision, ``6.10`` against ``6.1``) and what a clinic may check (a signature over the
original bytes). So the file is walked once with the standard library's JSON scanner,
and for each ``entry[i].resource`` both the parsed value and its span in the text are
kept. Decimals are parsed as :class:`decimal.Decimal`, so titles show them as written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from json.decoder import scanstring  # type: ignore[attr-defined]  # CPython's (C) string scanner; typeshed omits it
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UnreadableFile
from .validate import MAX_FHIR_JSON_BYTES, R4, InvalidFhir, Problem, element_path, resource_problems

if TYPE_CHECKING:  # pydantic loads with the FHIR models, on first use
    from pydantic import ValidationError

_WS = re.compile(r"[ \t\n\r]*")
BUNDLE_TYPES = ("document", "message", "transaction", "transaction-response", "batch", "batch-response",
                "history", "searchset", "collection")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_reject_constant)


@dataclass(frozen=True)
class Entry:
    """One ``Bundle.entry``: the parsed resource, its exact bytes and its entry context."""

    index: int
    resource: Any  # a dict once checked; None when the entry has no resource
    raw: bytes | None
    full_url: str | None = None
    request: dict[str, Any] | None = None
    search_mode: str | None = None
    shell: dict[str, Any] = field(default_factory=dict)  # the entry without its resource
    malformed: bool = False  # the entry is not a JSON object
    where: str | None = None  # where it is when not in a Bundle (an NDJSON line)

    @property
    def path(self) -> str:
        return self.where or f"Bundle.entry[{self.index}]"


@dataclass
class ParsedBundle:
    """A Bundle file: its top level (without entries), its entries, hash and size."""

    shell: dict[str, Any]
    entries: list[Entry]
    sha256: str
    size: int
    single: bool = False  # one resource read as an entry, not a Bundle

    @property
    def type(self) -> str:
        return self.shell.get("type", "")


# --- the walker ---------------------------------------------------------------------

def _ws(text: str, i: int) -> int:
    match = _WS.match(text, i)
    assert match is not None  # whitespace* matches anywhere, if only the empty string
    return match.end()


def _value(text: str, i: int) -> tuple[Any, int]:
    return _DECODER.raw_decode(text, i)


def _object(text: str, i: int, member: Callable[[str, str, int], tuple[Any, int]] | None = None
            ) -> tuple[dict[str, Any], dict[str, tuple[int, int]], int]:
    """Parse the object at ``text[i]``; returns it, each member's value span, and the end."""
    if text[i] != "{":
        raise ValueError(f"expected an object at character {i}")
    out: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    i = _ws(text, i + 1)
    if text[i] == "}":
        return out, spans, i + 1
    while True:
        if text[i] != '"':
            raise ValueError(f"expected a member name at character {i}")
        key, i = scanstring(text, i + 1)
        i = _ws(text, i)
        if text[i] != ":":
            raise ValueError(f"expected ':' at character {i}")
        start = _ws(text, i + 1)
        value, i = member(key, text, start) if member else _value(text, start)
        out[key], spans[key] = value, (start, i)
        i = _ws(text, i)
        if text[i] == ",":
            i = _ws(text, i + 1)
        elif text[i] == "}":
            return out, spans, i + 1
        else:
            raise ValueError(f"expected ',' or '}}' at character {i}")


def _entries(text: str, i: int, found: list[Any]) -> tuple[list[Any], int]:
    """Parse the ``entry`` array, noting each element's resource span into ``found``."""
    if text[i] != "[":
        return _value(text, i)
    items: list[Any] = []
    i = _ws(text, i + 1)
    if text[i] == "]":
        return items, i + 1
    while True:
        if text[i] == "{":
            item, spans, i = _object(text, i)
            found.append((item, spans.get("resource")))
        else:
            item, i = _value(text, i)
            found.append((item, None))
        items.append(item)
        i = _ws(text, i)
        if text[i] == ",":
            i = _ws(text, i + 1)
        elif text[i] == "]":
            return items, i + 1
        else:
            raise ValueError(f"expected ',' or ']' at character {i}")


def parse_bundle_text(text: str) -> tuple[dict[str, Any], list[tuple[Any, tuple[int, int] | None]]]:
    """The whole document, and each entry element with its resource's span in ``text``."""
    found: list[Any] = []

    def member(key: str, text: str, i: int) -> tuple[Any, int]:
        return _entries(text, i, found) if key == "entry" else _value(text, i)

    start = _ws(text, 0)
    doc, spans, end = _object(text, start, member)
    if _ws(text, end) != len(text):
        raise ValueError("extra data after the JSON document")
    if "entry" in spans and not isinstance(doc["entry"], list):
        found = []
    return doc, found


# --- reading and checking -----------------------------------------------------------

def read_bundle(path: Path, release: str = R4) -> ParsedBundle:
    """Read and parse a Bundle file; :class:`InvalidFhir` if it is not a valid Bundle."""
    try:
        data = Path(path).read_bytes() if Path(path).stat().st_size <= MAX_FHIR_JSON_BYTES else None
    except OSError as exc:
        raise UnreadableFile(detail=type(exc).__name__) from None
    if data is None:
        raise InvalidFhir(f"This FHIR file is larger than {MAX_FHIR_JSON_BYTES // (1024 * 1024)} MiB; "
                          "import it as a single record instead.")
    return parse_bundle_bytes(data, release)


def parse_bundle_bytes(data: bytes, release: str = R4) -> ParsedBundle:
    """Parse Bundle JSON bytes (UTF-8, optional BOM) into shell and entries."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
        doc, found = parse_bundle_text(text)
    except UnicodeDecodeError:
        raise InvalidFhir(detail="not UTF-8 text") from None
    except (ValueError, IndexError, RecursionError):
        raise InvalidFhir(detail=_json_error(body)) from None
    if doc.get("resourceType") != "Bundle":
        raise InvalidFhir("This file is not a FHIR Bundle.",
                          detail=f"resourceType {str(doc.get('resourceType'))[:40]!r}")
    shell = {k: v for k, v in doc.items() if k != "entry"}
    problems = shell_problems(shell, doc.get("entry", []), release)
    if problems:
        raise InvalidFhir(detail="; ".join(str(p) for p in problems[:3])[:600])
    entries = [_entry(index, item, span, text) for index, (item, span) in enumerate(found)]
    return ParsedBundle(shell, entries, hashlib.sha256(data).hexdigest(), len(data))


def _json_error(body: bytes) -> str:
    try:
        json.loads(body, parse_constant=_reject_constant)
    except ValueError as exc:
        return f"not valid JSON: {exc}"[:200]
    except RecursionError:
        return "not valid JSON: nested too deeply"
    return "not valid JSON"


def _entry(index: int, item: Any, span: tuple[int, int] | None, text: str) -> Entry:
    if not isinstance(item, dict):
        return Entry(index, None, None, malformed=True)
    resource = item.get("resource")
    raw = text[span[0]:span[1]].encode("utf-8") if span and isinstance(resource, dict) else None
    search: dict[str, Any] = item["search"] if isinstance(item.get("search"), dict) else {}
    return Entry(index, resource, raw,
                 full_url=item.get("fullUrl") if isinstance(item.get("fullUrl"), str) else None,
                 request=item.get("request") if isinstance(item.get("request"), dict) else None,
                 search_mode=search.get("mode"), shell={k: v for k, v in item.items() if k != "resource"})


def shell_problems(shell: dict[str, Any], entries: Any, release: str = R4) -> list[Problem]:
    """Problems of the Bundle itself (not of its entries' resources)."""
    if not isinstance(entries, list):
        return [Problem("Bundle.entry", "must be a list")]
    problems = [Problem("Bundle", reason) for reason in resource_problems(shell, release=release)]
    if not problems and shell.get("type") not in BUNDLE_TYPES:
        problems.append(Problem("Bundle.type", f"not a Bundle type (one of {', '.join(BUNDLE_TYPES)})"))
    return problems


def entry_problems(entry: Entry, release: str = R4) -> list[str]:
    """Why one entry cannot be imported (empty when it can)."""
    if entry.malformed:
        return ["not a JSON object (one resource per line)" if entry.where else "an entry must be a JSON object"]
    shell = _shell_problems_r4(entry) if release == R4 else _shell_problems_r4b(entry)
    if shell:
        return shell
    if entry.resource is None:
        return []
    return resource_problems(entry.resource, release=release)


def _shell_problems_r4(entry: Entry) -> list[str]:
    from fhirclient.models.bundle import BundleEntry

    from . import r4

    out: list[str] = []
    r4._element(BundleEntry, entry.shell, entry.path, out)
    return out[:1]


def _shell_problems_r4b(entry: Entry) -> list[str]:
    from fhir.resources.R4B.bundle import BundleEntry
    from pydantic import ValidationError

    try:
        BundleEntry.model_validate(entry.shell)
    except ValidationError as exc:
        return [f"Bundle.entry[{entry.index}]{_short(exc)}"]
    return []


def bundle_rules(bundle: ParsedBundle) -> dict[int, str]:
    """The Bundle invariants of R4 that concern entries (bdl-3, bdl-4, bdl-7, bdl-11, bdl-12), by entry index.

    bdl-7: a fullUrl appears once (unless the versions differ); bdl-3/bdl-4: the entries of a
    transaction or batch carry a request, of a response a response; bdl-11/bdl-12: a document
    starts with its Composition, a message with its MessageHeader.
    """
    found: dict[int, str] = {}
    seen: dict[tuple[str, str | None], int] = {}
    for entry in bundle.entries:
        if entry.malformed:
            continue
        if entry.full_url:
            meta = entry.resource.get("meta") if isinstance(entry.resource, dict) else None
            version = meta.get("versionId") if isinstance(meta, dict) else None
            first = seen.setdefault((entry.full_url, version), entry.index)
            if first != entry.index:
                found[entry.index] = f"fullUrl repeats that of entry[{first}] (bdl-7: each fullUrl once)"
        if bundle.type in ("transaction", "batch", "history") and entry.request is None:
            found.setdefault(entry.index, f"a {bundle.type} entry must have a request (bdl-3)")
        if bundle.type in ("transaction-response", "batch-response", "history") and "response" not in entry.shell:
            found.setdefault(entry.index, f"a {bundle.type} entry must have a response (bdl-4)")
    first_type = next((e.resource.get("resourceType") for e in bundle.entries[:1]
                       if isinstance(e.resource, dict)), None)
    if bundle.type == "document" and first_type != "Composition":
        found.setdefault(0, "a document Bundle must start with its Composition (bdl-11)")
    if bundle.type == "message" and first_type != "MessageHeader":
        found.setdefault(0, "a message Bundle must start with its MessageHeader (bdl-12)")
    return found


def document_problems(shell: dict[str, Any]) -> list[Problem]:
    """bdl-9 and bdl-10: a document Bundle has an identifier (system and value) and a timestamp."""
    if shell.get("type") != "document":
        return []
    problems = []
    ident = shell.get("identifier")
    if not (isinstance(ident, dict) and ident.get("system") and ident.get("value")):
        problems.append(Problem("Bundle.identifier", "a document Bundle needs an identifier with system and value "
                                                     "(bdl-9)"))
    if not shell.get("timestamp"):
        problems.append(Problem("Bundle.timestamp", "a document Bundle needs a timestamp (bdl-10)"))
    return problems


def _short(exc: ValidationError) -> str:
    err = exc.errors(include_url=False, include_input=False)[0]
    return element_path("", err["loc"]) + ": " + " ".join(err["msg"].removeprefix("Value error, ").split())[:200]


def check_entries(bundle: ParsedBundle, progress: Callable[[str, int, int], None] | None = None,
                  release: str = R4) -> tuple[list[Entry], list[Problem], list[Problem]]:
    """Valid entries with a resource, invalid ones (path, reason), and skipped ones.

    Skipped: entries without a resource (a transaction's DELETE, a history's deletion)
    and a searchset's OperationOutcome about the search itself. An entry that breaks a
    Bundle rule (:func:`bundle_rules`, e.g. a repeated fullUrl) is invalid.
    """
    valid: list[Entry] = []
    invalid: list[Problem] = [*document_problems(bundle.shell)]
    skipped: list[Problem] = []
    rules = bundle_rules(bundle)
    total = len(bundle.entries)
    for done, entry in enumerate(bundle.entries, 1):
        reasons = entry_problems(entry, release)
        if not reasons and entry.index in rules:
            reasons = [rules[entry.index]]
        if reasons:
            where = f"{entry.path}.resource" if entry.resource is not None else entry.path
            invalid.append(Problem(where, "; ".join(reasons)))
        elif entry.resource is None:
            skipped.append(Problem(entry.path, "no resource"))
        elif entry.search_mode == "outcome":
            skipped.append(Problem(f"{entry.path}.resource", "search outcome, not patient data"))
        else:
            valid.append(entry)
        if progress and (done % 100 == 0 or done == total):
            progress("validate", done, total)
    return valid, invalid, skipped


def check_bundle_doc(doc: dict[str, Any], release: str = R4) -> list[Problem]:
    """Every problem of an already parsed Bundle (shell, entries and the Bundle rules)."""
    entries = doc.get("entry", [])
    shell = {k: v for k, v in doc.items() if k != "entry"}
    problems = shell_problems(shell, entries, release)
    if problems:
        return problems
    parsed = [_entry(index, item, None, "") for index, item in enumerate(entries)]
    rules = bundle_rules(ParsedBundle(shell, parsed, "", 0))
    problems.extend(document_problems(shell))
    for entry in parsed:
        reasons = entry_problems(entry, release) or ([rules[entry.index]] if entry.index in rules else [])
        if reasons:
            problems.append(Problem(f"{entry.path}.resource" if entry.resource is not None else entry.path,
                                    "; ".join(reasons)))
    return problems
