"""Signed off-chain requests: reading a blob (access request) and storing one (upload
authorisation).

An access request names the requester's key, the record (blob hash), the consent it
relies on (``None`` when the owner reads its own record), the purpose, the time and a
random nonce. It is signed over ``DOMAIN_ACCESS || sha256(canonical(req))``; that hash
is the request's identity, recorded on the ledger when the request is served or
refused, so the same signed request can never be used twice. It travels in the
``X-Medwallet-Access`` header as base64url of its canonical JSON.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import crypto
from .encoding import b64url, canonical, check_domain, from_b64url, parse_json
from .errors import MalformedError, SignatureError, WrongNetwork
from .schema import HASH, KEY, NONCE, SIG, TIME, Enum, Int, Obj, Text
from .tx import ACCESS_REQUEST, SIGNED_ACCESS_REQUEST

MAX_HEADER_BYTES = 4096
MIN_TOKEN_CHARS = 256  # every signed token is longer (the OpenAPI description's minLength)


def _token_document(value: str, header: str) -> Any:
    """The JSON document inside a signed-token header (malformed when it is not base64url)."""
    if len(value) > MAX_HEADER_BYTES:
        raise MalformedError(f"oversized {header} header")
    raw = from_b64url(value, header)
    try:
        return parse_json(raw)
    except MalformedError as exc:
        raise _bad_token(value, header, exc) from None


def _bad_token(value: str, header: str, exc: MalformedError) -> Exception:
    """A token-sized header that holds no valid signed document fails authentication (401);
    anything shorter than a token cannot be one and is malformed (400), as the schema says."""
    if len(value) < MIN_TOKEN_CHARS:
        return exc
    return SignatureError(f"{header} is not a valid signed token: {exc.message}")

UPLOAD_AUTH = Obj({"v": Int(1, 1), "chain_id": HASH, "signer": KEY, "blob": HASH, "size": Int(0, 2**44), "time": TIME})
SIGNED_UPLOAD_AUTH = Obj({"auth": UPLOAD_AUTH, "sig": SIG})
# An upload whose hash is known only once it is sent (streamed while being encrypted).
SESSION_AUTH = Obj({"v": Int(1, 1), "chain_id": HASH, "signer": KEY, "session": NONCE, "size": Int(0, 2**44),
                    "time": TIME})
SIGNED_SESSION_AUTH = Obj({"session_auth": SESSION_AUTH, "sig": SIG})
# Many small blobs in one request (a split FHIR Bundle): the signature covers the whole body.
MAX_BLOB_BATCH = 1000  # blobs in one batch upload
MAX_BLOB_BATCH_BYTES = 32 * 1024 * 1024  # bytes of one batch upload's body
BATCH_AUTH = Obj({"v": Int(1, 1), "chain_id": HASH, "signer": KEY, "body": HASH,
                  "size": Int(4, MAX_BLOB_BATCH_BYTES), "count": Int(1, MAX_BLOB_BATCH), "time": TIME})
SIGNED_BATCH_AUTH = Obj({"batch_auth": BATCH_AUTH, "sig": SIG})


@dataclass(frozen=True, slots=True)
class AccessRequest:
    """A verified access request."""

    req: dict[str, Any]
    sig: str
    hash: str

    @property
    def requester(self) -> str:
        return self.req["requester"]

    @property
    def record(self) -> str:
        return self.req["record"]

    @property
    def consent(self) -> str | None:
        return self.req["consent"]

    @property
    def purpose(self) -> str:
        return self.req["purpose"]

    @property
    def time(self) -> int:
        return self.req["time"]

    def to_json(self) -> dict[str, Any]:
        return {"req": self.req, "sig": self.sig}

    def to_header(self) -> str:
        return b64url(canonical(self.to_json()))


def make_access_request(key: crypto.SigningKey, chain_id: str, record: str, consent: str | None,
                        purpose: str, time: int) -> AccessRequest:
    """Sign a request to read ``record`` under ``consent`` for ``purpose``."""
    req = {"v": 1, "chain_id": chain_id, "requester": key.public, "record": record,
           "consent": consent, "purpose": purpose, "time": time, "nonce": os.urandom(16).hex()}
    ACCESS_REQUEST.check(req, "req")
    digest = crypto.sha256(canonical(req))
    return AccessRequest(req, key.sign(crypto.DOMAIN_ACCESS, digest), digest.hex())


def parse_access_request(doc: Any, chain_id: str | None = None) -> AccessRequest:
    """Validate and verify an untrusted signed access request."""
    check_domain(doc)
    SIGNED_ACCESS_REQUEST.check(doc, "request")
    req = doc["req"]
    if chain_id is not None and req["chain_id"] != chain_id:
        raise WrongNetwork("access request is for another network")
    digest = crypto.sha256(canonical(req))
    crypto.verify(req["requester"], crypto.DOMAIN_ACCESS, digest, doc["sig"])
    return AccessRequest(req, doc["sig"], digest.hex())


def parse_access_header(value: str, chain_id: str | None = None) -> AccessRequest:
    """Decode the ``X-Medwallet-Access`` header."""
    if not value:
        raise SignatureError("missing X-Medwallet-Access header: a read needs a signed access request")
    doc = _token_document(value, "X-Medwallet-Access")
    try:
        return parse_access_request(doc, chain_id)
    except WrongNetwork:
        raise
    except MalformedError as exc:
        raise _bad_token(value, "X-Medwallet-Access", exc) from None


def make_upload_auth(key: crypto.SigningKey, chain_id: str, blob: str, size: int, time: int) -> str:
    """The ``X-Medwallet-Upload`` header value authorising one blob upload."""
    return _signed_header(key, "auth", {"v": 1, "chain_id": chain_id, "signer": key.public, "blob": blob,
                                        "size": size, "time": time})


def parse_upload_auth(value: str, chain_id: str, header: str = "X-Medwallet-Upload") -> dict[str, Any]:
    """Verify an upload authorisation (sent in ``header``); returns its body."""
    return _parse_signed_header(value, "auth", SIGNED_UPLOAD_AUTH, chain_id, header)


def make_session_auth(key: crypto.SigningKey, chain_id: str, session: str, size: int, time: int) -> str:
    """The ``X-Medwallet-Upload`` header value of an upload session (hash known only at the end)."""
    return _signed_header(key, "session_auth", {"v": 1, "chain_id": chain_id, "signer": key.public,
                                                "session": session, "size": size, "time": time})


def parse_session_auth(value: str, chain_id: str) -> dict[str, Any]:
    """Verify an upload-session authorisation; returns its body."""
    return _parse_signed_header(value, "session_auth", SIGNED_SESSION_AUTH, chain_id)


def make_batch_auth(key: crypto.SigningKey, chain_id: str, body: bytes, count: int, time: int) -> str:
    """The ``X-Medwallet-Upload`` header value authorising a batch upload of ``body``
    (:func:`frame_blobs` of ``count`` blobs)."""
    return _signed_header(key, "batch_auth", {"v": 1, "chain_id": chain_id, "signer": key.public,
                                              "body": crypto.sha256_hex(body), "size": len(body), "count": count,
                                              "time": time})


def parse_batch_auth(value: str, chain_id: str) -> dict[str, Any]:
    """Verify a batch-upload authorisation; returns its body."""
    return _parse_signed_header(value, "batch_auth", SIGNED_BATCH_AUTH, chain_id)


def frame_blobs(blobs: Sequence[bytes]) -> bytes:
    """The body of a batch upload: each blob after its length (4 bytes, big-endian)."""
    return b"".join(len(blob).to_bytes(4, "big") + blob for blob in blobs)


def unframe_blobs(body: bytes) -> list[bytes]:
    """The blobs of a batch upload's body; :class:`MalformedError` if it is not framed blobs."""
    blobs, i = [], 0
    while i < len(body):
        if i + 4 > len(body):
            raise MalformedError("a batch upload ends inside a blob's length")
        size = int.from_bytes(body[i:i + 4], "big")
        if i + 4 + size > len(body):
            raise MalformedError("a batch upload ends inside a blob")
        blobs.append(body[i + 4:i + 4 + size])
        i += 4 + size
    return blobs


