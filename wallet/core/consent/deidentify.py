"""De-identification of FHIR R4 resources by the HIPAA Safe Harbor method (45 CFR 164.514(b)(2)).

Pure: a resource (or Bundle) in, a de-identified copy out. How each of the 18 Safe
Harbor identifiers is removed:

====  ===========================================  ===========================================
 1    names                                        every ``name`` element dropped (HumanName and
                                                   names of organisations, locations, devices)
 2    geography smaller than a state               ``address`` keeps only ``state`` and ``country``;
                                                   ``position`` (coordinates) dropped
 3    date elements but the year; ages over 89     every date/dateTime/instant value cut to its year,
                                                   bare times dropped; a birth year 90 or more years
                                                   ago is dropped and the patient marked "90 or
                                                   older"; an ``Age`` over 89 years becomes ">= 90"
 4-6  telephone, fax, e-mail                       ``telecom`` dropped (free text: below)
 7-11 SSN, MRN, health plan, account, licence nos  every ``*identifier`` element dropped
 12   vehicle identifiers, serial numbers          (no FHIR element; free text: below)
 13   device identifiers and serial numbers        ``udiCarrier``, ``serialNumber``, ``lotNumber``,
                                                   ``deviceName`` dropped
 14   web URLs                                     ``url`` elements dropped (attachments, telecom...);
                                                   absolute references replaced
 15   IP addresses                                 (no FHIR element; free text: below)
 16   biometric identifiers                        attachments keep only their content type and
 17   full-face photographs                        language (``data``, ``url``, ``hash``, ``title``
                                                   dropped); ``photo`` dropped
 18   any other unique identifying code            resource ids and references replaced by fresh
                                                   random ids (consistently within one copy, never
                                                   the same in two copies); ``meta``, ``extension``,
                                                   ``modifierExtension``, element ids dropped
====  ===========================================  ===========================================

Free text never leaves as written: no pattern can tell a relative's name or a street
address inside "Hector Zorglub (husband)" or "8 Quai du Mont-Blanc, Geneva" from clinical
words, so a string is kept only when it is known safe. Known safe are terminology and
enumerations (``system``, ``code`` and code-typed values such as ``valueCode``,
``status``, ``unit``... the clinical content a study needs, identifying no one), dates
(cut to their year) and numbers. Everything else is free text and is removed: narratives
(``text`` with its XHTML ``div``), ``note``, ``comment``, ``description``, reference
``display``, ``valueString``/``valueMarkdown`` and every other string element, and
``CodeableConcept.text`` (where a concept has no coding, its text is replaced by
:data:`TEXT_REMOVED` so the element stays valid FHIR). As a second line of defence, every
name, address part, telecom and identifier value the document itself holds (the
patient, contacts, related persons, practitioners, organisations, locations) is looked for
in every string that remains and redacted where found. :func:`summarize` says what a copy
keeps and removes, for the patient to see before sharing. The copy is labelled with the
HL7 security label ANONYED.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import random
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import WalletError

AGE_90_OR_OLDER_URL = "http://medwallet.org/fhir/StructureDefinition/age-90-or-older"
ANONYMIZED = {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "ANONYED",
              "display": "anonymized"}
UCUM = "http://unitsofmeasure.org"
MAX_DEPTH = 64
TEXT_REMOVED = "[free text removed]"
REDACTED = "[removed]"

DROP_KEYS = frozenset({
    "name", "telecom", "photo", "contact", "link", "alias", "position", "udiCarrier", "serialNumber",
    "lotNumber", "deviceName", "url", "note", "comment", "description", "extension", "modifierExtension",
    "meta", "implicitRules", "data", "hash", "title", "display",
})
VERBATIM_KEYS = frozenset({
    "resourceType", "system", "code", "version", "status", "gender", "unit", "contentType", "language",
    "use", "comparator", "type", "mode", "method", "intent", "priority", "kind",
})
# Where the document names people, places and accounts: the values found under these keys are
# redacted from every string that remains (a code or unit cannot smuggle a name out).
_IDENTIFYING_KEYS = frozenset({"name", "given", "family", "prefix", "suffix", "alias", "line", "city", "district",
                               "postalCode", "display", "value", "text", "authorString"})
_IDENTIFYING_PARENTS = frozenset({"name", "address", "telecom", "identifier", "contact", "alias", "photo",
                                  "managingOrganization", "generalPractitioner", "performer", "author",
                                  "requester", "recorder", "asserter", "subject", "patient", "note"})
_WORDS_KEYS = frozenset({"given", "family", "alias", "line", "city", "district"})
_MIN_TOKEN = 3
_CHOICE_STRING = re.compile(r"[a-z]+(String|Markdown)")

_DATE = re.compile(r"(\d{4})(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?")
_SCRUB: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
    (re.compile(r"\b(?:https?|ftp|file)://\S+|\bwww\.\S+", re.I), "[url]"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "[ip]"),
    (re.compile(r"(?<![\w:])[0-9A-Fa-f]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?![\w:])"), lambda m: _ipv6(m.group(0))),
    (re.compile(r"\b(\d{4})-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?\b"), r"\1"),
    (re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b"), "[date]"),
    (re.compile(r"\+?\(?\d(?:[\s().-]{0,2}\d){4,}"), "[number]"),
    (re.compile(r"\b(?=[A-Za-z-]*\d)(?=[\d-]*[A-Za-z])[A-Za-z0-9-]{6,}\b"), "[code]"),
]


class DeidentifyError(WalletError):
    """This record cannot be shared de-identified: only FHIR JSON records can."""

    code = "cannot_deidentify"


class _Drop:
    """Marker: the element is removed."""


DROP = _Drop()


class _Context:
    def __init__(self, year: int, rng: random.Random) -> None:
        self.year, self.rng = year, rng
        self.ids: dict[str, str] = {}

    def fresh(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def new_id(self, old: str) -> str:
        if old not in self.ids:
            self.ids[old] = self.fresh()
        return self.ids[old]

    def reference(self, ref: str) -> str:
        """A reference with the target's id replaced (same target, same replacement)."""
        if ref.startswith("#"):
            return "#" + self.new_id("#" + ref[1:])
        parts = ref.rstrip("/").split("/")
        if "://" in ref or ref.startswith("urn:") or len(parts) < 2:
            return "urn:uuid:" + self.new_id(ref)
        if len(parts) >= 4 and parts[-2] == "_history":  # Type/id/_history/version
            parts = parts[:-2]
        return f"{parts[-2]}/{self.new_id(parts[-2] + '/' + parts[-1])}"


