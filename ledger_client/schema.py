"""Tiny declarative schemas for ledger documents.

One declaration serves twice: it validates untrusted input with errors that name the
offending field, and it produces the JSON Schema published in the node's OpenAPI
description, so the two can never drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .encoding import MAX_SAFE_INT, is_hex
from .errors import MalformedError

# The end of a string in both regular-expression dialects ("$" also matches before a final
# newline in Python's, which JSON Schema tools use).
END = "(?![\\s\\S])"


class Spec:
    """A validator for one JSON value."""

    def check(self, value: Any, path: str) -> None:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Hex(Spec):
    """Lowercase hex of a fixed number of bytes (hashes, keys, signatures)."""

    nbytes: int
    what: str = "hex"

    def check(self, value: Any, path: str) -> None:
        if not is_hex(value, self.nbytes):
            raise MalformedError(f"{path}: expected {self.what} as {2 * self.nbytes} lowercase hex characters")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^[0-9a-f]{{{2 * self.nbytes}}}" + END, "description": self.what}


@dataclass(frozen=True)
class Int(Spec):
    """An integer in a closed range."""

    minimum: int = 0
    maximum: int = MAX_SAFE_INT

    def check(self, value: Any, path: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise MalformedError(f"{path}: expected an integer")
        if not self.minimum <= value <= self.maximum:
            raise MalformedError(f"{path}: must be between {self.minimum} and {self.maximum}")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class Text(Spec):
    """A non-empty printable string with a length limit."""

    max_len: int
    min_len: int = 1

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            raise MalformedError(f"{path}: expected a string")
        if not self.min_len <= len(value) <= self.max_len:
            raise MalformedError(f"{path}: length must be {self.min_len}..{self.max_len} characters")
        if _FORBIDDEN.search(value):
            raise MalformedError(f"{path}: contains control characters")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": self.min_len, "maxLength": self.max_len, "pattern": printable_pattern()}


# What a text field may not hold: C0 and C1 controls, line and paragraph separators, and the
# invisible format characters that can disguise a name (bidirectional overrides and isolates,
# zero-width characters, the byte-order mark). A fixed list rather than ``str.isprintable``,
# whose answer changes with the Python version's Unicode database: every node must agree.
FORBIDDEN_TEXT = ("\\x00-\\x1f\\x7f-\\x9f\\xad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e"
                  "\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb")
_FORBIDDEN = re.compile(f"[{FORBIDDEN_TEXT}]")


def printable_pattern() -> str:
    """The JSON Schema pattern of a text field: none of :data:`FORBIDDEN_TEXT`."""
    return f"^[^{FORBIDDEN_TEXT}]*" + END


@dataclass(frozen=True)
class Enum(Spec):
    """One string out of a fixed vocabulary."""

    values: tuple[str, ...]

    def check(self, value: Any, path: str) -> None:
        if value not in self.values:
            raise MalformedError(f"{path}: must be one of {', '.join(self.values)}")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class ListOf(Spec):
    """A list of items with bounds on its length; optionally no duplicates."""

    item: Spec
    min_items: int = 0
    max_items: int = 1000
    unique: bool = True

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise MalformedError(f"{path}: expected a list")
        if not self.min_items <= len(value) <= self.max_items:
            raise MalformedError(f"{path}: must hold {self.min_items}..{self.max_items} items")
        for index, item in enumerate(value):
            self.item.check(item, f"{path}[{index}]")
        if self.unique and len({repr(v) for v in value}) != len(value):
            raise MalformedError(f"{path}: items must not repeat")

    def json_schema(self) -> dict[str, Any]:
        out = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items,
               "maxItems": self.max_items}
        if self.unique:
            out["uniqueItems"] = True
        return out


@dataclass(frozen=True)
class Bool(Spec):
    """``true`` or ``false``."""

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, bool):
            raise MalformedError(f"{path}: expected true or false")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


# Where a published description defines a canonical-JSON value (ASCII keys, integers in
# the safe range, no fractions), so that an opaque object is described as strictly as it is
# checked (``encoding.check_domain``).
CANONICAL_JSON_REF = "#/components/schemas/CanonicalJSON"
ASCII_KEY = {"pattern": "^[\\x00-\\x7f]*" + END}


def canonical_json_schema() -> dict[str, Any]:
    """The JSON Schema of one value of the canonical-JSON domain (recursive through the ref)."""
    ref = {"$ref": CANONICAL_JSON_REF}
    return {"anyOf": [{"type": "null"}, {"type": "boolean"}, {"type": "string"},
                      {"type": "integer", "minimum": -MAX_SAFE_INT, "maximum": MAX_SAFE_INT},
                      {"type": "array", "items": ref},
                      {"type": "object", "propertyNames": ASCII_KEY, "additionalProperties": ref}]}


@dataclass(frozen=True)
class AnyObject(Spec):
    """An opaque JSON object (validated elsewhere, e.g. a credential proof)."""

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise MalformedError(f"{path}: expected an object")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": ASCII_KEY, "additionalProperties": {"$ref": CANONICAL_JSON_REF}}


@dataclass(frozen=True)
class Nullable(Spec):
    """``None`` or a value matching ``inner``."""

    inner: Spec

    def check(self, value: Any, path: str) -> None:
        if value is not None:
            self.inner.check(value, path)

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [{"type": "null"}, self.inner.json_schema()]}


@dataclass(frozen=True)
class Obj(Spec):
    """An object with known fields; unknown fields are refused."""

    required: dict[str, Spec]
    optional: dict[str, Spec] = field(default_factory=dict)

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise MalformedError(f"{path}: expected an object")
        for name in value:
            if name not in self.required and name not in self.optional:
                raise MalformedError(f"{path}.{name}: unknown field")
        for name, spec in self.required.items():
            if name not in value:
                raise MalformedError(f"{path}.{name}: missing field")
            spec.check(value[name], f"{path}.{name}")
        for name, spec in self.optional.items():
            if name in value:
                spec.check(value[name], f"{path}.{name}")

    def json_schema(self) -> dict[str, Any]:
        props = {name: spec.json_schema() for name, spec in {**self.required, **self.optional}.items()}
        return {"type": "object", "properties": props, "required": sorted(self.required), "additionalProperties": False}


HASH = Hex(32, "SHA-256 hash")
KEY = Hex(32, "Ed25519 public key")
BOX_KEY = Hex(32, "X25519 public key")
SIG = Hex(64, "Ed25519 signature")
NONCE = Hex(16, "random nonce")
TIME = Int(0, 2**40)