def _signed_header(key: crypto.SigningKey, field: str, body: dict[str, Any]) -> str:
    sig = key.sign(crypto.DOMAIN_UPLOAD, crypto.sha256(canonical(body)))
    return b64url(canonical({field: body, "sig": sig}))


def _parse_signed_header(value: str, field: str, schema: Obj, chain_id: str,
                         header: str = "X-Medwallet-Upload") -> dict[str, Any]:
    """Decode, check and verify a signed authorisation sent in ``header``."""
    if not value:
        raise SignatureError(f"missing {header} header: this request needs a signed authorisation")
    doc = _token_document(value, header)
    try:
        schema.check(doc, "upload")
    except MalformedError as exc:
        raise _bad_token(value, header, exc) from None
    body = doc[field]
    if body["chain_id"] != chain_id:
        raise WrongNetwork("upload authorisation is for another network")
    crypto.verify(body["signer"], crypto.DOMAIN_UPLOAD, crypto.sha256(canonical(body)), doc["sig"])
    return body


# --- signed requests (Authorization: Medwallet-Signed) ----------------------------------
#
# A query answered only to a proven party carries ``Authorization: Medwallet-Signed <token>``,
# the token being base64url of ``{"request": {v, chain_id, signer, method, target, time,
# nonce}, "sig"}`` signed over ``DOMAIN_REQUEST || sha256(canonical(request))``. ``target`` is
# the request's path and query exactly as sent, so a token answers one query only; the
# node refuses a token whose time is off by more than the network's skew or whose nonce it
# has already seen.

