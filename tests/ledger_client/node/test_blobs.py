"""The blob store over HTTP: streamed, resumable, hash-checked uploads, and downloads
authorised by signed access requests, each served or refused read recorded on the ledger."""

from __future__ import annotations

import hashlib
import io
import os
import socket
import time

import pytest

from ledger_client.tx import parse_tx

from .actors import assert_error, poll

MiB = 1024 * 1024


def chunks(data: bytes, size: int = 64 * 1024):
    for start in range(0, len(data), size):
        yield data[start:start + size]


def upload_state(net, blob: str) -> dict:
    return net.get(f"/v1/blobs/{blob}/upload", signed_by=net.node_signer).json()


def test_streamed_upload_and_audited_download(net):
    clinic, patient = net.institution(), net.patient()
    data = os.urandom(6 * MiB + 123)
    blob = hashlib.sha256(data).hexdigest()
    response = net.put_blob(patient, blob, len(data), chunks(data))  # a generator: sent chunked
    assert response.status_code == 201 and response.json() == {"blob": blob, "offset": len(data), "complete": True}
    assert upload_state(net, blob) == {"blob": blob, "offset": len(data), "complete": True}
    net.commit(patient, "anchor_record", {"record": blob, "size": len(data), "category": "image"})
    consent = net.grant(patient, clinic, [blob])

    response = net.read(net.access(clinic, blob, consent))
    assert response.status_code == 200 and response.content == data
    assert response.headers["cache-control"] == "no-store"
    event = net.tx(response.headers["X-Medwallet-Event"])
    assert event["status"] == "committed"
    tx = parse_tx(event["tx"], net.chain_id)
    assert tx.type == "access_event" and tx.signer == net.node_key
    assert tx.payload["request"]["req"]["requester"] == clinic.public


def test_client_upload_with_progress_and_download(net):
    patient = net.patient()
    data = os.urandom(3 * MiB)
    blob = hashlib.sha256(data).hexdigest()
    seen = []
    net.client.upload_blob(patient, net.chain_id, blob, len(data), lambda off: chunks(data[off:], MiB),
                           progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(data), len(data)) and len(seen) >= 3
    net.commit(patient, "anchor_record", {"record": blob, "size": len(data), "category": "document"})
    out = io.BytesIO()
    event = net.client.download_blob(net.access(patient, blob, None), out)
    assert out.getvalue() == data and net.tx(event)["status"] == "committed"


def test_resume_after_a_partial_upload(net):
    patient = net.patient()
    data = os.urandom(2 * MiB + 77)
    blob = hashlib.sha256(data).hexdigest()
    first = net.put_blob(patient, blob, len(data), data[:MiB])
    assert first.status_code == 202 and first.json() == {"blob": blob, "offset": MiB, "complete": False}
    assert upload_state(net, blob) == {"blob": blob, "offset": MiB, "complete": False}
    assert_error(net.put_blob(patient, blob, len(data), data[10:], offset=10), 409, "bad_offset", "10")
    rest = net.put_blob(patient, blob, len(data), chunks(data[MiB:]), offset=MiB)
    assert rest.status_code == 201 and rest.json()["complete"]
    # uploading a blob the node already holds is a no-op success
    assert net.put_blob(patient, blob, len(data), b"").status_code == 201


def test_resume_after_the_connection_breaks(net):
    """A client that dies mid-body: the node keeps what arrived and the upload resumes from there."""
    patient = net.patient()
    data = os.urandom(3 * MiB)
    blob = hashlib.sha256(data).hexdigest()
    from ledger_client.access import make_upload_auth
    auth = make_upload_auth(patient, net.chain_id, blob, len(data), int(time.time()))
    with socket.create_connection(("127.0.0.1", net.proc.port)) as sock:
        sock.sendall(f"PUT /v1/blobs/{blob} HTTP/1.1\r\nHost: x\r\nX-Medwallet-Upload: {auth}\r\n"
                     f"Content-Length: {len(data)}\r\n\r\n".encode() + data[:MiB + 5])
    held = poll(lambda: upload_state(net, blob)["offset"] == MiB + 5 and MiB + 5, timeout=10)
    # until the node notices the broken connection, the blob is busy (409 upload_in_progress)
    response = poll(lambda: (r := net.put_blob(patient, blob, len(data), data[held:], offset=held)).status_code != 409
                    and r, timeout=10)
    assert response.status_code == 201, response.text
    net.commit(patient, "anchor_record", {"record": blob, "size": len(data), "category": "document"})
    assert net.read(net.access(patient, blob, None)).content == data


