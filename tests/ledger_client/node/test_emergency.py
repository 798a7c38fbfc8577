"""Break-glass emergency access on a real node over HTTP: the policy, a patient's set, an
institution's request; approve, veto, lapse, delay 0; and the adversaries: a requester the
policy does not allow, a release request replayed, one sent before the request opens, one
for another requester's request, one signed for another node, and reads of the set's copies
before it opens. Every release and read is an event the patient's own listing shows."""

from __future__ import annotations

import os
import time

import nacl.public
import pytest

from ledger_client import emergency
from ledger_client.emergency_client import gather_key
from ledger_client.emergency_shares import open_released, seal_shares
from ledger_client.encoding import canonical

from .actors import Network, assert_error, poll


def _policy(net: Network, delay: int, threshold: int = 1, kinds=("hospital",), institutions=()):
    net.commit(net.gov, "emergency_policy", {"institutions": list(institutions), "kinds": list(kinds),
                                             "delay": delay, "open_for": 3600, "threshold": threshold,
                                             "nodes": [net.node_key]})
    return net.client.get_json("/v1/emergency/policy")["version"]


def _hospital(net: Network, kind: str = "hospital"):
    key, box = net_key(), nacl.public.PrivateKey.generate()
    net.commit(net.gov, "register_institution", {"name": f"ER {key.public[:6]}", "kind": kind,
                                                 "sign_key": key.public, "box_key": bytes(box.public_key).hex()})
    return key, box


def net_key():
    from ledger_client.crypto import SigningKey
    return SigningKey.generate()


def _set(net: Network, version: int):
    patient = net.patient()
    copy = os.urandom(1024)
    record = net.record(patient, copy, category="fhir")
    key = os.urandom(32)
    net.commit(patient, "emergency_set", {"policy": version, "records": [record],
                                          "shares": seal_shares(key, patient.public, [net.node_key], 1)})
    return patient, record, key, copy


def _ask(net: Network, hospital, patient) -> str:
    return net.commit(hospital, "emergency_request", {"set": patient.public, "reason": "BTG",
                                                      "justification": "brought in unconscious"})


def _release(net: Network, hospital, request: str, node: str | None = None, signed=None):
    signed = signed or emergency.make_release_request(hospital, net.chain_id, request, node or net.node_key,
                                                      int(time.time()))
    return net.post("/v1/emergency/release", signed.to_json()), signed


@pytest.fixture(scope="module")
def world(net):
    version = _policy(net, delay=3600)
    return version


def test_approve_opens_at_once_and_the_requester_reads_the_set(net, world):
    patient, record, key, copy = _set(net, world)
    hospital, box = _hospital(net)
    request = _ask(net, hospital, patient)
    assert net.client.get_json(f"/v1/emergency/requests/{request}", signed_by=hospital)["status"] == "pending"
    response, _ = _release(net, hospital, request)
    assert_error(response, 403, "emergency_not_open", "not open")  # before it opens: no share
    assert_error(net.read(net.access(hospital, record, request, "emergency")), 403, "emergency_not_open")
    net.commit(patient, "emergency_decide", {"request": request, "decision": "approve"})
    rebuilt, got = gather_key([net.url], hospital, box, request)
    assert rebuilt == key and len(got.events) == 1
    response = net.read(net.access(hospital, record, request, "emergency"))
    assert response.status_code == 200 and response.content == copy
    events = net.client.my_events(patient)
    kinds = [e["kind"] for e in events]
    assert kinds == ["emergency_request", "refusal", "emergency_approve", "emergency_release", "access"], kinds
    read = events[-1]
    assert read["reason"] == "emergency" and read["purpose"] == "emergency" and read["consent"] == request


def test_veto_never_opens_and_release_is_refused(net, world):
    patient, record, *_ = _set(net, world)
    hospital, _ = _hospital(net)
    request = _ask(net, hospital, patient)
    net.commit(patient, "emergency_decide", {"request": request, "decision": "veto"})
    assert net.client.get_json(f"/v1/emergency/requests/{request}", signed_by=hospital)["status"] == "vetoed"
    response, _ = _release(net, hospital, request)
    assert_error(response, 403, "emergency_not_open", "vetoed")
    assert_error(net.read(net.access(hospital, record, request, "emergency")), 403, "emergency_not_open")


def test_a_requester_the_policy_does_not_allow_is_refused_with_the_reason(net, world):
    patient, *_ = _set(net, world)
    clinic, _ = _hospital(net, kind="clinic")
    tx = net.sign(clinic, "emergency_request", {"set": patient.public, "reason": "BTG", "justification": "x"})
    response = net.post("/v1/tx", tx.to_json())
    assert_error(response, 409, "emergency_not_allowed", "does not allow", "clinic")


