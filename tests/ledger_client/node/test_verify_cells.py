"""Every kind of stored cell flipped, one at a time, on a copy of a stopped node's data:
``verify`` (with ``--blobs``) reports each, and the node refuses to start on those it can
check cheaply (the last blocks and the row counts)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from ledger_client.console import EXIT_INTEGRITY, EXIT_REFUSED
from tests.nodeproc import new_network

from .actors import Network
from .test_verify import run_verify


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A stopped node with a record, a consent carrying a key envelope, a pending upload, and
    a last block of several transactions."""
    proc = new_network(tmp_path_factory.mktemp("cells") / "node").start()
    try:
        net = Network(proc)
        clinic, patient = net.institution(), net.patient()
        record = net.record(patient)
        envelope = net.upload(patient, os.urandom(500))
        now = net.client.status()["time"]
        net.commit(patient, "grant_consent", {"grantee": clinic.public, "records": [record], "purpose": "treatment",
                                              "not_before": now - 60, "expires_at": now + 3600, "envelope": envelope})
        net.upload(patient, os.urandom(300))  # stored, not anchored yet
        txs = [net.sign(patient, "anchor_record", {"record": f"{i:064x}", "size": i, "category": "lab"},
                        seq=net.client.next_seq(patient.public) + i) for i in range(4)]
        net.client.submit_batch(txs, wait=True)
    finally:
        proc.stop()
    return proc.data, record, envelope


@pytest.fixture
def copy(source, tmp_path):
    data = tmp_path / "copy"
    shutil.copytree(source[0], data)
    db = sqlite3.connect(data / "ledger.sqlite", isolation_level=None)
    yield data, db
    db.close()


def _last(db) -> int:
    return db.execute("SELECT max(height) FROM blocks").fetchone()[0]


def _flip_hex(text: str) -> str:
    return ("1" if text[0] == "0" else "0") + text[1:]


def _flip_leaf_signature(db, height: int) -> None:
    leaf = db.execute("SELECT leaf FROM txs WHERE height=? AND idx=0", (height,)).fetchone()[0]
    doc = json.loads(leaf)
    doc["sig"] = _flip_hex(doc["sig"])
    new = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
    db.execute("UPDATE txs SET leaf=? WHERE height=? AND idx=0", (new, height))


def _flip_block_signature(db, height: int) -> None:
    sigs = json.loads(db.execute("SELECT signatures FROM blocks WHERE height=?", (height,)).fetchone()[0])
    sigs[0]["sig"] = _flip_hex(sigs[0]["sig"])
    db.execute("UPDATE blocks SET signatures=? WHERE height=?", (json.dumps(sigs), height))