def test_hash_mismatch_stores_nothing(net):
    patient = net.patient()
    data = os.urandom(MiB)
    blob = hashlib.sha256(b"something else").hexdigest()
    before = net.snapshot()
    assert_error(net.put_blob(patient, blob, len(data), chunks(data)), 422, "integrity", "do not match their hash")
    assert upload_state(net, blob) == {"blob": blob, "offset": 0, "complete": False}
    assert net.snapshot() == before
    assert not list((net.proc.data / "blobs" / "partial").iterdir())


def test_size_limits(net):
    patient = net.patient()
    data = os.urandom(1000)
    blob = hashlib.sha256(data).hexdigest()
    before = net.snapshot()
    # declared by the body's Content-Length
    assert_error(net.put_blob(patient, blob, 999, data), 413, "too_large", "larger than the blob's declared size")
    # streamed without a Content-Length: caught while reading
    assert_error(net.put_blob(patient, blob, 999, chunks(data, 100)), 413, "too_large", "larger than its declared size")
    # over the network's policy
    huge = net.genesis.policy["max_blob_bytes"] + 1
    assert_error(net.put_blob(patient, blob, huge, b""), 413, "too_large", "at most")
    assert upload_state(net, blob)["offset"] == 0
    assert net.snapshot() == before


@pytest.mark.parametrize("case", ["unregistered", "other_blob", "stale", "missing"])
def test_upload_needs_a_valid_authorisation(net, keys, case):
    patient = net.patient()
    data = b"x" * 100
    blob = hashlib.sha256(data).hexdigest()
    if case == "unregistered":
        response, status, code = net.put_blob(keys(), blob, 100, data), 401, "bad_signature"
    elif case == "other_blob":
        other = hashlib.sha256(b"y").hexdigest()
        from ledger_client.access import make_upload_auth
        auth = make_upload_auth(patient, net.chain_id, other, 100, int(time.time()))
        response = net.http.put(f"{net.url}/v1/blobs/{blob}", data=data, headers={"X-Medwallet-Upload": auth})
        status, code = 401, "bad_signature"
    elif case == "stale":
        response, status, code = net.put_blob(patient, blob, 100, data, at=int(time.time()) - 3600), 409, "stale"
    else:
        response = net.http.put(f"{net.url}/v1/blobs/{blob}", data=data)
        status, code = 401, "bad_signature"
    assert_error(response, status, code)
    assert not upload_state(net, blob)["complete"]


# --- audited reads ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def scene(net):
    """A clinic with a treatment consent on one of a patient's two records."""
    clinic, other_clinic, patient = net.institution(), net.institution(), net.patient()
    covered, uncovered = net.record(patient), net.record(patient)
    consent = net.grant(patient, clinic, [covered])
    return clinic, other_clinic, patient, covered, uncovered, consent


def assert_refused(net, request, reason: str, record: str | None = None) -> dict:
    """A 403 naming ``reason`` whose refusal event is on the ledger, signed by the node."""
    before = net.snapshot()
    doc = assert_error(net.read(request, record), 403, reason)
    event = net.tx(doc["event"])
    assert event["status"] == "committed"
    tx = parse_tx(event["tx"], net.chain_id)
    assert tx.type == "refusal_event" and tx.signer == net.node_key
    assert tx.payload["reason"] == reason and tx.payload["request"] == request.to_json()
    after = net.snapshot()
    assert after.height == before.height + 1 and after.blobs == before.blobs
    return doc


def test_refusals(net, scene, keys):
    clinic, other_clinic, _patient, covered, uncovered, consent = scene
    assert_refused(net, net.access(clinic, covered, None), "no_consent")
    assert_refused(net, net.access(clinic, covered, consent, "research"), "wrong_purpose")
    assert_refused(net, net.access(clinic, uncovered, consent), "not_in_scope")
    assert_refused(net, net.access(other_clinic, covered, consent), "wrong_grantee")
    assert_refused(net, net.access(clinic, covered, "ab" * 32), "unknown_consent")


