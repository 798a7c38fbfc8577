"""Canonical bytes for everything that is hashed or signed.

The canonical form is RFC 8785 (JSON Canonicalization Scheme). Our documents are
restricted to what makes RFC 8785 coincide with ``json.dumps(sort_keys=True)``:
ASCII object keys, integers within the IEEE-754 safe range, no floats, and strings
without lone surrogates. :func:`check_domain` enforces that restriction, and the
property tests compare :func:`canonical` with the ``rfc8785`` reference encoder.
The fast path matters: every transaction is canonicalised several times on its way
through the node.
"""

from __future__ import annotations

import base64
import binascii
import decimal
import json
import re
from typing import Any

from .errors import MalformedError

MAX_SAFE_INT = 2**53 - 1
MAX_DEPTH = 16
_HEX_RE = re.compile(r"\A[0-9a-f]*\Z")


def check_domain(value: Any, depth: int = 0) -> None:
    """Raise :class:`MalformedError` unless ``value`` is a canonical-JSON document."""
    if depth > MAX_DEPTH:
        raise MalformedError("document is nested too deeply")
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if not -MAX_SAFE_INT <= value <= MAX_SAFE_INT:
            raise MalformedError("integer out of range")
        return
    if isinstance(value, str):
        _check_string(value)
        return
    if isinstance(value, list):
        for item in value:
            check_domain(item, depth + 1)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not key.isascii():
                raise MalformedError("object keys must be ASCII strings")
            check_domain(item, depth + 1)
        return
    raise MalformedError(f"unsupported JSON value of type {type(value).__name__}")


def _check_string(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise MalformedError("string contains an unpaired surrogate") from exc


def canonical(value: Any) -> bytes:
    """RFC 8785 bytes of a document already checked by :func:`check_domain`."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def parse_json(data: bytes | str, *, max_bytes: int | None = None, integral_numbers: bool = False) -> Any:
    """Parse untrusted JSON, refusing duplicate keys, NaN/Infinity and floats.

    With ``integral_numbers`` a number written with a fraction or an exponent whose value
    is an integer (``1.0``, ``1e3``) is taken as that integer, as JSON Schema does (the
    node's HTTP bodies); canonical bytes are always made from the value.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise MalformedError(f"document larger than {max_bytes} bytes")
    try:
        value = json.loads(
            data,
            object_pairs_hook=_no_duplicates,
            parse_constant=reject_constant,
            parse_float=_integral if integral_numbers else reject_float,
        )
    except MalformedError:
        raise
    except (ValueError, RecursionError) as exc:
        raise MalformedError(f"not valid JSON: {exc}") from None
    check_domain(value)
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise MalformedError(f"duplicate key {key!r}")
        out[key] = value
    return out


def reject_constant(name: str) -> Any:
    raise MalformedError(f"{name} is not allowed")


def reject_float(text: str) -> Any:
    raise MalformedError("fractional numbers are not allowed")


def _integral(text: str) -> int:
    try:
        value = decimal.Decimal(text)
        if abs(value.adjusted()) > 20 or value != value.to_integral_value():
            raise MalformedError("fractional numbers are not allowed")
        return int(value)
    except decimal.InvalidOperation:
        raise MalformedError("fractional numbers are not allowed") from None


def is_hex(text: Any, nbytes: int) -> bool:
    """True when ``text`` is lowercase hex of exactly ``nbytes`` bytes."""
    return isinstance(text, str) and len(text) == 2 * nbytes and bool(_HEX_RE.match(text))


def from_hex(text: str, nbytes: int, what: str) -> bytes:
    """Decode lowercase hex of a fixed length, naming ``what`` in the error."""
    if not is_hex(text, nbytes):
        raise MalformedError(f"{what} must be {nbytes * 2} lowercase hex characters")
    return binascii.unhexlify(text)


def b64url(data: bytes) -> str:
    """Unpadded base64url, for HTTP headers."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: str, what: str = "value") -> bytes:
    """Decode unpadded base64url, with a clear error."""
    if not isinstance(text, str) or not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise MalformedError(f"{what} is not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedError(f"{what} is not base64url") from exc
