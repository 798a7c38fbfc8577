"""The node's TOML configuration file, including the example shipped for institutions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from ledger_client.errors import MalformedError
from ledger_client.node.config import load_config
from ledger_client.node.datadir import init_datadir
from tests.nodeproc import NodeProcess, free_port

EXAMPLE = Path(__file__).resolve().parents[3] / "packaging" / "linux" / "node.toml.example"


def test_example_config_parses():
    config = load_config(EXAMPLE)
    assert config["port"] == 8765 and config["data"].startswith("/var/lib")


def test_node_runs_from_a_config_file(tmp_path):
    data = tmp_path / "data"
    genesis = init_datadir(data)
    port = free_port()
    text = EXAMPLE.read_text().replace("/var/lib/medwallet-node", str(data)).replace("0.0.0.0", "127.0.0.1")
    text = text.replace("port = 8765", f"port = {port}")
    text = text.replace('# genesis_hash = "…"', f'genesis_hash = "{genesis.hash}"')
    config = tmp_path / "node.toml"
    config.write_text(text)
    node = NodeProcess(data, port=port, extra_args=["--config", str(config)])
    try:
        node.start()
        assert requests.get(node.url + "/v1/status", timeout=5).json()["chain_id"] == genesis.hash
    finally:
        node.stop()


@pytest.mark.parametrize("text, problem", [("port = 'x'", "wrong type"), ("colour = 1", "unknown setting"),
                                           ("port = [", "not valid TOML"), ("port = 70000", "port")])
def test_bad_config_is_a_clear_error(tmp_path, text, problem):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(MalformedError) as exc:
        load_config(path)
    assert problem in str(exc.value)
    proc = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "run", "--config", str(path)],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and problem in proc.stderr
