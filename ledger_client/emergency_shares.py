"""The emergency key, split t of n among the nodes and rebuilt by the requester.

Shamir's secret sharing through PyCryptodome (``Crypto.Protocol.SecretSharing.Shamir``,
over GF(2^128)), which shares 16-byte secrets: the 32-byte emergency key is split as its
two halves, under the same x coordinates, so share i is ``(i, half1_i || half2_i)`` and
any t shares rebuild both halves. Fewer than t shares give no information about the key
(that is Shamir's scheme); PyCryptodome's ``combine`` cannot tell a wrong answer from a
right one, so the requester learns that too few or forged shares were used when the set's
copies fail to decrypt (authenticated encryption).

Each node's share travels sealed (libsodium sealed box) to that node's X25519 key, derived
from its Ed25519 node key, as ``set pseudonym || x || share`` (65 bytes): a node refuses to
release a share copied into another pseudonym's set. On release the node opens it and seals
the same 65 bytes to the requester's registered box key.
"""

from __future__ import annotations

import nacl.public
from Crypto.Protocol.SecretSharing import Shamir

from . import crypto
from .emergency import SHARE_PLAIN_BYTES, node_box_key, split_plain
from .errors import LedgerError

KEY_BYTES = 32
HALF = 16


class NotEnoughShares(LedgerError):
    """Fewer nodes released their share than the set's threshold needs."""

    code = "not_enough_shares"
    http_status = 503


def split_key(key: bytes, threshold: int, count: int) -> list[tuple[int, bytes]]:
    """``count`` shares of the 32-byte ``key``, any ``threshold`` of which rebuild it."""
    if len(key) != KEY_BYTES:
        raise ValueError("the emergency key is 32 bytes")
    if not 1 <= threshold <= count:
        raise ValueError("the threshold must be between 1 and the number of nodes")
    if threshold == 1:  # PyCryptodome needs k >= 2: a 1-of-n split is n copies of the key
        return [(i, key) for i in range(1, count + 1)]
    first = Shamir.split(threshold, count, key[:HALF])
    second = Shamir.split(threshold, count, key[HALF:])
    return [(i, a + b) for (i, a), (j, b) in zip(first, second, strict=True) if i == j]


def combine_key(shares: list[tuple[int, bytes]], threshold: int) -> bytes:
    """The key rebuilt from at least ``threshold`` distinct shares."""
    distinct = {x: share for x, share in shares}
    if len(distinct) < threshold:
        raise NotEnoughShares(f"{len(distinct)} of the {threshold} key shares needed were released")
    chosen = sorted(distinct.items())[:threshold]
    if threshold == 1:
        return chosen[0][1]
    first = Shamir.combine([(x, s[:HALF]) for x, s in chosen])
    second = Shamir.combine([(x, s[HALF:]) for x, s in chosen])
    return first + second


def share_plain(set_key: str, x: int, share: bytes) -> bytes:
    plain = bytes.fromhex(set_key) + bytes([x]) + share
    assert len(plain) == SHARE_PLAIN_BYTES
    return plain


def seal_shares(key: bytes, set_key: str, nodes: list[str], threshold: int) -> list[dict[str, str]]:
    """The ``shares`` of an ``emergency_set``: share i sealed to node i (policy order)."""
    return [{"node": node, "sealed": crypto.seal_to(node_box_key(node), share_plain(set_key, x, share)).hex()}
            for node, (x, share) in zip(nodes, split_key(key, threshold, len(nodes)), strict=True)]


def reseal_for(node_key: crypto.SigningKey, sealed_hex: str, set_key: str, box_key: str) -> str:
    """A node's share, opened with its node key and sealed to the requester's box key (hex)."""
    plain = node_key.open_sealed(bytes.fromhex(sealed_hex))
    split_plain(plain, set_key)
    return crypto.seal_to(box_key, plain).hex()


def open_released(box: nacl.public.PrivateKey, sealed_hex: str, set_key: str) -> tuple[int, bytes]:
    """The requester's side: one released share, opened with its box key."""
    return split_plain(nacl.public.SealedBox(box).decrypt(bytes.fromhex(sealed_hex)), set_key)
