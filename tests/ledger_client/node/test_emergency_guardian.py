"""A guardian's emergency decision on a real node over HTTP: a guardian's veto keeps the request
closed and every release and read refused; a delegate without the right, a revoked one and a
stranger are refused with their reason, and the request stays pending."""

from __future__ import annotations

import hashlib
import time

import pytest

from ledger_client.crypto import SigningKey
from ledger_client.errors import DelegationRefused, LedgerError

from .actors import Network, assert_error
from .test_emergency import _ask, _hospital, _policy, _release, _set

DAY = 86400


def _delegate(net: Network, grantor: SigningKey, delegate: SigningKey, emergency: bool = True) -> str:
    return net.commit(grantor, "delegate", {
        "delegate": delegate.public, "delegate_box": "ee" * 32, "purposes": ["treatment"], "institutions": [],
        "institution_kinds": [], "categories": [], "max_grant_seconds": 30 * DAY,
        "expires_at": int(time.time()) + 365 * DAY, "revoke_others": False,
        "package": hashlib.sha256(b"pkg").hexdigest(), "emergency": emergency})


def _decide(net: Network, signer: SigningKey, request: str, decision: str, delegation: str):
    tx = net.sign(signer, "emergency_decide", {"request": request, "decision": decision, "delegation": delegation})
    return net.client.submit(tx, wait=True)


@pytest.fixture(scope="module")
def version(net):
    return _policy(net, delay=3600)


def test_a_guardians_veto_keeps_the_request_closed_and_the_release_refused(net, version):
    patient, record, *_ = _set(net, version)
    hospital, _ = _hospital(net)
    guardian = SigningKey.generate()
    delegation = _delegate(net, patient, guardian)
    request = _ask(net, hospital, patient)
    assert _decide(net, guardian, request, "veto", delegation)["status"] == "committed"
    assert net.client.get_json(f"/v1/emergency/requests/{request}", signed_by=hospital)["status"] == "vetoed"
    response, _ = _release(net, hospital, request)
    assert_error(response, 403, "emergency_not_open", "vetoed")
    assert_error(net.read(net.access(hospital, record, request, "emergency")), 403, "emergency_not_open")
    veto = [e for e in net.client.my_events(patient) if e["kind"] == "emergency_veto"]
    assert len(veto) == 1 and veto[0]["decided_by"] == guardian.public and veto[0]["delegation"] == delegation


def test_a_delegate_without_the_right_a_revoked_one_and_a_stranger_are_refused(net, version):
    patient, *_ = _set(net, version)
    hospital, _ = _hospital(net)
    request = _ask(net, hospital, patient)
    no_right, revoked, stranger = SigningKey.generate(), SigningKey.generate(), SigningKey.generate()
    plain = _delegate(net, patient, no_right, emergency=False)
    gone = _delegate(net, patient, revoked)
    net.commit(patient, "revoke_delegation", {"delegation": gone})
    for signer, delegation, code in ((no_right, plain, "emergency_not_delegated"),
                                     (revoked, gone, "delegation_revoked"), (stranger, gone, "not_delegate")):
        with pytest.raises(DelegationRefused) as refused:
            _decide(net, signer, request, "veto", delegation)
        assert refused.value.code == code
    with pytest.raises(LedgerError) as refused:  # a stranger naming no delegation is not the set's pseudonym
        net.client.submit(net.sign(stranger, "emergency_decide", {"request": request, "decision": "veto"}), wait=True)
    assert refused.value.code == "not_owner"
    assert net.client.get_json(f"/v1/emergency/requests/{request}", signed_by=hospital)["status"] == "pending"


def test_a_guardian_reads_the_request_a_stranger_a_plain_delegate_and_a_revoked_guardian_do_not(net, version):
    patient, *_ = _set(net, version)
    hospital, _ = _hospital(net)
    request = _ask(net, hospital, patient)
    guardian, no_right, revoked, stranger = (SigningKey.generate() for _ in range(4))
    _delegate(net, patient, guardian)
    _delegate(net, patient, no_right, emergency=False)
    gone = _delegate(net, patient, revoked)
    net.commit(patient, "revoke_delegation", {"delegation": gone})
    path = f"/v1/emergency/requests/{request}"
    seen = net.client.get_json(path, signed_by=guardian)
    assert seen["request"] == request and seen["status"] == "pending" and seen["set"] == patient.public
    for signer in (stranger, no_right, revoked):
        with pytest.raises(LedgerError) as refused:
            net.client.get_json(path, signed_by=signer)
        assert refused.value.http_status == 403
    with pytest.raises(LedgerError) as refused:
        net.client.get_json(path)
    assert refused.value.http_status == 401
