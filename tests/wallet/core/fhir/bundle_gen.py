"""Synthea-like FHIR R4 patient Bundles for tests and benchmarks, deterministic per seed.

One patient with what Synthea and patient portals put in an export: Patient (US Core
profile, race/ethnicity extensions), Organization, Practitioner, Encounters, and per
encounter vital signs (blood pressure with components, heart rate, BMI, weight) and
labs (valueQuantity), Conditions, Immunizations, MedicationRequests (some with a
contained Medication), Procedures, AllergyIntolerance, DiagnosticReports (some with an
inline presentedForm) and DocumentReferences with inline clinical notes (base64, with
their R4 SHA-1 hash).

* ``collection``: portal style, fullUrl ``https://portal.example.org/fhir/Type/id`` and
  relative references ``Type/id``;
* ``transaction``: Synthea style, fullUrl ``urn:uuid:…``, references ``urn:uuid:…``,
  ``request`` POST per entry;
* ``searchset``: ``search.mode`` match per entry plus an OperationOutcome ``outcome`` entry.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import uuid
from datetime import date, datetime, timedelta, timezone

US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
CVX = "http://hl7.org/fhir/sid/cvx"
UCUM = "http://unitsofmeasure.org"

VITALS = [("8867-4", "Heart rate", 55, 95, "/min"), ("29463-7", "Body weight", 55, 110, "kg"),
          ("39156-5", "Body mass index", 19, 34, "kg/m2"), ("8310-5", "Body temperature", 36.1, 37.9, "Cel")]
LABS = [("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", 4.8, 8.5, "%"),
        ("2339-0", "Glucose [Mass/volume] in Blood", 70, 180, "mg/dL"),
        ("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", 140, 260, "mg/dL"),
        ("718-7", "Hemoglobin [Mass/volume] in Blood", 11.5, 17.0, "g/dL")]
CONDITIONS = [("44054006", "Diabetes mellitus type 2"), ("38341003", "Hypertensive disorder"),
              ("195662009", "Acute viral pharyngitis"), ("10509002", "Acute bronchitis"),
              ("55822004", "Hyperlipidemia")]
VACCINES = [("140", "Influenza, seasonal, injectable, preservative free"), ("208", "SARS-COV-2 (COVID-19) vaccine"),
            ("113", "Td (adult) preservative free"), ("33", "pneumococcal polysaccharide vaccine, 23 valent")]
MEDICATIONS = [("860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"),
               ("314076", "lisinopril 10 MG Oral Tablet"), ("308136", "amlodipine 2.5 MG Oral Tablet"),
               ("617311", "atorvastatin 20 MG Oral Tablet")]
PROCEDURES = [("430193006", "Medication Reconciliation (procedure)"), ("710824005", "Assessment of health and "
              "social care needs (procedure)"), ("171207006", "Depression screening (procedure)")]


class _Gen:
    def __init__(self, seed: int, style: str) -> None:
        self.rng = random.Random(seed)
        self.style = style
        self.entries: list[dict] = []

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, resource: dict) -> str:
        """Add an entry; returns how other resources refer to it."""
        rid = resource["id"]
        rtype = resource["resourceType"]
        if self.style == "transaction":
            url = f"urn:uuid:{rid}"
            entry = {"fullUrl": url, "resource": resource, "request": {"method": "POST", "url": rtype}}
            reference = url
        else:
            entry = {"fullUrl": f"https://portal.example.org/fhir/{rtype}/{rid}", "resource": resource}
            if self.style == "searchset":
                entry["search"] = {"mode": "match" if rtype != "Patient" else "include"}
            reference = f"{rtype}/{rid}"
        self.entries.append(entry)
        return reference

    def when(self, day: date) -> str:
        moment = datetime(day.year, day.month, day.day, self.rng.randint(8, 17), self.rng.choice((0, 15, 30, 45)),
                          tzinfo=timezone(timedelta(hours=self.rng.choice((-5, -4, 0, 1)))))
        return moment.isoformat()


def _concept(system: str, code: str, display: str) -> dict:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def _b64(text: str) -> tuple[str, str]:
    data = text.encode()
    return base64.b64encode(data).decode(), base64.b64encode(hashlib.sha1(data).digest()).decode()


def patient_bundle(entries: int = 200, *, style: str = "collection", seed: int = 1) -> dict:
    """A Bundle of about ``entries`` entries for one patient (at least the first encounter's)."""
    g = _Gen(seed, style)
    patient_id = g.uid()
    patient = {
        "resourceType": "Patient", "id": patient_id, "meta": {"profile": [US_CORE + "us-core-patient"]},
        "extension": [{"url": US_CORE + "us-core-race", "extension": [
            {"url": "ombCategory", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2106-3",
                                                   "display": "White"}},
            {"url": "text", "valueString": "White"}]},
            {"url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
             "valueAddress": {"city": "Springfield", "country": "US"}}],
        "identifier": [{"system": "https://portal.example.org/mrn", "value": f"MRN{g.rng.randint(10**6, 10**7)}"}],
        "name": [{"use": "official", "family": "Example", "given": ["Jane", "Q"]}],
        "gender": "female", "birthDate": "1968-04-12",
        "address": [{"line": ["1 Main St"], "city": "Springfield", "state": "MA", "postalCode": "01101"}],
    }
    subject = {"reference": g.add(patient)}
    org = {"resourceType": "Organization", "id": g.uid(), "name": "Springfield Family Practice",
           "meta": {"profile": [US_CORE + "us-core-organization"]}, "active": True}
    org_ref = {"reference": g.add(org), "display": org["name"]}
    doc = {"resourceType": "Practitioner", "id": g.uid(), "name": [{"family": "Smith", "given": ["Alex"],
                                                                     "prefix": ["Dr."]}]}
    doc_ref = {"reference": g.add(doc), "display": "Dr. Alex Smith"}
    allergy = {"resourceType": "AllergyIntolerance", "id": g.uid(),
               "meta": {"profile": [US_CORE + "us-core-allergyintolerance"]},
               "clinicalStatus": _concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                          "active", "Active"),
               "code": _concept(SNOMED, "91936005", "Allergy to penicillin"), "patient": subject,
               "recordedDate": "2015-06-01T10:00:00-04:00"}
    g.add(allergy)
    day = date(2016, 1, 4)
    while len(g.entries) < entries:
        day += timedelta(days=g.rng.randint(20, 90))
        _encounter(g, day, subject, org_ref, doc_ref)
    if style == "searchset":
        g.entries.append({"resource": {"resourceType": "OperationOutcome", "id": g.uid(), "issue": [
            {"severity": "information", "code": "informational", "diagnostics": "Search results truncated"}]},
            "search": {"mode": "outcome"}})
    bundle = {"resourceType": "Bundle", "id": g.uid(), "meta": {"lastUpdated": "2024-05-01T12:00:00Z"},
              "type": style, "timestamp": "2024-05-01T12:00:00Z"}
    if style == "searchset":
        bundle["total"] = len(g.entries) - 1
    bundle["entry"] = g.entries
    return bundle


