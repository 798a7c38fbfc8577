"""A guardian deciding emergency requests, against those who would decide without the right: a
delegate whose delegation lacks the right, one of another set, a revoked one, an expired one and
a stranger are each refused with their reason (``MemChain.refuse`` checks the state is unchanged)."""

from __future__ import annotations

from ledger_client import state_keys as sk
from ledger_client.contract import may_access
from ledger_client.errors import DelegationRefused

from .chain import blob_hash, fresh_key
from .test_emergency_contract import DELAY, NODES, _ask, _release, _status, _world

DAY = 86400


def _delegate(chain, grantor, delegate, **limits):
    payload = {"delegate": delegate.public, "delegate_box": "ee" * 32, "purposes": ["treatment"],
               "institutions": [], "institution_kinds": [], "categories": [], "max_grant_seconds": 30 * DAY,
               "expires_at": chain.time + 365 * DAY, "revoke_others": False, "package": blob_hash("pkg"),
               "emergency": True, **limits}
    return chain.accept(grantor, "delegate", payload).id


def _decide(chain, signer, request, decision, delegation):
    return chain.tx(signer, "emergency_decide", {"request": request, "decision": decision, "delegation": delegation})


def test_a_guardians_veto_keeps_the_request_closed_and_the_release_refused():
    chain, patient, hospital, _, _, records = _world()
    guardian = fresh_key()
    delegation = _delegate(chain, patient, guardian)
    request = _ask(chain, hospital, patient)
    chain.block(_decide(chain, guardian, request, "veto", delegation))
    entry = chain.state.get(sk.emergency_request(request))
    assert entry["decision"] == "veto" and entry["decided_by"] == guardian.public
    assert entry["delegation"] == delegation
    chain.time += DELAY
    assert _status(chain, request) == "vetoed"
    assert chain.refuse(_release(chain, NODES[0], hospital, request)[0]).code == "emergency_not_open"
    assert not may_access(chain.state, hospital.public, records[0], "emergency", chain.time, request).allowed
    assert chain.refuse(chain.tx(patient, "emergency_decide", {"request": request, "decision": "approve"})).code \
        == "emergency_decided"
    events = [e for k, e in chain.state.items() if k.startswith(sk.events("owner", patient.public))]
    assert events[-1]["kind"] == "emergency_veto" and events[-1]["decided_by"] == guardian.public
    assert chain.replay() == chain.hash()


def test_a_guardians_approve_opens_at_once():
    chain, patient, hospital, *_ = _world()
    guardian = fresh_key()
    delegation = _delegate(chain, patient, guardian)
    request = _ask(chain, hospital, patient)
    chain.block(_decide(chain, guardian, request, "approve", delegation))
    assert _status(chain, request) == "open"
    chain.block(_release(chain, NODES[1], hospital, request)[0])


def test_a_delegate_without_the_right_revoked_expired_or_of_another_set_and_a_stranger_are_refused():
    chain, patient, hospital, *_ = _world()
    request = _ask(chain, hospital, patient)
    no_right, revoked, expiring, guardian = fresh_key(), fresh_key(), fresh_key(), fresh_key()
    plain = _delegate(chain, patient, no_right, emergency=False)
    gone = _delegate(chain, patient, revoked)
    chain.accept(patient, "revoke_delegation", {"delegation": gone})
    short = _delegate(chain, patient, expiring, expires_at=chain.time + 120)
    other_patient = chain.patient()
    elsewhere = _delegate(chain, other_patient, guardian)  # a guardian of another pseudonym

    def refused(signer, delegation):
        error = chain.refuse(_decide(chain, signer, request, "veto", delegation))
        assert isinstance(error, DelegationRefused)
        return error.code

    assert refused(no_right, plain) == "emergency_not_delegated"
    assert refused(revoked, gone) == "delegation_revoked"
    assert refused(guardian, elsewhere) == "emergency_not_delegated"
    stranger = fresh_key()
    assert refused(stranger, plain) == "not_delegate"  # naming someone else's delegation
    chain.time += 121
    assert refused(expiring, short) == "delegation_expired"
    assert _status(chain, request) == "pending"