def deidentify(resource: dict[str, Any], *, today: _dt.date | None = None,
               rng: random.Random | None = None) -> dict[str, Any]:
    """A Safe Harbor de-identified copy of a FHIR resource or Bundle (the input is not changed)."""
    if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
        raise DeidentifyError(detail="not a FHIR resource")
    ctx = _Context((today or _dt.date.today()).year, rng or random.SystemRandom())
    out = _resource(resource, ctx, 0)
    out = _redact_known(out, _known_identifiers(resource))
    out["meta"] = {"security": [dict(ANONYMIZED)]}
    return out


@dataclass(frozen=True)
class Summary:
    """What a de-identified copy keeps and what it removed, in the patient's terms."""

    resource_types: dict[str, int]
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    free_texts_removed: int = 0


def summarize(source: dict[str, Any], copy: dict[str, Any]) -> Summary:
    """Compare a document with its de-identified copy: the consent preview's words."""
    types = Counter(r["resourceType"] for r in _resources(copy) if isinstance(r.get("resourceType"), str))
    texts = sum(1 for key, _ in _strings(source) if _is_free_text(key))
    kept = ["resource types and coded clinical content (codes, code systems, units)",
            "measured values and ranges", "years of dates (no day or month)"]
    if any(key in ("state", "country") for key, _ in _strings(copy)):
        kept.append("state and country of addresses")
    removed = ["names, addresses, phone and fax numbers, e-mail and web addresses, IP addresses",
               "identifiers (record, insurance, account, licence, device and serial numbers)",
               "photographs, attached documents and images", "days and months of dates, ages over 89",
               "free-text notes, comments and descriptions"]
    return Summary(dict(sorted(types.items())), kept, removed, texts)


def _resources(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield doc
    for entry in doc.get("entry") or []:
        if isinstance(entry, dict) and isinstance(entry.get("resource"), dict):
            yield from _resources(entry["resource"])


def _strings(doc: Any, key: str = "", parent: str = "") -> Iterator[tuple[str, str]]:
    """Every string leaf with its key (and, one level up, its parent's key)."""
    if isinstance(doc, dict):
        for sub, value in doc.items():
            yield from _strings(value, sub, key)
    elif isinstance(doc, list):
        for value in doc:
            yield from _strings(value, key, parent)
    elif isinstance(doc, str):
        yield key, doc


def _is_free_text(key: str) -> bool:
    return key in ("text", "div", "note", "comment", "description", "display", "valueString", "valueMarkdown")


def _known_identifiers(doc: Any, key: str = "", parent: str = "", found: set[str] | None = None) -> set[str]:
    """Names, address parts, telecoms and identifier values written anywhere in ``doc``."""
    found = set() if found is None else found
    if isinstance(doc, dict):
        for sub, value in doc.items():
            _known_identifiers(value, sub, key, found)
    elif isinstance(doc, list):
        for value in doc:
            _known_identifiers(value, key, parent, found)
    elif isinstance(doc, str) and (parent in _IDENTIFYING_PARENTS or key in _WORDS_KEYS) \
            and key in _IDENTIFYING_KEYS:
        found.add(doc.strip())
        if key in _WORDS_KEYS or parent in ("name", "address"):  # each word of a name or an address line
            found.update(word for word in re.findall(r"[^\W\d_]+", doc) if len(word) >= _MIN_TOKEN)
    return {item for item in found if len(item) >= _MIN_TOKEN}


def _redact_known(doc: Any, known: set[str]) -> Any:
    """``doc`` with every known identifying value removed from its strings (ids and URIs aside)."""
    if not known:
        return doc
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
                         + r")(?![^\W_])", re.IGNORECASE)

    def walk(value: Any, key: str) -> Any:
        if isinstance(value, dict):
            return {sub: walk(item, sub) for sub, item in value.items()}
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, str) and key not in ("id", "reference", "fullUrl", "system", "url", "resourceType"):
            return pattern.sub(REDACTED, value)
        return value
    return walk(doc, "")


