"""The consent contract, rule by rule: who may sign what, and every refusal leaves the
state unchanged (``MemChain.refuse`` checks the state hash)."""

from __future__ import annotations

import pytest

from ledger_client import contract
from ledger_client.contract import MAX_CONSENT_SECONDS, may_access
from ledger_client.errors import ContractError

from .chain import GOV, PRODUCER, MemChain, blob_hash, fresh_key, make_test_genesis


@pytest.fixture
def chain():
    return MemChain()


@pytest.fixture
def world(chain):
    """A clinic, a patient with two records and a consent for the first one."""
    clinic, patient = chain.institution(), chain.patient()
    rec1, rec2 = chain.record(patient), chain.record(patient)
    consent = chain.grant(patient, clinic, [rec1])
    return chain, clinic, patient, rec1, rec2, consent


def code(chain, tx):
    return chain.refuse(tx).code


# --- sequence numbers, time and network ------------------------------------------------

def test_replayed_and_out_of_order_sequence_numbers(chain):
    patient = fresh_key()
    first = chain.tx(patient, "register_pseudonym", {"box_key": "cd" * 32})
    chain.block(first)
    assert code(chain, first) == "replayed"
    anchor = {"record": blob_hash("x"), "size": 1, "category": "lab"}
    assert code(chain, chain.tx(patient, "anchor_record", anchor, seq=1)) == "replayed"
    assert code(chain, chain.tx(patient, "anchor_record", anchor, seq=3)) == "out_of_order"
    chain.accept(patient, "anchor_record", anchor)


def test_same_signer_twice_in_one_block_in_order_only(chain):
    patient = chain.patient()
    tx3 = chain.tx(patient, "anchor_record", {"record": blob_hash("b"), "size": 1, "category": "lab"}, seq=3)
    tx2 = chain.tx(patient, "anchor_record", {"record": blob_hash("a"), "size": 1, "category": "lab"}, seq=2)
    accepted, rejected = chain.block(tx3, tx2)
    assert accepted == [tx2] and rejected[0][1].code == "out_of_order"


def test_stale_transaction_time(chain):
    patient = fresh_key()
    skew = chain.genesis.max_skew
    for time in (chain.time - skew - 1, chain.time + skew + 1):
        assert code(chain, chain.tx(patient, "register_pseudonym", {"box_key": "cd" * 32}, time=time)) == "stale"
    chain.accept(patient, "register_pseudonym", {"box_key": "cd" * 32}, time=chain.time + skew)


def test_transaction_of_another_network(chain):
    tx = chain.tx(fresh_key(), "register_pseudonym", {"box_key": "cd" * 32}, chain_id="ee" * 32)
    assert code(chain, tx) == "wrong_network"


# --- registration ----------------------------------------------------------------------

def test_only_governance_registers_institutions(chain):
    impostor = chain.patient()
    payload = {"name": "Fake", "kind": "clinic", "sign_key": fresh_key().public, "box_key": "ab" * 32}
    assert code(chain, chain.tx(impostor, "register_institution", payload)) == "not_governance"
    assert code(chain, chain.tx(PRODUCER, "register_institution", payload)) == "not_governance"
    chain.accept(GOV, "register_institution", payload)
    assert code(chain, chain.tx(GOV, "register_institution", payload)) == "already_registered"


def test_node_keys_are_unique(chain):
    node_key = fresh_key().public
    chain.institution(node_key=node_key)
    payload = {"name": "Second", "kind": "lab", "sign_key": fresh_key().public, "box_key": "ab" * 32}
    assert code(chain, chain.tx(GOV, "register_institution", {**payload, "node_key": node_key})) == "already_registered"
    producer_key = {**payload, "node_key": PRODUCER.public}
    assert code(chain, chain.tx(GOV, "register_institution", producer_key)) == "already_registered"


def test_a_key_is_either_pseudonym_or_institution(chain):
    patient = chain.patient()
    assert code(chain, chain.tx(patient, "register_pseudonym", {"box_key": "cd" * 32})) == "already_registered"
    payload = {"name": "X", "kind": "clinic", "sign_key": patient.public, "box_key": "ab" * 32}
    assert code(chain, chain.tx(GOV, "register_institution", payload)) == "already_registered"
    clinic = chain.institution()
    assert code(chain, chain.tx(clinic, "register_pseudonym", {"box_key": "cd" * 32})) == "already_registered"


