"""Readable titles for FHIR resources: what a patient sees in the record list.

``Observation: Hemoglobin A1c 6.1 % (2024-03-05)``, ``Condition: Type 2 diabetes
mellitus (2019-01-02)``, ``MedicationRequest: Metformin 500 MG Oral Tablet (2023-05-01)``.
Titles are built from the resource alone, plus the other resources of its Bundle when a
reference needs resolving (a MedicationRequest naming a Medication entry). Titles stay on
the patient's machine (wallet database and encrypted metadata), never on the ledger.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

MAX_TITLE = 120
_DATE_FIELDS = ("effectiveDateTime", "issued", "date", "recordedDate", "authoredOn", "occurrenceDateTime",
                "onsetDateTime", "performedDateTime", "created", "birthDate")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?$")
# Where each resource type keeps what it is about (first found wins).
_SUBJECT = {
    "Observation": ("code",), "Condition": ("code",), "Procedure": ("code",), "AllergyIntolerance": ("code",),
    "DiagnosticReport": ("code",), "Immunization": ("vaccineCode",), "ImagingStudy": ("procedureCode",),
    "MedicationRequest": ("medicationCodeableConcept", "medicationReference"),
    "MedicationStatement": ("medicationCodeableConcept", "medicationReference"),
    "MedicationAdministration": ("medicationCodeableConcept", "medicationReference"),
    "MedicationDispense": ("medicationCodeableConcept", "medicationReference"),
    "Medication": ("code",), "Encounter": ("type", "serviceType", "class"), "CarePlan": ("category", "title"),
    "CareTeam": ("name", "category"), "Goal": ("description",), "DocumentReference": ("description", "type"),
    "Composition": ("title", "type"), "Claim": ("type",), "ExplanationOfBenefit": ("type",),
    "Coverage": ("type",), "Device": ("deviceName", "type"), "Organization": ("name",), "Location": ("name",),
    "Practitioner": ("name",), "PractitionerRole": ("code", "specialty"),
    "ServiceRequest": ("code",), "FamilyMemberHistory": ("relationship",), "Consent": ("category",),
    "QuestionnaireResponse": ("questionnaire",), "Binary": ("contentType",),
}
_PRIVATE_TYPES = {"Patient": "demographics", "RelatedPerson": "related person", "Person": "person"}
# Components shown in the order a clinician reads them, by LOINC code: systolic before
# diastolic (a blood pressure is "120/80"), whatever order the sender wrote them in.
_COMPONENT_ORDER = {"8480-6": 0, "8462-4": 1, "8459-0": 0, "8453-3": 1, "8460-8": 0, "8454-1": 1}


def concept_text(value: Any) -> str | None:
    """The readable text of a CodeableConcept, Coding, Reference, string or list of them."""
    if isinstance(value, list):
        return next((t for t in (concept_text(v) for v in value) if t), None)
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("text"), str):
        return value["text"]
    if "family" in value or "given" in value:  # a HumanName (a practitioner's; never the patient's)
        parts = [*(value.get("prefix") or []), *(value.get("given") or []), value.get("family")]
        return " ".join(p for p in parts if isinstance(p, str)) or None
    for coding in value.get("coding") or []:
        if isinstance(coding, dict):
            text = coding.get("display") or coding.get("code")
            if isinstance(text, str):
                return text
    for key in ("display", "name", "code"):
        if isinstance(value.get(key), str):
            return value[key]
    return None


def _number(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def quantity_text(q: Any) -> str | None:
    if not isinstance(q, dict) or q.get("value") is None:
        return None
    unit = q.get("unit") or q.get("code") or ""
    return f"{q.get('comparator', '')}{_number(q['value'])} {unit}".strip()


def value_text(resource: dict[str, Any]) -> str | None:
    """The value of an Observation (or one component each, e.g. a blood pressure 120/80 mmHg)."""
    if isinstance(resource.get("valueQuantity"), dict):
        return quantity_text(resource["valueQuantity"])
    for key in ("valueCodeableConcept", "valueString", "valueInteger", "valueDateTime"):
        if key in resource:
            return concept_text(resource[key]) or str(resource[key])
    if isinstance(resource.get("valueBoolean"), bool):
        return "yes" if resource["valueBoolean"] else "no"
    components = sorted((c for c in resource.get("component") or [] if isinstance(c, dict)),
                        key=lambda c: _COMPONENT_ORDER.get(_loinc(c) or "", 2))
    values = [quantity_text(c.get("valueQuantity")) for c in components]
    if values and all(values):
        numbers = [v.split(" ", 1) for v in values if v]
        units = {n[1] if len(n) > 1 else "" for n in numbers}
        if len(units) == 1:
            return "/".join(n[0] for n in numbers) + (f" {units.pop()}" if units != {""} else "")
        return ", ".join(v for v in values if v)
    return None


def _loinc(component: dict[str, Any]) -> str | None:
    """The LOINC code of an Observation component, if it has one."""
    code = component.get("code")
    for coding in (code.get("coding") or []) if isinstance(code, dict) else []:
        if isinstance(coding, dict) and coding.get("system") == "http://loinc.org":
            value = coding.get("code")
            return value if isinstance(value, str) else None
    return None


def resolve(reference: Any, index: dict[str, dict[str, Any]],
            container: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The resource a Reference points at, inside the Bundle or the container's ``contained``."""
    if not isinstance(reference, dict) or not isinstance(reference.get("reference"), str):
        return None
    target = reference["reference"]
    if target.startswith("#") and container:
        return next((c for c in container.get("contained") or [] if isinstance(c, dict)
                     and c.get("id") == target[1:]), None)
    if target in index:
        return index[target]
    tail = "/".join(target.rstrip("/").split("/")[-2:])  # absolute URL → Type/id
    return index.get(tail)


