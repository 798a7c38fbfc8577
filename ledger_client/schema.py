"""Tiny declarative schemas for ledger documents.

One declaration serves twice: it validates untrusted input with errors that name the
offending field, and it produces the JSON Schema published in the node's OpenAPI
description, so the two can never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .encoding import MAX_SAFE_INT, is_hex
from .errors import MalformedError


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
        return {"type": "string", "pattern": f"^[0-9a-f]{{{2 * self.nbytes}}}$", "description": self.what}


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
        if not value.isprintable():
            raise MalformedError(f"{path}: contains control characters")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": self.min_len, "maxLength": self.max_len}


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


@dataclass(frozen=True)
class AnyObject(Spec):
    """An opaque JSON object (validated elsewhere, e.g. a credential proof)."""

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise MalformedError(f"{path}: expected an object")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object"}


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