def _resource(res: dict[str, Any], ctx: _Context, depth: int) -> dict[str, Any]:
    rtype = res["resourceType"]
    out: dict[str, Any] = {"resourceType": rtype}
    if "id" in res:
        out["id"] = ctx.new_id(f"{rtype}/{res['id']}")
    for key, value in res.items():
        if key in ("resourceType", "id"):
            continue
        cleaned = _element(key, value, ctx, depth + 1)
        if cleaned is not DROP:
            out[key] = cleaned
    if rtype == "Patient":
        _aggregate_old_age(res, out, ctx)
    return out


def _element(key: str, value: Any, ctx: _Context, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise DeidentifyError(detail="resource nested too deeply")
    if key in DROP_KEYS or key.startswith("_") or key.lower().endswith("identifier"):
        return DROP
    if key == "text" and isinstance(value, dict):  # a narrative: free text, names and all
        return DROP
    if key in ("fullUrl", "reference") and isinstance(value, str):
        return ctx.reference(value)
    if key == "address":
        return _addresses(value)
    if isinstance(value, list):
        items = [_element(key, item, ctx, depth + 1) for item in value]
        items = [item for item in items if item is not DROP]
        return items or DROP
    if isinstance(value, dict):
        return _object(key, value, ctx, depth)
    if isinstance(value, str):
        return _string(key, value)
    return value


def _object(key: str, value: dict[str, Any], ctx: _Context, depth: int) -> Any:
    if isinstance(value.get("resourceType"), str):
        return _resource(value, ctx, depth)
    if _is_attachment(value):
        kept = {k: value[k] for k in ("contentType", "language") if isinstance(value.get(k), str)}
        return kept or DROP
    if _is_age(key, value):
        return {"value": 90, "comparator": ">=", "unit": "years", "system": UCUM, "code": "a"}
    out = {}
    for sub, item in value.items():
        if sub == "id":  # element ids are arbitrary strings
            continue
        if sub == "text" and isinstance(item, str) and _is_concept(value):
            continue  # a concept's free text: its codings say what it is
        cleaned = _element(sub, item, ctx, depth + 1)
        if cleaned is not DROP:
            out[sub] = cleaned
    if _is_concept(value) and not out.get("coding"):
        out["text"] = TEXT_REMOVED  # a text-only concept stays a valid (empty of meaning) element
    return out or DROP


def _is_concept(value: dict[str, Any]) -> bool:
    """A CodeableConcept: codings and/or a text, and nothing else."""
    return bool(value) and set(value) <= {"coding", "text", "id", "extension"} and (
        "coding" in value or isinstance(value.get("text"), str))


def _string(key: str, value: str) -> Any:
    """Known-safe strings are kept (terminology, enumerations, years); free text is dropped."""
    if key in VERBATIM_KEYS or (key.startswith("value") and key.endswith("Code")):
        return value
    match = _DATE.fullmatch(value)
    if match:
        return match.group(1)
    if _CHOICE_STRING.fullmatch(key):  # e.g. Immunization.occurrenceString, which may be required
        return TEXT_REMOVED
    return DROP


def scrub(text: str) -> str:
    """Free text with e-mail addresses, URLs, IPs, full dates and identifying numbers removed."""
    for pattern, replacement in _SCRUB:
        text = pattern.sub(replacement, text)
    return text


def _ipv6(token: str) -> str:
    try:
        ipaddress.IPv6Address(token)
    except ValueError:
        return token
    return "[ip]"


def _addresses(value: Any) -> Any:
    items = value if isinstance(value, list) else [value]
    kept = []
    for item in items:
        if isinstance(item, dict):
            part = {k: scrub(item[k]) for k in ("state", "country") if isinstance(item.get(k), str)}
            if part:
                kept.append(part)
    if not kept:
        return DROP
    return kept if isinstance(value, list) else kept[0]


def _is_attachment(value: dict[str, Any]) -> bool:
    return not {"data", "url", "hash", "contentType", "creation"}.isdisjoint(value) and "coding" not in value


def _is_age(key: str, value: dict[str, Any]) -> bool:
    """An ``Age`` (or a duration in years) over 89."""
    years = value.get("code") == "a" or (key.endswith("Age") and value.get("unit") in ("a", "y", "yr", "years"))
    number = value.get("value")
    return years and isinstance(number, (int, float)) and not isinstance(number, bool) and number > 89


def _aggregate_old_age(source: dict[str, Any], out: dict[str, Any], ctx: _Context) -> None:
    """A birth year 90 or more years ago is itself identifying: say "90 or older" instead."""
    birth = source.get("birthDate")
    match = _DATE.fullmatch(birth) if isinstance(birth, str) else None
    if match and ctx.year - int(match.group(1)) >= 90:
        out.pop("birthDate", None)
        out["extension"] = [{"url": AGE_90_OR_OLDER_URL, "valueBoolean": True}]
