"""Selective disclosure to a research study: "insured" and "born before 2008", nothing else,
checked by the verifier against the ledger."""

from __future__ import annotations

import copy
import json

import pytest

from ledger_client.crypto import DOMAIN_PROOF_REQUEST, sha256
from ledger_client.encoding import canonical
from tests.wallet.credential_net import obtain
from wallet.core.credentials import holder as credentials
from wallet.core.credentials.verifier import ProofRejected, StudyVerifier


@pytest.fixture
def study(holder, issuer, make_cred_institution) -> StudyVerifier:
    desk = make_cred_institution(kind="research", name="Sleep study", exact_name=True)
    return StudyVerifier(holder.network, desk.key, [issuer.cred_def_id()])


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
    stricter["request"]["predicates"][0]["value"] = 1985  # same challenge (so nonce), signed again by the study
    stricter["sig"] = study.key.sign(DOMAIN_PROOF_REQUEST, sha256(canonical(stricter["request"])))
    with pytest.raises(ProofRejected):
        study.verify(stricter, proof)
    # Nor a revealed value edited after proving.
    lied = copy.deepcopy(proof)
    lied["presentation"]["requested_proof"]["revealed_attrs"]["insured"]["raw"] = "0"
    with pytest.raises(ProofRejected):
        study.verify(request, lied)


def test_a_patient_who_does_not_qualify_cannot_prove_it(make_cred_wallet, issuer, study):
    young = make_cred_wallet()
    obtain(young, issuer, {"patient_of": "St. Example Hospital", "insured": "1", "birth_year": "2010"})
    request = study.request(reveal=["insured"], predicates=[("birth_year", "<", 2008)])
    assert credentials.describe_request(young, request).missing
    with pytest.raises(credentials.NoUsableCredential):
        credentials.present(young, request)