def test_credential_policy():
    chain = MemChain(make_test_genesis(require_credential=True))  # given no admission verifier
    payload = {"box_key": "cd" * 32}
    assert code(chain, chain.tx(fresh_key(), "register_pseudonym", payload)) == "credential_required"
    with_proof = {**payload, "proof": {"zkp": "..."}}
    assert code(chain, chain.tx(fresh_key(), "register_pseudonym", with_proof)) == "credential_unverifiable"

    def verifier(genesis, state, tx):
        if tx.payload["proof"] != {"zkp": "valid"}:
            raise contract.reject("bad_credential", "proof does not verify")
    chain.admission = verifier
    assert code(chain, chain.tx(fresh_key(), "register_pseudonym", with_proof)) == "bad_credential"
    key = fresh_key()
    chain.accept(key, "register_pseudonym", {**payload, "proof": {"zkp": "valid"}})
    assert chain.state.get(f"pseu/{key.public}")["admitted"] is True


# --- records and consents ----------------------------------------------------------------

def test_records(chain):
    stranger, patient = fresh_key(), chain.patient()
    anchor = {"record": blob_hash("r"), "size": 5, "category": "image"}
    assert code(chain, chain.tx(stranger, "anchor_record", anchor)) == "unknown_pseudonym"
    chain.accept(patient, "anchor_record", anchor)
    other = chain.patient()
    assert code(chain, chain.tx(other, "anchor_record", anchor)) == "record_exists"
    assert code(chain, chain.tx(other, "retire_record", {"record": anchor["record"]})) == "not_owner"
    assert code(chain, chain.tx(patient, "retire_record", {"record": blob_hash("none")})) == "unknown_record"
    chain.accept(patient, "retire_record", {"record": anchor["record"]})
    assert code(chain, chain.tx(patient, "retire_record", {"record": anchor["record"]})) == "record_retired"


def test_grant_refusals(world):
    chain, clinic, patient, rec1, rec2, _ = world
    other = chain.patient()
    foreign = chain.record(other)
    base = {"grantee": clinic.public, "records": [rec1], "purpose": "treatment",
            "not_before": chain.time, "expires_at": chain.time + 60}
    cases = [
        (patient, {**base, "grantee": fresh_key().public}, "unknown_institution"),
        (patient, {**base, "grantee": other.public}, "unknown_institution"),
        (patient, {**base, "records": [rec1, foreign]}, "not_owner"),
        (patient, {**base, "records": [blob_hash("nothing")]}, "unknown_record"),
        (patient, {**base, "expires_at": chain.time}, "bad_window"),
        (patient, {**base, "not_before": chain.time - 100, "expires_at": chain.time - 1}, "already_expired"),
        (patient, {**base, "expires_at": chain.time + MAX_CONSENT_SECONDS + 1}, "bad_window"),
        (patient, {**base, "envelope": rec2}, "bad_envelope"),
        (fresh_key(), base, "unknown_pseudonym"),
        (clinic, base, "unknown_pseudonym"),
    ]
    for signer, payload, expected in cases:
        assert code(chain, chain.tx(signer, "grant_consent", payload)) == expected, expected


def test_revoke_only_by_the_grantor_and_once(world):
    chain, clinic, patient, _, _, consent = world
    assert code(chain, chain.tx(clinic, "revoke_consent", {"consent": consent})) == "not_grantor"
    assert code(chain, chain.tx(chain.patient(), "revoke_consent", {"consent": consent})) == "not_grantor"
    assert code(chain, chain.tx(patient, "revoke_consent", {"consent": "77" * 32})) == "unknown_consent"
    chain.revoke(patient, consent)
    assert chain.state.get(f"cons/{consent}")["revoked_at"] == chain.time
    assert code(chain, chain.tx(patient, "revoke_consent", {"consent": consent})) == "already_revoked"


# --- access and refusal events --------------------------------------------------------------

def test_access_event_is_recorded_and_indexed(world):
    chain, clinic, patient, rec1, _, consent = world
    request = chain.request(clinic, rec1, consent)
    event = chain.event(request)
    chain.block(event)
    suffix = f"{chain.blocks[-1][0].height:012d}/{event.id}"
    for key in (f"ev/rec/{rec1}/{suffix}", f"ev/own/{patient.public}/{suffix}", f"ev/req/{clinic.public}/{suffix}"):
        assert chain.state.get(key)["kind"] == "access"
    assert chain.state.get(f"req/{request.hash}") == {"tx": event.id, "height": chain.blocks[-1][0].height}


def test_only_nodes_write_access_events(world):
    chain, clinic, patient, rec1, _, consent = world
    request = chain.request(clinic, rec1, consent)
    for signer in (clinic, patient, GOV, fresh_key()):
        assert code(chain, chain.event(request, signer=signer)) == "not_a_node"
        assert code(chain, chain.event(request, "wrong_purpose", signer=signer)) == "not_a_node"
    node_key = fresh_key()
    chain.institution(node_key=node_key.public)
    chain.accept(node_key, "access_event", {"request": request.to_json()})