def assert_refused_unrecorded(net, request, reason: str) -> dict:
    """A 403 naming ``reason`` that leaves nothing on the ledger: no refusal event, no block."""
    before = net.snapshot()
    doc = assert_error(net.read(request), 403, reason)
    assert "event" not in doc
    assert net.snapshot() == before
    return doc


def test_unknown_records_and_keys_write_nothing(net, scene, keys):
    """Anyone can sign a read; only reads by registered parties of anchored records are recorded."""
    clinic, _, patient, covered, _, consent = scene
    assert_refused_unrecorded(net, net.access(clinic, "cd" * 32, consent), "unknown_record")
    assert_refused_unrecorded(net, net.access(patient, os.urandom(32).hex(), None), "unknown_record")
    assert_refused_unrecorded(net, net.access(keys(), covered, consent), "unknown_requester")
    assert_refused_unrecorded(net, net.access(keys(), os.urandom(32).hex(), None), "unknown_requester")


def test_consent_not_yet_valid(net, scene):
    clinic, _, patient, covered, _, _ = scene
    now = int(time.time())
    later = net.grant(patient, clinic, [covered], "emergency", not_before=now + 3000, expires_at=now + 4000)
    assert_refused(net, net.access(clinic, covered, later, "emergency"), "consent_not_yet_valid")


def test_read_after_revoke_is_refused(net, scene):
    clinic, _, patient, covered, _, _ = scene
    consent = net.grant(patient, clinic, [covered], "insurance")
    assert net.read(net.access(clinic, covered, consent, "insurance")).status_code == 200
    net.revoke(patient, consent)
    assert_refused(net, net.access(clinic, covered, consent, "insurance"), "consent_revoked")


def test_read_after_expiry_is_refused(net, scene):
    clinic, _, patient, covered, _, _ = scene
    now = int(time.time())
    expires_at = now + 2
    consent = net.grant(patient, clinic, [covered], "operations", not_before=now - 10, expires_at=expires_at)
    poll(lambda: net.client.status()["time"] >= expires_at, timeout=10, interval=0.1)
    assert net.client.consent(consent, net.node_signer)["status"] == "expired"
    assert_refused(net, net.access(clinic, covered, consent, "operations"), "consent_expired")


def test_anchored_record_without_data(net, scene):
    clinic, _, patient, _, _, _ = scene
    missing = net.record(patient, upload=False)
    consent = net.grant(patient, clinic, [missing])
    assert_refused(net, net.access(clinic, missing, consent), "blob_unavailable")


def test_replayed_access_request(net, scene):
    clinic, _, _, covered, _, consent = scene
    request = net.access(clinic, covered, consent)
    assert net.read(request).status_code == 200
    before = net.snapshot()
    assert_error(net.read(request), 409, "replayed_request", "already used")
    refused = net.access(clinic, covered, consent, "research")
    assert net.read(refused).status_code == 403
    mid = net.snapshot()
    assert_error(net.read(refused), 409, "replayed_request")
    assert net.snapshot() == mid and mid.height == before.height + 1


def test_bad_access_requests_leave_no_trace(net, scene):
    clinic, _, _patient, covered, uncovered, consent = scene
    before = net.snapshot()
    assert_error(net.read(net.access(clinic, covered, consent), record=uncovered), 400, "malformed", "another record")
    stale = net.access(clinic, covered, consent, at=int(time.time()) - 3600)
    assert_error(net.read(stale), 409, "stale_request")
    assert_error(net.get(f"/v1/blobs/{covered}"), 401, "bad_signature", "X-Medwallet-Access")
    forged = net.access(clinic, covered, consent)
    doc = forged.to_json()
    doc["req"]["purpose"] = "research"
    from ledger_client.encoding import b64url, canonical
    assert_error(net.get(f"/v1/blobs/{covered}", headers={"X-Medwallet-Access": b64url(canonical(doc))}),
                 401, "bad_signature")
    assert net.snapshot() == before
