"""Selective disclosure to a research study: "insured" and "born before 2008", nothing else,
checked by the verifier against the ledger; and the de-identified research share."""

from __future__ import annotations

import copy
import json
import time

import pytest

from wallet.core.credentials import holder as credentials
from wallet.core.records import library as records
from wallet.core.consent import research as research_share, grants as sharing
from wallet.core.consent.deidentify import DeidentifyError
from wallet.core.credentials.verifier import ProofRejected, StudyVerifier

from .conftest import obtain

MARKERS = ["Jane", "Qexample", "MRN-778899", "555-0101", "jane@example.org", "12 Elm Street", "Springfield",
           "02139", "1984-07-14", "https://photos.example/jane.jpg"]


@pytest.fixture
def study(holder, issuer) -> StudyVerifier:
    return StudyVerifier(holder.network, "Sleep study", [issuer.cred_def_id()])


def test_insured_and_born_before_2008_and_nothing_else(holder, study):
    request = study.request(reveal=["insured"], predicates=[("birth_year", "<", 2008)])
    summary = credentials.describe_request(holder, request)
    assert summary.verifier == "Sleep study" and summary.reveal == ["insured"]
    assert summary.predicates == [("birth_year", "<", 2008)] and not summary.missing
    proof = credentials.present(holder, json.loads(json.dumps(request)))
    result = study.verify(request, proof)
    assert result.revealed == {"insured": "1"} and result.predicates == [("birth_year", "<", 2008)]
    requested = proof["presentation"]["requested_proof"]
    assert set(requested["revealed_attrs"]) == {"insured"} and not requested["unrevealed_attrs"]
    text = json.dumps(proof)
    assert "St. Example" not in text and '"1990"' not in text
    # The proof answers this request only: another request has another nonce.
    with pytest.raises(ProofRejected) as info:
        study.verify(study.request(reveal=["insured"], predicates=[("birth_year", "<", 2008)]), proof)
    assert info.value.reason == "proof_invalid"
    # A bound the patient did not prove is not accepted (AnonCreds alone would not notice).
    stricter = copy.deepcopy(request)
    stricter["request"]["requested_predicates"]["birth_year_lt_2008"]["p_value"] = 1985
    with pytest.raises(ProofRejected):
        study.verify(stricter, proof)
    # Nor a revealed value edited after proving.
    lied = copy.deepcopy(proof)
    lied["presentation"]["requested_proof"]["revealed_attrs"]["insured"]["raw"] = "0"
    with pytest.raises(ProofRejected):
        study.verify(request, lied)


def test_a_patient_who_does_not_qualify_cannot_prove_it(make_wallet, issuer, study):
    young = make_wallet()
    obtain(young, issuer, {"patient_of": "St. Example Hospital", "insured": "1", "birth_year": "2010"})
    request = study.request(reveal=["insured"], predicates=[("birth_year", "<", 2008)])
    assert credentials.describe_request(young, request).missing
    with pytest.raises(credentials.NoUsableCredential):
        credentials.present(young, request)


def test_deidentified_copy_shared_under_a_fresh_pseudonym(holder, make_institution, tmp_path):
    patient = {"resourceType": "Patient", "id": "jane-1", "text": {"status": "generated", "div": "<div>Jane</div>"},
               "identifier": [{"system": "urn:mrn", "value": "MRN-778899"}],
               "name": [{"family": "Qexample", "given": ["Jane"]}],
               "telecom": [{"system": "phone", "value": "555-0101"}, {"system": "email", "value": "jane@example.org"}],
               "gender": "female", "birthDate": "1984-07-14",
               "address": [{"line": ["12 Elm Street"], "city": "Springfield", "postalCode": "02139", "state": "MA"}],
               "photo": [{"url": "https://photos.example/jane.jpg"}]}
    src = tmp_path / "patient.json"
    src.write_text(json.dumps(patient))
    rec = records.import_file(holder, src).record
    study_desk = make_institution("research", "Sleep Research Institute")
    clinic = make_institution()
    with pytest.raises(sharing.GrantError):
        research_share.share_deidentified(holder, rec, clinic.key.public, int(time.time()) + 3600)
    result = research_share.share_deidentified(holder, rec, study_desk.key.public, int(time.time()) + 86400)
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
    assert holder.network.client.record(copy_id)["category"] == "deidentified"
    # Under a pseudonym used for nothing else: not the vault's, not any relationship's.
    row = holder.db.one("SELECT pseudonym FROM records WHERE record=?", (copy_id,))
    others = [p for p in holder.pseudonyms() if p["idx"] != row["pseudonym"]]
    assert holder.pseudonyms()[-1]["role"] == "research" and view.grantor not in {p["public"] for p in others}
    assert holder.network.client.pseudonym(view.grantor)["admitted"] is True
    # Binary records cannot be de-identified.
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.7\nJane Qexample\n")
    with pytest.raises(DeidentifyError):
        research_share.share_deidentified(holder, records.import_file(holder, pdf).record, study_desk.key.public,
                                          int(time.time()) + 3600)
