"""The ledger state as a key-value map, and views over it.

State keys are strings naming an item and values are JSON objects; secondary indexes
(consents by grantee, events by record...) are ordinary keys with a prefix, so the
whole state, indexes included, is covered by one state hash and rebuilt by replay.

The key layout is defined once, in :mod:`ledger_client.state_keys`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from . import crypto
from .encoding import canonical

_DELETED = object()


class StateView(Protocol):
    """Read access to the state; all the contract needs."""

    def get(self, key: str) -> dict[str, Any] | None: ...


class Overlay:
    """Writes layered on a base view; nothing reaches the base until merged."""

    __slots__ = ("base", "writes")

    def __init__(self, base: StateView) -> None:
        self.base = base
        self.writes: dict[str, dict[str, Any] | None] = {}

    def get(self, key: str) -> dict[str, Any] | None:
        if key in self.writes:
            return self.writes[key]
        return self.base.get(key)

    def put(self, key: str, value: dict[str, Any] | None) -> None:
        self.writes[key] = value

    def merge_into(self, other: Overlay) -> None:
        other.writes.update(self.writes)


class MemoryState:
    """A whole state in memory: used by replays, tests and light tools."""

    def __init__(self) -> None:
        self.data: dict[str, dict[str, Any]] = {}

    def get(self, key: str) -> dict[str, Any] | None:
        return self.data.get(key)

    def apply(self, writes: dict[str, dict[str, Any] | None]) -> None:
        for key, value in writes.items():
            if value is None:
                self.data.pop(key, None)
            else:
                self.data[key] = value

    def scan(self, prefix: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for key in sorted(k for k in self.data if k.startswith(prefix)):
            yield key, self.data[key]

    def items(self) -> Iterable[tuple[str, dict[str, Any]]]:
        return sorted(self.data.items())


def state_hash(items: Iterable[tuple[str, dict[str, Any]]]) -> str:
    """Hash of a whole state, given its items sorted by key.

    Each entry contributes ``len(key) || key || len(value) || value`` so no two
    different states serialise alike.
    """
    return state_hash_of_texts((key, canonical(value)) for key, value in items)


def state_hash_of_texts(items: Iterable[tuple[str, bytes | str]]) -> str:
    """:func:`state_hash` of entries whose values are given as their canonical JSON already
    (bytes, or text as a store holds it), so nothing is decoded and encoded again."""
    hasher = crypto.new_hasher()
    update = hasher.update
    for key, value in items:
        kb = key.encode()
        vb = value.encode() if isinstance(value, str) else value
        update(len(kb).to_bytes(4, "big") + kb + len(vb).to_bytes(8, "big") + vb)
    return hasher.hexdigest()
