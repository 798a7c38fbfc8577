"""Bad input, class by class (issue 2, "Bad input"): each gets a clear 4xx JSON error
``{"error", "message"}`` naming the problem, and leaves blocks, state, mempool and blob
store exactly as they were."""

from __future__ import annotations

import copy
import hashlib
import os
import time

import pytest

from ledger_client.crypto import SigningKey
from ledger_client.encoding import canonical

from .actors import assert_error

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def ctx(net):
    """A patient with a record, a clinic, a live and a revoked consent; fresh keys per test."""
    clinic, patient = net.institution(), net.patient()
    record = net.record(patient)
    consent = net.grant(patient, clinic, [record])
    revoked = net.grant(patient, clinic, [record], "research")
    net.revoke(patient, revoked)
    return {"clinic": clinic, "patient": patient, "record": record, "consent": consent, "revoked": revoked}


def untouched(net, send, status: int, code: str | None, *mentions: str) -> dict:
    """Send a bad request; check the error and that nothing on the node changed."""
    before = net.snapshot()
    doc = assert_error(send(), status, code, *mentions)
    assert net.snapshot() == before
    return doc


def pseudonym_tx(net, **body_changes) -> dict:
    """A valid, signed register_pseudonym document by a fresh key."""
    doc = net.sign(SigningKey.generate(), "register_pseudonym", {"box_key": "ab" * 32}).to_json()
    doc["tx"].update(body_changes)
    return doc


# --- malformed JSON --------------------------------------------------------------------------

@pytest.mark.parametrize("body, words", [
    (b'{"tx":', "not valid JSON"),
    (b"", "body is empty"),
    (b"\xff\xfe\x00", "not valid JSON"),
    (b'{"tx":{},"tx":{}}', "duplicate key 'tx'"),
    (b'{"tx":{"seq":1.5}}', "fractional numbers"),
    (b'{"tx":NaN}', "NaN is not allowed"),
    (b'{"tx":"\\ud800"}', "unpaired surrogate"),
    (b"[1,2]", "$: expected an object"),
    (b"null", "$: expected an object"),
    (b"[" * 50_000, "JSON"),
])
def test_malformed_json(net, body, words):
    untouched(net, lambda: net.post("/v1/tx", body), 400, "malformed", words)


@pytest.mark.parametrize("body, words", [
    (b"[]", 'expected {"txs"'),
    ({"txs": []}, "1 to 5000"),
    ({"txs": "x"}, 'expected {"txs"'),
    ({"txs": [], "more": 1}, 'expected {"txs"'),
    ({"txs": [[]]}, "transaction 0: $: expected an object"),
])
def test_malformed_batches(net, body, words):
    untouched(net, lambda: net.post("/v1/tx/batch", body), 400, "malformed", words)


# --- wrong types and unknown fields -------------------------------------------------------------

@pytest.mark.parametrize("change, words", [
    (lambda d: d["tx"].update(seq="1"), "tx.seq: expected an integer"),
    (lambda d: d["tx"].update(time=True), "tx.time: expected an integer"),
    (lambda d: d["tx"].update(signer=5), "tx.signer: expected Ed25519 public key"),
    (lambda d: d["tx"]["payload"].update(box_key=["ab"]), "tx.payload.box_key: expected X25519 public key"),
    (lambda d: d["tx"].update(type=None), "tx.type: must be one of"),
    (lambda d: d["tx"].update(payload="x"), "tx.payload: expected an object"),
    (lambda d: d.update(sig=7), "$.sig: expected Ed25519 signature"),
])
def test_wrong_types_name_the_field(net, change, words):
    doc = pseudonym_tx(net)
    change(doc)
    untouched(net, lambda: net.post("/v1/tx", doc), 400, "malformed", words)


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(note="hi"), "$.note: unknown field"),
    (lambda d: d["tx"].update(fee=0), "tx.fee: unknown field"),
    (lambda d: d["tx"]["payload"].update(name="Alice"), "tx.payload.name: unknown field"),
    (lambda d: d["tx"].pop("time"), "tx.time: missing field"),
])
def test_unknown_and_missing_fields(net, change, words):
    doc = pseudonym_tx(net)
    change(doc)
    untouched(net, lambda: net.post("/v1/tx", doc), 400, "malformed", words)


# --- oversized bodies ----------------------------------------------------------------------------

def test_oversized_bodies(net):
    untouched(net, lambda: net.post("/v1/tx", b" " * 70_000), 413, "too_large", "65536")
    untouched(net, lambda: net.post("/v1/tx/batch", b" " * (33 * MiB)), 413, "too_large")

    def streamed():  # no Content-Length: counted while reading
        for _ in range(34):
            yield b" " * MiB
    untouched(net, lambda: net.post("/v1/tx/batch", streamed()), 413, "too_large")
    big_proof = net.sign(SigningKey.generate(), "register_pseudonym",
                         {"box_key": "ab" * 32, "proof": {"p": "x"}}).to_json()
    big_proof["tx"]["payload"]["proof"]["p"] = "x" * 66_000
    untouched(net, lambda: net.post("/v1/tx", big_proof), 413, "too_large")


