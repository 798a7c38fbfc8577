"""Proof requests the wallet answers are attributable and bound to their purpose; tests playing
the attacker: a study proof made to serve as an admission, requests that cannot be
attributed (unsigned, unregistered key, altered after signing), replayed on another network,
expired, or asking for nothing."""

from __future__ import annotations

import copy
import json
import time

import pytest

from ledger_client import credentials as ledger_creds
from ledger_client.crypto import DOMAIN_PROOF_REQUEST, SigningKey, sha256
from ledger_client.encoding import canonical
from ledger_client.errors import CredentialRefused, NotFound
from ledger_client.tx import make_tx
from wallet.core.credentials import holder as credentials
from wallet.core.credentials.requests import RequestRefused, make_request, parse_request
from wallet.core.credentials.verifier import NotOurRequest, StudyVerifier


@pytest.fixture
def study_desk(make_cred_institution):
    return make_cred_institution(kind="research", name="Lake Research")


def admission_nonce_request(chain_id: str, victim: str, cred_def_id: str) -> dict:
    """What the attacker of issue 13 wrote: a study-shaped request carrying the admission nonce of a key."""
    request = ledger_creds.proof_request("study", ledger_creds.admission_nonce(chain_id, victim), [cred_def_id],
                                         predicates=[("birth_year", "<", 2008)], not_after=int(time.time()) + 600)
    return {"type": "medwallet/proof-request", "v": 1, "chain_id": chain_id, "verifier": "Friendly study",
            "expires_at": int(time.time()) + 600, "request": request}


def relabelled_as_admission(presentation: dict) -> dict:
    """The relabelling attack: claim the study proof reveals nothing and proves nothing."""
    forged = copy.deepcopy(presentation)
    forged["requested_proof"] = {"revealed_attrs": {}, "revealed_attr_groups": {}, "self_attested_attrs": {},
                                 "unrevealed_attrs": {ledger_creds.ADMISSION_REFERENT: {"sub_proof_index": 0}},
                                 "predicates": {}}
    return ledger_creds.admission_proof(forged)


def try_admission(network, key: SigningKey, proof: dict) -> CredentialRefused:
    tx = make_tx(key, network.chain_id, "register_pseudonym", 1, int(time.time()),
                 {"box_key": "cd" * 32, "proof": proof})
    with pytest.raises(CredentialRefused) as refused:
        network.client.submit(tx, wait=True)
    with pytest.raises(NotFound):
        network.client.my_pseudonym(key)
    return refused.value


def test_the_forged_admission_of_issue_13_is_refused_by_the_wallet(holder, issuer):
    victim = SigningKey.generate()
    forged = admission_nonce_request(holder.network.chain_id, victim.public, issuer.cred_def_id())
    for attempt in (credentials.describe_request, credentials.present):
        with pytest.raises(RequestRefused, match="not signed"):
            attempt(holder, forged)


def test_a_registered_institution_cannot_turn_its_study_proof_into_an_admission(holder, issuer, study_desk):
    # The attacker is a registered institution: the wallet answers its signed request, but under
    # a nonce of the study's own tag, and with a predicate the node will not take as an admission.
    attacker = SigningKey.generate()
    request = StudyVerifier(holder.network, study_desk.key, [issuer.cred_def_id()]).request(
        predicates=[("birth_year", "<", 2008)])
    parsed = parse_request(request, holder.network.chain_id)
    assert int(parsed.nonce) >= 2**255 > 2**80 > int(ledger_creds.admission_nonce(holder.network.chain_id,
                                                                                  attacker.public))
    proof = credentials.present(holder, request)["presentation"]
    assert try_admission(holder.network, attacker, relabelled_as_admission(proof)).code in ("proof_invalid",
                                                                                           "bad_proof")
    # Nor as given, labels and all.
    assert try_admission(holder.network, attacker, ledger_creds.admission_proof(proof)).code in (
        "bad_proof", "proof_invalid")


def test_a_request_signed_by_an_unregistered_key_is_refused(holder, issuer):
    stranger = SigningKey.generate()
    request = make_request(stranger, holder.network.chain_id, [issuer.cred_def_id()], reveal=["insured"])
    with pytest.raises(RequestRefused, match="not a registered institution"):
        credentials.describe_request(holder, request)
    with pytest.raises(RequestRefused, match="not a registered institution"):
        credentials.present(holder, request)


