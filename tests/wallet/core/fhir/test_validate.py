"""FHIR validation, Bundle reading (exact bytes), entry checks and titles: no network."""

from __future__ import annotations

import base64
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest

from wallet.core.fhir.bundle_import import inline_attachments, is_bundle, plan_split
from wallet.core.fhir.bundle_reader import check_entries, parse_bundle_bytes, read_bundle
from wallet.core.fhir.check import check_fhir
from wallet.core.fhir.describe import bundle_index, title_for
from wallet.core.fhir.validate import R4_ONLY_TYPES, InvalidFhir, resource_problems

from .bundle_gen import patient_bundle

DATA = Path(__file__).resolve().parents[3] / "data" / "fhir"
OBS = {"resourceType": "Observation", "status": "final", "code": {"text": "x"}}


@pytest.mark.parametrize("extra", [
    {"meta": {"profile": ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab"]}},
    {"extension": [{"url": "https://portal.example.org/unknown", "valueString": "kept"}]},
    {"modifierExtension": [{"url": "https://portal.example.org/flag", "valueBoolean": True}]},
    {"_status": {"extension": [{"url": "https://portal.example.org/why", "valueString": "lab"}]}},
    {"contained": [{"resourceType": "Patient", "id": "p"}], "subject": {"reference": "#p"}},
    {"effectiveDateTime": "2024"}, {"effectiveDateTime": "2024-03-05T10:00:00.123+05:30"},
    {"valueQuantity": {"value": Decimal("6.10"), "unit": "%"}},
    {"text": {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml">A1c</div>'}},
])
def test_liberal_where_r4_allows(extra):
    assert resource_problems({**OBS, **extra}) == []


@pytest.mark.parametrize("doc, fragment", [
    ({"resourceType": "Observation", "code": {"text": "x"}}, "Observation.status"),
    ({**OBS, "effectiveDateTime": "2024-03-05T10:00"}, "Observation.effectiveDateTime"),  # time without zone
    ({**OBS, "issued": "2024-03-05"}, "Observation.issued"),  # an instant needs a time
    ({**OBS, "unknownElement": 1}, "Observation.unknownElement"),
    ({**OBS, "valueString": "a", "valueBoolean": True}, "Observation"),
    ({**OBS, "id": "has space"}, "Observation.id"),
    ({**OBS, "identifier": [{"value": ""}]}, "Observation.identifier[0].value"),
    ({**OBS, "contained": [{"resourceType": "Nope"}]}, "Observation"),
    ({"resourceType": "Widget"}, "not a FHIR R4 resource type"),
    ({"resourceType": 12}, "resourceType"),
    ([], "JSON object"),
])
def test_strict_where_r4_requires(doc, fragment):
    problems = resource_problems(doc)
    assert problems and fragment in problems[0]


def test_r4_types_missing_from_r4b_are_checked_against_r4():
    # Once only structurally checked (a MedicinalProduct without its required name passed);
    # now walked over the R4 tables, so what R4 requires is required.
    assert resource_problems({"resourceType": "MedicinalProduct", "id": "mp-1",
                              "name": [{"productName": "Anastrozole 1 mg"}]}) == []
    assert resource_problems({"resourceType": "MedicinalProduct", "id": "bad id",
                              "name": [{"productName": "Anastrozole 1 mg"}]}) != []
    assert "required element missing" in resource_problems({"resourceType": "MedicinalProduct", "id": "mp-1"})[0]
    assert "MedicinalProduct" in R4_ONLY_TYPES


def test_check_fhir_names_the_path_of_the_problem():
    assert check_fhir({**OBS, "effectiveDateTime": "2024-03-05"}) == ("Observation", "2024-03-05")
    with pytest.raises(InvalidFhir) as caught:
        check_fhir({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": OBS}, {"resource": {
            "resourceType": "Observation", "code": {"text": "x"}}}]})
    assert "Bundle.entry[1].resource" in str(caught.value) and "Observation.status" in str(caught.value)


def test_resource_bytes_are_the_original_text():
    text = (DATA / "portal_collection.json").read_bytes()
    bundle = parse_bundle_bytes(text)
    doc = json.loads(text)
    assert len(bundle.entries) == len(doc["entry"])
    for entry, original in zip(bundle.entries, doc["entry"], strict=True):
        assert json.loads(entry.raw) == original["resource"]
        assert entry.raw in text  # a slice of the file, not a re-serialisation
    a1c = bundle.entries[1]
    assert b'"value":6.10' in a1c.raw and a1c.resource["valueQuantity"]["value"] == Decimal("6.10")
    assert "\u2014" in bundle.entries[3].resource["note"][0]["text"] and b"\\u2014" in bundle.entries[3].raw


def test_reader_handles_bom_whitespace_escapes_and_rejects_bad_json():
    inner = '{"resourceType": "Observation", "status": "final", "code": {"text": "caf\\u00e9 \\"q\\""}}'
    data = ('\ufeff \n{"entry" : [ {"resource" :\t' + inner + ' } ] ,"type":"collection","resourceType":"Bundle"}\n')
    bundle = parse_bundle_bytes(data.encode("utf-8"))
    assert bundle.entries[0].raw == inner.encode() and bundle.type == "collection"
    for bad in (b'{"resourceType": "Bundle", "type": "collection", "entry": [', b'{"resourceType": "Bundle"} x',
                b'{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": NaN}]}',
                b'{"resourceType": "Observation"}', b'{"resourceType": "Bundle"}', b"\xff\xfe"):
        with pytest.raises(InvalidFhir):
            parse_bundle_bytes(bad)


@pytest.mark.parametrize("style", ["collection", "transaction", "searchset"])
def test_walker_agrees_with_json_module(style):
    doc = patient_bundle(150, style=style, seed=7)
    for indent in (None, 1, "\t"):
        text = json.dumps(doc, indent=indent, ensure_ascii=indent is None)
        bundle = parse_bundle_bytes(text.encode())
        expected = json.loads(text, parse_float=Decimal)
        assert [e.resource for e in bundle.entries] == [e.get("resource") for e in expected["entry"]]
        assert bundle.shell == {k: v for k, v in expected.items() if k != "entry"}


def test_invalid_entries_are_reported_by_path_and_the_rest_kept():
    bundle = read_bundle(DATA / "invalid_entries.json")
    valid, invalid, skipped = check_entries(bundle)
    assert [e.resource["id"] for e in valid] == ["ok1", "ok2", "ok3"]
    reasons = {p.path: p.reason for p in invalid}
    assert set(reasons) == {f"Bundle.entry[{i}].resource" for i in (1, 3, 4, 5, 6, 8)}
    assert "Observation.status" in reasons["Bundle.entry[1].resource"]
    assert "effectiveDateTime" in reasons["Bundle.entry[3].resource"]
    assert "vaccineBrand" in reasons["Bundle.entry[4].resource"]
    assert "Widget" in reasons["Bundle.entry[5].resource"]
    assert "attachment.data" in reasons["Bundle.entry[6].resource"]
    assert [p.path for p in skipped] == ["Bundle.entry[9].resource"]  # the search's own OperationOutcome


def test_entries_without_resource_and_odd_entries():
    bundle = parse_bundle_bytes(json.dumps({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"request": {"method": "DELETE", "url": "Observation/1"}}, 5, {"resource": "text"},
        {"fullUrl": 7, "resource": OBS}]}).encode())
    valid, invalid, skipped = check_entries(bundle)
    assert valid == [] and [p.path for p in skipped] == ["Bundle.entry[0]"]
    assert [p.path for p in invalid] == ["Bundle.entry[1]", "Bundle.entry[2].resource", "Bundle.entry[3].resource"]


