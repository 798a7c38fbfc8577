"""Strict FHIR R4 (4.0.1) structure, walked over the SMART on FHIR models (``fhirclient``).

``fhir.resources`` ships R4B (4.3) and R5 models, not R4: an R4B-only resource type
(``Citation``, ``SubscriptionStatus``… 13 of them) would pass as R4, and a valid R4
``Evidence`` (changed in R4B) would be refused. ``fhirclient`` (the SMART on FHIR Python
client, kept by the SMART Health IT team) is generated from the R4 4.0.1 definitions; its
classes list, for every resource, backbone element and data type, each element's JSON
name, type, whether it is a list, its choice group (``value[x]``) and whether it is
required. This module walks a document over those tables, so R4 means R4:

* the resource type exists in R4 (148 types);
* every element is known to R4 (an unknown one is named, with its path);
* required elements are present, lists are non-empty arrays, a choice has one value;
* primitives have their JSON type (string, boolean, integer, number) and date, dateTime,
  instant and time values match the R4 regular expressions;
* contained resources and Bundle entries are walked as the resources they are.

Where R4B did not change a type (all but the 22 listed in :data:`R4B_DIFFERS`),
:mod:`.validate` also runs the ``fhir.resources`` R4B model, which adds the string
formats (id, code, uri, decimal precision…) the R4 tables do not carry.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

MAX_PROBLEMS = 20

# Resource types whose R4B definition differs from R4's (element names or list-ness), or
# that R4B dropped: the R4B models must not judge them. Derived by comparing both libraries'
# element tables (tests/wallet/core/fhir/test_r4.py recomputes it).
R4B_DIFFERS = frozenset({
    "ActivityDefinition", "Evidence", "EvidenceVariable", "PlanDefinition",
    "EffectEvidenceSynthesis", "MedicinalProduct", "MedicinalProductAuthorization",
    "MedicinalProductContraindication", "MedicinalProductIndication", "MedicinalProductIngredient",
    "MedicinalProductInteraction", "MedicinalProductManufactured", "MedicinalProductPackaged",
    "MedicinalProductPharmaceutical", "MedicinalProductUndesirableEffect", "RiskEvidenceSynthesis",
    "SubstanceNucleicAcid", "SubstancePolymer", "SubstanceProtein", "SubstanceReferenceInformation",
    "SubstanceSourceMaterial", "SubstanceSpecification",
})
# The 13 resource types that exist only in R4B (4.3.0), named when an R4 network refuses them.
R4B_ONLY = frozenset({
    "AdministrableProductDefinition", "Citation", "ClinicalUseDefinition", "EvidenceReport", "Ingredient",
    "ManufacturedItemDefinition", "MedicinalProductDefinition", "NutritionProduct", "PackagedProductDefinition",
    "RegulatedAuthorization", "SubscriptionStatus", "SubscriptionTopic", "SubstanceDefinition",
})

_YEAR = r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
_MONTH_DAY = r"(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?"
_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?"
_ZONE = r"(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
_FORMATS = {
    "FHIRDate": re.compile(f"{_YEAR}{_MONTH_DAY}"),
    "FHIRDateTime": re.compile(f"{_YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T{_TIME}{_ZONE})?)?)?"),
    "FHIRInstant": re.compile(f"{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T{_TIME}{_ZONE}"),
    "FHIRTime": re.compile(_TIME),
}
_WHAT = {"FHIRDate": "a date (YYYY, YYYY-MM or YYYY-MM-DD)", "FHIRDateTime": "a dateTime",
         "FHIRInstant": "an instant (date, time and zone)", "FHIRTime": "a time (hh:mm:ss)"}


@dataclass(frozen=True, slots=True)
class Prop:
    """One element of an R4 type: JSON name, type, list, choice group, required."""

    name: str
    type: type
    is_list: bool
    choice: str | None
    required: bool


@cache
def resource_class(rtype: str) -> type | None:
    """The R4 model class of a resource type, or None when R4 has no such resource."""
    if not re.fullmatch(r"[A-Z][A-Za-z]{1,63}", rtype):
        return None
    try:
        module = importlib.import_module(f"fhirclient.models.{rtype.lower()}")
    except ImportError:
        return None
    from fhirclient.models.resource import Resource

    cls = getattr(module, rtype, None)
    if not (isinstance(cls, type) and issubclass(cls, Resource) and getattr(cls, "resource_type", None) == rtype):
        return None
    return cls


def is_r4_type(rtype: str) -> bool:
    """True for the 148 resource types of FHIR R4."""
    return resource_class(rtype) is not None


@cache
def properties(cls: type) -> dict[str, Prop]:
    """The elements of an R4 model class by JSON name."""
    return {js: Prop(js, typ, bool(is_list), of_many, bool(required))
            for _, js, typ, is_list, of_many, required in cls().elementProperties()}


def problems(doc: Any, path: str | None = None) -> list[str]:
    """Why ``doc`` is not a valid R4 resource (its structure), as ``path: reason`` texts."""
    out: list[str] = []
    _resource(doc, path, out)
    return out[:MAX_PROBLEMS]


def _resource(doc: Any, path: str | None, out: list[str]) -> None:
    if not isinstance(doc, dict):
        out.append(f"{path or 'resource'}: a resource must be a JSON object")
        return
    rtype = doc.get("resourceType")
    where = path or (rtype if isinstance(rtype, str) else "resource")
    if not isinstance(rtype, str):
        out.append(f"{where}: resourceType is missing")
        return
    cls = resource_class(rtype)
    if cls is None:
        hint = " (it exists only in R4B, FHIR 4.3)" if rtype in R4B_ONLY else ""
        out.append(f"{where}: {rtype[:64]!r} is not a FHIR R4 resource type{hint}")
        return
    _element(cls, doc, where, out, resource=True)


def _element(cls: type, doc: dict[str, Any], path: str, out: list[str], resource: bool = False) -> None:
    props = properties(cls)
    chosen: dict[str, list[str]] = {}
    for key, value in doc.items():
        if len(out) >= MAX_PROBLEMS:
            return
        if resource and key == "resourceType":
            continue
        if key.startswith("_") and key[1:] in props:
            _primitive_extension(value, f"{path}.{key}", out)
            continue
        prop = props.get(key)
        if prop is None:
            out.append(f"{path}.{key}: unknown element (not in FHIR R4 {cls.__name__})")
            continue
        if prop.choice:
            chosen.setdefault(prop.choice, []).append(key)
        _value(prop, value, f"{path}.{key}", out, doc.get("_" + key))
    for group, names in chosen.items():
        if len(names) > 1:
            out.append(f"{path}: {group}[x] takes one value, found {', '.join(sorted(names))}")
    for prop in props.values():
        if prop.required and prop.name not in doc and "_" + prop.name not in doc:
            if prop.choice is None:
                out.append(f"{path}.{prop.name}: required element missing")
            elif prop.choice not in chosen and not any(f"{path}: {prop.choice}[x]" in o for o in out):
                out.append(f"{path}: {prop.choice}[x] is required")


def _value(prop: Prop, value: Any, path: str, out: list[str], extension: Any) -> None:
    if value is None:
        if extension is None:
            out.append(f"{path}: null is not allowed (leave the element out)")
        return
    if prop.is_list:
        if not isinstance(value, list):
            out.append(f"{path}: must be an array")
            return
        if not value:
            out.append(f"{path}: an empty array is not allowed (leave the element out)")
        for index, item in enumerate(value):
            if item is None:
                ext = extension[index] if isinstance(extension, list) and index < len(extension) else None
                if ext is None:
                    out.append(f"{path}[{index}]: null is not allowed here")
                continue
            _single(prop.type, item, f"{path}[{index}]", out)
        return
    if isinstance(value, list):
        out.append(f"{path}: takes one value, not an array")
        return
    _single(prop.type, value, path, out)


def _single(typ: type, value: Any, path: str, out: list[str]) -> None:
    name = typ.__name__
    if typ is str:
        if not isinstance(value, str):
            out.append(f"{path}: must be a string, not {_shown(value)}")
        elif not value.strip():
            out.append(f"{path}: an empty or blank string is not allowed")
    elif typ is bool:
        if not isinstance(value, bool):
            out.append(f"{path}: must be true or false, not {_shown(value)}")
    elif typ is int:
        if isinstance(value, bool) or not isinstance(value, int):
            out.append(f"{path}: must be an integer, not {_shown(value)}")
    elif typ is float:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            out.append(f"{path}: must be a number, not {_shown(value)}")
    elif name in _FORMATS:
        if not isinstance(value, str) or not _FORMATS[name].fullmatch(value):
            out.append(f"{path}: must be {_WHAT[name]}, not {_shown(value)}")
    elif name == "Resource":
        _resource(value, path, out)
    elif not isinstance(value, dict):
        out.append(f"{path}: must be a JSON object ({name}), not {_shown(value)}")
    else:
        _element(typ, value, path, out)


def _primitive_extension(value: Any, path: str, out: list[str]) -> None:
    items = value if isinstance(value, list) else [value]
    if not all(item is None or isinstance(item, dict) for item in items):
        out.append(f"{path}: must hold the primitive's id and extensions as an object")


def _shown(value: Any) -> str:
    """A short rendering of a bad value for a message (never more than 40 characters)."""
    text = repr(value) if not isinstance(value, dict | list) else ("an object" if isinstance(value, dict)
                                                                     else "an array")
    return text if len(text) <= 40 else text[:37] + "…"
