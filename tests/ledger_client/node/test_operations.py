"""Operating a node: Prometheus metrics (loopback only by default), structured logs at one
level for the whole node, online backup and restore while the node works, and the upgrade
of a database written by the previous schema version."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import requests

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.keyfile import load_key
from ledger_client.node.datadir import load_genesis
from ledger_client.node.store import SCHEMA_VERSION, Store, stored_version
from tests.nodeproc import NodeProcess, new_network

from .actors import Network, assert_error, poll

V1_FIXTURE = Path(__file__).resolve().parents[2] / "data" / "node-schema-v1"


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ledger_client.node.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def metric(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} not in the metrics")


def test_metrics(shared_node):
    net = Network(shared_node)
    before = requests.get(net.url + "/metrics", timeout=10).text
    net.patient()
    assert net.read(net.access(SigningKey.generate(), "ab" * 32, None)).status_code == 403
    response = requests.get(net.url + "/metrics", timeout=10)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert metric(text, "medwallet_committed_transactions_total") >= metric(
        before, "medwallet_committed_transactions_total") + 1
    assert metric(text, "medwallet_commit_latency_seconds_count") >= 1
    assert metric(text, "medwallet_chain_height") >= 1
    assert 'medwallet_refusals_total{reason="unknown_requester"}' in text
    for name in ("medwallet_mempool_transactions", "medwallet_blob_bytes", "medwallet_etcd_lag_revisions",
                 "medwallet_blocks_total"):
        metric(text, name)


def test_metrics_only_to_allowed_addresses(tmp_path):
    proc = new_network(tmp_path / "node", extra_args=["--metrics-allow", "10.99.0.0/16"]).start()
    try:
        assert_error(requests.get(proc.url + "/metrics", timeout=10), 403, "forbidden", "metrics_allow")
    finally:
        proc.stop()


def test_json_logs_at_one_level_for_the_whole_node(tmp_path):
    proc = new_network(tmp_path / "node", extra_args=["--log-format", "json", "--log-level", "info"]).start()
    try:
        requests.get(proc.url + "/v1/status", timeout=10)
    finally:
        proc.stop()
    lines = [line for line in proc.log_path.read_text().splitlines() if line.startswith("{")]
    docs = [json.loads(line) for line in lines]
    assert docs and all({"time", "level", "logger", "message"} <= set(d) for d in docs)
    assert any(d["logger"].startswith("uvicorn") for d in docs)  # the HTTP server's records, same format
    assert all(d["level"] in ("info", "warning", "error") for d in docs)


def test_backup_while_running_then_restore_and_verify(tmp_path):
    proc = new_network(tmp_path / "node").start()
    net = Network(proc)
    patient = net.patient()
    record = net.record(patient)
    stop = threading.Event()

    def writer():  # keeps the node busy during the backup
        client = LedgerClient([proc.url])
        while not stop.is_set():
            client.submit_signed(SigningKey.generate(), "register_pseudonym", {"box_key": "22" * 32}, wait=False)
    thread = threading.Thread(target=writer)
    thread.start()
    try:
        poll(lambda: net.client.status()["height"] >= 5)
        result = cli("backup", "--data", str(proc.data), "--out", str(tmp_path / "backup"))
        assert result.returncode == 0, result.stderr
    finally:
        stop.set()
        thread.join(30)
        proc.stop()
    manifest = json.loads((tmp_path / "backup" / "backup.json").read_text())
    assert manifest["height"] >= 5 and manifest["blobs"] >= 1 and not (tmp_path / "backup" / "node.key").exists()
    restored = tmp_path / "restored"
    result = cli("restore", "--backup", str(tmp_path / "backup"), "--data", str(restored))
    assert result.returncode == 0 and "OK" in result.stdout and "node.key" in result.stdout, result.stdout
    assert cli("restore", "--backup", str(tmp_path / "backup"), "--data", str(restored)).returncode == 1  # not over
    shutil.copyfile(proc.data / "node.key", restored / "node.key")
    again = NodeProcess(restored).start()
    try:
        client = LedgerClient([again.url])
        # the snapshot's chain, then whatever its persisted mempool (acknowledged, not yet in a block) adds
        assert client.status()["height"] >= manifest["height"]
        assert client.block(manifest["height"], load_key(again.data / "node.key"))["hash"] == manifest["head"]
        assert LedgerClient([again.url]).record(record, patient)["owner"] == patient.public
    finally:
        again.stop()


def test_a_damaged_backup_is_refused(tmp_path):
    proc = new_network(tmp_path / "node").start()
    Network(proc).patient()
    proc.stop()
    assert cli("backup", "--data", str(proc.data), "--out", str(tmp_path / "b"), "--include-key").returncode == 0
    assert (tmp_path / "b" / "node.key").stat().st_mode & 0o777 == 0o600
    with open(tmp_path / "b" / "ledger.sqlite", "r+b") as db:
        db.seek(200)
        db.write(b"\x00\x01")
    result = cli("restore", "--backup", str(tmp_path / "b"), "--data", str(tmp_path / "r"))
    assert result.returncode == 1 and "damaged" in result.stderr


def test_upgrade_from_schema_version_1(tmp_path):
    data = tmp_path / "node"
    shutil.copytree(V1_FIXTURE, data)
    assert stored_version(data / "ledger.sqlite") == 1
    before = sqlite3.connect(data / "ledger.sqlite")
    blocks = before.execute("SELECT height, hash FROM blocks ORDER BY height").fetchall()
    rejections = before.execute("SELECT count(*) FROM rejections").fetchone()[0]
    before.close()
    # verify never modifies: it asks for the upgrade first
    result = cli("verify", "--data", str(data))
    assert result.returncode == 1 and "schema version 1" in result.stderr and "upgrade" in result.stderr
    result = cli("upgrade", "--data", str(data))
    assert result.returncode == 0 and f"schema version {SCHEMA_VERSION} (was 1)" in result.stdout
    assert cli("verify", "--data", str(data), "--blobs").returncode == 0
    after = sqlite3.connect(data / "ledger.sqlite")
    assert after.execute("SELECT height, hash FROM blocks ORDER BY height").fetchall() == blocks
    assert after.execute("SELECT count(*) FROM rejections WHERE at > 0").fetchone()[0] == rejections
    after.close()
    # and a node started on a v1 directory upgrades it itself, then serves the old blocks
    data2 = tmp_path / "node2"
    shutil.copytree(V1_FIXTURE, data2)
    proc = NodeProcess(data2).start()
    try:
        assert LedgerClient([proc.url]).status()["head"] == blocks[-1][1]
    finally:
        proc.stop()
    assert stored_version(data2 / "ledger.sqlite") == SCHEMA_VERSION


def test_a_newer_schema_is_refused(tmp_path):
    data = tmp_path / "node"
    shutil.copytree(V1_FIXTURE, data)
    db = sqlite3.connect(data / "ledger.sqlite")
    db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    db.commit()
    db.close()
    import pytest

    from ledger_client.errors import StorageError
    with pytest.raises(StorageError) as exc:
        Store(data / "ledger.sqlite", load_genesis(data).chain_id)
    assert "schema version 99" in exc.value.message
