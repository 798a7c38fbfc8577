"""The SQLite store: atomic blocks, and the state read cache kept in step with every write."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_client.block import Header
from ledger_client.errors import StorageError
from ledger_client.node import store as store_module
from ledger_client.node.store import Store

CHAIN = "c0" * 32


def header(height: int) -> Header:
    body = {"v": 1, "chain_id": CHAIN, "height": height, "prev": "00" * 32, "merkle_root": "00" * 32,
            "tx_count": 0, "time": height}
    return Header(body, ())


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "ledger.sqlite", CHAIN)
    yield store
    store.close()


def test_reads_follow_writes(store):
    assert store.get("k") is None  # cached as absent
    store.commit_block(header(1), [], {"k": {"a": 1}, "j": {"b": 2}}, [], [])
    assert store.get("k") == {"a": 1} and store.get("j") == {"b": 2}
    store.commit_block(header(2), [], {"k": {"a": 2}}, [], [])
    assert store.get("k") == {"a": 2}
    store.commit_block(header(3), [], {"k": None}, [], [])
    assert store.get("k") is None


def test_callers_cannot_alter_the_cached_state(store):
    store.commit_block(header(1), [], {"k": {"list": [1]}}, [], [])
    store.get("k")["list"].append(2)
    assert store.get("k") == {"list": [1]}


def test_a_failed_block_changes_nothing(store):
    store.commit_block(header(1), [], {"k": {"a": 1}}, [], [])
    assert store.get("k") == {"a": 1}
    with pytest.raises(sqlite3.IntegrityError):  # height 1 again: the whole block is rolled back
        store.commit_block(header(1), [], {"k": {"a": 2}, "new": {"x": 1}}, [], [])
    assert store.get("k") == {"a": 1} and store.get("new") is None
    assert store.head()[0] == 1


def test_the_cache_is_bounded(store, monkeypatch):
    monkeypatch.setattr(store_module, "STATE_CACHE_ROWS", 10)
    store.commit_block(header(1), [], {f"k{i}": {"i": i} for i in range(50)}, [], [])
    assert [store.get(f"k{i}") for i in range(50)] == [{"i": i} for i in range(50)]
    assert len(store._rows) <= 10


@settings(max_examples=40, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("abcdef"), st.none() | st.integers(0, 3).map(lambda n: {"n": n}),
                                max_size=4), max_size=12), st.data())
def test_cached_reads_equal_fresh_reads(tmp_path_factory, blocks, data):
    path = tmp_path_factory.mktemp("store") / "ledger.sqlite"
    store, model = Store(path, CHAIN), {}
    try:
        for height, writes in enumerate(blocks, start=1):
            for key in data.draw(st.lists(st.sampled_from("abcdef"), max_size=3)):
                assert store.get(key) == model.get(key)
            store.commit_block(header(height), [], writes, [], [])
            model = {k: v for k, v in {**model, **writes}.items() if v is not None}
        fresh = Store(path, CHAIN)
        assert {k: store.get(k) for k in "abcdef"} == {k: fresh.get(k) for k in "abcdef"}
        fresh.close()
    finally:
        store.close()


def test_schema_version_and_network_are_checked(tmp_path):
    Store(tmp_path / "ledger.sqlite", CHAIN).close()
    with pytest.raises(StorageError, match="belongs to another network"):
        Store(tmp_path / "ledger.sqlite", "d0" * 32)
    db = sqlite3.connect(tmp_path / "ledger.sqlite")
    db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StorageError, match="schema version 99"):
        Store(tmp_path / "ledger.sqlite", CHAIN)
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(StorageError, match="cannot open"):
        Store(tmp_path / "junk.sqlite", CHAIN)
