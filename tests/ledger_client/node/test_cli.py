"""``medwallet-node``: init, run with a pinned genesis, verify, keygen, register-institution."""

from __future__ import annotations

import contextlib
import io
import json
import stat
import subprocess
import sys

import pytest

from ledger_client.crypto import SigningKey
from ledger_client.keyfile import load_key
from ledger_client.node import cli
from ledger_client.node.datadir import load_genesis
from tests.nodeproc import NodeProcess, free_port

from .actors import Network


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_init_creates_a_network_and_refuses_to_overwrite(tmp_path):
    data = tmp_path / "node"
    code, out, _ = run_cli("init", "--data", str(data), "--network", "pilot-x")
    genesis = load_genesis(data)
    assert code == 0 and genesis.hash in out and genesis.network == "pilot-x"
    for name in ("node.key", "governance.key"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600
    assert load_key(data / "node.key").public in genesis.producers
    assert load_key(data / "governance.key").public in genesis.governance_keys
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    code, _, err = run_cli("init", "--data", str(data))
    assert code == 1 and "already holds a network" in err  # refused (2 is for usage errors only)
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    # two networks made by init are never the same network
    run_cli("init", "--data", str(tmp_path / "other"), "--network", "pilot-x")
    assert load_genesis(tmp_path / "other").hash != genesis.hash


def test_run_refuses_a_genesis_hash_mismatch(tmp_path):
    run_cli("init", "--data", str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "run", "--data", str(tmp_path),
                             "--port", str(free_port()), "--genesis-hash", "00" * 32],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "is not the expected" in result.stderr
    assert not (tmp_path / "ledger.sqlite").exists()


def test_run_with_the_pinned_genesis_and_register_an_institution(tmp_path):
    run_cli("init", "--data", str(tmp_path))
    genesis = load_genesis(tmp_path)
    proc = NodeProcess(tmp_path, extra_args=["--genesis-hash", genesis.hash]).start()
    try:
        clinic_key = tmp_path / "clinic.key"
        code, out, _ = run_cli("keygen", "--out", str(clinic_key))
        public = out.strip()
        assert code == 0 and load_key(clinic_key).public == public
        assert stat.S_IMODE(clinic_key.stat().st_mode) == 0o600
        code, out, _ = run_cli("register-institution", "--data", str(tmp_path), "--node", proc.url,
                               "--name", "Clinic Nord", "--sign-key", public, "--box-key", "ab" * 32)
        assert code == 0 and "registered 'Clinic Nord'" in out
        assert Network(proc).client.institution(public)["name"] == "Clinic Nord"
    finally:
        proc.stop()
    code, report = _verify_json(tmp_path)
    assert code == 0 and report == {"ok": True, "blocks": 1, "txs": 1, "state_hash": report["state_hash"],
                                     "blobs_checked": 0, "problems": []}
    assert len(report["state_hash"]) == 64


def _verify_json(data, *extra) -> tuple[int, dict]:
    code, out, _ = run_cli("verify", "--data", str(data), "--json", *extra)
    return code, json.loads(out)


def test_verify_of_an_empty_network_and_a_pinned_hash(tmp_path):
    run_cli("init", "--data", str(tmp_path))
    code, report = _verify_json(tmp_path, "--genesis-hash", load_genesis(tmp_path).hash)
    assert code == 0 and report["ok"] and report["blocks"] == 0
    code, _, err = run_cli("verify", "--data", str(tmp_path), "--genesis-hash", "11" * 32)
    assert code == 1 and "is not the expected" in err


@pytest.mark.parametrize("args, words", [
    (["verify", "--data", "{tmp}/nothing"], "holds no network"),
    (["run", "--data", "{tmp}/nothing"], "holds no network"),
])
def test_missing_data_directory(tmp_path, args, words):
    code, _, err = run_cli(*[a.format(tmp=tmp_path) for a in args])
    assert code == 1 and words in err


def test_register_institution_refused_without_governance(tmp_path, shared_node):
    """The local governance key of one network cannot register on another."""
    run_cli("init", "--data", str(tmp_path))
    code, _, err = run_cli("register-institution", "--data", str(tmp_path), "--node", shared_node.url,
                           "--name", "X", "--sign-key", SigningKey.generate().public, "--box-key", "ab" * 32)
    assert code == 1 and "only the network's governance keys can register institutions" in err