def subject_text(resource: dict[str, Any], index: dict[str, dict[str, Any]]) -> str | None:
    for key in _SUBJECT.get(resource.get("resourceType", ""), ("code", "type", "name", "title")):
        value = resource.get(key)
        if key.endswith("Reference"):
            target = resolve(value, index, resource)
            text = concept_text(target.get("code")) if target else None
            text = text or concept_text(value)
        else:
            text = concept_text(value)
        if text:
            return text
    return None


def title_for(resource: dict[str, Any], index: dict[str, dict[str, Any]] | None = None) -> str:
    """``<Type>: <what> <value> (<date>)``, at most 120 characters."""
    rtype = resource.get("resourceType", "Resource")
    if rtype in _PRIVATE_TYPES:
        what = _PRIVATE_TYPES[rtype]
    else:
        what = subject_text(resource, index or {}) or (f"id {resource['id']}" if isinstance(resource.get("id"), str)
                                                       else "")
        if rtype == "Observation":
            value = value_text(resource)
            what = f"{what} {value}".strip() if value else what
    date = clinical_date(resource)
    title = f"{rtype}: {' '.join(what.split())}" if what else rtype
    suffix = f" ({date})" if date and rtype not in _PRIVATE_TYPES else ""
    if len(title) + len(suffix) > MAX_TITLE:
        title = title[:MAX_TITLE - len(suffix) - 1].rstrip() + "…"
    return title + suffix


def bundle_index(resources: list[tuple[str | None, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Lookup of a Bundle's resources by fullUrl and by ``Type/id``."""
    index: dict[str, dict[str, Any]] = {}
    for full_url, resource in resources:
        if full_url:
            index[full_url] = resource
        if isinstance(resource.get("id"), str):
            index[f"{resource.get('resourceType')}/{resource['id']}"] = resource
    return index


def clinical_date(doc: dict[str, Any]) -> str | None:
    """The date a resource is about, from its usual date elements."""
    for name in _DATE_FIELDS:
        value = doc.get(name)
        if isinstance(value, str) and _DATE.match(value):
            return value[:10]
    for name in ("effectivePeriod", "period", "performedPeriod"):
        value = doc.get(name)
        if isinstance(value, dict) and isinstance(value.get("start"), str) and _DATE.match(value["start"]):
            start: str = value["start"]
            return start[:10]
    meta = doc.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("lastUpdated"), str) and _DATE.match(meta["lastUpdated"]):
        updated: str = meta["lastUpdated"]
        return updated[:10]
    return None