def test_a_request_whose_signature_does_not_match_its_content_is_refused(holder, issuer, study_desk):
    request = StudyVerifier(holder.network, study_desk.key, [issuer.cred_def_id()]).request(
        predicates=[("birth_year", "<", 2008)])
    for change in (lambda b: b["reveal"].append("patient_of"), lambda b: b.update(expires_at=b["expires_at"] + 9),
                   lambda b: b.update(challenge="00" * 32), lambda b: b["predicates"][0].update(value=1900)):
        altered = copy.deepcopy(request)
        change(altered["request"])
        with pytest.raises(RequestRefused, match="signature does not match"):
            credentials.present(holder, altered)
    # Signed by one institution, claimed for another: the signature names the signer.
    borrowed = copy.deepcopy(request)
    borrowed["request"]["verifier"] = SigningKey.generate().public
    with pytest.raises(RequestRefused, match="signature does not match"):
        credentials.present(holder, borrowed)


def test_a_request_replayed_for_another_network_is_refused(holder, make_wallet, issuer, study_desk):
    request = StudyVerifier(holder.network, study_desk.key, [issuer.cred_def_id()]).request(reveal=["insured"])
    elsewhere = make_wallet()  # a wallet on another network (another genesis)
    assert elsewhere.network.chain_id != holder.network.chain_id
    with pytest.raises(RequestRefused, match="another Medwallet network"):
        credentials.describe_request(elsewhere, request)
    # Re-signed by the same institution for another chain id, it does not fit this wallet either.
    other_chain = make_request(study_desk.key, elsewhere.network.chain_id, [issuer.cred_def_id()], reveal=["insured"])
    with pytest.raises(RequestRefused, match="another Medwallet network"):
        credentials.present(holder, other_chain)


def test_a_request_that_asks_for_nothing_or_has_expired_is_refused(holder, issuer, study_desk):
    with pytest.raises(RequestRefused, match="asks for nothing"):
        make_request(study_desk.key, holder.network.chain_id, [issuer.cred_def_id()])
    body = {"chain_id": holder.network.chain_id, "verifier": study_desk.key.public, "challenge": "ab" * 32,
            "created": int(time.time()), "expires_at": int(time.time()) + 60, "accept": [issuer.cred_def_id()],
            "reveal": [], "predicates": []}
    empty = {"type": "medwallet/proof-request", "v": 2, "request": body,
             "sig": study_desk.key.sign(DOMAIN_PROOF_REQUEST, sha256(canonical(body)))}
    with pytest.raises(RequestRefused, match="asks for nothing"):
        credentials.present(holder, empty)
    old = make_request(study_desk.key, holder.network.chain_id, [issuer.cred_def_id()], reveal=["insured"], ttl=60,
                       now=int(time.time()) - 120)
    with pytest.raises(RequestRefused, match="expired"):
        credentials.present(holder, old)


def test_the_patient_sees_the_registered_name_and_exactly_what_is_asked(holder, issuer, study_desk):
    request = StudyVerifier(holder.network, study_desk.key, [issuer.cred_def_id()]).request(
        reveal=["insured"], predicates=[("birth_year", "<", 2008)])
    summary = credentials.describe_request(holder, json.loads(json.dumps(request)))
    assert summary.verifier == study_desk.name and summary.verifier_kind == "research"
    assert summary.verifier_key == study_desk.key.public
    assert summary.reveal == ["insured"] and summary.predicate_texts == ["birth_year is less than 2008"]
    assert summary.credential is not None and not summary.missing


def test_a_verifier_checks_proofs_of_its_own_requests_only(holder, issuer, study_desk, make_cred_institution):
    ours = StudyVerifier(holder.network, study_desk.key, [issuer.cred_def_id()])
    request = ours.request(reveal=["insured"])
    proof = credentials.present(holder, request)
    assert ours.verify(request, proof).revealed == {"insured": "1"}
    other = make_cred_institution(kind="research", name="Other study")
    with pytest.raises(NotOurRequest):
        StudyVerifier(holder.network, other.key, [issuer.cred_def_id()]).verify(request, proof)