# (what, SQL or callable on the db, words verify must name, does the start-up check catch it)
CELLS = [
    ("txs.id", lambda db: db.execute("UPDATE txs SET id=? WHERE height=? AND idx=1",
                                     ("ab" * 32, _last(db))), "not its hash", True),
    ("txs.id in an old block", lambda db: db.execute("UPDATE txs SET id=? WHERE height=2", ("cd" * 32,)),
     "not its hash", False),
    ("txs.idx", lambda db: db.execute("UPDATE txs SET idx=17 WHERE height=? AND idx=3", (_last(db),)),
     "stored at position", True),
    ("txs.idx in an old block", lambda db: db.execute("UPDATE txs SET idx=5 WHERE height=2 AND idx=0"),
     "stored at position", False),
    ("txs.height", lambda db: db.execute("UPDATE txs SET height=height-1 WHERE height=? AND idx=3", (_last(db),)),
     "transaction count does not match", True),
    ("txs row outside the blocks", lambda db: db.execute(
        "INSERT INTO txs(id, height, idx, leaf) SELECT ?, height+5, idx, leaf FROM txs WHERE height=2",
        ("ef" * 32,)), "rows were added", True),
    ("txs.leaf", lambda db: _flip_leaf_signature(db, 2), "block 2", False),
    ("txs.leaf of the last block", lambda db: _flip_leaf_signature(db, _last(db)), "signature does not verify", True),
    ("blocks.height", lambda db: db.execute("UPDATE blocks SET height=height+1 WHERE height=?", (_last(db),)),
     "missing or renumbered", True),
    ("blocks.hash", lambda db: db.execute("UPDATE blocks SET hash=? WHERE height=2", ("00" * 32,)),
     "stored block hash does not match", False),
    ("blocks.hash of the last block", lambda db: db.execute(
        "UPDATE blocks SET hash=? WHERE height=?", ("00" * 32, _last(db))), "does not match", True),
    ("blocks.header", lambda db: db.execute(
        "UPDATE blocks SET header=replace(header, '\"time\":', '\"time\":1') WHERE height=?", (_last(db),)),
     "does not match", True),
    ("blocks.signatures", lambda db: _flip_block_signature(db, 2), "block 2", False),
    ("blocks.signatures of the last block", lambda db: _flip_block_signature(db, _last(db)),
     "signature does not verify", True),
    ("state.key", lambda db: db.execute(
        "UPDATE state SET key=replace(key, 'cons/', 'cons/0') WHERE key LIKE 'cons/%'"), "cons/", False),
    ("state.value", lambda db: db.execute(
        "UPDATE state SET value=replace(value, '\"purpose\":\"treatment\"', '\"purpose\":\"research\"') "
        "WHERE key LIKE 'cons/%'"), "stored state differs", False),
    ("mempool.id", lambda db: db.execute(
        "INSERT INTO mempool(id, leaf) SELECT ?, leaf FROM txs WHERE height=2", ("12" * 32,)),
     "not its hash", False),
    ("meta.chain_id", lambda db: db.execute("UPDATE meta SET value=? WHERE key='chain_id'", ("34" * 32,)),
     None, True),
]


@pytest.mark.parametrize("what, change, words, at_start", CELLS, ids=[c[0] for c in CELLS])
def test_flipped_cell(copy, what, change, words, at_start):
    data, db = copy
    change(db)
    if words is None:  # the database belongs to another network: refused before any check
        result = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(data)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == EXIT_REFUSED and "another network" in result.stderr  # refused, by class
    else:
        code, report = run_verify(data, "--blobs")
        assert code == EXIT_INTEGRITY and not report["ok"], (what, report)
        assert words in " | ".join(report["problems"]), (what, report["problems"])
    if at_start:
        run = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "run", "--data", str(data),
                              "--port", "1"], capture_output=True, text=True, timeout=60)
        # refused at start (a StorageError): exit 1 by its class, as documented; usage stays 2
        assert run.returncode == EXIT_REFUSED and ("was modified" in run.stderr or "another network" in run.stderr), \
            run.stderr


def _blob_paths(data):
    return [p for p in (data / "blobs").rglob("*") if p.is_file() and "partial" not in p.parts]


def test_every_blob_is_rehashed_envelopes_and_unanchored_included(source, tmp_path):
    data, _record, _envelope = source
    blobs = _blob_paths(data)
    assert len(blobs) == 3  # the record, the key envelope, an upload not yet anchored
    code, report = run_verify(data, "--blobs")
    assert code == 0 and report["blobs_checked"] == 3
    for index, _ in enumerate(blobs):
        copy = tmp_path / f"copy{index}"
        shutil.copytree(data, copy)
        target = _blob_paths(copy)[index]
        raw = bytearray(target.read_bytes())
        raw[len(raw) // 2] ^= 0x40
        target.write_bytes(bytes(raw))
        code, report = run_verify(copy, "--blobs")
        assert code == EXIT_INTEGRITY, report
        assert f"blob {target.name[:16]}… does not match its hash" in report["problems"], report


def test_a_blob_moved_under_another_name_is_named(source, tmp_path):
    data, _record, envelope = source
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)
    path = copy / "blobs" / envelope[:2] / envelope[2:4] / envelope
    wrong = copy / "blobs" / "00" / "00" / envelope
    wrong.parent.mkdir(parents=True)
    shutil.move(path, wrong)
    code, report = run_verify(copy, "--blobs")
    assert code == EXIT_INTEGRITY and any("not where its name says" in p for p in report["problems"]), report
    assert hashlib.sha256(wrong.read_bytes()).hexdigest() == envelope
    json.dumps(report)
