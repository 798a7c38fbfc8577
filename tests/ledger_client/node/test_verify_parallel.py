"""``verify`` spread over worker processes finds exactly what it finds in one process, and
the stored-leaf parser is the full parser plus canonical form."""

from __future__ import annotations

import json

import pytest

from ledger_client.errors import MalformedError, SignatureError
from ledger_client.node.datadir import load_genesis
from ledger_client.node.verify import verify_datadir
from ledger_client.tx import parse_stored_leaf, parse_tx_bytes

from .test_verify_cells import CELLS, copy, source  # noqa: F401  (fixtures)

PICKED = ["txs.id in an old block", "txs.leaf", "txs.idx", "blocks.signatures", "state.value"]


@pytest.mark.parametrize("what, change, words", [(c[0], c[1], c[2]) for c in CELLS if c[0] in PICKED],
                         ids=[c[0] for c in CELLS if c[0] in PICKED])
def test_workers_find_what_one_process_finds(copy, what, change, words, monkeypatch):  # noqa: F811
    data, db = copy
    genesis = load_genesis(data)
    clean = verify_datadir(genesis, data, workers=2)
    assert clean.ok and clean.txs > 0
    change(db)
    monkeypatch.setattr("ledger_client.node.verify_rows.CHUNK_TXS", 1)  # one block per job: many in flight
    alone, spread = verify_datadir(genesis, data, workers=1), verify_datadir(genesis, data, workers=2)
    assert not alone.ok and words in " | ".join(alone.problems), alone.problems
    assert spread.problems == alone.problems and spread.blocks == alone.blocks


def test_stored_leaf_parser_is_the_full_parser_and_canonical(source):  # noqa: F811
    data = source[0]
    import sqlite3
    db = sqlite3.connect(data / "ledger.sqlite")
    chain_id = db.execute("SELECT value FROM meta WHERE key='chain_id'").fetchone()[0]
    leaves = [row[0] for row in db.execute("SELECT leaf FROM txs")]
    db.close()
    for leaf in leaves:
        assert parse_stored_leaf(leaf, chain_id) == parse_tx_bytes(leaf, chain_id)
    leaf = leaves[-1]
    doc = json.loads(leaf)
    spaced = json.dumps(doc, sort_keys=True).encode()  # the same transaction, not in canonical form
    assert parse_tx_bytes(spaced, chain_id).leaf == leaf
    with pytest.raises(MalformedError, match="canonical"):
        parse_stored_leaf(spaced, chain_id)
    with pytest.raises(MalformedError, match="duplicate"):
        parse_stored_leaf(leaf.replace(b'"tx":{', b'"tx":{"v":1,', 1), chain_id)
    doc["tx"]["seq"] += 1
    with pytest.raises(SignatureError):
        parse_stored_leaf(json.dumps(doc, sort_keys=True, separators=(",", ":")).encode(), chain_id)