def test_access_event_must_be_allowed(world):
    chain, clinic, _patient, rec1, rec2, consent = world
    assert code(chain, chain.event(chain.request(clinic, rec2, consent))) == "access_not_allowed"
    assert code(chain, chain.event(chain.request(clinic, rec1, consent, "research"))) == "access_not_allowed"


def test_refusal_reason_must_match_the_contract(world):
    chain, clinic, _patient, rec1, _rec2, consent = world
    allowed = chain.request(clinic, rec1, consent)
    for reason in ("wrong_purpose", "consent_expired", "no_consent"):
        assert code(chain, chain.event(allowed, reason)) == "refusal_not_justified"
    wrong = chain.request(clinic, rec1, consent, "research")
    assert code(chain, chain.event(wrong, "consent_revoked")) == "refusal_not_justified"
    chain.accept(PRODUCER, "refusal_event", {"request": wrong.to_json(), "reason": "wrong_purpose"})
    # "the node lost the blob" is always a valid refusal, even of an allowed read
    chain.accept(PRODUCER, "refusal_event", {"request": allowed.to_json(), "reason": "blob_unavailable"})


def test_access_requests_are_single_use(world):
    chain, clinic, _patient, rec1, _, consent = world
    request = chain.request(clinic, rec1, consent)
    chain.block(chain.event(request))
    assert code(chain, chain.event(request)) == "replayed_request"
    assert code(chain, chain.event(request, "blob_unavailable")) == "replayed_request"
    refused = chain.request(clinic, rec1, consent, "research")
    chain.block(chain.event(refused, "wrong_purpose"))
    assert code(chain, chain.event(refused, "wrong_purpose")) == "replayed_request"


def test_same_request_twice_in_one_block(world):
    chain, clinic, _, rec1, _, consent = world
    request = chain.request(clinic, rec1, consent)
    first = chain.event(request)
    second = chain.tx(PRODUCER, "access_event", {"request": request.to_json()}, seq=first.seq + 1)
    accepted, rejected = chain.block(first, second)
    assert accepted == [first] and rejected[0][1].code == "replayed_request"


def test_stale_access_request(world):
    chain, clinic, _, rec1, _, consent = world
    old = chain.request(clinic, rec1, consent, time=chain.time - chain.genesis.max_skew - 1)
    assert code(chain, chain.event(old)) == "stale_request"


def test_access_request_of_another_network_is_refused(world):
    chain, clinic, _, rec1, _, consent = world
    from ledger_client.access import make_access_request
    foreign = make_access_request(clinic, "ee" * 32, rec1, consent, "treatment", chain.time)
    assert code(chain, chain.event(foreign)) == "wrong_network"


def test_retired_record_and_envelope(world):
    chain, clinic, patient, rec1, _, _ = world
    envelope = blob_hash("envelope")
    consent = chain.grant(patient, clinic, [rec1], envelope=envelope)
    assert may_access(chain.state, clinic.public, envelope, "treatment", chain.time, consent).allowed
    assert may_access(chain.state, clinic.public, envelope, "treatment", chain.time, None).reason == "unknown_record"
    chain.accept(patient, "retire_record", {"record": rec1})
    assert may_access(chain.state, clinic.public, rec1, "treatment", chain.time, consent).reason == "record_retired"
    assert may_access(chain.state, patient.public, rec1, "treatment", chain.time).reason == "record_retired"


def test_an_envelope_is_never_released_after_a_record_it_opens_was_deleted(world):
    """The clinic of issue 13 holding the old code: after the deletion it gets no key envelope."""
    chain, clinic, patient, rec1, rec2, _ = world
    envelope = blob_hash("envelope/both")
    consent = chain.grant(patient, clinic, [rec1, rec2], envelope=envelope)
    chain.accept(patient, "retire_record", {"record": rec1})
    refused = may_access(chain.state, clinic.public, envelope, "treatment", chain.time, consent)
    assert not refused.allowed and refused.reason == "envelope_retired"
    # The node's refusal event must name that reason, and no access event can be written.
    request = chain.request(clinic, envelope, consent)
    assert code(chain, chain.event(request)) == "access_not_allowed"
    assert code(chain, chain.event(request, "consent_revoked")) == "refusal_not_justified"
    chain.accept(PRODUCER, "refusal_event", {"request": request.to_json(), "reason": "envelope_retired"})
    assert contract.consent_status(chain.state.get(f"cons/{consent}"), chain.time, chain.state) == "active"
    chain.accept(patient, "retire_record", {"record": rec2})
    assert contract.consent_status(chain.state.get(f"cons/{consent}"), chain.time, chain.state) == "deleted"
    assert contract.consent_status(chain.state.get(f"cons/{consent}"), chain.time) == "active"  # without state
    assert chain.replay() == chain.hash()


