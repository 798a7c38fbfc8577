"""The node's ledger engine in-process, with a controlled clock: block cutting, waiters,
and the persisted mempool."""

from __future__ import annotations

import asyncio
import os

import pytest

from ledger_client import state_keys as sk
from ledger_client.crypto import SigningKey
from ledger_client.keyfile import load_key
from ledger_client.node.datadir import init_datadir
from ledger_client.node.ledger import LedgerNode, NodeConfig
from ledger_client.tx import make_tx


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_node(tmp_path):
    genesis = init_datadir(tmp_path)
    clock = Clock()
    nodes = []

    def make(**config):
        node = LedgerNode(genesis, load_key(tmp_path / "node.key"), tmp_path,
                          NodeConfig(block_interval=3600, **config), clock=clock)
        nodes.append(node)
        return node
    yield make, genesis, clock
    for node in nodes:
        node.store.close()


def pseudonym_then_records(genesis, clock, count):
    key = SigningKey.generate()
    txs = [make_tx(key, genesis.chain_id, "register_pseudonym", 1, int(clock()), {"box_key": "ab" * 32})]
    txs += [make_tx(key, genesis.chain_id, "anchor_record", seq, int(clock()),
                    {"record": os.urandom(32).hex(), "size": 1, "category": "lab"}) for seq in range(2, count + 1)]
    return txs


def test_blocks_are_cut_at_the_size_limit(make_node):
    make, genesis, clock = make_node
    node = make(max_block_txs=4)
    txs = pseudonym_then_records(genesis, clock, 10)
    node.submit_batch(txs)
    heights = []
    while node.pending:
        heights.append(node.cut_block().height)
    assert heights == [1, 2, 3]
    assert [node.status_of(tx.id)["height"] for tx in txs] == [1] * 4 + [2] * 4 + [3] * 2


def test_waiters_learn_about_transactions_dropped_from_the_rest_of_the_mempool(make_node):
    """A transaction left for the next block that no longer applies is rejected, and whoever
    waits for it hears so at once (not after its timeout)."""
    make, genesis, clock = make_node
    node = make(max_block_txs=2)
    txs = pseudonym_then_records(genesis, clock, 3)
    node.submit_batch(txs)

    async def scenario():
        waiter = asyncio.ensure_future(node.wait_committed([txs[2].id], timeout=30))
        await asyncio.sleep(0)
        clock.now += 10_000  # the first two are now stale: rejected; the third cannot follow them
        assert node.cut_block() is None
        return await asyncio.wait_for(waiter, 2)
    result = asyncio.run(scenario())
    assert result[0]["status"] == "rejected"
    assert [node.status_of(tx.id)["status"] for tx in txs] == ["rejected"] * 3
    assert node.pending == [] and node.store.mempool_items() == []


def test_the_mempool_survives_a_restart(make_node):
    make, genesis, clock = make_node
    node = make()
    txs = pseudonym_then_records(genesis, clock, 5)
    for tx in txs:
        node.submit(tx)
    node.store.close()  # no block was cut: everything is only in the persisted mempool
    again = make()
    assert [tx.id for tx in again.pending] == [tx.id for tx in txs]
    assert again.cut_block().height == 1
    assert all(again.status_of(tx.id)["status"] == "committed" for tx in txs)


def test_stale_mempool_entries_are_dropped_on_restart(make_node):
    make, genesis, clock = make_node
    node = make()
    for tx in pseudonym_then_records(genesis, clock, 3):
        node.submit(tx)
    node.store.close()
    clock.now += 10_000
    again = make()
    assert again.pending == [] and again.store.mempool_items() == []


def test_a_clean_cut_keeps_the_rest_admitted_without_re_checking_it(make_node):
    """After a block commits exactly what was admitted, the rest stays pending as it was: the
    overlay holds only what pending transactions wrote, and a fresh node re-admitting the same
    rest from scratch sees the same pending state."""
    make, genesis, clock = make_node
    node = make(max_block_txs=3)
    txs = pseudonym_then_records(genesis, clock, 8)
    node.submit_batch(txs[:5])
    for tx in txs[5:]:
        node.submit(tx)
    calls = []
    original = node._admit
    node._admit = lambda tx, persist=True: calls.append(tx.id) or original(tx, persist)
    assert node.cut_block().height == 1
    assert calls == []  # nothing re-admitted
    assert [tx.id for tx in node.pending] == [tx.id for tx in txs[3:]]
    assert node.pending_by_signer == {txs[0].signer: 5}
    committed_only = {sk.record(tx.payload["record"]) for tx in txs[1:3]}
    assert committed_only.isdisjoint(node.overlay.writes)
    assert node.overlay.get(sk.account(txs[0].signer))["seq"] == 8
    node._admit = original
    fresh = make(max_block_txs=3)  # the same store, the rest re-admitted from the persisted mempool
    assert [tx.id for tx in fresh.pending] == [tx.id for tx in node.pending]
    for key in node.overlay.writes:
        mine, theirs = node.overlay.get(key), fresh.overlay.get(key)
        if key != sk.account(txs[0].signer):  # entries stamped with the height they were admitted at
            mine, theirs = {**mine, "height": 0}, {**theirs, "height": 0}
        assert mine == theirs, key
    while node.pending:
        node.cut_block()
    assert [node.status_of(tx.id)["height"] for tx in txs] == [1] * 3 + [2] * 3 + [3] * 2
    assert node.overlay.writes == {} and node._key_refs == {} and node._tx_keys == {}
