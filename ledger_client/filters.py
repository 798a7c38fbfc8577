"""Compact per-block filters (BIP 158 style): a Golomb-coded set of the keys a block touches.

A client that holds many pseudonyms learns which blocks concern any of them without
naming one: it fetches every block's filter (the same bytes for every client) and tests
its own keys locally. A filter holds, for each key ``k`` the block touches,
``siphash24(k, block_key) * N * M >> 64`` (SipHash-2-4 from libsodium, keyed per block
with the first 16 bytes of the block hash, so a value means nothing across blocks),
sorted, and written as Golomb-Rice coded differences with ``P`` remainder bits. The
false-positive rate per tested key and block is ``1/M``.

Byte layout of a filter: the coded bits, most significant bit first, zero-padded to a
whole byte; the element count ``N`` travels beside it. A delta ``d`` is ``d >> P`` one
bits, a zero bit, then the low ``P`` bits of ``d``.

The keys a block touches (:func:`block_keys`): every transaction's signer, every 32-byte
hex value in its payload (records, consents, grantees, requesters inside access
requests, envelopes), and the patient each id so named belongs to (a record's owner, a
key envelope's or a consent's grantor): so a read of a record matches its owner's
pseudonym, a refusal at a revoked consent's envelope its grantor's, and a grant matches
its grantor and grantee.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import nacl.encoding
import nacl.hash

P = 19
M = 784931  # BIP 158's parameters: P = 19, M = 1.497137 * 2**19
KEY_BYTES = 16
_HEX32 = re.compile(r"[0-9a-f]{64}")


def block_key(block_hash: str) -> bytes:
    """The SipHash key of one block's filter: the first 16 bytes of its hash."""
    return bytes.fromhex(block_hash)[:KEY_BYTES]


def _hash(item: bytes, key: bytes, modulus: int) -> int:
    digest = nacl.hash.siphash24(item, key=key, encoder=nacl.encoding.RawEncoder)
    return (int.from_bytes(digest, "little") * modulus) >> 64


def encode(values: list[int]) -> bytes:
    """Golomb-Rice code a sorted list of non-negative integers (as deltas)."""
    parts, last, mask = [], 0, (1 << P) - 1
    for value in values:
        delta = value - last
        if delta < 0:
            raise ValueError("values must be sorted")
        parts.append("1" * (delta >> P) + "0" + format(delta & mask, f"0{P}b"))
        last = value
    bits = "".join(parts)
    if not bits:
        return b""
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


def decode(data: bytes, count: int) -> list[int]:
    """The ``count`` sorted integers coded in ``data``; ValueError if it holds fewer."""
    if count == 0:
        return []
    bits = format(int.from_bytes(data, "big"), f"0{len(data) * 8}b")
    values, pos, value = [], 0, 0
    try:
        for _ in range(count):
            zero = bits.index("0", pos)
            end = zero + 1 + P
            if end > len(bits):
                raise ValueError("the filter ends inside a code word")
            value += ((zero - pos) << P) | int(bits[zero + 1:end], 2)
            values.append(value)
            pos = end
    except ValueError as exc:
        raise ValueError(f"a malformed filter: {exc}") from None
    return values


def build(items: Iterable[bytes], block_hash: str) -> tuple[int, bytes]:
    """The filter of a set of keys for one block: (element count, coded bytes)."""
    unique = set(items)
    key, modulus = block_key(block_hash), len(unique) * M
    return len(unique), encode(sorted({_hash(item, key, modulus) for item in unique}))


class BlockFilter:
    """One decoded filter, ready to test keys against."""

    def __init__(self, count: int, data: bytes, block_hash: str) -> None:
        self.count, self.key = count, block_key(block_hash)
        self.values = set(decode(data, count))

    def matches(self, item: bytes) -> bool:
        """True if ``item`` may be in the block (false positives at rate 1/M, never a false negative)."""
        return self.count > 0 and _hash(item, self.key, self.count * M) in self.values

    def matching(self, items: Iterable[bytes]) -> list[bytes]:
        return [item for item in items if self.matches(item)]


def _hex_values(doc: Any, out: set[str]) -> None:
    if isinstance(doc, str):
        if _HEX32.fullmatch(doc):
            out.add(doc)
    elif isinstance(doc, dict):
        for value in doc.values():
            _hex_values(value, out)
    elif isinstance(doc, list):
        for value in doc:
            _hex_values(value, out)


def block_keys(txs: Iterable[dict[str, Any]], owner_of: Callable[[str], str | None]) -> set[bytes]:
    """The keys a block's transactions touch (see the module docstring); ``owner_of`` maps a
    record id to its owner, or None for anything that is not a record."""
    keys: set[str] = set()
    for doc in txs:
        body = doc["tx"]
        keys.add(body["signer"])
        named: set[str] = set()
        _hex_values(body["payload"], named)
        keys |= named
        keys |= {owner for owner in map(owner_of, named) if owner}
    return {bytes.fromhex(k) for k in keys}