def test_narrowing_a_consent_retires_its_old_envelope(world):
    chain, clinic, patient, rec1, rec2, _ = world
    rec3 = chain.record(patient)
    old, new = blob_hash("envelope/old"), blob_hash("envelope/new")
    consent = chain.grant(patient, clinic, [rec1, rec2, rec3], envelope=old)
    chain.accept(patient, "retire_record", {"record": rec1})
    narrow = {"consent": consent, "records": [rec2, rec3], "envelope": new}
    other = chain.patient()
    assert code(chain, chain.tx(other, "narrow_consent", narrow)) == "not_grantor"
    assert code(chain, chain.tx(clinic, "narrow_consent", narrow)) == "not_grantor"
    assert code(chain, chain.tx(patient, "narrow_consent", {**narrow, "consent": "77" * 32})) == "unknown_consent"
    for records, reason in (([rec1, rec2, rec3], "bad_narrow"), ([rec1, rec2], "record_retired"),
                            ([rec2, blob_hash("other")], "bad_narrow")):
        assert code(chain, chain.tx(patient, "narrow_consent", {**narrow, "records": records})) == reason
    for envelope in (old, rec2):
        assert code(chain, chain.tx(patient, "narrow_consent", {**narrow, "envelope": envelope})) == "bad_envelope"
    without = {key: value for key, value in narrow.items() if key != "envelope"}
    assert code(chain, chain.tx(patient, "narrow_consent", without)) == "bad_envelope"
    chain.accept(patient, "narrow_consent", narrow)
    state = chain.state
    assert may_access(state, clinic.public, new, "treatment", chain.time, consent).allowed
    assert may_access(state, clinic.public, rec2, "treatment", chain.time, consent).allowed
    assert may_access(state, clinic.public, old, "treatment", chain.time, consent).reason == "envelope_retired"
    # Narrowed twice: every earlier envelope stays retired.
    newer = blob_hash("envelope/newer")
    assert code(chain, chain.tx(patient, "narrow_consent", {**narrow, "records": [rec3], "envelope": old})) == \
        "bad_envelope"
    chain.accept(patient, "narrow_consent", {**narrow, "records": [rec3], "envelope": newer})
    for envelope in (old, new):
        assert may_access(state, clinic.public, envelope, "treatment", chain.time, consent).reason == \
            "envelope_retired"
    assert may_access(state, clinic.public, rec2, "treatment", chain.time, consent).reason == "not_in_scope"
    assert state.get(f"cons/{consent}")["retired_envelopes"] == [old, new]
    chain.revoke(patient, consent)
    assert code(chain, chain.tx(patient, "narrow_consent", {**narrow, "records": [rec3],
                                                            "envelope": blob_hash("x")})) == "already_revoked"
    assert chain.replay() == chain.hash()


def test_owner_reads_own_record_and_event_is_indexed_for_owner(world):
    chain, _, patient, rec1, _, _ = world
    decision = may_access(chain.state, patient.public, rec1, "insurance", chain.time)
    assert decision.allowed and decision.reason == "owner" and decision.owner == patient.public
    chain.block(chain.event(chain.request(patient, rec1, None)))
    assert len(list(chain.state.scan(f"ev/own/{patient.public}/"))) == 1


def test_publish_credential_definition(chain):
    issuer, other = chain.institution("issuer"), chain.institution("issuer")
    payload = {"cred_def_id": "cd/1", "document": {"k": 1}}
    assert code(chain, chain.tx(chain.patient(), "publish_credential_def", payload)) == "unknown_institution"
    chain.accept(issuer, "publish_credential_def", payload)
    assert code(chain, chain.tx(issuer, "publish_credential_def", {**payload, "document": {"k": 2}})) == \
        "already_published"
    assert code(chain, chain.tx(other, "publish_credential_def", payload)) == "not_issuer"


def test_refusals_are_contract_errors_with_messages(world):
    chain, clinic, *_ = world
    error = chain.refuse(chain.tx(clinic, "register_pseudonym", {"box_key": "cd" * 32}))
    assert isinstance(error, ContractError) and error.http_status == 409 and error.message


def test_replay_rebuilds_the_same_state(world):
    chain, clinic, patient, rec1, _, consent = world
    chain.block(chain.event(chain.request(clinic, rec1, consent)))
    chain.revoke(patient, consent)
    assert chain.replay() == chain.hash()
