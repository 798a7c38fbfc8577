"""The SMART Health Link format: ``shlink:/`` payloads and their JWE files.

https://docs.smarthealthit.org/smart-health-links/spec: a link is ``shlink:/`` followed by
base64url JSON ``{"url", "key", "exp"?, "flag"?, "label"?, "v"?}``, optionally after a
viewer URL and ``#``. ``key`` is 32 random bytes (base64url, 43 characters) that decrypt
each file: a compact JWE with ``alg: dir``, ``enc: A256GCM`` (optionally ``zip: DEF``),
made and read here with joserfc (the JOSE library of the Authlib project).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
import zlib
from dataclasses import dataclass
from typing import Any

from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from ..errors import WalletError

PREFIX = "shlink:/"
FHIR_JSON = "application/fhir+json"
HEALTH_CARD = "application/smart-health-card"
API_ACCESS = "application/smart-api-access"
JWE_ALGORITHMS = ["dir", "A256GCM", "DEF"]
MAX_FILE_BYTES = 16 * 1024 * 1024
_B64URL = re.compile(r"[A-Za-z0-9_-]+")


class BadLink(WalletError):
    """This is not a SMART Health Link the wallet can read (it should start with shlink:/)."""

    code = "bad_shlink"


class LinkExpired(WalletError):
    """This SMART Health Link has expired. Ask the person who shared it for a new one."""

    code = "shlink_expired"


class BadFile(WalletError):
    """A file of this SMART Health Link could not be decrypted or read: it was damaged or the
    link's key does not match."""

    code = "shlink_bad_file"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    if not _B64URL.fullmatch(text):
        raise binascii.Error("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class SHLink:
    """A decoded ``shlink:/`` payload."""

    url: str
    key: bytes
    exp: int | None = None
    flag: str = ""
    label: str = ""
    version: int = 1

    @property
    def needs_passcode(self) -> bool:
        return "P" in self.flag

    @property
    def direct(self) -> bool:
        return "U" in self.flag

    def encode(self, viewer: str | None = None) -> str:
        """The ``shlink:/…`` text (after ``viewer#`` when a viewer URL is given)."""
        payload: dict[str, Any] = {"url": self.url, "key": b64url(self.key)}
        if self.exp is not None:
            payload["exp"] = self.exp
        if self.flag:
            payload["flag"] = self.flag
        if self.label:
            payload["label"] = self.label
        payload["v"] = self.version
        text = PREFIX + b64url(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
        return f"{viewer}#{text}" if viewer else text

    def expired(self, now: float | None = None) -> bool:
        return self.exp is not None and (time.time() if now is None else now) >= self.exp


def parse(text: str) -> SHLink:
    """Decode a SMART Health Link, bare or after a viewer URL; raises :class:`BadLink`."""
    text = text.strip()
    where = text.find(PREFIX)
    if where < 0:
        raise BadLink()
    try:
        payload = json.loads(unb64url(text[where + len(PREFIX):]))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadLink(detail="the payload after shlink:/ is not base64url JSON") from None
    if not isinstance(payload, dict):
        raise BadLink(detail="the payload is not a JSON object")
    url, key = payload.get("url"), payload.get("key")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or len(url) > 128 + 64:
        raise BadLink(detail="url: the manifest URL must be an http(s) URL")
    if not isinstance(key, str) or len(key) != 43:
        raise BadLink(detail="key: 43 base64url characters (32 bytes)")
    try:
        raw_key = unb64url(key)
    except binascii.Error:
        raise BadLink(detail="key: not base64url") from None
    exp, flag, label = payload.get("exp"), payload.get("flag", ""), payload.get("label", "")
    if exp is not None and (not isinstance(exp, int | float) or isinstance(exp, bool)):
        raise BadLink(detail="exp: seconds since 1970")
    if not isinstance(flag, str) or any(c not in "LPU" for c in flag) or ("U" in flag and "P" in flag):
        raise BadLink(detail="flag: letters from L, P and U (U never with P)")
    if not isinstance(label, str) or len(label) > 80:
        raise BadLink(detail="label: at most 80 characters")
    version = payload.get("v", 1)
    if version != 1:
        raise BadLink(detail=f"version {version} of SMART Health Links is not supported (only 1)")
    return SHLink(url, raw_key, int(exp) if exp is not None else None, "".join(sorted(flag)), label, 1)


def encrypt(key: bytes, content_type: str, data: bytes) -> str:
    """A compact JWE (dir, A256GCM, DEF-compressed) of ``data`` under the link's key."""
    header = {"alg": "dir", "enc": "A256GCM", "cty": content_type, "zip": "DEF"}
    return jwe.encrypt_compact(header, data, OctKey.import_key(key), algorithms=JWE_ALGORITHMS)


def decrypt(key: bytes, token: str | bytes) -> tuple[str | None, bytes]:
    """The content type (``cty``) and plaintext of a JWE file; raises :class:`BadFile`."""
    if isinstance(token, bytes):
        token = token.decode("ascii", "replace")
    if len(token) > MAX_FILE_BYTES:
        raise BadFile(detail="the file is larger than the wallet reads")
    try:
        obj = jwe.decrypt_compact(token.strip(), OctKey.import_key(key), algorithms=JWE_ALGORITHMS)
    except (JoseError, ValueError) as exc:
        raise BadFile(detail=f"JWE: {type(exc).__name__}") from None
    if obj.plaintext is None:
        raise BadFile(detail="JWE without content")
    cty = obj.protected.get("cty")
    return (cty if isinstance(cty, str) else None), obj.plaintext


def health_card_bundles(data: bytes) -> list[dict[str, Any]]:
    """The FHIR Bundles inside a SMART Health Card file (``{"verifiableCredential": [JWS…]}``).

    Each JWS payload is raw-DEFLATE JSON holding ``vc.credentialSubject.fhirBundle``. The
    issuer's signature is not checked here (that needs the issuer's published keys), and the
    result says so.
    """
    try:
        doc = json.loads(data)
        bundles = []
        for jws in doc["verifiableCredential"]:
            payload = unb64url(jws.split(".")[1])
            claims = json.loads(zlib.decompress(payload, wbits=-15, bufsize=1 << 16))
            bundles.append(claims["vc"]["credentialSubject"]["fhirBundle"])
        return bundles
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, binascii.Error, zlib.error):
        raise BadFile(detail="not a SMART Health Card file") from None
