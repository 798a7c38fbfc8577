"""RFC 6962 Merkle trees: roots and inclusion proofs against a textbook recursive
reference, and every single-bit forgery of a proof."""

from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_client.errors import IntegrityError
from ledger_client.merkle import (
    EMPTY_ROOT,
    inclusion_proof,
    leaf_hash,
    merkle_root,
    node_hash,
    root_from_hashes,
    verify_inclusion,
)


def ref_mth(leaves: list[bytes]) -> bytes:
    """MTH(D[n]) exactly as RFC 6962 section 2.1 writes it."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1 << ((n - 1).bit_length() - 1)
    return hashlib.sha256(b"\x01" + ref_mth(leaves[:k]) + ref_mth(leaves[k:])).digest()


def ref_path(m: int, leaves: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]) of RFC 6962 section 2.1.1."""
    n = len(leaves)
    if n == 1:
        return []
    k = 1 << ((n - 1).bit_length() - 1)
    if m < k:
        return ref_path(m, leaves[:k]) + [ref_mth(leaves[k:])]
    return ref_path(m - k, leaves[k:]) + [ref_mth(leaves[:k])]


def random_leaves(n: int, rng: random.Random) -> list[bytes]:
    return [rng.randbytes(rng.randrange(0, 80)) for _ in range(n)]


def flip(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def rejected(leaf: bytes, index: int, size: int, path: list[bytes], root: bytes) -> bool:
    try:
        verify_inclusion(leaf, index, size, path, root)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("n", range(0, 71))
def test_root_matches_rfc6962_reference(n):
    leaves = random_leaves(n, random.Random(n))
    expected = ref_mth(leaves)
    assert merkle_root(leaves) == expected
    assert root_from_hashes([leaf_hash(leaf) for leaf in leaves]) == expected


@settings(max_examples=60)
@given(st.lists(st.binary(max_size=40), max_size=140))
def test_root_matches_reference_for_random_leaves(leaves):
    assert merkle_root(leaves) == ref_mth(leaves)


def test_empty_tree_and_domain_separation():
    assert merkle_root([]) == EMPTY_ROOT == hashlib.sha256(b"").digest()
    a, b = leaf_hash(b"a"), leaf_hash(b"b")
    assert merkle_root([b"a", b"b"]) == node_hash(a, b)
    # A forged single leaf made of the two child hashes does not hash to the interior node.
    assert merkle_root([a + b]) != merkle_root([b"a", b"b"])
    assert leaf_hash(a + b) != node_hash(a, b)


@pytest.mark.parametrize("n", range(1, 71))
def test_every_proof_verifies_and_every_single_bit_forgery_fails(n):
    rng = random.Random(1000 + n)
    leaves = random_leaves(n, rng)
    hashes = [leaf_hash(leaf) for leaf in leaves]
    root = root_from_hashes(hashes)
    for index in range(n):
        path = inclusion_proof(hashes, index)
        assert path == ref_path(index, leaves)
        verify_inclusion(leaves[index], index, n, path, root)
        leaf = leaves[index] or b"\x00"
        assert rejected(flip(leaf, rng.randrange(8 * len(leaf))), index, n, path, root)
        assert rejected(flip(root, rng.randrange(256)), index, n, path, root)
        for pos in range(len(path)):
            forged = list(path)
            forged[pos] = flip(path[pos], rng.randrange(256))
            assert rejected(leaves[index], index, n, forged, root)
        for bit in range(8):
            assert rejected(leaves[index], index ^ (1 << bit), n, path, root)
            other = index ^ (1 << bit)
            if other < n:  # the other leaf with this leaf's path fails too
                assert rejected(leaves[other], other, n, path, root)
        assert rejected(leaves[index], index, n, path + [root], root)
        if path:
            assert rejected(leaves[index], index, n, path[:-1], root)
            assert rejected(leaves[index], index, n, path[::-1], root) or len(set(path)) == 1


@pytest.mark.parametrize("n", range(1, 71))
def test_a_wrong_tree_size_fails_whenever_it_changes_the_proof(n):
    """RFC 9162 proofs do not bind the tree size by themselves: a size whose tree shape is
    identical along the leaf's path verifies too (e.g. leaf 0 of 5 leaves against size 7).
    So the block header's ``tx_count`` binds it (see LightClient.prove); here, every size
    whose audit path has another shape is refused."""
    leaves = random_leaves(n, random.Random(2000 + n))
    hashes = [leaf_hash(leaf) for leaf in leaves]
    root = root_from_hashes(hashes)
    dummy = [b""] * 300
    for index in range(n):
        path = inclusion_proof(hashes, index)
        for bit in range(8):
            size = n ^ (1 << bit)
            if index >= size or len(ref_path(index, dummy[:size])) != len(path):
                assert rejected(leaves[index], index, size, path, root)


def test_out_of_range():
    hashes = [leaf_hash(b"x")] * 3
    with pytest.raises(IndexError):
        inclusion_proof(hashes, 3)
    with pytest.raises(IndexError):
        inclusion_proof([], 0)
    root = root_from_hashes(hashes)
    for index, size in [(-1, 3), (3, 3), (0, 0)]:
        with pytest.raises(IntegrityError, match="out of range"):
            verify_inclusion(b"x", index, size, [], root)


@settings(max_examples=50)
@given(st.lists(st.binary(max_size=16), min_size=1, max_size=100), st.data())
def test_random_proofs_verify(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    hashes = [leaf_hash(leaf) for leaf in leaves]
    verify_inclusion(leaves[index], index, len(leaves), inclusion_proof(hashes, index), merkle_root(leaves))


def test_paths_from_stored_levels_are_the_rfc_paths():
    """The node serves proofs from a block's stored tree levels: the same path, and the same
    root, as the RFC 6962 recursion, for every size and index (odd levels included)."""
    from ledger_client.merkle import path_from_levels, tree_levels
    for n in range(1, 70):
        hashes = [leaf_hash(bytes([i % 256, i // 256])) for i in range(n)]
        levels = tree_levels(hashes)
        assert levels[-1] == root_from_hashes(hashes)
        for index in range(n):
            assert path_from_levels(levels, index) == inclusion_proof(hashes, index)
    with pytest.raises(IndexError):
        path_from_levels(tree_levels([leaf_hash(b"x")]), 1)


# --- RFC 9162 consistency proofs (the evidence bundles' checkpoints) ---------------------

def test_consistency_proofs_verify_for_every_pair_of_sizes_and_fail_when_altered():
    import os

    from ledger_client.merkle import consistency_proof, leaf_hash, root_from_hashes, verify_consistency

    hashes = [leaf_hash(os.urandom(8)) for _ in range(40)]
    for second in range(1, 41):
        for first in range(1, second + 1):
            proof = consistency_proof(hashes[:second], first)
            roots = root_from_hashes(hashes[:first]), root_from_hashes(hashes[:second])
            verify_consistency(first, second, *roots, proof)
            for n in range(len(proof)):
                bad = list(proof)
                bad[n] = bytes(32)
                with pytest.raises(IntegrityError):
                    verify_consistency(first, second, *roots, bad)
            if first < second:
                with pytest.raises(IntegrityError):  # a rewritten earlier log does not extend
                    verify_consistency(first, second, leaf_hash(b"rewritten"), roots[1], proof)
