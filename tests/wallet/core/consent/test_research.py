"""A de-identified copy of a FHIR record granted to a research institution, under a fresh
pseudonym admitted by its own credential proof; the copy holds none of the identifiers."""

from __future__ import annotations

import json
import time

import pytest

from wallet.core import importing
from wallet.core.consent import research
from wallet.core.consent.deidentify import DeidentifyError
from wallet.core.consent.grants import GrantError

MARKERS = ["Jane", "Qexample", "MRN-778899", "555-0101", "jane@example.org", "12 Elm Street", "Springfield",
           "02139", "1984-07-14", "https://photos.example/jane.jpg"]


def test_deidentified_copy_shared_under_a_fresh_pseudonym(holder, make_cred_institution, tmp_path):
    patient = {"resourceType": "Patient", "id": "jane-1", "text": {"status": "generated", "div": "<div>Jane</div>"},
               "identifier": [{"system": "urn:mrn", "value": "MRN-778899"}],
               "name": [{"family": "Qexample", "given": ["Jane"]}],
               "telecom": [{"system": "phone", "value": "555-0101"}, {"system": "email", "value": "jane@example.org"}],
               "gender": "female", "birthDate": "1984-07-14",
               "address": [{"line": ["12 Elm Street"], "city": "Springfield", "postalCode": "02139", "state": "MA"}],
               "photo": [{"url": "https://photos.example/jane.jpg"}]}
    src = tmp_path / "patient.json"
    src.write_text(json.dumps(patient))
    rec = importing.import_file(holder, src).record
    study_desk = make_cred_institution("research", "Sleep Research Institute")
    clinic = make_cred_institution()
    with pytest.raises(GrantError):
        research.grant_deidentified(holder, rec, clinic.key.public, int(time.time()) + 3600)
    result = research.grant_deidentified(holder, rec, study_desk.key.public, int(time.time()) + 86400)
    # The research institution reads the copy through the ordinary, audited consent.
    grant = study_desk.scan_text(result.code)
    view = study_desk.consent(grant)
    assert view.purpose == "research"
    read = study_desk.read(grant, tmp_path / "study-out")
    data = read.files[0].read_text()
    for marker in MARKERS:
        assert marker not in data, marker
    shared = json.loads(data)
    assert shared["birthDate"] == "1984" and shared["address"] == [{"state": "MA"}] and shared["gender"] == "female"
    [copy_id] = view.records
    row = holder.db.one("SELECT pseudonym FROM records WHERE record=?", (copy_id,))
    assert holder.network.client.record(copy_id, holder.signing_key(row["pseudonym"]))["category"] == "deidentified"
    # Under a pseudonym used for nothing else: not the vault's, not any relationship's.
    others = [p for p in holder.pseudonyms() if p["idx"] != row["pseudonym"]]
    assert holder.pseudonyms()[-1]["role"] == "research" and view.grantor not in {p["public"] for p in others}
    assert holder.network.client.my_pseudonym(holder.signing_key(row["pseudonym"]))["admitted"] is True
    # Binary records cannot be de-identified.
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.7\nJane Qexample\n")
    with pytest.raises(DeidentifyError):
        research.grant_deidentified(holder, importing.import_file(holder, pdf).record, study_desk.key.public,
                                    int(time.time()) + 3600)


def test_the_preview_is_what_is_shared(holder, make_cred_institution, tmp_path):
    """The patient sees the summary of exactly the copy that leaves; a preview for another
    record or institution cannot be shared in its place."""
    doc = {"resourceType": "Observation", "status": "final",
           "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}], "text": "Hector Zorglub's pulse"},
           "valueQuantity": {"value": 72, "unit": "/min"}}
    src = tmp_path / "obs.json"
    src.write_text(json.dumps(doc))
    rec = importing.import_file(holder, src).record
    study_desk = make_cred_institution("research", "Preview Institute")
    other = make_cred_institution("research", "Other Institute")
    with pytest.raises(GrantError):
        research.preview_deidentified(holder, rec, make_cred_institution().key.public)
    preview = research.preview_deidentified(holder, rec, study_desk.key.public)
    assert preview.institution_name.startswith("Preview Institute")
    assert preview.summary.resource_types == {"Observation": 1} and preview.summary.free_texts_removed >= 1
    assert b"Zorglub" not in preview.copy
    with pytest.raises(GrantError):
        research.grant_deidentified(holder, rec, other.key.public, int(time.time()) + 3600, preview=preview)
    result = research.grant_deidentified(holder, rec, study_desk.key.public, int(time.time()) + 3600,
                                         preview=preview)
    read = study_desk.read(study_desk.scan_text(result.code), tmp_path / "out")
    assert read.files[0].read_bytes() == preview.copy
