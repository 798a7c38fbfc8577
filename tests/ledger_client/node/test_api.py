"""Every endpoint of a real node process, through raw HTTP and through the client."""

from __future__ import annotations

import os
import re
import time

import pytest

from ledger_client.block import check_block_txs, parse_header, verify_header_chain
from ledger_client.crypto import SigningKey
from ledger_client.encoding import canonical
from ledger_client.light import LightClient
from ledger_client.node import routes_blobs, routes_chain, routes_delegation, routes_directory, routes_mine
from ledger_client.tx import make_tx, parse_tx

from .actors import assert_error, poll


def test_status_and_genesis(net):
    status = net.get("/v1/status").json()
    assert status["chain_id"] == net.genesis.hash == net.chain_id
    assert status["network"] == "medwallet-local" and status["version"] == 1
    assert status["node_key"] in net.genesis.producers
    assert net.get("/v1/genesis").json() == net.genesis.doc


def test_openapi_describes_every_route(net):
    spec = net.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    served = {}
    for route in (routes_chain.ROUTES + routes_directory.ROUTES + routes_mine.ROUTES + routes_blobs.ROUTES
                  + routes_delegation.ROUTES):
        path = re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path)
        served.setdefault(path, set()).update(m.lower() for m in route.methods if m != "HEAD")
    for path in ("/openapi.json", "/metrics", "/problems/{code}"):  # served by the app itself
        served[path] = {"get"}
    described = {path: set(ops) for path, ops in spec["paths"].items()}
    assert served == described


def test_submit_without_waiting_then_committed(net, keys):
    patient_tx = net.sign(keys(), "register_pseudonym", {"box_key": "ab" * 32})
    response = net.post("/v1/tx", patient_tx.to_json())
    assert response.status_code == 202 and response.json() == {"id": patient_tx.id, "status": "pending"}
    status = poll(lambda: (s := net.tx(patient_tx.id))["status"] == "committed" and s)
    assert parse_tx(status["tx"], net.chain_id) == patient_tx
    assert status["height"] >= 1 and status["index"] >= 0


def test_submit_and_wait(net, keys):
    tx = net.sign(keys(), "register_pseudonym", {"box_key": "ab" * 32})
    response = net.post("/v1/tx?wait=true&timeout=20", tx.to_json())
    assert response.status_code == 200
    assert response.json()["status"] == "committed" and response.json()["id"] == tx.id
    # resubmitting the same signed transaction is idempotent: same answer, nothing new
    height = net.client.status()["height"]
    again = net.post("/v1/tx?wait=1", tx.to_json())
    assert again.status_code == 200 and again.json() == response.json()
    assert net.client.status()["height"] == height


def test_unknown_transaction(net):
    assert_error(net.get("/v1/tx/" + "ab" * 32), 404, "not_found")
    assert_error(net.get("/v1/tx/" + "ab" * 32 + "/proof"), 404, "not_found")


def test_batch_commits_all_in_order(net, keys):
    patient = keys()
    txs = [net.sign(patient, "register_pseudonym", {"box_key": "ab" * 32}, seq=1)]
    txs += [net.sign(patient, "anchor_record", {"record": os.urandom(32).hex(), "size": i, "category": "lab"},
                     seq=i + 1) for i in range(1, 300)]
    txs += [net.sign(keys(), "register_pseudonym", {"box_key": "cd" * 32}, seq=1) for _ in range(100)]
    response = net.post("/v1/tx/batch?wait=true&timeout=30", {"txs": [tx.to_json() for tx in txs]})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["id"] for r in results] == [tx.id for tx in txs]
    assert all(r["status"] == "committed" for r in results)
    assert net.client.next_seq(patient.public) == 301
    assert len(net.client.my_records(patient)) == 299


def test_batch_without_wait(net, keys):
    txs = [net.sign(keys(), "register_pseudonym", {"box_key": "ab" * 32}) for _ in range(5)]
    results = net.client.submit_batch(txs)
    assert {r["status"] for r in results} <= {"pending", "committed"}
    poll(lambda: all(net.tx(tx.id)["status"] == "committed" for tx in txs))


def _bad_sig(doc):
    doc["sig"] = ("0" if doc["sig"][0] != "0" else "1") + doc["sig"][1:]


