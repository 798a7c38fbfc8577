"""Compact block filters: the Golomb-Rice coding round-trips any sorted set, a filter
matches every key it was built from, and other keys only at about the rate 1/M."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_client.filters import BlockFilter, M, block_keys, build, decode, encode

BLOCK = "ab" * 32


@given(st.lists(st.integers(0, 2**40), max_size=300).map(sorted))
@settings(max_examples=200)
def test_golomb_round_trip(values):
    assert decode(encode(values), len(values)) == values


@given(st.lists(st.integers(0, 2**30), min_size=1, max_size=50).map(sorted))
def test_a_truncated_filter_is_refused(values):
    data = encode(values)
    with pytest.raises(ValueError, match="malformed filter"):
        decode(data[: len(data) // 2] if len(data) > 1 else b"", len(values) + 50)


def test_unsorted_values_are_refused():
    with pytest.raises(ValueError):
        encode([5, 3])


@given(st.sets(st.binary(min_size=32, max_size=32), min_size=1, max_size=200))
@settings(max_examples=50)
def test_every_member_matches(items):
    count, data = build(items, BLOCK)
    block = BlockFilter(count, data, BLOCK)
    assert all(block.matches(item) for item in items)


def test_strangers_match_at_about_one_in_m():
    items = [os.urandom(32) for _ in range(2000)]
    count, data = build(items, BLOCK)
    block = BlockFilter(count, data, BLOCK)
    trials = 200_000
    false = sum(block.matches(os.urandom(32)) for _ in range(trials))
    assert false <= 10 * trials / M + 3  # expected ~0.25
    assert len(data) < count * 22 / 8 + 1  # P + about 1.5 bits an element


def test_filters_are_keyed_per_block():
    items = [os.urandom(32) for _ in range(50)]
    assert build(items, BLOCK)[1] != build(items, "cd" * 32)[1]


def test_empty_filter_matches_nothing():
    count, data = build([], BLOCK)
    assert (count, data) == (0, b"")
    assert not BlockFilter(0, b"", BLOCK).matches(os.urandom(32))


def test_block_keys_name_signer_payload_keys_and_record_owners():
    owner, clinic, record, requester = ("11" * 32), ("22" * 32), ("33" * 32), ("44" * 32)
    txs = [{"tx": {"signer": "55" * 32, "payload": {"request": {"request": {"record": record, "requester": requester},
                                                             "sig": "66" * 64}}}},
           {"tx": {"signer": owner, "payload": {"grantee": clinic, "records": [record], "purpose": "treatment"}}}]
    keys = block_keys(txs, lambda key: owner if key == record else None)
    assert keys == {bytes.fromhex(k) for k in (owner, clinic, record, requester, "55" * 32)}
