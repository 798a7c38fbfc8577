"""An International Patient Summary (HL7 IPS, FHIR R4) from the wallet's own FHIR records.

The document follows the IPS profile structure (http://hl7.org/fhir/uv/ips): a
``document`` Bundle with an identifier and timestamp, its Composition first (type LOINC
60591-5, subject the Patient, the three required sections: medications 10160-0,
allergies 48765-2, problems 11450-4, each with an ``emptyReason`` when the wallet holds
nothing for it), then the optional sections the records fill (immunizations, results,
procedures, vital signs), then every resource the sections name. Resources are the
patient's records as imported (their ids kept, references rewritten to the document's
``urn:uuid`` full URLs). The wallet has no author: the patient is the author.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

IPS_PROFILE = "http://hl7.org/fhir/uv/ips/StructureDefinition/Bundle-uv-ips"
LOINC = "http://loinc.org"
# section code, title, resource types, required
SECTIONS: list[tuple[str, str, tuple[str, ...], bool]] = [
    ("10160-0", "Medication Summary", ("MedicationStatement", "MedicationRequest"), True),
    ("48765-2", "Allergies and Intolerances", ("AllergyIntolerance",), True),
    ("11450-4", "Problem List", ("Condition",), True),
    ("11369-6", "History of Immunizations", ("Immunization",), False),
    ("30954-2", "Diagnostic Results", ("DiagnosticReport",), False),
    ("47519-4", "History of Procedures", ("Procedure",), False),
    ("8716-3", "Vital Signs", (), False),
]
EMPTY_REASON = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/list-empty-reason",
                            "code": "unavailable", "display": "Unavailable"}]}
VITAL_SIGNS = "vital-signs"


def _is_vital(resource: dict[str, Any]) -> bool:
    for category in resource.get("category") or []:
        for coding in category.get("coding") or [] if isinstance(category, dict) else []:
            if isinstance(coding, dict) and coding.get("code") == VITAL_SIGNS:
                return True
    return False


def section_of(resource: dict[str, Any]) -> str | None:
    kind = resource.get("resourceType")
    if kind == "Observation":
        return "8716-3" if _is_vital(resource) else "30954-2"
    for code, _, kinds, _ in SECTIONS:
        if kind in kinds:
            return code
    return None


def build_ips(resources: list[dict[str, Any]], *, now: float | None = None) -> dict[str, Any]:
    """The IPS document Bundle for ``resources`` (the patient's FHIR resources, one Patient among them).

    Raises ``ValueError`` when no Patient is among them (an IPS is about one patient).
    """
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() if now is None else now))
    patients = [r for r in resources if r.get("resourceType") == "Patient"]
    if not patients:
        raise ValueError("an International Patient Summary needs the patient's Patient resource; import it first")
    patient = patients[0]
    urls: dict[str, str] = {}
    chosen: list[tuple[str, dict[str, Any]]] = []
    for resource in [patient] + [r for r in resources if section_of(r)]:
        url = f"urn:uuid:{uuid.uuid4()}"
        if isinstance(resource.get("id"), str):
            urls[f"{resource['resourceType']}/{resource['id']}"] = url
            urls[f"urn:uuid:{resource['id']}"] = url  # how Synthea and other exports refer
        chosen.append((url, resource))
    patient_url = chosen[0][0]
    body = [(url, _rewrite(resource, urls, patient_url)) for url, resource in chosen]
    by_section: dict[str, list[str]] = {}
    for url, resource in body[1:]:
        code = section_of(resource)
        assert code is not None
        by_section.setdefault(code, []).append(url)
    sections = []
    for code, title, _, required in SECTIONS:
        refs = by_section.get(code, [])
        if not refs and not required:
            continue
        section: dict[str, Any] = {"title": title, "code": {"coding": [{"system": LOINC, "code": code}]},
                                   "text": {"status": "generated", "div": _div(title, len(refs))}}
        if refs:
            section["entry"] = [{"reference": ref} for ref in refs]
        else:
            section["emptyReason"] = EMPTY_REASON
        sections.append(section)
    composition_url = f"urn:uuid:{uuid.uuid4()}"
    composition = {
        "resourceType": "Composition", "id": str(uuid.uuid4()), "status": "final",
        "type": {"coding": [{"system": LOINC, "code": "60591-5", "display": "Patient summary Document"}]},
        "subject": {"reference": patient_url}, "date": stamp, "author": [{"reference": patient_url}],
        "title": "International Patient Summary", "confidentiality": "N", "section": sections,
    }
    entries = [{"fullUrl": composition_url, "resource": composition}]
    entries += [{"fullUrl": url, "resource": resource} for url, resource in body]
    return {"resourceType": "Bundle", "id": str(uuid.uuid4()), "meta": {"profile": [IPS_PROFILE]},
            "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"},
            "type": "document", "timestamp": stamp, "entry": entries}


def _div(title: str, count: int) -> str:
    what = f"{count} item{'s' if count != 1 else ''}" if count else "no information available"
    return f'<div xmlns="http://www.w3.org/1999/xhtml">{title}: {what}</div>'


def _rewrite(value: Any, urls: dict[str, str], patient_url: str) -> Any:
    """A copy with references to resources in the document pointing at their full URLs.

    References the document cannot resolve (an Encounter, a Practitioner not included)
    keep their ``display`` only, so the document stays self-contained (bdl-7 style).
    """
    if isinstance(value, list):
        return [_rewrite(item, urls, patient_url) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "reference" and isinstance(item, str):
            tail = "/".join(item.rstrip("/").split("/")[-2:])
            if tail in urls:
                out[key] = urls[tail]
            elif tail.startswith("Patient/"):  # the wallet holds one patient: the summary's subject
                out[key] = patient_url
            continue
        out[key] = _rewrite(item, urls, patient_url)
    if "reference" in value and "reference" not in out and "display" not in out:
        out["display"] = "not included in this summary"
    return out