@pytest.mark.parametrize("index, spoil, status, code, words", [
    (7, _bad_sig, 401, "bad_signature", ["transaction 7", "signature"]),
    (2, lambda d: d["tx"].update(chain_id="ee" * 32), 400, "wrong_network", ["transaction 2"]),
    (5, lambda d: d["tx"].update(extra=1), 400, "malformed", ["transaction 5", "tx.extra: unknown field"]),
    (4, "out_of_order", 409, "out_of_order", ["transaction 4", "sequence number"]),
    (9, "replay", 409, "replayed", ["transaction 9"]),
    (3, "unknown_institution", 409, "unknown_institution", ["transaction 3"]),
])
def test_batch_is_all_or_nothing(net, keys, index, spoil, status, code, words):
    patient = keys()
    net.commit(patient, "register_pseudonym", {"box_key": "ab" * 32})
    records = [os.urandom(32).hex() for _ in range(10)]
    txs = [net.sign(patient, "anchor_record", {"record": record, "size": 1, "category": "lab"}, seq=i + 2)
           for i, record in enumerate(records)]
    docs = [tx.to_json() for tx in txs]
    if spoil == "out_of_order":
        docs[index] = net.sign(patient, "anchor_record", {"record": os.urandom(32).hex(), "size": 1, "category": "lab"},
                               seq=50).to_json()
    elif spoil == "replay":
        docs[index] = docs[0]
    elif spoil == "unknown_institution":
        docs[index] = net.sign(patient, "grant_consent", {
            "grantee": keys().public, "records": [records[0]], "purpose": "treatment",
            "not_before": 0, "expires_at": int(time.time()) + 60}, seq=index + 2).to_json()
    else:
        spoil(docs[index])
    before = net.snapshot()
    body = {"txs": docs}
    doc = assert_error(net.post("/v1/tx/batch?wait=true", body), status, code, *words)
    assert doc["index"] == index
    assert net.snapshot() == before
    assert net.client.next_seq(patient.public) == 2
    for tx in txs:
        assert net.get(f"/v1/tx/{tx.id}").status_code == 404


def test_proofs_verify_with_the_light_client(net, keys):
    ids = [net.commit(keys(), "register_pseudonym", {"box_key": "ab" * 32}) for _ in range(3)]
    light = LightClient(net.client, net.genesis)
    for tx_id in ids:
        proven = light.prove(tx_id)
        assert proven.tx.id == tx_id and proven.height <= light.height
        assert light.hashes[proven.height - 1] == proven.block_hash
    assert light.sync() == net.client.status()["height"]


def test_headers_and_blocks(net, keys):
    net.commit(keys(), "register_pseudonym", {"box_key": "ab" * 32})
    height = net.client.status()["height"]
    doc = net.get("/v1/headers", params={"from": 1, "count": 2000}).json()
    assert doc["height"] >= height and len(doc["headers"]) >= height
    headers = [parse_header(h) for h in doc["headers"]]
    tip = verify_header_chain(headers, net.chain_id, net.genesis.producers)
    assert tip == headers[-1].hash
    part = net.get("/v1/headers", params={"from": 2, "count": 1}).json()["headers"]
    assert [parse_header(h) for h in part] == headers[1:2]
    assert net.get("/v1/headers", params={"from": height + 1000}).json()["headers"] == []
    for h in (1, height):
        block = net.get(f"/v1/blocks/{h}", signed_by=net.node_signer).json()
        header = parse_header(block["block"])
        assert header == headers[h - 1] and block["hash"] == header.hash
        check_block_txs(header.body, [parse_tx(t, net.chain_id) for t in block["txs"]])
    assert_error(net.get(f"/v1/blocks/{height + 1000}", signed_by=net.node_signer), 404, "not_found")


def test_institutions_directory(net):
    keys = [net.institution(kind) for kind in ("clinic", "lab", "hospital")]
    listing = net.client.institutions()
    by_key = {inst["sign_key"]: inst for inst in listing}
    for key in keys:
        assert by_key[key.public] == net.client.institution(key.public)
    pages, after = [], None
    while True:
        params = {"limit": 1, **({"after": after} if after else {})}
        page = net.get("/v1/institutions", params=params).json()
        pages += page["items"]
        after = page["next"]
        if not after:
            break
    assert pages == listing
    assert_error(net.get("/v1/institutions/" + "ab" * 32), 404, "not_found", "institution")