def test_oversized_batch_count(net):
    doc = pseudonym_tx(net)
    untouched(net, lambda: net.post("/v1/tx/batch", {"txs": [doc] * 5001}), 400, "malformed", "1 to 5000")


# --- signatures and networks ----------------------------------------------------------------------

def test_missing_and_bad_signatures(net):
    doc = pseudonym_tx(net)
    unsigned = {"tx": doc["tx"]}
    untouched(net, lambda: net.post("/v1/tx", unsigned), 401, "bad_signature", "not signed")
    flipped = copy.deepcopy(doc)
    flipped["sig"] = ("1" if doc["sig"][0] == "0" else "0") + doc["sig"][1:]
    untouched(net, lambda: net.post("/v1/tx", flipped), 401, "bad_signature", "signature does not verify")
    altered = copy.deepcopy(doc)
    altered["tx"]["payload"]["box_key"] = "cd" * 32
    untouched(net, lambda: net.post("/v1/tx", altered), 401, "bad_signature")


def test_wrong_chain_id(net):
    foreign = net.sign(SigningKey.generate(), "register_pseudonym", {"box_key": "ab" * 32}).to_json()
    foreign["tx"]["chain_id"] = "ee" * 32  # not re-signed: the network check comes first and says so
    untouched(net, lambda: net.post("/v1/tx", foreign), 400, "wrong_network", "another network")


# --- sequence numbers and time ---------------------------------------------------------------------

def test_replayed_and_out_of_order_sequence_numbers(net, ctx):
    patient = ctx["patient"]
    seq = net.client.next_seq(patient.public)
    anchor = {"record": os.urandom(32).hex(), "size": 1, "category": "lab"}
    untouched(net, lambda: net.post("/v1/tx", net.sign(patient, "anchor_record", anchor, seq=seq - 1).to_json()),
              409, "replayed", f"sequence number {seq - 1} was already used")
    untouched(net, lambda: net.post("/v1/tx", net.sign(patient, "anchor_record", anchor, seq=seq + 1).to_json()),
              409, "out_of_order", f"the next one is {seq}")


def test_stale_transaction_time(net, ctx):
    anchor = {"record": os.urandom(32).hex(), "size": 1, "category": "lab"}
    stale = net.sign(ctx["patient"], "anchor_record", anchor, at=int(time.time()) - 3600)
    untouched(net, lambda: net.post("/v1/tx", stale.to_json()), 409, "stale", "ledger's clock")


# --- unknown institution, record, consent; roles -------------------------------------------------------

def test_unknown_items(net, ctx):
    patient, record = ctx["patient"], ctx["record"]
    now = int(time.time())
    grant = {"grantee": SigningKey.generate().public, "records": [record], "purpose": "treatment",
             "not_before": now, "expires_at": now + 60}

    def submit(tx_type, payload, key=patient):
        return lambda: net.post("/v1/tx", net.sign(key, tx_type, payload).to_json())
    untouched(net, submit("grant_consent", grant), 409, "unknown_institution", "not a registered institution")
    untouched(net, submit("grant_consent", {**grant, "grantee": ctx["clinic"].public, "records": ["ab" * 32]}),
              409, "unknown_record", "not anchored")
    untouched(net, submit("revoke_consent", {"consent": "ab" * 32}), 409, "unknown_consent")
    untouched(net, submit("retire_record", {"record": "ab" * 32}), 409, "unknown_record")
    untouched(net, submit("anchor_record", {"record": "ab" * 32, "size": 1, "category": "lab"}, SigningKey.generate()),
              409, "unknown_pseudonym")
    for path in ("/v1/institutions/", "/v1/pseudonyms/", "/v1/records/", "/v1/consents/", "/v1/tx/"):
        untouched(net, lambda path=path: net.get(path + "ab" * 32, signed_by=net.node_signer), 404, "not_found")


def test_consent_state_errors(net, ctx):
    patient = ctx["patient"]
    def revoke(key, consent):
        return lambda: net.post("/v1/tx", net.sign(key, "revoke_consent", {"consent": consent}).to_json())
    untouched(net, revoke(patient, ctx["revoked"]), 409, "already_revoked")
    untouched(net, revoke(ctx["clinic"], ctx["consent"]), 409, "not_grantor")
    now = int(time.time())
    expired = {"grantee": ctx["clinic"].public, "records": [ctx["record"]], "purpose": "treatment",
               "not_before": now - 100, "expires_at": now - 10}
    untouched(net, lambda: net.post("/v1/tx", net.sign(patient, "grant_consent", expired).to_json()),
              409, "already_expired")


def test_wrong_signer_roles(net, ctx):
    payload = {"name": "Rogue", "kind": "clinic", "sign_key": SigningKey.generate().public, "box_key": "ab" * 32}
    untouched(net, lambda: net.post("/v1/tx", net.sign(ctx["patient"], "register_institution", payload).to_json()),
              409, "not_governance")
    request = net.access(ctx["clinic"], ctx["record"], ctx["consent"])
    event = net.sign(ctx["clinic"], "access_event", {"request": request.to_json()})
    untouched(net, lambda: net.post("/v1/tx", event.to_json()), 409, "not_a_node")


