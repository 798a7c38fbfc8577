"""Batch uploads: many small blobs in one request (a split FHIR Bundle), the body signed
whole. All stored, each under its SHA-256 and answered to its uploader only, or nothing
stored when the body, the count or the signer is wrong."""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from ledger_client.access import MAX_BLOB_BATCH, frame_blobs, make_batch_auth, unframe_blobs
from ledger_client.errors import MalformedError

from .actors import assert_error


def batch(net, signer, blobs, *, body=None, count=None, at=None):
    body = frame_blobs(blobs) if body is None else body
    signed = frame_blobs(blobs)
    auth = make_batch_auth(signer, net.chain_id, signed, len(blobs) if count is None else count,
                           int(time.time()) if at is None else at)
    return net.http.post(f"{net.url}/v1/blobs", data=body, headers={"X-Medwallet-Upload": auth,
                                                                    "Content-Type": "application/octet-stream"})


def state(net, signer, blob):
    return net.get(f"/v1/blobs/{blob}/upload", signed_by=signer).json()


def test_a_batch_stores_every_blob_under_its_hash_for_its_uploader(net):
    patient, other = net.patient(), net.patient()
    blobs = [os.urandom(n) for n in (1, 700, 4096, 20_000)] + [b""]
    hashes = [hashlib.sha256(b).hexdigest() for b in blobs]
    response = batch(net, patient, blobs)
    assert response.status_code == 201 and response.json() == {"blobs": hashes, "complete": True}
    for blob, data in zip(hashes, blobs, strict=True):
        assert state(net, patient, blob) == {"blob": blob, "offset": len(data), "complete": True}
        assert state(net, other, blob)["complete"] is False  # answered as never received to anyone else
    assert net.client.put_blobs(patient, net.chain_id, blobs[:2]) == hashes[:2]  # again: already held


@pytest.mark.parametrize("case", ["tampered", "count", "unregistered", "stale", "missing", "framing"])
def test_a_bad_batch_stores_nothing(net, keys, case):
    patient = net.patient()
    blobs = [os.urandom(300), os.urandom(500)]
    hashes = [hashlib.sha256(b).hexdigest() for b in blobs]
    if case == "tampered":
        body = bytearray(frame_blobs(blobs))
        body[-1] ^= 1
        response, status, code = batch(net, patient, blobs, body=bytes(body)), 422, "integrity"
    elif case == "count":
        response, status, code = batch(net, patient, blobs, count=3), 400, "malformed"
    elif case == "unregistered":
        response, status, code = batch(net, keys(), blobs), 401, "bad_signature"
    elif case == "stale":
        response, status, code = batch(net, patient, blobs, at=int(time.time()) - 3600), 409, "stale"
    elif case == "missing":
        response = net.http.post(f"{net.url}/v1/blobs", data=frame_blobs(blobs))
        status, code = 401, "bad_signature"
    else:  # signed as it is, but the last length runs past the end
        body = frame_blobs(blobs)[:-10]
        response = net.http.post(f"{net.url}/v1/blobs", data=body, headers={
            "X-Medwallet-Upload": make_batch_auth(patient, net.chain_id, body, 2, int(time.time()))})
        status, code = 400, "malformed"
    assert_error(response, status, code)
    for blob in hashes:
        assert not state(net, patient, blob)["complete"]


def test_a_batch_over_the_limits_is_refused(net):
    patient = net.patient()
    body = frame_blobs([b"x" * 10])
    auth = make_batch_auth(patient, net.chain_id, body, 1, int(time.time()))
    response = net.http.post(f"{net.url}/v1/blobs", data=body + b"more", headers={"X-Medwallet-Upload": auth})
    assert_error(response, 413, "too_large")
    assert MAX_BLOB_BATCH >= 200  # one import chunk fits one request


def test_framing_round_trips_and_refuses_a_cut_body():
    blobs = [b"", b"a", os.urandom(70_000)]
    assert unframe_blobs(frame_blobs(blobs)) == blobs
    with pytest.raises(MalformedError):
        unframe_blobs(frame_blobs(blobs)[:-1])
    with pytest.raises(MalformedError):
        unframe_blobs(b"\x00\x00")
