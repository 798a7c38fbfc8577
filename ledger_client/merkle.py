"""RFC 6962 / RFC 9162 Merkle trees over a block's transactions.

Leaves are hashed as ``SHA-256(0x00 || leaf)`` and interior nodes as
``SHA-256(0x01 || left || right)``, so a leaf can never pass for a node (the second
pre-image attack on naive Merkle trees). The tree over ``n`` leaves splits at the
largest power of two smaller than ``n``. All functions are pure.
"""

from __future__ import annotations

import hashlib

from .errors import IntegrityError

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """Hash of one leaf."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Hash of an interior node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """Largest power of two strictly smaller than ``n`` (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def root_from_hashes(hashes: list[bytes]) -> bytes:
    """Merkle tree hash of already-hashed leaves (iterative, O(n))."""
    if not hashes:
        return EMPTY_ROOT
    level = list(hashes)
    # Bottom-up pairing yields exactly the RFC 6962 shape: an odd node is promoted.
    while len(level) > 1:
        nxt = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def merkle_root(leaves: list[bytes]) -> bytes:
    """Merkle tree hash of raw leaf data."""
    return root_from_hashes([leaf_hash(leaf) for leaf in leaves])


def inclusion_proof(hashes: list[bytes], index: int) -> list[bytes]:
    """Audit path for leaf ``index`` among already-hashed leaves (RFC 6962 PATH)."""
    if not 0 <= index < len(hashes):
        raise IndexError("leaf index out of range")
    path: list[bytes] = []
    lo, hi = 0, len(hashes)
    stack = []
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            stack.append(root_from_hashes(hashes[lo + k:hi]))
            hi = lo + k
        else:
            stack.append(root_from_hashes(hashes[lo:lo + k]))
            lo = lo + k
    path.extend(reversed(stack))
    return path


def tree_levels(hashes: list[bytes]) -> list[bytes]:
    """Every level of the tree over already-hashed leaves, leaves first, each level's node
    hashes concatenated (32 bytes each); the last level is the root. Built once per block,
    it serves any leaf's audit path without hashing (:func:`path_from_levels`)."""
    levels = [b"".join(hashes)]
    level = list(hashes)
    while len(level) > 1:  # the bottom-up pairing of root_from_hashes: the RFC 6962 shape
        nxt = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
        levels.append(b"".join(level))
    return levels


def path_from_levels(levels: list[bytes], index: int) -> list[bytes]:
    """The audit path of leaf ``index`` (as :func:`inclusion_proof`) read from stored levels."""
    if not 0 <= index < len(levels[0]) // 32:
        raise IndexError("leaf index out of range")
    path = []
    for level in levels[:-1]:
        sibling = index ^ 1
        if sibling * 32 < len(level):  # the last node of an odd level is promoted: no sibling
            path.append(level[sibling * 32:sibling * 32 + 32])
        index >>= 1
    return path


def verify_inclusion(leaf: bytes, index: int, size: int, path: list[bytes], root: bytes) -> None:
    """Check an inclusion proof (RFC 9162 section 2.1.3.2); raise on failure."""
    if not 0 <= index < size:
        raise IntegrityError("inclusion proof: leaf index out of range")
    fn, sn = index, size - 1
    node = leaf_hash(leaf)
    for sibling in path:
        if sn == 0:
            raise IntegrityError("inclusion proof is too long")
        if fn & 1 or fn == sn:
            node = node_hash(sibling, node)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            node = node_hash(node, sibling)
        fn >>= 1
        sn >>= 1
    if sn != 0 or node != root:
        raise IntegrityError("inclusion proof does not match the block's Merkle root")


def consistency_proof(hashes: list[bytes], first: int) -> list[bytes]:
    """Proof that the tree of the first ``first`` leaves is a prefix of the tree of all of
    ``hashes`` (RFC 9162 section 2.1.4.1, SUBPROOF)."""
    if not 0 < first <= len(hashes):
        raise IndexError("consistency proof: the first tree size must be from 1 to the second")

    def sub(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
        n = len(leaves)
        if m == n:
            return [] if whole else [root_from_hashes(leaves)]
        k = _split(n)
        if m <= k:
            return sub(m, leaves[:k], whole) + [root_from_hashes(leaves[k:])]
        return sub(m - k, leaves[k:], False) + [root_from_hashes(leaves[:k])]
    return sub(first, list(hashes), True)


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes, path: list[bytes]) -> None:
    """Check a consistency proof between two tree sizes (RFC 9162 section 2.1.4.2); raise on failure."""
    if not 0 < first <= second:
        raise IntegrityError("consistency proof: tree sizes out of order")
    if first == second:
        if path or first_root != second_root:
            raise IntegrityError("consistency proof: equal sizes need equal roots and an empty proof")
        return
    if not path:
        raise IntegrityError("consistency proof is empty")
    if first & (first - 1) == 0:  # an exact power of two: the first root is the first node
        path = [first_root, *path]
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise IntegrityError("consistency proof is too long")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0 or fr != first_root or sr != second_root:
        raise IntegrityError("consistency proof does not match the two tree heads")
