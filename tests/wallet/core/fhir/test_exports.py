"""Consents (IHE PCF), the access log (IHE BALP) and a clinic read's Provenance, against a
real node: every resource validates with fhir.resources, carries the required elements,
and its ledger transaction id and block height check out against the ledger."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from wallet.core import importing
from wallet.core.audit import trail
from wallet.core.consent import grants
from wallet.core.desks.clinic import ReadRefused
from wallet.core.fhir import audit_export, consent_export
from wallet.core.fhir.codes import EXT_LEDGER_ANCHOR, PURPOSE_OF_USE
from wallet.core.fhir.validate import model_class
from wallet.core.records import library

DATA = Path(__file__).resolve().parents[3] / "data" / "fhir"
PORTAL = DATA / "portal_collection.json"


def _valid(doc: dict) -> dict:
    model_class(doc["resourceType"]).model_validate(doc)
    return doc


def _anchors(resource: dict) -> list[dict]:
    out = []
    for ext in resource.get("extension", []):
        if ext["url"] == EXT_LEDGER_ANCHOR:
            out.append({p["url"]: next(v for k, v in p.items() if k.startswith("value")) for p in ext["extension"]})
    return out


def _coding(concept: dict) -> tuple[str, str]:
    coding = concept["coding"][0] if "coding" in concept else concept
    return coding["system"], coding["code"]


def _imported(wallet) -> dict[str, str]:
    """Split-import the portal export; fhir type (or media type) -> record id."""
    result = importing.import_file(wallet, PORTAL, split=True)
    rows = {r["record"]: r for r in library.list_records(wallet)}
    return {rows[r.record]["fhir_type"] or rows[r.record]["media_type"]: r.record for r in result.records}


# --- Consent ------------------------------------------------------------------------

def test_each_grant_is_an_ihe_pcf_consent(wallet, make_clinic):
    recs = _imported(wallet)
    clinic, lab = make_clinic("Clinic"), make_clinic("Lab")
    now = int(time.time())
    treat = grants.grant(wallet, clinic.key.public, [recs["Observation"], recs["Condition"]], "treatment", now + 3600)
    urgent = grants.grant(wallet, lab.key.public, [recs["Immunization"]], "emergency", now + 7200, not_before=now - 5)
    bundle = _valid(consent_export.export_consents(wallet))
    assert bundle["type"] == "collection" and len(bundle["entry"]) == 2
    text = json.dumps(bundle)
    assert "Jane" not in text and "Example" not in text  # the patient appears as a pseudonym only
    by_id = {e["resource"]["id"]: e["resource"] for e in bundle["entry"]}
    for granted, grantee, purpose in ((treat, clinic, "TREAT"), (urgent, lab, "ETREAT")):
        consent = _valid(by_id[granted.consent])
        ledger = wallet.network.client.consent(granted.consent, grantee.key)
        proven = wallet.network.light.prove(granted.consent)
        assert consent["meta"]["profile"] == ["https://profiles.ihe.net/ITI/PCF/StructureDefinition/"
                                              "IHE.PCF.consentIntermediate"]
        assert consent["status"] == "active"
        assert _coding(consent["scope"]) == ("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy")
        assert _coding(consent["category"][0]) == ("http://loinc.org", "59284-0")
        assert consent["patient"]["identifier"] == {"system": "urn:medwallet:pseudonym", "value": ledger["grantor"]}
        assert consent["performer"] == [consent["patient"]] and consent["organization"]
        assert consent["dateTime"] and consent["policy"][0]["uri"].endswith(":consent-contract")
        assert consent["sourceReference"]["identifier"]["value"] == granted.consent
        provision = consent["provision"]
        assert provision["type"] == "permit"
        assert provision["period"] == {"start": _iso(ledger["not_before"]), "end": _iso(ledger["expires_at"])}
        actor = provision["actor"][0]
        assert _coding(actor["role"]) == ("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP")
        assert actor["reference"]["identifier"] == {"system": "urn:medwallet:institution",
                                                    "value": grantee.key.public}
        assert actor["reference"]["display"] == grantee.name
        assert [_coding(p) for p in provision["purpose"]] == [("http://terminology.hl7.org/CodeSystem/v3-ActReason",
                                                               purpose)]
        assert sorted(d["reference"]["identifier"]["value"] for d in provision["data"]) == sorted(ledger["records"])
        assert all(d["meaning"] == "instance" for d in provision["data"])
        assert consent["identifier"] == [{"system": "urn:medwallet:ledger-tx", "value": granted.consent}]
        anchor = _anchors(consent)[0]
        assert (anchor["tx"], anchor["height"], anchor["type"]) == (granted.consent, proven.height, "grant_consent")
        assert anchor["chain"] == wallet.network.chain_id and anchor["block"] == proven.block_hash


def _iso(ts: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def test_revoked_consent_and_offline_export(wallet, clinic):
    recs = _imported(wallet)
    granted = grants.grant(wallet, clinic.key.public, [recs["Procedure"]], "research", int(time.time()) + 600)
    grants.revoke(wallet, granted.consent)
    consent = consent_export.export_consents(wallet)["entry"][0]["resource"]
    assert consent["status"] == "inactive"
    grant_anchor, revoke_anchor = _anchors(consent)
    revoked_tx = wallet.network.client.consent(granted.consent, clinic.key)["revoked_tx"]
    assert revoke_anchor["tx"] == revoked_tx and revoke_anchor["type"] == "revoke_consent"
    assert revoke_anchor["height"] == wallet.network.light.prove(revoked_tx).height > grant_anchor["height"]
    assert [_coding(p)[1] for p in consent["provision"]["purpose"]] == ["HRESCH"]
    offline = _valid(consent_export.export_consents(wallet, prove=False, bundle_type="searchset"))
    again = offline["entry"][0]["resource"]
    assert offline["type"] == "searchset" and offline["entry"][0]["search"] == {"mode": "match"}
    assert "height" not in _anchors(again)[0] and again["provision"]["data"] == consent["provision"]["data"]


def test_every_purpose_maps_to_v3_act_reason():
    assert {p: code for p, (code, _) in PURPOSE_OF_USE.items()} == {
        "treatment": "TREAT", "emergency": "ETREAT", "research": "HRESCH", "insurance": "HPAYMT",
        "operations": "HOPERAT"}
    assert set(PURPOSE_OF_USE) == set(grants.PURPOSE_LABELS)


# --- AuditEvent ---------------------------------------------------------------------

def test_access_log_as_ihe_balp_audit_events(wallet, clinic, tmp_path, shared_node):
    recs = _imported(wallet)
    granted = grants.grant(wallet, clinic.key.public, [recs["Observation"], recs["application/pdf"]], "treatment",
                            int(time.time()) + 3600)
    read = clinic.read(clinic.scan_text(granted.code), tmp_path / "desk")
    grants.revoke(wallet, granted.consent)
    with pytest.raises(ReadRefused):
        clinic.read(clinic.scan_text(granted.code), tmp_path / "desk2")
    wallet.blob_path(recs["Condition"]).unlink()  # the owner's own read, fetched back from the node
    library.export_record(wallet, recs["Condition"], tmp_path / "own.json")
    bundle = _valid(audit_export.export_audit(wallet, bundle_type="searchset"))
    stored = {e["tx"]: e for e in trail.events(wallet)}
    events = [e["resource"] for e in bundle["entry"]]
    assert len(events) == len(stored) and {e["id"] for e in events} == set(stored)
    kinds = {stored[e["id"]]["kind"] for e in events}
    assert kinds == {"access", "refusal"}
    assert set(read.events) <= set(stored)
    node_key = wallet.network.client.status()["node_key"]
    own = {p["public"] for p in wallet.pseudonyms()}
    for event in events:
        _valid(event)
        row = stored[event["id"]]
        assert _coding(event["type"]) == ("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest")
        assert [_coding(s) for s in event["subtype"]] == [("http://hl7.org/fhir/restful-interaction", "read")]
        assert event["action"] == "R" and event["recorded"] == _iso(row["time"])
        client, server, user = event["agent"]
        assert _coding(client["type"]) == ("http://dicom.nema.org/resources/ontology/DCM", "110152")
        assert _coding(server["type"]) == ("http://dicom.nema.org/resources/ontology/DCM", "110153")
        assert client["who"]["identifier"]["value"] == row["requester"] and client["network"]["address"]
        assert server["who"]["identifier"] == {"system": "urn:medwallet:node", "value": node_key}
        assert server["network"] == {"address": shared_node.url, "type": "5"}
        assert _coding(user["type"]) == ("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP")
        assert user["requestor"] is True and not client["requestor"]
        expected = "urn:medwallet:pseudonym" if row["requester"] in own else "urn:medwallet:institution"
        assert user["who"]["identifier"]["system"] == expected
        data, patient = event["entity"][:2]
        assert data["what"]["identifier"] == {"system": "urn:medwallet:record-sha256", "value": row["record"]}
        assert (_coding(data["type"])[1], _coding(data["role"])[1]) == ("2", "4")
        assert (_coding(patient["type"])[1], _coding(patient["role"])[1]) == ("1", "1")
        assert patient["what"]["type"] == "Patient" and patient["what"]["identifier"]["value"] in own
        anchor = _anchors(event)[0]
        assert (anchor["tx"], anchor["height"]) == (row["tx"], row["height"])
        assert wallet.network.light.prove(row["tx"]).height == anchor["height"]
        if row["kind"] == "access":
            assert event["outcome"] == "0" and "outcomeDesc" not in event
            assert event["meta"]["profile"] == ["https://profiles.ihe.net/ITI/BALP/StructureDefinition/"
                                                "IHE.BasicAudit.PatientRead"]
        else:
            assert event["outcome"] == "4" and "revoked" in event["outcomeDesc"]
            assert row["reason"] in event["outcomeDesc"] and "meta" not in event
        if row["consent"]:
            assert event["entity"][2]["what"]["identifier"]["value"] == row["consent"]
    offline = _valid(audit_export.export_audit(wallet, prove=False, refresh=False, outcome="refusal"))
    assert offline["entry"] and all(e["resource"]["outcome"] == "4" for e in offline["entry"])


# --- Provenance of a clinic read ----------------------------------------------------

def test_clinic_gets_original_bytes_and_a_provenance(wallet, clinic, tmp_path):
    recs = _imported(wallet)
    chosen = [recs["Observation"], recs["MedicationRequest"], recs["application/pdf"]]
    granted = grants.grant(wallet, clinic.key.public, chosen, "treatment", int(time.time()) + 3600)
    grant = clinic.scan_text(granted.code)
    view = clinic.consent(grant)
    read = clinic.read(grant, tmp_path / "desk")
    original = PORTAL.read_bytes()
    for path, event, prov in zip(read.files, read.events, read.provenance, strict=True):
        content = path.read_bytes()
        if path.suffix == ".pdf":
            assert content.startswith(b"%PDF-") and prov is None  # Provenance only beside FHIR
            continue
        assert content in original  # the patient's original resource, byte for byte
        resource = json.loads(content)
        assert prov == path.with_name(path.stem + ".provenance.json") and prov.exists()
        doc = _valid(json.loads(prov.read_text()))
        assert doc["resourceType"] == "Provenance" and doc["id"] == event
        assert doc["target"][0]["reference"] == f"{resource['resourceType']}/{resource['id']}"
        copy = doc["target"][0]["identifier"]["value"]
        assert copy in view.records and doc["entity"][0]["what"]["identifier"]["value"] == copy
        assert doc["policy"] == [f"urn:medwallet:{wallet.network.chain_id}:tx:{granted.consent}"]
        consent_anchor, event_anchor = _anchors(doc)
        assert (consent_anchor["tx"], consent_anchor["height"]) == (granted.consent, view.height)
        assert (event_anchor["tx"], event_anchor["type"]) == (event, "access_event")
        assert event_anchor["height"] == wallet.network.light.prove(event).height
        agents = {a["who"]["identifier"]["system"]: a for a in doc["agent"]}
        assert agents["urn:medwallet:pseudonym"]["who"]["identifier"]["value"] == view.grantor
        assert agents["urn:medwallet:institution"]["who"]["identifier"]["value"] == clinic.key.public
        assert [_coding(r)[1] for r in doc["reason"]] == ["TREAT"]
