"""Signed access requests (reads) and upload authorisations."""

from __future__ import annotations

import json

import pytest

from ledger_client import crypto
from ledger_client.access import (
    MAX_HEADER_BYTES,
    make_access_request,
    make_upload_auth,
    parse_access_header,
    parse_access_request,
    parse_upload_auth,
)
from ledger_client.encoding import b64url, canonical, from_b64url
from ledger_client.errors import MalformedError, SignatureError, WrongNetwork

from .chain import T0, blob_hash, fixed_key

CHAIN = "c0" * 32
CLINIC = fixed_key("clinic")
RECORD = blob_hash("record")


def request():
    return make_access_request(CLINIC, CHAIN, RECORD, "55" * 32, "treatment", T0)


def test_round_trip_through_the_header():
    req = request()
    assert req.hash == crypto.sha256_hex(canonical(req.req))
    parsed = parse_access_header(req.to_header(), CHAIN)
    assert parsed == req
    assert (parsed.requester, parsed.record, parsed.consent, parsed.purpose, parsed.time) == (
        CLINIC.public, RECORD, "55" * 32, "treatment", T0)


def test_every_request_is_unique():
    assert len({request().hash for _ in range(50)}) == 50


def test_owner_request_has_no_consent():
    req = make_access_request(CLINIC, CHAIN, RECORD, None, "treatment", T0)
    assert parse_access_request(req.to_json(), CHAIN).consent is None


@pytest.mark.parametrize("field, value", [
    ("record", blob_hash("other")), ("purpose", "research"), ("time", T0 + 1), ("nonce", "ff" * 16),
    ("consent", None), ("requester", fixed_key("thief").public),
])
def test_altered_request_is_refused(field, value):
    doc = request().to_json()
    doc["req"][field] = value
    with pytest.raises(SignatureError):
        parse_access_request(doc, CHAIN)


def test_wrong_network_and_wrong_domain():
    req = make_access_request(CLINIC, "d0" * 32, RECORD, None, "treatment", T0)
    with pytest.raises(WrongNetwork):
        parse_access_request(req.to_json(), CHAIN)
    # A transaction-domain signature over the same digest is not an access signature.
    doc = request().to_json()
    doc["sig"] = CLINIC.sign(crypto.DOMAIN_TX, crypto.sha256(canonical(doc["req"])))
    with pytest.raises(SignatureError):
        parse_access_request(doc, CHAIN)


@pytest.mark.parametrize("header, error, message", [
    ("", SignatureError, "missing X-Medwallet-Access"),
    ("A" * (MAX_HEADER_BYTES + 1), MalformedError, "oversized"),
    ("not base64!", MalformedError, "not base64url"),
    (b64url(b"{not json"), MalformedError, "not valid JSON"),
    (b64url(b'{"req":{},"sig":"00"}'), MalformedError, r"request\.req\.v: missing field"),
    (b64url(b'{"req":1,"sig":"00","x":1}'), MalformedError, r"request\.x: unknown field"),
])
def test_bad_headers(header, error, message):
    with pytest.raises(error, match=message):
        parse_access_header(header, CHAIN)


def test_upload_auth_round_trip_and_tampering():
    header = make_upload_auth(CLINIC, CHAIN, RECORD, 99, T0)
    auth = parse_upload_auth(header, CHAIN)
    assert auth == {"v": 1, "chain_id": CHAIN, "signer": CLINIC.public, "blob": RECORD, "size": 99, "time": T0}
    doc = json.loads(from_b64url(header))
    doc["auth"]["size"] = 100
    with pytest.raises(SignatureError):
        parse_upload_auth(b64url(canonical(doc)), CHAIN)
    with pytest.raises(WrongNetwork):
        parse_upload_auth(header, "d0" * 32)
    with pytest.raises(SignatureError, match="missing X-Medwallet-Upload"):
        parse_upload_auth("", CHAIN)


def test_an_access_signature_is_not_an_upload_signature():
    auth = {"v": 1, "chain_id": CHAIN, "signer": CLINIC.public, "blob": RECORD, "size": 1, "time": T0}
    sig = CLINIC.sign(crypto.DOMAIN_ACCESS, crypto.sha256(canonical(auth)))
    with pytest.raises(SignatureError):
        parse_upload_auth(b64url(canonical({"auth": auth, "sig": sig})), CHAIN)