def _encounter(g: _Gen, day: date, subject: dict, org_ref: dict, doc_ref: dict) -> None:
    rng = g.rng
    start = g.when(day)
    enc = {"resourceType": "Encounter", "id": g.uid(), "meta": {"profile": [US_CORE + "us-core-encounter"]},
           "status": "finished",
           "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB",
                     "display": "ambulatory"},
           "type": [_concept(SNOMED, "185349003", "Encounter for check up (procedure)")], "subject": subject,
           "participant": [{"individual": doc_ref}], "serviceProvider": org_ref,
           "period": {"start": start, "end": start.replace(":00-", ":45-", 1) if ":00-" in start else start}}
    enc_ref = {"reference": g.add(enc)}
    common = {"subject": subject, "encounter": enc_ref}
    bp = {"resourceType": "Observation", "id": g.uid(), "meta": {"profile": [US_CORE + "us-core-blood-pressure"]},
          "status": "final", "category": [_concept("http://terminology.hl7.org/CodeSystem/observation-category",
                                                   "vital-signs", "Vital Signs")],
          "code": _concept(LOINC, "85354-9", "Blood pressure panel"), **common, "effectiveDateTime": start,
          "component": [
              {"code": _concept(LOINC, "8480-6", "Systolic blood pressure"),
               "valueQuantity": {"value": rng.randint(105, 150), "unit": "mm[Hg]", "system": UCUM, "code": "mm[Hg]"}},
              {"code": _concept(LOINC, "8462-4", "Diastolic blood pressure"),
               "valueQuantity": {"value": rng.randint(65, 95), "unit": "mm[Hg]", "system": UCUM, "code": "mm[Hg]"}}]}
    g.add(bp)
    results = []
    for code, name, low, high, unit in VITALS + rng.sample(LABS, 2):
        category = "laboratory" if (code, name, low, high, unit) in LABS else "vital-signs"
        obs = {"resourceType": "Observation", "id": g.uid(), "status": "final",
               "category": [_concept("http://terminology.hl7.org/CodeSystem/observation-category", category,
                                     category.replace("-", " ").title())],
               "code": _concept(LOINC, code, name), **common, "effectiveDateTime": start, "issued": start,
               "valueQuantity": {"value": round(rng.uniform(low, high), 1), "unit": unit, "system": UCUM,
                                 "code": unit}}
        ref = g.add(obs)
        if category == "laboratory":
            results.append({"reference": ref})
    report = {"resourceType": "DiagnosticReport", "id": g.uid(), "status": "final",
              "code": _concept(LOINC, "24323-8", "Comprehensive metabolic panel"), **common,
              "effectiveDateTime": start, "issued": start, "result": results}
    if rng.random() < 0.3:
        data, sha1 = _b64(f"Lab report {day}: all values reviewed.\n")
        report["presentedForm"] = [{"contentType": "text/plain", "data": data, "hash": sha1, "title": "Lab report"}]
    g.add(report)
    if rng.random() < 0.35:
        code, name = rng.choice(CONDITIONS)
        g.add({"resourceType": "Condition", "id": g.uid(), "meta": {"profile": [US_CORE + "us-core-condition"]},
               "clinicalStatus": _concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active",
                                          "Active"),
               "verificationStatus": _concept("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                              "confirmed", "Confirmed"),
               "category": [_concept("http://terminology.hl7.org/CodeSystem/condition-category",
                                     "encounter-diagnosis", "Encounter Diagnosis")],
               "code": _concept(SNOMED, code, name), **common, "onsetDateTime": start, "recordedDate": start})
    if rng.random() < 0.4:
        code, name = rng.choice(VACCINES)
        g.add({"resourceType": "Immunization", "id": g.uid(), "status": "completed",
               "vaccineCode": _concept(CVX, code, name), "patient": subject, "encounter": enc_ref,
               "occurrenceDateTime": start, "primarySource": True})
    if rng.random() < 0.5:
        code, name = rng.choice(MEDICATIONS)
        med = {"resourceType": "MedicationRequest", "id": g.uid(), "status": "active", "intent": "order",
               **common, "authoredOn": start, "requester": doc_ref,
               "dosageInstruction": [{"text": "Take one tablet daily", "timing": {"repeat": {
                   "frequency": 1, "period": 1, "periodUnit": "d"}}}]}
        if rng.random() < 0.3:
            med["contained"] = [{"resourceType": "Medication", "id": "med1", "code": _concept(RXNORM, code, name)}]
            med["medicationReference"] = {"reference": "#med1"}
        else:
            med["medicationCodeableConcept"] = _concept(RXNORM, code, name)
        g.add(med)
    if rng.random() < 0.3:
        code, name = rng.choice(PROCEDURES)
        g.add({"resourceType": "Procedure", "id": g.uid(), "status": "completed",
               "code": _concept(SNOMED, code, name), **common, "performedDateTime": start})
    if rng.random() < 0.25:
        data, sha1 = _b64(f"Progress note {day}\nPatient seen for check-up. Plan: continue.\n" * 3)
        g.add({"resourceType": "DocumentReference", "id": g.uid(),
               "meta": {"profile": [US_CORE + "us-core-documentreference"]}, "status": "current",
               "type": _concept(LOINC, "11506-3", "Progress note"),
               "category": [_concept("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
                                     "clinical-note", "Clinical Note")],
               "subject": subject, "date": start.replace("+00:00", "Z") if start.endswith("+00:00") else start,
               "author": [doc_ref], "description": "Progress note",
               "content": [{"attachment": {"contentType": "text/plain", "data": data, "hash": sha1,
                                           "title": "Progress note"},
                            "format": {"system": "http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode",
                                       "code": "urn:ihe:iti:xds:2017:mimeTypeSufficient"}}],
               "context": {"encounter": [enc_ref], "period": {"start": start}}})


def write_bundle(path, entries: int = 200, *, style: str = "collection", seed: int = 1, indent: int | None = 2) -> dict:
    """Write :func:`patient_bundle` to ``path`` (pretty-printed, as portals do); returns it."""
    bundle = patient_bundle(entries, style=style, seed=seed)
    path.write_text(json.dumps(bundle, indent=indent, ensure_ascii=False), "utf-8")
    return bundle