# --- blobs -------------------------------------------------------------------------------------------

def test_blob_bytes_not_matching_their_hash(net, ctx):
    data = os.urandom(100_000)
    wrong = hashlib.sha256(data + b"!").hexdigest()
    untouched(net, lambda: net.put_blob(ctx["patient"], wrong, len(data), data), 422, "integrity", "hash")


def test_reads_under_a_revoked_consent_leave_only_a_refusal(net, ctx):
    before = net.snapshot()
    request = net.access(ctx["clinic"], ctx["record"], ctx["revoked"], "research")
    doc = assert_error(net.read(request), 403, "consent_revoked", "revoked")
    after = net.snapshot()
    assert (after.height, after.mempool, after.blobs) == (before.height + 1, 0, before.blobs)
    block = net.get(f"/v1/blocks/{after.height}", signed_by=net.node_signer).json()
    assert [tx["tx"]["type"] for tx in block["txs"]] == ["refusal_event"] and doc["event"]


# --- query parameters and paths ---------------------------------------------------------------------

ROUTES_WITH_PARAMS = [
    ("/v1/status", {}), ("/v1/genesis", {}), ("/openapi.json", {}), ("/v1/headers", {}),
    ("/v1/institutions", {}), ("/v1/events", {"record": "ab" * 32}), ("/v1/consents", {"grantee": "ab" * 32}),
    ("/v1/records", {"owner": "ab" * 32}), ("/v1/blocks/1", {}), ("/v1/tx/" + "ab" * 32, {}),
    ("/v1/institutions/" + "ab" * 32, {}), ("/v1/accounts/" + "ab" * 32, {}),
    ("/v1/blobs/" + "ab" * 32 + "/upload", {}),
]


@pytest.mark.parametrize("path, params", ROUTES_WITH_PARAMS)
def test_unknown_query_parameters(net, path, params):
    untouched(net, lambda: net.get(path, params={**params, "limt": "5"}), 400, "malformed", "limt")


def test_unknown_query_parameter_on_submit(net):
    doc = pseudonym_tx(net)
    untouched(net, lambda: net.post("/v1/tx?wiat=true", doc), 400, "malformed", "wiat")
    untouched(net, lambda: net.post("/v1/tx?wait=maybe", doc), 400, "malformed", "wait")
    untouched(net, lambda: net.post("/v1/tx?wait=true&timeout=0", doc), 400, "malformed", "timeout")
    untouched(net, lambda: net.post("/v1/tx/batch?timeout=999", {"txs": [doc]}), 400, "malformed", "timeout")


@pytest.mark.parametrize("path, words", [
    ("/v1/tx/XYZ", "transaction id"), ("/v1/tx/" + "AB" * 32, "transaction id"),
    ("/v1/tx/" + "ab" * 31, "transaction id"),
    ("/v1/tx/" + "ab" * 33 + "/proof", "transaction id"), ("/v1/institutions/zz", "institution key"),
    ("/v1/pseudonyms/" + "g" * 64, "pseudonym key"), ("/v1/records/%00", "record id"),
    ("/v1/consents/0x12", "consent id"),
    ("/v1/accounts/1", "account key"), ("/v1/blobs/zz", "blob hash"), ("/v1/blobs/zz/upload", "blob hash"),
    ("/v1/blocks/abc", "block height"), ("/v1/blocks/0", "block height"), ("/v1/blocks/-1", "block height"),
    ("/v1/blocks/99999999999999999999999", "block height"), ("/v1/blocks/%C2%B2", "block height"),
    ("/v1/records?owner=xyz", "owner"), ("/v1/events?requester=AB", "requester"), ("/v1/headers?from=%C2%B2", "from"),
    ("/v1/headers?count=0", "count"), ("/v1/institutions?limit=1001", "limit"),
    ("/v1/institutions?after=a%20b", "after"),
])
def test_bad_paths_and_parameters(net, path, words):
    untouched(net, lambda: net.get(path), 400, "malformed", words)


def test_bad_hex_on_upload(net, ctx):
    untouched(net, lambda: net.put_blob(ctx["patient"], "ZZ" * 32, 3, b"abc"), 400, None)


def test_unknown_routes_and_methods(net):
    untouched(net, lambda: net.get("/v1/nothing"), 404, "not_found")
    untouched(net, lambda: net.http.delete(net.url + "/v1/tx"), 405, "method_not_allowed")
    untouched(net, lambda: net.post("/v1/status", b"{}"), 405, "method_not_allowed")


def test_garbage_access_headers(net, ctx):
    record = ctx["record"]
    for header, status in [("%%%", 400), ("A" * 5000, 400), ("e30", 400), ("", 401)]:
        untouched(net, lambda header=header: net.get(f"/v1/blobs/{record}", headers={"X-Medwallet-Access": header}),
                  status, None)


def test_canonical_error_bodies(net):
    response = net.get("/v1/tx/zz")
    assert response.content == canonical(response.json())
