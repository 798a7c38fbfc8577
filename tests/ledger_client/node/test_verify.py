"""``medwallet-node verify`` detects tampering with a stopped node's data directory:
each test alters a copy with sqlite3 and expects a non-zero exit naming the problem."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from ledger_client.block import header_hash
from ledger_client.console import EXIT_INTEGRITY
from ledger_client.encoding import canonical
from ledger_client.node import cli
from tests.nodeproc import new_network

from .actors import Network


@pytest.fixture(scope="module")
def ledger_dir(tmp_path_factory):
    """A stopped node's data directory with every kind of transaction, and a block of several."""
    proc = new_network(tmp_path_factory.mktemp("verify") / "node").start()
    try:
        net = Network(proc)
        clinic, patient = net.institution(), net.patient()
        record = net.record(patient)
        consent = net.grant(patient, clinic, [record])
        assert net.read(net.access(clinic, record, consent)).status_code == 200
        assert net.read(net.access(clinic, record, consent, "research")).status_code == 403
        net.revoke(patient, consent)
        txs = [net.sign(patient, "anchor_record", {"record": f"{i:064x}", "size": i, "category": "lab"},
                        seq=net.client.next_seq(patient.public) + i) for i in range(5)]
        net.client.submit_batch(txs, wait=True)
        net.commit(patient, "retire_record", {"record": f"{0:064x}"})
        # A consent narrowed after one of its records was deleted (its old envelope retired).
        now = int(time.time())
        shared = net.commit(patient, "grant_consent", {
            "grantee": clinic.public, "records": [f"{1:064x}", f"{2:064x}"], "purpose": "treatment",
            "not_before": now - 60, "expires_at": now + 3600, "envelope": "e1" * 32})
        net.commit(patient, "retire_record", {"record": f"{1:064x}"})
        net.commit(patient, "narrow_consent", {"consent": shared, "records": [f"{2:064x}"], "envelope": "e2" * 32})
        height = net.client.status()["height"]
    finally:
        proc.stop()
    return proc.data, height, record


def run_verify(data, *extra) -> tuple[int, dict]:
    """``verify --json`` in-process (the CLI's own main); returns the exit code and report."""
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["verify", "--data", str(data), "--json", *extra])
    return code, json.loads(out.getvalue())


@pytest.fixture
def tampered(ledger_dir, tmp_path):
    """A copy of the ledger directory and a sqlite3 connection to alter it with."""
    source, height, record = ledger_dir
    data = tmp_path / "copy"
    shutil.copytree(source, data)
    db = sqlite3.connect(data / "ledger.sqlite", isolation_level=None)
    yield data, db, height, record
    db.close()


def expect_problem(data, *words, extra=()) -> str:
    code, report = run_verify(data, *extra)
    assert code == EXIT_INTEGRITY and not report["ok"], report
    problems = " | ".join(report["problems"])
    for word in words:
        assert word in problems, (word, problems)
    return problems


def test_the_untouched_directory_verifies(ledger_dir):
    data, height, _ = ledger_dir
    code, report = run_verify(data, "--blobs")
    assert code == 0 and report["ok"] and report["blocks"] == height and report["blobs_checked"] == 1
    # and through the real console entry point
    result = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(data)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip().endswith("OK")


def _block_with_many(db) -> int:
    return db.execute("SELECT height FROM txs GROUP BY height HAVING count(*) > 1").fetchone()[0]


def test_altered_transaction_byte(tampered):
    data, db, _, _ = tampered
    height = _block_with_many(db)
    leaf = bytearray(db.execute("SELECT leaf FROM txs WHERE height=? AND idx=1", (height,)).fetchone()[0])
    at = leaf.index(b'"size":') + 7
    leaf[at] = ord("9") if leaf[at] != ord("9") else ord("8")
    db.execute("UPDATE txs SET leaf=? WHERE height=? AND idx=1", (bytes(leaf), height))
    expect_problem(data, f"block {height}", "signature does not verify")


def test_garbled_transaction(tampered):
    data, db, _, _ = tampered
    db.execute("UPDATE txs SET leaf=substr(leaf, 1, 20) WHERE height=2")
    expect_problem(data, "block 2", "not valid JSON")


def test_altered_header_field(tampered):
    data, db, _height, _ = tampered
    header = json.loads(db.execute("SELECT header FROM blocks WHERE height=3").fetchone()[0])
    header["time"] += 1
    db.execute("UPDATE blocks SET header=? WHERE height=3", (canonical(header).decode(),))
    expect_problem(data, "block 3", "stored block hash does not match")