REQUEST_SCHEME = "Medwallet-Signed"
REQUEST_AUTH = Obj({"v": Int(1, 1), "chain_id": HASH, "signer": KEY, "method": Enum(("GET", "HEAD", "POST", "PUT")),
                    "target": Text(2048), "time": TIME, "nonce": NONCE})
SIGNED_REQUEST_AUTH = Obj({"request": REQUEST_AUTH, "sig": SIG})


def make_request_auth(key: crypto.SigningKey, chain_id: str, method: str, target: str, time: int) -> str:
    """The ``Authorization`` header value proving that ``key`` sends this one request."""
    body = {"v": 1, "chain_id": chain_id, "signer": key.public, "method": method.upper(), "target": target,
            "time": time, "nonce": os.urandom(16).hex()}
    REQUEST_AUTH.check(body, "request")
    sig = key.sign(crypto.DOMAIN_REQUEST, crypto.sha256(canonical(body)))
    return f"{REQUEST_SCHEME} {b64url(canonical({'request': body, 'sig': sig}))}"


def parse_request_auth(value: str, chain_id: str) -> dict[str, Any]:
    """Verify an ``Authorization: Medwallet-Signed`` value; returns the signed request body."""
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != REQUEST_SCHEME.lower():
        raise SignatureError(f"unsupported Authorization scheme; this node accepts {REQUEST_SCHEME}")
    token = token.strip()
    if len(token) > MAX_HEADER_BYTES:
        raise MalformedError("oversized Authorization header")
    try:
        doc = parse_json(from_b64url(token, "the Authorization token"))
        SIGNED_REQUEST_AUTH.check(doc, "authorization")
    except MalformedError as exc:
        raise SignatureError(f"the Authorization token is not a signed request: {exc.message}") from None
    body = doc["request"]
    if body["chain_id"] != chain_id:
        raise SignatureError("the Authorization token is for another network")
    crypto.verify(body["signer"], crypto.DOMAIN_REQUEST, crypto.sha256(canonical(body)), doc["sig"])
    return body