def test_replayed_early_foreign_and_misdirected_release_requests(net, world):
    patient, record, *_ = _set(net, world)
    hospital, box = _hospital(net)
    other, _ = _hospital(net)
    request = _ask(net, hospital, patient)
    early, _ = _release(net, hospital, request)
    assert_error(early, 403, "emergency_not_open")
    net.commit(patient, "emergency_decide", {"request": request, "decision": "approve"})
    foreign, _ = _release(net, other, request)  # another institution asks for this request's share
    assert_error(foreign, 403, "emergency_wrong_requester", "another institution")
    assert_error(net.read(net.access(other, record, request, "emergency")), 403, "emergency_wrong_requester")
    misdirected, _ = _release(net, hospital, request, node=os.urandom(32).hex())
    assert_error(misdirected, 403, "wrong_node")
    first, signed = _release(net, hospital, request)
    assert first.status_code == 200, first.text
    assert len(open_released(box, first.json()["sealed"], patient.public)[1]) == 32
    again, _ = _release(net, hospital, request, signed=signed)
    assert_error(again, 409, "replayed_request", "already used")
    stale = emergency.make_release_request(hospital, net.chain_id, request, net.node_key, int(time.time()) - 3600)
    assert_error(net.post("/v1/emergency/release", stale.to_json()), 409, "stale_request")
    forged = {**signed.to_json(), "sig": "00" * 64}
    assert net.post("/v1/emergency/release", forged).status_code == 401
    assert_error(net.post("/v1/emergency/release", b"{}"), 400)
    releases = [e for e in net.client.my_events(patient) if e["kind"] == "emergency_release"]
    assert len(releases) == 1  # only the one share handed out is an event


def test_lapse_opens_after_the_delay_and_delay_zero_at_once(net):
    version = _policy(net, delay=2)
    patient, _, key, _ = _set(net, version)
    hospital, box = _hospital(net)
    request = _ask(net, hospital, patient)
    assert_error(_release(net, hospital, request)[0], 403, "emergency_not_open")
    poll(lambda: net.client.get_json(f"/v1/emergency/requests/{request}", signed_by=hospital)["status"] == "open",
         timeout=10)
    assert gather_key([net.url], hospital, box, request)[0] == key
    version = _policy(net, delay=0)
    old = net.client.get_json(f"/v1/emergency/requests/{request}", signed_by=hospital)
    assert old["status"] == "open"  # a policy change does not touch requests already made
    patient2, _, key2, _ = _set(net, version)
    request2 = _ask(net, hospital, patient2)
    assert net.client.get_json(f"/v1/emergency/requests/{request2}", signed_by=hospital)["status"] == "open"
    assert gather_key([net.url], hospital, box, request2)[0] == key2
    _policy(net, delay=3600)  # leave the module's policy as the fixture set it


def test_the_policy_publishes_each_holders_box_key(net, world):
    doc = net.client.get_json("/v1/emergency/policy")
    assert doc["holders"] == [{"node": net.node_key, "box_key": emergency.node_box_key(net.node_key)}]
    assert_error(net.get("/v1/emergency/requests/" + "ab" * 32, signed_by=net_key()), 404)
    assert_error(net.get("/v1/emergency/sets/" + "ab" * 32, signed_by=net_key()), 403)  # refused before lookup
    patient, *_ = _set(net, doc["version"])
    assert_error(net.get("/v1/my/emergency"), 401)  # the wallet's own lookup answers only to the set's key
    mine = net.get("/v1/my/emergency", signed_by=patient)
    assert mine.status_code == 200 and mine.json()["set"] == patient.public
    assert_error(net.get("/v1/my/emergency", signed_by=net_key()), 404)
    assert canonical(doc)  # canonical JSON, as every answer


def test_governance_sets_the_policy_from_the_node_command(net, world):
    import json
    import subprocess
    import sys
    base = [sys.executable, "-m", "ledger_client.node.cli", "emergency-policy", "--data", str(net.proc.data),
            "--node", net.url, "--json"]
    bad = subprocess.run([*base, "--threshold", "2", "--delay-seconds", "0"], capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 1 and json.loads(bad.stderr)["error"] == "bad_policy"
    done = subprocess.run([*base, "--kind", "hospital", "--delay-seconds", "3600"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["nodes"] == [net.node_key]
    assert net.client.get_json("/v1/emergency/policy")["tx"] == json.loads(done.stdout)["tx"]


def test_a_request_and_a_set_are_shown_only_to_their_parties(net, world):
    """Strangers learn nothing: who asked, why, and which pseudonym has a set are the parties' own."""
    import requests

    from ledger_client.crypto import SigningKey
    from ledger_client.errors import AccessDenied

    patient, *_ = _set(net, net.client.get_json("/v1/emergency/policy")["version"])  # the policy now in force
    hospital, _ = _hospital(net)
    other, _ = _hospital(net)
    request = _ask(net, hospital, patient)
    for path in (f"/v1/emergency/requests/{request}", f"/v1/emergency/sets/{patient.public}"):
        assert requests.get(net.url + path, timeout=10).status_code == 401  # unsigned
        with pytest.raises(AccessDenied):
            net.client.get_json(path, signed_by=SigningKey.generate())  # a key that is no party
    with pytest.raises(AccessDenied):
        net.client.get_json(f"/v1/emergency/requests/{request}", signed_by=other)  # another institution
    assert net.client.get_json(f"/v1/emergency/requests/{request}", signed_by=patient)["requester"] == hospital.public
    assert net.client.get_json(f"/v1/emergency/sets/{patient.public}", signed_by=other)["set"] == patient.public