def test_altered_header_with_its_hash_recomputed(tampered):
    data, db, _height, _ = tampered
    header = json.loads(db.execute("SELECT header FROM blocks WHERE height=3").fetchone()[0])
    header["time"] += 1
    db.execute("UPDATE blocks SET header=?, hash=? WHERE height=3", (canonical(header).decode(), header_hash(header)))
    expect_problem(data, "block 3", "signature does not verify")


def test_altered_signature(tampered):
    data, db, _, _ = tampered
    sigs = json.loads(db.execute("SELECT signatures FROM blocks WHERE height=4").fetchone()[0])
    sigs[0]["sig"] = ("1" if sigs[0]["sig"][0] == "0" else "0") + sigs[0]["sig"][1:]
    db.execute("UPDATE blocks SET signatures=? WHERE height=4", (json.dumps(sigs),))
    expect_problem(data, "block 4", "signature does not verify")


def test_signature_by_another_key(tampered):
    data, db, _, _ = tampered
    from ledger_client.block import sign_header
    from ledger_client.crypto import SigningKey
    header = json.loads(db.execute("SELECT header FROM blocks WHERE height=2").fetchone()[0])
    db.execute("UPDATE blocks SET signatures=? WHERE height=2",
               (json.dumps([sign_header(header, SigningKey.generate())]),))
    expect_problem(data, "block 2", "not signed by a producer")


def test_deleted_block(tampered):
    data, db, _, _ = tampered
    db.execute("DELETE FROM blocks WHERE height=3")
    expect_problem(data, "block 4", "blocks are missing")


def test_deleted_last_block(tampered):
    data, db, height, _ = tampered
    db.execute("DELETE FROM blocks WHERE height=?", (height,))
    expect_problem(data, "stored state differs")


def test_deleted_or_reordered_transactions(tampered):
    data, db, _, _ = tampered
    height = _block_with_many(db)
    db.execute("UPDATE txs SET idx=-1 WHERE height=? AND idx=0", (height,))
    db.execute("UPDATE txs SET idx=0 WHERE height=? AND idx=1", (height,))
    db.execute("UPDATE txs SET idx=1 WHERE height=? AND idx=-1", (height,))
    expect_problem(data, f"block {height}")
    db.execute("DELETE FROM txs WHERE height=? AND idx=2", (height,))
    expect_problem(data, f"block {height}", "transaction count does not match")


@pytest.mark.parametrize("sql", [
    "UPDATE state SET value=replace(value, '\"revoked_at\":', '\"revoked_at\":null,\"x\":') WHERE key LIKE 'cons/%'",
    "UPDATE state SET value='{\"seq\":99}' WHERE key = (SELECT min(key) FROM state WHERE key LIKE 'acct/%')",
    "DELETE FROM state WHERE key LIKE 'ev/own/%'",
    "INSERT INTO state(key, value) VALUES ('inst/" + "ab" * 32 + "', '{\"name\":\"Fake\"}')",
])
def test_edited_state(tampered, sql):
    data, db, _, _ = tampered
    assert db.execute(sql).rowcount >= 1
    expect_problem(data, "stored state differs")


def test_tampered_blob(tampered):
    data, _db, _, record = tampered
    path = data / "blobs" / record[:2] / record[2:4] / record
    raw = bytearray(path.read_bytes())
    raw[0] ^= 1
    path.write_bytes(bytes(raw))
    code, _report = run_verify(data)
    assert code == 0  # blobs are only re-hashed on request
    expect_problem(data, "does not match its hash", extra=("--blobs",))


def test_another_genesis(tampered):
    data, _, _, _ = tampered
    genesis = json.loads((data / "genesis.json").read_text())
    genesis["network"] = "forged"
    (data / "genesis.json").write_text(json.dumps(genesis))
    result = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(data)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "another network" in result.stderr


def test_node_refuses_to_start_on_a_tampered_tail(tmp_path):
    """A modified last block stops the node at start-up with a message naming verify."""
    import sqlite3
    import subprocess
    import sys

    from ledger_client.client import LedgerClient
    from ledger_client.crypto import SigningKey
    from tests.nodeproc import new_network

    node = new_network(tmp_path / "n").start()
    client = LedgerClient([node.url])
    client.submit_signed(SigningKey.generate(), "register_pseudonym", {"box_key": "22" * 32})
    node.stop()
    db = sqlite3.connect(node.data / "ledger.sqlite")
    leaf = db.execute("SELECT id, leaf FROM txs ORDER BY height DESC LIMIT 1").fetchone()
    db.execute("UPDATE txs SET leaf=? WHERE id=?", (leaf[1].replace(b"22", b"33", 1), leaf[0]))
    db.commit()
    db.close()
    proc = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "run", "--data", str(node.data),
                           "--port", "1"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "was modified" in proc.stderr and "verify" in proc.stderr
