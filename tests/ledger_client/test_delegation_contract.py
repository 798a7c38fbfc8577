"""The contract's rules for delegates, played by a delegate who tries to do more than the patient
signed: each refusal leaves the state unchanged (``MemChain.refuse``), and a model of the rules
agrees with the contract on random delegations and grants (property test)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_client import crypto
from ledger_client.contract import may_access
from ledger_client.errors import AlreadyRevoked, DelegationRefused, SignatureError
from ledger_client.tx import PURPOSES, parse_tx

from .chain import MemChain, blob_hash, fresh_key

DAY = 86400


def _delegate(chain, patient, delegate, **limits):
    payload = {"delegate": delegate.public, "delegate_box": "ee" * 32, "purposes": ["treatment"],
               "institutions": [], "institution_kinds": [], "categories": [], "max_grant_seconds": 30 * DAY,
               "expires_at": chain.time + 365 * DAY, "revoke_others": False, "package": blob_hash("pkg"), **limits}
    return chain.accept(patient, "delegate", payload).id


def _grant_payload(chain, delegation, grantee, records, **extra):
    return {"delegation": delegation, "grantee": grantee.public, "records": records, "purpose": "treatment",
            "not_before": chain.time, "expires_at": chain.time + 7 * DAY, **extra}


def _setup(**limits):
    chain = MemChain()
    clinic = chain.institution("clinic")
    patient, delegate = chain.patient(), fresh_key()
    record = chain.record(patient, category="lab")
    delegation = _delegate(chain, patient, delegate, **limits)
    return chain, clinic, patient, delegate, record, delegation


def test_a_delegated_grant_is_the_patients_consent_and_opens_the_read():
    chain, clinic, patient, delegate, record, delegation = _setup()
    consent = chain.accept(delegate, "delegated_grant", _grant_payload(chain, delegation, clinic, [record])).id
    entry = chain.state.get(f"cons/{consent}")
    assert entry["grantor"] == patient.public and entry["delegate"] == delegate.public
    assert entry["delegation"] == delegation
    assert may_access(chain.state, clinic.public, record, "treatment", chain.time, consent).allowed
    assert chain.replay() == chain.hash()


def test_a_delegate_exceeding_each_limit_is_refused():
    chain, clinic, patient, delegate, record, delegation = _setup(
        institution_kinds=["clinic"], categories=["lab"], purposes=["treatment"], max_grant_seconds=30 * DAY)
    other = chain.record(patient, category="imaging")  # a kind outside the delegation
    stranger = chain.patient()
    foreign = chain.record(stranger, category="lab")  # not the patient's delegation pseudonym's
    insurer = chain.institution("insurer")

    def refused(**extra):
        payload = _grant_payload(chain, delegation, extra.pop("grantee", clinic), extra.pop("records", [record]),
                                 **extra)
        return chain.refuse(chain.tx(delegate, "delegated_grant", payload))
    assert refused(records=[other]).code == "record_not_delegated"  # record out of scope (its kind)
    assert refused(records=[foreign]).code == "record_not_delegated"  # record out of scope (another's)
    assert refused(records=[blob_hash("nowhere")]).code == "record_not_delegated"
    assert refused(purpose="research").code == "purpose_not_delegated"
    assert refused(grantee=insurer).code == "institution_not_delegated"
    error = refused(expires_at=chain.time + 31 * DAY)  # validity too long
    assert error.code == "grant_too_long" and isinstance(error, DelegationRefused)
    assert refused(not_before=chain.time - 400 * DAY, expires_at=chain.time + 31 * DAY).code == "grant_too_long"


def test_a_grant_to_an_institution_not_named_is_refused():
    chain = MemChain()
    named, other = chain.institution("clinic"), chain.institution("clinic")
    patient, delegate = chain.patient(), fresh_key()
    record = chain.record(patient)
    delegation = _delegate(chain, patient, delegate, institutions=[named.public])
    chain.accept(delegate, "delegated_grant", _grant_payload(chain, delegation, named, [record]))
    refused = chain.refuse(chain.tx(delegate, "delegated_grant", _grant_payload(chain, delegation, other, [record])))
    assert refused.code == "institution_not_delegated"


def test_after_expiry_no_grant_and_no_grant_outlives_the_delegation():
    chain, clinic, _, delegate, record, delegation = _setup(expires_at=MemChain().time + 10 * DAY)
    late = _grant_payload(chain, delegation, clinic, [record], expires_at=chain.time + 11 * DAY)
    assert chain.refuse(chain.tx(delegate, "delegated_grant", late)).code == "outlives_delegation"
    chain.time += 10 * DAY
    payload = _grant_payload(chain, delegation, clinic, [record], expires_at=chain.time + DAY)
    assert chain.refuse(chain.tx(delegate, "delegated_grant", payload)).code == "delegation_expired"


def test_a_revoked_delegation_grants_nothing_and_its_grants_stay_until_the_patient_revokes_them():
    chain, clinic, patient, delegate, record, delegation = _setup()
    consent = chain.accept(delegate, "delegated_grant", _grant_payload(chain, delegation, clinic, [record])).id
    chain.accept(patient, "revoke_delegation", {"delegation": delegation})
    payload = _grant_payload(chain, delegation, clinic, [record])
    assert chain.refuse(chain.tx(delegate, "delegated_grant", payload)).code == "delegation_revoked"
    revoke = {"delegation": delegation, "consent": consent}
    assert chain.refuse(chain.tx(delegate, "delegated_revoke", revoke)).code == "delegation_revoked"
    assert may_access(chain.state, clinic.public, record, "treatment", chain.time, consent).allowed  # it stays
    chain.revoke(patient, consent)  # the patient's own revocation of the delegate's consent
    assert may_access(chain.state, clinic.public, record, "treatment", chain.time, consent).reason == "consent_revoked"
    assert isinstance(chain.refuse(chain.tx(patient, "revoke_delegation", {"delegation": delegation})), AlreadyRevoked)


def test_a_forged_delegation_gives_no_power_over_the_patients_records():
    chain = MemChain()
    clinic, patient, attacker = chain.institution(), chain.patient(), chain.patient()
    record = chain.record(patient)
    # The attacker's own pseudonym "delegates" to the attacker: its scope is the attacker's records only.
    delegation = _delegate(chain, attacker, fresh_key())
    thief = fresh_key()
    forged_for = _delegate(chain, attacker, thief)
    payload = _grant_payload(chain, forged_for, clinic, [record])
    assert chain.refuse(chain.tx(thief, "delegated_grant", payload)).code == "record_not_delegated"
    # Signed by someone else than the patient's pseudonym it names: the signature does not verify.
    real = chain.tx(patient, "delegate", {"delegate": thief.public, "delegate_box": "ee" * 32,
                                          "purposes": ["treatment"], "institutions": [], "institution_kinds": [],
                                          "categories": [], "max_grant_seconds": DAY,
                                          "expires_at": chain.time + DAY, "revoke_others": False,
                                          "package": blob_hash("p")})
    forged = {"tx": real.body, "sig": attacker.sign(crypto.DOMAIN_TX, bytes.fromhex(real.id))}
    try:
        parse_tx(forged, chain.chain_id)
        raise AssertionError("a delegation signed by another key was accepted")
    except SignatureError:
        pass
    # Someone who is not the delegate cannot act under a real delegation.
    owner_delegation = _delegate(chain, patient, fresh_key())
    payload = _grant_payload(chain, owner_delegation, clinic, [record])
    assert chain.refuse(chain.tx(thief, "delegated_grant", payload)).code == "not_delegate"
    assert chain.refuse(chain.tx(thief, "delegated_grant", {**payload, "delegation": "77" * 32})).code \
        == "unknown_delegation"
    assert delegation != forged_for


def test_a_delegate_revokes_its_own_grants_and_others_only_when_allowed():
    chain, clinic, patient, delegate, record, delegation = _setup()
    mine = chain.accept(delegate, "delegated_grant", _grant_payload(chain, delegation, clinic, [record])).id
    patients = chain.grant(patient, clinic, [record])  # the patient's own consent under the same pseudonym
    refused = chain.refuse(chain.tx(delegate, "delegated_revoke", {"delegation": delegation, "consent": patients}))
    assert refused.code == "revoke_not_delegated"
    other_patient = chain.patient()
    elsewhere = chain.grant(other_patient, clinic, [chain.record(other_patient)])
    refused = chain.refuse(chain.tx(delegate, "delegated_revoke", {"delegation": delegation, "consent": elsewhere}))
    assert refused.code == "revoke_not_delegated"
    chain.accept(delegate, "delegated_revoke", {"delegation": delegation, "consent": mine})
    assert chain.state.get(f"cons/{mine}")["revoked_by"] == delegate.public
    second = fresh_key()  # a second carer on the same records, allowed to revoke what it did not give
    other = _delegate(chain, patient, second, revoke_others=True)
    chain.accept(second, "delegated_revoke", {"delegation": other, "consent": patients})
    refused = chain.refuse(chain.tx(second, "delegated_revoke", {"delegation": other, "consent": elsewhere}))
    assert refused.code == "revoke_not_delegated"  # never another patient's
    assert chain.replay() == chain.hash()


def test_a_replayed_delegated_grant_is_refused():
    chain, clinic, _, delegate, record, delegation = _setup()
    tx = chain.tx(delegate, "delegated_grant", _grant_payload(chain, delegation, clinic, [record]))
    chain.block(tx)
    assert chain.refuse(tx).code == "replayed"


def test_a_delegate_key_is_fresh_and_serves_one_delegation():
    chain = MemChain()
    patient, clinic = chain.patient(), chain.institution()
    delegate = fresh_key()
    _delegate(chain, patient, delegate)
    payload = {"delegate": delegate.public, "delegate_box": "ee" * 32, "purposes": ["treatment"], "institutions": [],
               "institution_kinds": [], "categories": [], "max_grant_seconds": DAY, "expires_at": chain.time + DAY,
               "revoke_others": False, "package": blob_hash("pkg")}
    assert chain.refuse(chain.tx(patient, "delegate", payload)).code == "delegate_in_use"
    assert chain.refuse(chain.tx(patient, "delegate", {**payload, "delegate": clinic.public})).code == "delegate_in_use"
    assert chain.refuse(chain.tx(fresh_key(), "delegate", {**payload, "delegate": fresh_key().public})).code \
        == "unknown_pseudonym"
    assert chain.refuse(chain.tx(patient, "delegate", {**payload, "delegate": fresh_key().public,
                                                       "expires_at": chain.time})).code == "already_expired"


# --- the rules as a model ---------------------------------------------------------------

LIMITS = st.fixed_dictionaries({
    "purposes": st.lists(st.sampled_from(PURPOSES), min_size=1, max_size=3, unique=True),
    "kinds": st.lists(st.sampled_from(["clinic", "lab", "hospital"]), max_size=2, unique=True),
    "categories": st.lists(st.sampled_from(["lab", "imaging", "note"]), max_size=2, unique=True),
    "max_days": st.integers(1, 60), "life_days": st.integers(1, 90), "revoke_others": st.booleans()})
GRANT = st.fixed_dictionaries({
    "purpose": st.sampled_from(PURPOSES), "kind": st.sampled_from(["clinic", "lab", "hospital"]),
    "category": st.sampled_from(["lab", "imaging", "note"]), "own_record": st.booleans(),
    "days": st.integers(1, 100), "wait_days": st.integers(0, 100), "as_delegate": st.booleans(),
    "revoked": st.booleans()})


def expected(limits: dict, grant: dict) -> str | None:
    """The first rule a delegated grant breaks, in the contract's order (None: accepted)."""
    if not grant["as_delegate"]:
        return "not_delegate"
    if grant["revoked"]:
        return "delegation_revoked"
    if grant["wait_days"] >= limits["life_days"]:
        return "delegation_expired"
    if grant["purpose"] not in limits["purposes"]:
        return "purpose_not_delegated"
    if limits["kinds"] and grant["kind"] not in limits["kinds"]:
        return "institution_not_delegated"
    if not grant["own_record"] or (limits["categories"] and grant["category"] not in limits["categories"]):
        return "record_not_delegated"
    if grant["days"] > limits["max_days"]:
        return "grant_too_long"
    if grant["wait_days"] + grant["days"] > limits["life_days"]:
        return "outlives_delegation"
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(limits=LIMITS, grants=st.lists(GRANT, min_size=1, max_size=4))
def test_the_contract_decides_delegated_grants_as_the_model(limits, grants):
    chain = MemChain()
    patient, delegate, stranger = chain.patient(), fresh_key(), chain.patient()
    start = chain.time
    delegation = _delegate(chain, patient, delegate, purposes=limits["purposes"],
                           institution_kinds=limits["kinds"], categories=limits["categories"],
                           max_grant_seconds=limits["max_days"] * DAY, expires_at=start + limits["life_days"] * DAY,
                           revoke_others=limits["revoke_others"])
    revoked = False
    for grant in grants:
        chain.time = start + grant["wait_days"] * DAY
        clinic = chain.institution(grant["kind"])
        record = chain.record(patient if grant["own_record"] else stranger, category=grant["category"])
        if grant["revoked"] and not revoked:
            chain.accept(patient, "revoke_delegation", {"delegation": delegation})
            revoked = True
        grant = {**grant, "revoked": revoked}
        payload = _grant_payload(chain, delegation, clinic, [record], purpose=grant["purpose"],
                                 expires_at=chain.time + grant["days"] * DAY)
        tx = chain.tx(delegate if grant["as_delegate"] else fresh_key(), "delegated_grant", payload)
        want = expected(limits, grant)
        if want is None:
            chain.block(tx)
            assert chain.state.get(f"cons/{tx.id}")["grantor"] == patient.public
            assert may_access(chain.state, clinic.public, record, grant["purpose"], chain.time, tx.id).allowed
        else:
            assert chain.refuse(tx).code == want
    assert chain.replay() == chain.hash()
