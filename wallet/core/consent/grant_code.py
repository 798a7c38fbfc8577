"""The grant code: what the patient's QR code (or a keyboard-wedge scan of it) carries.

Like a SMART Health Link it is only a pointer: where the network is, which network, which
consent. Everything else (scope, purpose, the wrapped record keys) is fetched from the nodes
and checked against the ledger, so the code holds no health data and no key.

Text form, chosen for QR *alphanumeric* mode (5.5 bits per character against 8 in byte
mode) and for keyboard-wedge scanners (only letters, digits 2-7 and two ``:``)::

    MEDWALLET:G1:<RFC 4648 base32 of body || checksum, upper case, no "=" padding>

Body, version 1 (integers big-endian)::

    flags        1 byte    bit 0: expiry present, bit 1: label present, other bits 0
    genesis     32 bytes   SHA-256 genesis hash of the network
    consent     32 bytes   consent id on that network
    url count    1 byte    1..4
    per URL      1 byte    bit 7: https (else http), bits 0-6: length L of the rest
                 L bytes   the URL after "http://" / "https://" (ASCII)
    expiry       5 bytes   unix seconds (if flag bit 0)
    label        1 byte    length L (UTF-8 bytes), then L bytes (if flag bit 1)
    checksum     4 bytes   SHA-256(b"MEDWALLET:G1:" || body)[:4]

The checksum catches scanning and typing errors (a wrong character slips through with
probability 2^-32); it is not a signature, the ledger is what makes a consent authentic.
Measured (``test_grant_code.py`` pins it): one loopback URL, one 43-character https URL,
an expiry and a 15-character label make 241 characters, QR version 9 at error correction M
(53 x 53 modules); a single loopback URL alone makes 149 characters, version 6 (41 x 41).
The worst case the limits allow (4 URLs of 128 characters, a 40-character label) is
version 22: keep node URLs short.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import GrantCodeProblem, InvalidGrantCode

PREFIX = "MEDWALLET:"
VERSION = 1
HEADER = f"{PREFIX}G{VERSION}:"
MAX_URLS = 4
MAX_URL_CHARS = 128
MAX_LABEL_CHARS = 40
HASH_BYTES = 32
CHECKSUM_BYTES = 4
_EXPIRY_BYTES = 5
_FLAG_EXPIRY, _FLAG_LABEL = 0x01, 0x02
_HTTPS_BIT = 0x80
_SCHEMES = {"http://": 0, "https://": _HTTPS_BIT}
_VERSION_FIELD = re.compile(r"G(\d{1,3}):")
_BASE32_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_MIN_BODY = 1 + 2 * HASH_BYTES + 1 + 1


@dataclass(frozen=True)
class GrantCode:
    """Where to fetch a consent (node URLs), on which network (genesis hash), which consent."""

    node_urls: tuple[str, ...]
    genesis_hash: bytes
    consent_id: bytes
    expiry: int | None = None  # unix seconds; the ledger's consent window is authoritative
    label: str | None = None  # short text for the desk, e.g. the patient's chosen name

    def __post_init__(self) -> None:
        object.__setattr__(self, "node_urls", tuple(self.node_urls))
        if not 1 <= len(self.node_urls) <= MAX_URLS:
            raise ValueError(f"a grant code names 1..{MAX_URLS} node URLs")
        for url in self.node_urls:
            check_node_url(url)
        for value in (self.genesis_hash, self.consent_id):
            if not isinstance(value, bytes) or len(value) != HASH_BYTES:
                raise ValueError("genesis hash and consent id are 32 bytes")
        if self.expiry is not None and not 0 <= self.expiry < 1 << (8 * _EXPIRY_BYTES):
            raise ValueError("expiry must be unix seconds")
        if self.label is not None:
            _check_label(self.label)

    def is_expired(self, now: float) -> bool:
        """True when the code carries an expiry and it has passed."""
        return self.expiry is not None and now >= self.expiry


def check_node_url(url: str) -> None:
    """Raise ValueError unless ``url`` is a short ASCII http(s) URL with a host."""
    if not isinstance(url, str) or not 0 < len(url) <= MAX_URL_CHARS:
        raise ValueError(f"node URLs are 1..{MAX_URL_CHARS} characters")
    if not url.isascii() or not url.isprintable() or " " in url:
        raise ValueError("node URLs are printable ASCII without spaces")
    if not url.startswith(tuple(_SCHEMES)):
        raise ValueError("node URLs start with http:// or https://")
    if not urlsplit(url).hostname:
        raise ValueError("node URL without a host")


def _check_label(label: str) -> None:
    if not isinstance(label, str) or len(label) > MAX_LABEL_CHARS or not label.isprintable():
        raise ValueError(f"labels are at most {MAX_LABEL_CHARS} printable characters")


def encode_grant(grant: GrantCode) -> str:
    """The QR text for ``grant`` (upper case, QR alphanumeric mode only)."""
    body = _pack_body(grant)
    payload = body + _checksum(body)
    return HEADER + base64.b32encode(payload).decode("ascii").rstrip("=")


def decode_grant(
    text: str, expected_genesis: bytes | None = None, *, now: float | None = None
) -> GrantCode:
    """Parse scanned or typed text; :class:`InvalidGrantCode` names what is wrong.

    Whitespace anywhere (a wedge scanner's trailing CR/LF, line breaks) and case are ignored.
    ``expected_genesis`` refuses codes of another network; ``now`` refuses expired codes.
    """
    payload = _payload(_version_checked(_clean(text)))
    body, checksum = payload[:-CHECKSUM_BYTES], payload[-CHECKSUM_BYTES:]
    if _checksum(body) != checksum:
        raise InvalidGrantCode(_diagnose_bad_checksum(payload), detail="checksum mismatch")
    grant = _unpack_body(body)
    if expected_genesis is not None and grant.genesis_hash != expected_genesis:
        raise InvalidGrantCode(GrantCodeProblem.OTHER_NETWORK, detail="genesis mismatch")
    if now is not None and grant.is_expired(now):
        raise InvalidGrantCode(GrantCodeProblem.EXPIRED)
    return grant


def _clean(text: str) -> str:
    return "".join(text.split()).upper()


def _version_checked(text: str) -> str:
    """Check prefix and version; return the base32 part."""
    if not text.startswith(PREFIX):
        truncated = text and (PREFIX.startswith(text) or HEADER.startswith(text))
        raise InvalidGrantCode(
            GrantCodeProblem.TRUNCATED if truncated else GrantCodeProblem.NOT_MEDWALLET
        )
    rest = text[len(PREFIX) :]
    match = _VERSION_FIELD.match(rest)
    if match is None:
        short = HEADER[len(PREFIX) :].startswith(rest)
        raise InvalidGrantCode(GrantCodeProblem.TRUNCATED if short else GrantCodeProblem.MALFORMED)
    if int(match.group(1)) != VERSION:
        raise InvalidGrantCode(GrantCodeProblem.UNSUPPORTED_VERSION, detail=match.group(0))
    return rest[match.end() :]


def _payload(encoded: str) -> bytes:
    """Strict base32: only the alphabet, and only the canonical encoding of its bytes."""
    if not set(encoded) <= _BASE32_CHARS:
        raise InvalidGrantCode(GrantCodeProblem.MALFORMED, detail="character outside base32")
    try:
        raw = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    except binascii.Error:
        raise InvalidGrantCode(GrantCodeProblem.TRUNCATED, detail="impossible length") from None
    # Unpadded base32 leaves spare bits in the last character; refuse non-zero ones so
    # that every character of the code counts and no variant spelling decodes.
    if base64.b32encode(raw).decode("ascii").rstrip("=") != encoded:
        raise InvalidGrantCode(_diagnose_bad_checksum(raw), detail="non-canonical base32")
    if len(raw) < _MIN_BODY + CHECKSUM_BYTES:
        raise InvalidGrantCode(GrantCodeProblem.TRUNCATED, detail="too short")
    return raw


def _checksum(body: bytes) -> bytes:
    return hashlib.sha256(HEADER.encode("ascii") + body).digest()[:CHECKSUM_BYTES]


def _diagnose_bad_checksum(payload: bytes) -> GrantCodeProblem:
    """A bad checksum is a truncation when the fields announce more bytes than arrived."""
    try:
        _Reader(payload).skip_fields()
    except _ShortRead:
        return GrantCodeProblem.TRUNCATED
    except ValueError:
        pass
    return GrantCodeProblem.CHECKSUM


def _pack_body(grant: GrantCode) -> bytes:
    flags = _FLAG_EXPIRY if grant.expiry is not None else 0
    flags |= _FLAG_LABEL if grant.label is not None else 0
    parts = [bytes([flags]), grant.genesis_hash, grant.consent_id, bytes([len(grant.node_urls)])]
    parts += [_pack_url(url) for url in grant.node_urls]
    if grant.expiry is not None:
        parts.append(grant.expiry.to_bytes(_EXPIRY_BYTES, "big"))
    if grant.label is not None:
        label = grant.label.encode("utf-8")
        parts.append(bytes([len(label)]) + label)
    return b"".join(parts)


def _pack_url(url: str) -> bytes:
    scheme = "https://" if url.startswith("https://") else "http://"
    rest = url[len(scheme) :].encode("ascii")
    return bytes([_SCHEMES[scheme] | len(rest)]) + rest


def _unpack_body(body: bytes) -> GrantCode:
    """Parse a body whose checksum matched; a failure here means a faulty encoder."""
    try:
        reader = _Reader(body)
        grant = reader.grant()
        reader.expect_end()
        return grant
    except (_ShortRead, ValueError, UnicodeDecodeError) as exc:
        raise InvalidGrantCode(GrantCodeProblem.MALFORMED, detail=str(exc)) from None


class _ShortRead(Exception):
    """The body ended before a field it announced."""


class _Reader:
    """Sequential reader over a body (version 1 layout in the module docstring)."""

    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def take(self, size: int) -> bytes:
        if self._pos + size > len(self._data):
            raise _ShortRead(f"needs {size} bytes at {self._pos}")
        chunk = self._data[self._pos : self._pos + size]
        self._pos += size
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def grant(self) -> GrantCode:
        flags = self.byte()
        if flags & ~(_FLAG_EXPIRY | _FLAG_LABEL):
            raise ValueError("unknown flags")
        genesis, consent = self.take(HASH_BYTES), self.take(HASH_BYTES)
        urls = tuple(self.url() for _ in range(self.url_count()))
        expiry = int.from_bytes(self.take(_EXPIRY_BYTES), "big") if flags & _FLAG_EXPIRY else None
        label = self.take(self.byte()).decode("utf-8") if flags & _FLAG_LABEL else None
        return GrantCode(urls, genesis, consent, expiry, label)

    def url_count(self) -> int:
        count = self.byte()
        if not 1 <= count <= MAX_URLS:
            raise ValueError("bad URL count")
        return count

    def url(self) -> str:
        head = self.byte()
        scheme = "https://" if head & _HTTPS_BIT else "http://"
        return scheme + self.take(head & ~_HTTPS_BIT).decode("ascii")

    def skip_fields(self) -> None:
        """Walk the layout of ``body || checksum`` only to see whether it is complete."""
        flags = self.byte()
        self.take(2 * HASH_BYTES)
        for _ in range(self.url_count()):
            self.take(self.byte() & ~_HTTPS_BIT)
        if flags & _FLAG_EXPIRY:
            self.take(_EXPIRY_BYTES)
        if flags & _FLAG_LABEL:
            self.take(self.byte())
        self.take(CHECKSUM_BYTES)

    def expect_end(self) -> None:
        if self._pos != len(self._data):
            raise ValueError("bytes after the last field")
