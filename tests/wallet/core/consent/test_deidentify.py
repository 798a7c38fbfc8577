"""De-identification by HIPAA Safe Harbor: a property test over generated FHIR Patient,
Observation and DocumentReference resources (alone and in Bundles) carrying every kind of
identifier, and examples for the rules with edge cases (ages over 89, references)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wallet.core.consent.deidentify import AGE_90_OR_OLDER_URL, TEXT_REMOVED, deidentify, scrub, summarize
from wallet.core.fhir.validate import resource_problems

TODAY = dt.date(2025, 6, 1)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")

# Identifier values are drawn so that they cannot appear in a correct output by chance.
names = st.from_regex(r"[A-Z][a-z]{2,6}Q[a-z]{2,5}", fullmatch=True)
mrns = st.from_regex(r"MRN[0-9]{6,9}", fullmatch=True)
ssns = st.from_regex(r"[0-9]{3}-[0-9]{2}-[0-9]{4}", fullmatch=True)
phones = st.from_regex(r"\+1 \([0-9]{3}\) [0-9]{3}-[0-9]{4}", fullmatch=True)
emails = st.from_regex(r"[a-z]{3,8}\.[a-z]{3,8}@[a-z]{4,8}\.(org|com)", fullmatch=True)
urls = st.from_regex(r"https://[a-z]{4,10}\.example/[a-z0-9]{4,10}", fullmatch=True)
ips = st.tuples(*[st.integers(1, 254)] * 4).map(lambda t: ".".join(map(str, t)))
zips = st.from_regex(r"[0-9]{5}", fullmatch=True)
serials = st.from_regex(r"SN[0-9A-Z]{8}", fullmatch=True)
ids = st.from_regex(r"[a-z]{3}[0-9]{4}-[a-z]{4}", fullmatch=True)
dates = st.dates(dt.date(1900, 1, 1), dt.date(2025, 5, 1))
datetimes = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2025, 5, 1)).map(
    lambda d: d.replace(microsecond=0).isoformat() + "Z")
photos = st.binary(min_size=12, max_size=64).map(lambda b: base64.b64encode(b).decode())


@st.composite
def patients(draw, secrets: dict) -> dict:
    given_name, family = draw(names), draw(names)
    mrn, ssn, phone, email, zip_code, street, city = (draw(mrns), draw(ssns), draw(phones), draw(emails), draw(zips),
                                                      draw(names), draw(names))
    birth = draw(dates)
    secrets["text"] += [given_name, family, mrn, ssn, phone, email, street, city, draw(names)]
    secrets["digits"] += [zip_code, ssn.replace("-", "")]
    secrets["dates"] += [birth.isoformat()]
    photo_url, photo = draw(urls), draw(photos)
    secrets["text"] += [photo_url, photo]
    pid = draw(ids)
    secrets["ids"].append(pid)
    return {
        "resourceType": "Patient", "id": pid,
        "meta": {"lastUpdated": draw(datetimes), "source": draw(urls)},
        "text": {"status": "generated", "div": f"<div>{given_name} {family}, MRN {mrn}</div>"},
        "identifier": [{"system": "http://hospital.example/mrn", "value": mrn},
                       {"system": "http://hl7.org/fhir/sid/us-ssn", "value": ssn}],
        "name": [{"use": "official", "family": family, "given": [given_name]}],
        "telecom": [{"system": "phone", "value": phone}, {"system": "email", "value": email},
                    {"system": "fax", "value": draw(phones)}, {"system": "url", "value": draw(urls)}],
        "gender": draw(st.sampled_from(["female", "male", "other", "unknown"])),
        "birthDate": birth.isoformat(),
        "address": [{"line": [f"{draw(st.integers(1, 999))} {street} Street"], "city": city,
                     "postalCode": zip_code, "state": "MA", "country": "US",
                     "period": {"start": draw(dates).isoformat()}}],
        "photo": [{"contentType": "image/jpeg", "data": photo, "url": photo_url}],
        "contact": [{"name": {"family": draw(names)}, "telecom": [{"system": "phone", "value": draw(phones)}]}],
        "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName",
                       "valueString": secrets["text"][-3]}],
        "managingOrganization": {"reference": "Organization/org-1", "display": draw(names)},
    }


@st.composite
def observations(draw, secrets: dict, subject: str) -> dict:
    email, ip, url, phone = draw(emails), draw(ips), draw(urls), draw(phones)
    when = draw(datetimes)
    performer = draw(names)
    secrets["text"] += [email, url, phone, performer]
    secrets["ips"].append(ip)
    secrets["dates"].append(when[:10])
    oid = draw(ids)
    secrets["ids"].append(oid)
    return {
        "resourceType": "Observation", "id": oid, "status": "final",
        "identifier": [{"value": draw(mrns)}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4", "display": "Heart rate"}],
                 "text": "Heart rate"},
        "subject": {"reference": f"Patient/{subject}", "display": draw(names)},
        "effectiveDateTime": when, "issued": draw(datetimes),
        "performer": [{"reference": "Practitioner/p1", "display": performer}],
        "valueQuantity": {"value": draw(st.integers(30, 200)), "unit": "/min", "system": "http://unitsofmeasure.org",
                          "code": "/min"},
        "note": [{"authorString": draw(names), "time": draw(datetimes), "text": f"Call {phone}"}],
        "component": [{"code": {"text": "comment"},
                       "valueString": f"Reported from {ip} by {email}, see {url}, phone {phone}"}],
        "device": {"reference": "Device/d1", "display": draw(serials)},
    }


@st.composite
def document_references(draw, secrets: dict, subject: str) -> dict:
    data, url, author, title = draw(photos), draw(urls), draw(names), draw(names)
    secrets["text"] += [data, url, author, title]
    did = draw(ids)
    secrets["ids"].append(did)
    created = draw(datetimes)
    secrets["dates"].append(created[:10])
    return {
        "resourceType": "DocumentReference", "id": did, "status": "current",
        "masterIdentifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:oid:1.2.3.{draw(st.integers(1, 10**6))}"},
        "identifier": [{"value": draw(mrns)}],
        "type": {"coding": [{"system": "http://loinc.org", "code": "18842-5"}]},
        "subject": {"reference": f"Patient/{subject}"}, "date": created,
        "author": [{"reference": "Practitioner/p1", "display": author}],
        "description": f"Discharge summary for {author}",
        "content": [{"attachment": {"contentType": "application/pdf", "data": data, "url": url, "title": title,
                                    "creation": draw(datetimes), "hash": base64.b64encode(b"x" * 20).decode()}}],
        "context": {"period": {"start": created, "end": draw(datetimes)}},
    }


@st.composite
def fhir_documents(draw) -> tuple[dict, dict]:
    secrets: dict = {"text": [], "digits": [], "dates": [], "ips": [], "ids": []}
    patient = draw(patients(secrets))
    kind = draw(st.sampled_from(["Patient", "Observation", "DocumentReference", "Bundle"]))
    if kind == "Patient":
        return patient, secrets
    if kind == "Observation":
        return draw(observations(secrets, patient["id"])), secrets
    if kind == "DocumentReference":
        return draw(document_references(secrets, patient["id"])), secrets
    entries = [patient, draw(observations(secrets, patient["id"])), draw(document_references(secrets, patient["id"]))]
    return {"resourceType": "Bundle", "type": "collection", "timestamp": draw(datetimes),
            "entry": [{"fullUrl": f"http://hospital.example/fhir/{e['resourceType']}/{e['id']}", "resource": e}
                      for e in entries]}, secrets


def strings(doc, key: str = "") -> list[tuple[str, str]]:
    if isinstance(doc, dict):
        return [pair for k, v in doc.items() for pair in strings(v, k)]
    if isinstance(doc, list):
        return [pair for v in doc for pair in strings(v, key)]
    return [(key, doc)] if isinstance(doc, str) else []


def keys(doc) -> set[str]:
    if isinstance(doc, dict):
        return set(doc) | set().union(set(), *(keys(v) for v in doc.values()))
    if isinstance(doc, list):
        return set().union(set(), *(keys(v) for v in doc))
    return set()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fhir_documents())
def test_safe_harbor_identifiers_are_gone(generated):
    source, secrets = generated
    before = json.dumps(source)
    out = deidentify(source, today=TODAY, rng=random.Random(7))
    assert json.dumps(source) == before  # the input is left alone
    text = json.dumps(out)
    for value in secrets["text"]:
        assert value not in text, value
    leaves = strings(out)
    for key, value in leaves:
        if key in ("id", "reference", "fullUrl"):  # fresh random ids, never the originals
            assert UUID.search(value) and not any(i in value for i in secrets["ids"]), value
            continue
        for digits in secrets["digits"] + secrets["ips"]:
            assert digits not in value, (key, value)
        # All elements of dates but the year are gone.
        assert not re.search(r"\d{4}-\d{2}", value), (key, value)
        assert not re.search(r"\d{2}:\d{2}", value), (key, value)
    # The structural identifiers are gone wherever they were.
    flagged = [r for r in [out, *[e["resource"] for e in out.get("entry", [])]] if "extension" in r]
    assert all(r["extension"] == [{"url": AGE_90_OR_OLDER_URL, "valueBoolean": True}] for r in flagged)
    rest = [{k: v for k, v in r.items() if k not in ("meta", "extension", "entry")}
            for r in [out, *[e["resource"] for e in out.get("entry", [])]]]
    assert not keys(rest) & {"identifier", "masterIdentifier", "name", "telecom", "photo", "contact", "line", "city",
                            "postalCode", "data", "url", "title", "hash", "note", "description", "display",
                            "authorString"}
    assert not any(k == "text" and v.startswith("<div") for k, v in leaves)
    assert out["meta"] == {"security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
                                         "code": "ANONYED", "display": "anonymized"}]}


def test_dates_become_years_and_old_ages_aggregate():
    old = {"resourceType": "Patient", "id": "p", "birthDate": "1930-02-03", "deceasedDateTime": "2024-01-02T03:04:05Z"}
    out = deidentify(old, today=TODAY)
    assert "birthDate" not in out and out["extension"] == [{"url": AGE_90_OR_OLDER_URL, "valueBoolean": True}]
    assert out["deceasedDateTime"] == "2024"
    young = deidentify({"resourceType": "Patient", "birthDate": "1990-07-01"}, today=TODAY)
    assert young["birthDate"] == "1990" and "extension" not in young
    cond = deidentify({"resourceType": "Condition", "onsetAge": {"value": 93, "unit": "years", "system":
                       "http://unitsofmeasure.org", "code": "a"}, "recordedDate": "2020-05-05",
                       "abatementAge": {"value": 40, "code": "a"}})
    assert cond["onsetAge"] == {"value": 90, "comparator": ">=", "unit": "years", "system": "http://unitsofmeasure.org",
                                "code": "a"}
    assert cond["abatementAge"] == {"value": 40, "code": "a"} and cond["recordedDate"] == "2020"


def test_references_stay_consistent_within_a_copy_and_differ_between_copies():
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:11111111-1111-4111-8111-111111111111",
         "resource": {"resourceType": "Patient", "id": "x"}},
        {"resource": {"resourceType": "Observation", "id": "o", "status": "final", "code": {"text": "x"},
                      "subject": {"reference": "Patient/x"}, "hasMember": [{"reference": "Patient/x/_history/2"}],
                      "focus": [{"reference": "urn:uuid:11111111-1111-4111-8111-111111111111"}]}}]}
    one, two = deidentify(bundle), deidentify(bundle)
    patient_id = one["entry"][0]["resource"]["id"]
    observation = one["entry"][1]["resource"]
    assert observation["subject"]["reference"] == f"Patient/{patient_id}"
    assert observation["hasMember"][0]["reference"] == f"Patient/{patient_id}"
    assert observation["focus"][0]["reference"] == one["entry"][0]["fullUrl"]
    assert two["entry"][0]["resource"]["id"] != patient_id  # two copies cannot be joined on ids


def test_scrub_free_text():
    text = scrub("Seen 2024-03-05 by dr.who@clinic.org from 10.1.2.3 / 2001:db8::1, www.x.org, SSN 123-45-6789, "
                 "ref AB12CD34; BP 120/80 at 10:30")
    assert text == ("Seen 2024 by [email] from [ip] / [ip], [url] SSN [number], ref [code]; BP 120/80 at 10:30")


# --- every Safe Harbor class, in every text-bearing element ---------------------------

# One value per Safe Harbor class (45 CFR 164.514(b)(2)(i)(A)-(R)), written as patients'
# portals and clinicians write them: each must be gone from the copy, wherever it was put.
SAFE_HARBOR = {
    "A names": "Dr Gaston Frimousse", "A relative": "Hector Zorglub (husband)",
    "B address": "8 Quai du Mont-Blanc, Geneva", "B zip": "ZIP 02139",
    "C date": "2024-03-05", "C birth date": "born 5 March 1931",
    "D phone": "+41 22 555 01 23", "E fax": "fax 022 555 77 88", "F email": "gaston@frimousse.example",
    "G ssn": "123-45-6789", "H mrn": "MRN884422", "I health plan": "plan HP99812K", "J account": "ACCT77123Z",
    "K licence": "licence LX558812", "L vehicle": "VIN 1HGCM82633A004352", "M device": "serial SN88X21Q",
    "N url": "https://frimousse.example/me", "O ip": "10.20.30.40", "P biometric": "fingerprint FP7Q2W9E4R",
    "Q photo": "photo IMG4411.jpg", "R other code": "badge ZX44QW91",
}
# The tokens that would identify the patient if they survived (numbers compared as digits).
_TELLTALES = ["Gaston", "Frimousse", "Hector", "Zorglub", "husband", "Quai", "Mont-Blanc", "Geneva", "02139",
              "2024-03", "March", "1931", "555", "frimousse", "6789", "884422", "99812", "77123", "558812",
              "1HGCM", "88X21Q", "10.20.30.40", "FP7Q2W9E4R", "IMG4411", "ZX44QW91"]
CODED = {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]}


def _text_bearing(text: str) -> list[dict]:
    """Resources of the types Medwallet shares, with ``text`` in every element that takes a string."""
    concept = {**CODED, "text": text}
    bare = {"text": text}
    annotation = {"authorString": text, "time": "2024-03-05T10:00:00Z", "text": text}
    ref = {"reference": "Patient/p1", "display": text}
    return [
        {"resourceType": "Patient", "id": "p1", "text": {"status": "generated", "div": f"<div>{text}</div>"},
         "name": [{"text": text, "family": text, "given": [text]}],
         "address": [{"text": text, "line": [text], "city": text, "state": "MA", "country": "US"}],
         "maritalStatus": bare, "communication": [{"language": concept}],
         "contact": [{"relationship": [bare], "name": {"text": text}}]},
        {"resourceType": "Observation", "id": "o1", "status": "final", "code": concept, "category": [bare],
         "subject": ref, "performer": [ref], "valueString": text, "note": [annotation],
         "interpretation": [bare], "bodySite": bare, "method": bare,
         "component": [{"code": bare, "valueString": text}, {"code": concept, "valueCodeableConcept": bare}],
         "referenceRange": [{"text": text, "low": {"value": 1}}]},
        {"resourceType": "DocumentReference", "id": "d1", "status": "current", "type": bare,
         "category": [concept], "subject": ref, "description": text, "author": [ref],
         "content": [{"attachment": {"contentType": "text/plain", "title": text}}],
         "context": {"facilityType": bare, "practiceSetting": concept}},
        {"resourceType": "Condition", "id": "c1", "code": bare, "subject": ref, "note": [annotation],
         "severity": concept, "bodySite": [bare], "stage": [{"summary": bare}], "evidence": [{"code": [bare]}],
         "abatementString": text, "onsetString": text},
        {"resourceType": "AllergyIntolerance", "id": "a1", "patient": ref, "code": bare, "note": [annotation],
         "reaction": [{"substance": bare, "manifestation": [bare], "description": text, "note": [annotation]}]},
        {"resourceType": "MedicationStatement", "id": "m1", "status": "active", "subject": ref,
         "medicationCodeableConcept": bare, "reasonCode": [bare], "note": [annotation],
         "dosage": [{"text": text, "patientInstruction": text, "route": bare, "timing": {"code": bare}}]},
        {"resourceType": "Immunization", "id": "i1", "status": "completed", "patient": ref,
         "vaccineCode": bare, "occurrenceString": text, "lotNumber": text, "site": bare, "note": [annotation],
         "performer": [{"actor": ref}], "reasonCode": [bare]},
    ]


@pytest.mark.parametrize("label", sorted(SAFE_HARBOR))
def test_every_safe_harbor_class_is_removed_from_every_text_element(label):
    text = SAFE_HARBOR[label]
    resources = _text_bearing(text)
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}
    for doc in [*resources, bundle]:
        out = json.dumps(deidentify(doc, today=TODAY, rng=random.Random(1)), ensure_ascii=False)
        assert text not in out
        for telltale in _TELLTALES:
            assert telltale.lower() not in out.lower(), (label, doc["resourceType"], telltale)


def test_the_copy_stays_valid_fhir_and_says_what_it_keeps():
    resources = _text_bearing("Hector Zorglub (husband)")
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}
    out = deidentify(bundle, today=TODAY, rng=random.Random(1))
    for entry in out["entry"]:
        assert resource_problems(entry["resource"]) == [], entry["resource"]["resourceType"]
    observation = out["entry"][1]["resource"]
    assert observation["code"] == CODED  # the coded meaning stays; its free text does not
    assert observation["category"] == [{"text": TEXT_REMOVED}]
    summary = summarize(bundle, out)
    assert summary.resource_types["Observation"] == 1 and summary.free_texts_removed > 20
    assert any("free-text" in line for line in summary.removed) and any("codes" in line for line in summary.kept)


def test_names_the_record_holds_are_redacted_even_from_codes():
    """Second line of defence: a value the document names someone with never survives, not even as a code."""
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "Practitioner", "id": "pr", "name": [{"family": "Frimousse",
                                                                           "given": ["Gaston"]}]}},
        {"resource": {"resourceType": "Observation", "id": "o", "status": "final",
                      "code": {"coding": [{"system": "urn:x", "code": "frimousse-panel"}]},
                      "valueQuantity": {"value": 3, "unit": "Gaston units"}}}]}
    out = json.dumps(deidentify(bundle, today=TODAY))
    assert "Frimousse" not in out and "frimousse" not in out and "Gaston" not in out
