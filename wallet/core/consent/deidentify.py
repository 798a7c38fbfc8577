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
 4-6  telephone, fax, e-mail                       ``telecom`` dropped; found in free text: removed
 7-11 SSN, MRN, health plan, account, licence nos  every ``*identifier`` element dropped; digit runs
                                                   of 5 or more in free text removed
 12   vehicle identifiers, serial numbers          (no FHIR element; caught in free text as numbers)
 13   device identifiers and serial numbers        ``udiCarrier``, ``serialNumber``, ``lotNumber``,
                                                   ``deviceName`` dropped
 14   web URLs                                     ``url`` elements dropped (attachments, telecom...);
                                                   absolute references replaced; URLs in text removed
 15   IP addresses                                 removed from free text
 16   biometric identifiers                        attachments keep only their content type and
 17   full-face photographs                        language (``data``, ``url``, ``hash``, ``title``
                                                   dropped); ``photo`` dropped
 18   any other unique identifying code            resource ids and references replaced by fresh
                                                   random ids (consistently within one copy, never
                                                   the same in two copies); ``meta``, ``extension``,
                                                   ``modifierExtension``, element ids dropped; mixed
                                                   letter-digit tokens in free text removed
====  ===========================================  ===========================================

Free-text narratives (``text`` with its XHTML ``div``) and other free text (``note``,
``comment``, ``description``, reference ``display``) are dropped; the short texts that
remain (``CodeableConcept.text``, ``valueString``...) are scrubbed with the patterns
above. Terminology (``system``, ``code``...) is kept: it is the clinical content a study
needs and identifies no one. The copy is labelled with the HL7 security label ANONYED.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import random
import re
import uuid
from collections.abc import Callable
from typing import Any

from ..errors import WalletError

AGE_90_OR_OLDER_URL = "http://medwallet.org/fhir/StructureDefinition/age-90-or-older"
ANONYMIZED = {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "ANONYED",
              "display": "anonymized"}
UCUM = "http://unitsofmeasure.org"
MAX_DEPTH = 64

DROP_KEYS = frozenset({
    "name", "telecom", "photo", "contact", "link", "alias", "position", "udiCarrier", "serialNumber",
    "lotNumber", "deviceName", "url", "note", "comment", "description", "extension", "modifierExtension",
    "meta", "implicitRules", "data", "hash", "title", "display",
})
VERBATIM_KEYS = frozenset({
    "resourceType", "system", "code", "version", "status", "gender", "unit", "contentType", "language",
    "use", "comparator", "type", "mode", "method", "intent", "priority", "kind",
})

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
    out["meta"] = {"security": [dict(ANONYMIZED)]}
    return out


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
        cleaned = _element(sub, item, ctx, depth + 1)
        if cleaned is not DROP:
            out[sub] = cleaned
    return out or DROP


def _string(key: str, value: str) -> Any:
    if key in VERBATIM_KEYS:
        return value
    match = _DATE.fullmatch(value)
    if match:
        return match.group(1)
    if _TIME.fullmatch(value):
        return DROP
    return scrub(value)


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