def test_titles_types_and_dates():
    bundle = read_bundle(DATA / "portal_collection.json")
    valid, _, _ = check_entries(bundle)
    index = bundle_index([(e.full_url, e.resource) for e in valid])
    titles = [title_for(e.resource, index) for e in valid]
    assert titles[:6] == [
        "Patient: demographics",  # never the patient's name
        "Observation: Hemoglobin A1c 6.10 % (2024-03-05)",
        "Observation: Blood pressure 128/82 mmHg (2024-03-05)",
        "Condition: Type 2 diabetes mellitus (2019-01-02)",
        "Immunization: Influenza, seasonal, injectable, preservative free (2023-10-12)",
        "MedicationRequest: Metformin 500 MG Extended Release Oral Tablet (2023-05-01)",  # contained Medication
    ]
    assert "Jane" not in " ".join(titles) and "Example" not in " ".join(titles)
    urn = read_bundle(DATA / "transaction_urn.json")
    valid, _, _ = check_entries(urn)
    index = bundle_index([(e.full_url, e.resource) for e in valid])
    assert title_for(valid[2].resource, index) == "MedicationRequest: lisinopril 10 MG Oral Tablet (2023-11-02)"
    long = {**OBS, "code": {"text": "x" * 300}, "effectiveDateTime": "2024-01-01"}
    assert len(title_for(long)) <= 120 and title_for(long).endswith("(2024-01-01)")


def test_inline_attachments_decoded_and_checked():
    bundle = read_bundle(DATA / "portal_collection.json")
    valid, _, _ = check_entries(bundle)
    planned, problems = plan_split(bundle, valid, 10**9)
    assert problems == [] and len(planned) == len(valid) + 2
    pdf = next(p for p in planned if p.meta["media_type"] == "application/pdf")
    assert pdf.data.startswith(b"%PDF-") and pdf.meta["filename"] == "Diabetes panel report.pdf"
    assert pdf.meta["category"] == "document" and pdf.parent is not None
    assert planned[pdf.parent].meta["fhir_type"] == "DiagnosticReport" and pdf.group == planned[pdf.parent].group
    note = next(p for p in planned if p.meta["media_type"].startswith("text/plain"))
    assert "Café" in note.data.decode() and note.meta["filename"] == "Visit note.txt"
    entry = next(e for e in valid if e.resource["resourceType"] == "DocumentReference")
    damaged = dict(entry.resource, content=[{"attachment": {
        "contentType": "text/plain", "data": base64.b64encode(b"changed").decode(),
        "hash": base64.b64encode(hashlib.sha1(b"original").digest()).decode()}}])
    with pytest.raises(ValueError, match="SHA-1"):
        inline_attachments(type(entry)(entry.index, damaged, entry.raw))


def test_is_bundle_sniffs(tmp_path):
    assert is_bundle(DATA / "portal_collection.json")
    (tmp_path / "obs.json").write_text(json.dumps(OBS))
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 Bundle")
    assert not is_bundle(tmp_path / "obs.json") and not is_bundle(tmp_path / "x.pdf")
    assert not is_bundle(tmp_path / "missing.json")