def test_consents_by_grantor_and_grantee_with_status(net):
    clinic, patient = net.institution(), net.patient()
    record = net.record(patient)
    active = net.grant(patient, clinic, [record])
    revoked = net.grant(patient, clinic, [record], "research")
    net.revoke(patient, revoked)
    now = int(time.time())
    pending = net.grant(patient, clinic, [record], "emergency", not_before=now + 3000, expires_at=now + 4000)
    expected = {active: "active", revoked: "revoked", pending: "pending"}
    for listing in (net.client.consents(patient, grantor=patient.public),
                    net.client.consents(clinic, grantee=clinic.public), net.client.my_consents(patient),
                    net.client.my_consents(clinic), net.client.consents(net.node_signer, grantee=clinic.public)):
        assert {c["consent"]: c["status"] for c in listing} == expected
    for asker in (patient, clinic, net.node_signer):
        one = net.client.consent(revoked, asker)
        assert one["grantor"] == patient.public and one["grantee"] == clinic.public and one["revoked_at"]
    other = net.institution()
    assert net.client.consents(other, grantee=other.public) == [] == net.client.my_consents(other)
    assert_error(net.get("/v1/consents", signed_by=patient), 400, "malformed", "grantor or grantee")
    assert_error(net.get("/v1/consents", params={"grantor": patient.public, "grantee": clinic.public}), 400)
    assert_error(net.get("/v1/consents/" + "ab" * 32, signed_by=net.node_signer), 404, "not_found")


def test_events_by_record_owner_and_requester(net):
    clinic, patient = net.institution(), net.patient()
    record = net.record(patient)
    consent = net.grant(patient, clinic, [record])
    served = net.read(net.access(clinic, record, consent))
    refused = net.read(net.access(clinic, record, consent, "research"))
    own = net.read(net.access(patient, record, None))
    assert (served.status_code, refused.status_code, own.status_code) == (200, 403, 200)
    by_record = net.client.events(patient, record=record)
    assert [(e["kind"], e["reason"]) for e in by_record] == [("access", "consent"), ("refusal", "wrong_purpose"),
                                                            ("access", "owner")]
    assert by_record == net.client.events(patient, owner=patient.public) == net.client.my_events(patient)
    assert by_record == net.client.events(net.node_signer, record=record)
    assert by_record[:2] == net.client.events(clinic, requester=clinic.public) == net.client.my_events(clinic)
    assert by_record[2:] == net.client.events(patient, requester=patient.public)
    assert {e["node"] for e in by_record} == {net.node_key}
    assert_error(net.get("/v1/events", params={"record": record, "owner": patient.public}), 400, "malformed")


def test_records_pseudonyms_and_accounts(net):
    patient = net.patient()
    records = sorted(net.record(patient, category=c) for c in ("fhir", "image"))
    listed = net.client.my_records(patient)
    assert sorted(r["record"] for r in listed) == records
    assert listed == net.client._paged("/v1/records", signed_by=patient, owner=patient.public)
    assert net.client.record(records[0], patient)["owner"] == patient.public
    assert net.client.pseudonym(patient.public, patient)["key"] == patient.public
    assert net.client.my_pseudonym(patient)["key"] == patient.public
    account = net.get(f"/v1/accounts/{patient.public}").json()
    assert account == {"key": patient.public, "seq": 3, "next_seq": 4}
    assert net.get(f"/v1/accounts/{'ab' * 32}").json() == {"key": "ab" * 32, "seq": 0, "next_seq": 1}
    assert_error(net.get("/v1/pseudonyms/" + "ab" * 32, signed_by=net.node_signer), 404, "not_found", "pseudonym")
    assert_error(net.get("/v1/records/" + "ab" * 32, signed_by=net.node_signer), 404, "not_found", "record")
    assert_error(net.get("/v1/my/pseudonym", signed_by=SigningKey.generate()), 404, "not_found", "pseudonym")


def test_next_seq_counts_the_mempool(net, keys):
    patient = keys()
    first = net.sign(patient, "register_pseudonym", {"box_key": "ab" * 32}, seq=1)
    second = net.sign(patient, "anchor_record", {"record": os.urandom(32).hex(), "size": 1, "category": "lab"}, seq=2)
    net.client.submit_batch([first, second], wait=False)
    seen = net.get(f"/v1/accounts/{patient.public}").json()
    assert seen["next_seq"] == 3 and seen["seq"] in (0, 2)


def test_credential_definitions(net):
    issuer = net.institution("issuer")
    net.commit(issuer, "publish_credential_def", {"cred_def_id": "did:ex:1/cd/v1", "document": {"attr": ["a"]}})
    doc = net.get("/v1/credential-defs/did:ex:1/cd/v1").json()
    assert doc["issuer"] == issuer.public and doc["document"] == {"attr": ["a"]}
    assert_error(net.get("/v1/credential-defs/none"), 404, "not_found")


def test_responses_are_canonical_json(net):
    response = net.get("/v1/genesis")
    assert response.content == canonical(response.json())


def test_tx_body_signed_for_this_network_only(net, keys):
    other = make_tx(keys(), "ee" * 32, "register_pseudonym", 1, int(time.time()), {"box_key": "ab" * 32})
    assert_error(net.post("/v1/tx", other.to_json()), 400, "wrong_network")
