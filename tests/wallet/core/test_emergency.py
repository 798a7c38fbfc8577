"""Break-glass emergency access through the wallet's and the desk's core on a real node: the
patient marks a set (a patient summary and picked FHIR records) under a pseudonym of its own;
a hospital desk allowed by the policy asks with an emergency card; the patient's audit trail
raises the request at once; approve opens it and the desk reads the set; veto keeps it shut;
a clinic the policy does not allow is refused with the reason; every step is exported as a FHIR
AuditEvent with purpose of event BTG."""

from __future__ import annotations

import json

import pytest

from tests.wallet.conftest import PASSPHRASE
from tests.wallet.core.fhir.bundle_gen import write_bundle
from wallet.core import importing
from wallet.core.audit import trail
from wallet.core.consent.references import own_resources
from wallet.core.desks.clinic import ClinicDesk
from wallet.core.emergency import patient as emergency
from wallet.core.emergency import requester
from wallet.core.fhir.audit_export import export_audit
from wallet.core.keys.sodium import ARGON2_MIN


@pytest.fixture(scope="module")
def policy(shared_node):
    from ledger_client.client import LedgerClient
    client = LedgerClient([shared_node.url])
    node = client.status()["node_key"]
    client.submit_signed(shared_node.governance, "emergency_policy", {
        "institutions": [], "kinds": ["hospital"], "delay": 3600, "open_for": 3600, "threshold": 1,
        "nodes": [node]})
    return node


@pytest.fixture
def hospital(tmp_path, shared_node, policy):
    desk = ClinicDesk.create(tmp_path / "er", "City ER", "hospital", [shared_node.url], passphrase=PASSPHRASE,
                             use_keyring=False, kdf_limits=ARGON2_MIN)
    desk.register(shared_node.governance)
    yield desk
    desk.close()


@pytest.fixture
def patient(make_wallet, tmp_path, policy):
    wallet = make_wallet()
    src = tmp_path / "patient.json"
    write_bundle(src, 12, style="collection", seed=5)
    importing.import_file(wallet, src, split=True)
    return wallet


def test_mark_request_approve_read_and_audit_as_btg(patient, hospital, tmp_path):
    picked = [own_resources(patient)[0]["record"]]
    marked = emergency.mark(patient, picked)
    assert len(marked.records) == 2  # the summary and the picked record
    others = {row["public"] for row in patient.pseudonyms() if row["role"] != "emergency"}
    assert marked.pseudonym not in others  # a pseudonym of its own
    seen = emergency.status(patient)
    assert seen["policy"]["kinds"] == ["hospital"] and seen["policy"]["delay"] == 3600
    card = emergency.card_text(patient)
    request = requester.request(hospital, card, "unconscious, no relatives reachable")
    with pytest.raises(requester.NotOpenYet):
        requester.read(hospital, request, tmp_path / "early")
    fresh = trail.refresh(patient)  # the live poll's refresh: the request is there at once
    assert [e.kind for e in fresh] == ["emergency_request"] and fresh[0].requester_name == "City ER"
    [pending] = emergency.requests_of(patient)
    assert pending["status"] == "pending" and pending["justification"].startswith("unconscious")
    emergency.decide(patient, request, "approve")
    got = requester.read(hospital, request, tmp_path / "read")
    summary = json.loads(got.files[0].read_text())
    assert summary["resourceType"] == "Bundle" and len(got.release_events) == 1 and len(got.read_events) == 2
    picked_resource = json.loads(got.files[1].read_text())
    assert picked_resource == own_resources(patient)[0]["resource"]
    trail.refresh(patient)
    kinds = sorted(e["kind"] for e in trail.events(patient))
    assert kinds == ["access", "access", "emergency_approve", "emergency_release", "emergency_request"]
    assert {e["reason"] for e in trail.events(patient) if e["kind"] == "access"} == {"emergency"}
    log = trail.access_log(patient)
    assert len(log) == 5 and all(row["emergency"] and row["what"] == "your emergency set" for row in log)
    bundle = export_audit(patient, prove=False, refresh=False)
    events = [entry["resource"] for entry in bundle["entry"]]
    assert len(events) == 5
    for event in events:
        assert event["purposeOfEvent"][0]["coding"][0]["code"] == "BTG", event
        patient_entity = next(e for e in event["entity"] if e["role"]["code"] == "1")
        assert patient_entity["what"]["identifier"]["value"] == marked.pseudonym  # never the vault's key


def test_veto_keeps_it_shut_and_a_clinic_is_refused(patient, hospital, tmp_path, make_clinic):
    emergency.mark(patient, [])
    request = requester.request(hospital, emergency.card_text(patient), "road accident")
    emergency.decide(patient, request, "veto")
    with pytest.raises(requester.NotOpenYet, match="vetoed"):
        requester.read(hospital, request, tmp_path / "read")
    clinic = make_clinic()
    with pytest.raises(requester.EmergencyRequestError, match="does not allow"):
        requester.request(clinic, emergency.card_text(patient), "curious")
    with pytest.raises(requester.EmergencyRequestError, match="64 hexadecimal"):
        requester.request(hospital, "not a card", "x")


def test_replace_and_withdraw(patient, hospital, tmp_path):
    first = emergency.mark(patient, [])
    request = requester.request(hospital, emergency.card_text(patient), "allergy check")
    second = emergency.mark(patient, [])
    assert second.pseudonym == first.pseudonym and second.version == first.version + 1
    assert requester.status(hospital, request)["status"] == "set_replaced"
    emergency.withdraw(patient)
    assert emergency.status(patient)["set"]["withdrawn_at"] is not None
    with pytest.raises(emergency.NoEmergencySet):
        emergency.withdraw(patient)


def test_a_guardians_veto_is_audited_and_exported_as_the_guardians(patient, hospital, shared_node, tmp_path):
    import hashlib
    import time

    from ledger_client.client import LedgerClient
    from ledger_client.crypto import SigningKey
    from wallet.core.fhir.audit_export import GUARDIAN_TEXT

    emergency.mark(patient, [])
    guardian = SigningKey.generate()
    delegation = patient.network.submit(patient.signing_key(emergency.set_index(patient)), "delegate", {
        "delegate": guardian.public, "delegate_box": "ee" * 32, "purposes": ["treatment"], "institutions": [],
        "institution_kinds": [], "categories": [], "max_grant_seconds": 86400,
        "expires_at": int(time.time()) + 30 * 86400, "revoke_others": False,
        "package": hashlib.sha256(b"pkg").hexdigest(), "emergency": True})
    request = requester.request(hospital, emergency.card_text(patient), "road accident")
    LedgerClient([shared_node.url]).submit_signed(guardian, "emergency_decide",
                                                  {"request": request, "decision": "veto", "delegation": delegation})
    with pytest.raises(requester.NotOpenYet, match="vetoed"):
        requester.read(hospital, request, tmp_path / "read")
    trail.refresh(patient)
    [veto] = [e for e in trail.events(patient) if e["kind"] == "emergency_veto"]
    assert veto["requester_name"] == trail.EMERGENCY_GUARDIAN and veto["requester"] == guardian.public
    bundle = export_audit(patient, prove=False, refresh=False)
    [event] = [entry["resource"] for entry in bundle["entry"] if entry["resource"]["id"] == veto["tx"]]
    assert event["outcomeDesc"] == GUARDIAN_TEXT["emergency_veto"]
