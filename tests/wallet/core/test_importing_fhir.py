"""Importing FHIR as hospitals send it: again (no duplicates), one resource, NDJSON, XML,
a lone Binary, and the words each case gets. A real node on loopback, real files."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from tests.wallet.core.fhir.bundle_gen import write_bundle
from wallet.core import deletion, importing
from wallet.core.fhir.validate import InvalidFhir
from wallet.core.records import library

DATA = Path(__file__).resolve().parents[2] / "data" / "fhir"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82")


def test_importing_the_same_bundle_again_adds_nothing(wallet, tmp_path):
    src = tmp_path / "synthea.json"
    write_bundle(src, 60, style="transaction", seed=7)
    first = importing.import_file(wallet, src, split=True)
    assert first.records and not first.duplicates
    count = len(library.list_records(wallet))
    again = importing.import_file(wallet, src, split=True)
    assert again.records == [] and len(again.duplicates) == first.entries - len(first.skipped)
    assert "already in your wallet as record" in again.duplicates[0].reason
    assert len(library.list_records(wallet)) == count
    whole = importing.import_file(wallet, src)
    assert len(whole.records) == 1
    whole_again = importing.import_file(wallet, src)
    assert whole_again.records == [] and whole_again.duplicates[0].reason.endswith(whole.records[0].record[:12])
    assert "transaction Bundle" in first.notes[0] and "not carried out" in first.notes[0]


def test_a_deleted_record_can_be_imported_again(wallet, tmp_path):
    src = tmp_path / "obs.json"
    src.write_text(json.dumps({"resourceType": "Observation", "status": "final", "code": {"text": "Hb"}}))
    first = importing.import_file(wallet, src)
    deletion.delete_record(wallet, first.records[0].record)
    assert len(importing.import_file(wallet, src).records) == 1


def test_split_of_a_single_resource_is_that_resource(wallet, tmp_path):
    src = tmp_path / "Condition-example.json"
    src.write_text(json.dumps({"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p"},
                               "code": {"text": "Asthma"}, "recordedDate": "2020-02-02"}))
    report = importing.import_file(wallet, src, split=True)
    assert len(report.records) == 1 and report.kind == "resource" and report.problems == []
    row = library.list_records(wallet)[0]
    assert row["fhir_type"] == "Condition" and row["filename"] == "Condition-example.json"


def _binary(data: bytes, sha1: bytes | None = None) -> dict:
    return {"resourceType": "Media", "id": "m1", "status": "completed", "subject": {"reference": "Patient/p"},
            "content": {"contentType": "image/png", "data": base64.b64encode(data).decode(), "title": "Rash photo",
                        **({"hash": base64.b64encode(sha1).decode()} if sha1 else {})}}


def test_a_lone_media_becomes_its_image_with_its_sha1_checked(wallet, tmp_path):
    good = tmp_path / "media.json"
    good.write_text(json.dumps(_binary(PNG, hashlib.sha1(PNG).digest())))
    report = importing.import_file(wallet, good)
    assert [r.category for r in report.records] == ["fhir", "image"]
    image = next(r for r in library.list_records(wallet) if r["category"] == "image")
    assert image["media_type"] == "image/png" and image["title"].startswith("Rash photo")
    bad = tmp_path / "damaged.json"
    bad.write_text(json.dumps({**_binary(PNG, hashlib.sha1(b"other").digest()), "id": "m2"}))
    with pytest.raises(InvalidFhir, match="SHA-1"):
        importing.import_file(wallet, bad, split=True)
    assert len(library.list_records(wallet)) == 2


def test_ndjson_bulk_export_is_checked_line_by_line(wallet, tmp_path):
    lines = [{"resourceType": "Observation", "id": f"o{n}", "status": "final", "code": {"text": f"Test {n}"}}
             for n in range(3)]
    src = tmp_path / "Observation.ndjson"
    src.write_text("\n".join(json.dumps(line) for line in lines) + "\n{\"resourceType\": \"Observation\", "
                   "\"status\": \"sideways\", \"code\": 3}\n")
    report = importing.import_file(wallet, src, split=True)
    assert report.kind == "ndjson" and len(report.records) == 3
    assert report.problems[0].path.startswith("line 4")
    whole = importing.import_file(wallet, src)  # the file as one record: other content than any of its lines
    assert len(whole.records) == 1 and whole.problems[0].path.startswith("line 4")
    row = next(r for r in library.list_records(wallet) if r["record"] == whole.records[0].record)
    assert row["media_type"] == "application/fhir+ndjson"


def test_fhir_xml_whole_is_kept_as_xml_and_split_into_json_resources(wallet):
    xml = DATA / "ips" / "IPS-bundle-01.xml"
    whole = importing.import_file(wallet, xml)
    assert whole.kind == "xml" and len(whole.records) == 1 and whole.problems == []
    row = library.list_records(wallet)[0]
    assert row["media_type"] == "application/fhir+xml" and row["fhir_type"] == "Bundle"
    split = importing.import_file(wallet, xml, split=True)
    assert len(split.records) >= 20 and any("FHIR JSON form" in n for n in split.notes)
    assert any("FHIR document" in n for n in split.notes)


def test_ips_json_document_split_keeps_every_resource(wallet):
    report = importing.import_file(wallet, DATA / "ips" / "bundle-minimal.json", split=True)
    types = sorted(r["fhir_type"] for r in library.list_records(wallet))
    assert "Composition" in types and "AllergyIntolerance" in types and report.problems == []


def test_errors_name_the_file(wallet, tmp_path):
    bad = tmp_path / "portal-export.json"
    bad.write_text('{"resourceType": "Observation", "status": ')
    with pytest.raises(InvalidFhir) as caught:
        importing.import_file(wallet, bad)
    assert caught.value.message.startswith("portal-export.json: ")
    r4b_only = tmp_path / "citation.json"
    r4b_only.write_text(json.dumps({"resourceType": "Citation", "status": "active"}))
    with pytest.raises(InvalidFhir) as caught:
        importing.import_file(wallet, r4b_only)
    assert "citation.json" in caught.value.message and "R4B" in caught.value.message
