"""The node's systemd unit: ``systemd-analyze security`` rates it OK (or better), and the
node works under its strictest setting, memory that is never both writable and executable."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from ledger_client.crypto import SigningKey
from ledger_client.node.datadir import init_datadir
from tests.nodeproc import free_port

UNIT = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "medwallet-node.service"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_rates_the_unit_ok():
    result = subprocess.run(["systemd-analyze", "security", "--offline=true", str(UNIT)],
                            capture_output=True, text=True, timeout=60)
    match = re.search(r"Overall exposure level for \S+: ([0-9.]+) (\w+)", result.stdout)
    assert match, result.stdout[-2000:] + result.stderr
    assert match.group(2) in ("OK", "SAFE") and float(match.group(1)) < 5.0, match.group(0)


WRAPPER = """
import ctypes, os, sys
PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
    sys.exit(77)
os.execv(sys.executable, [sys.executable, "-m", "ledger_client.node.cli", *sys.argv[1:]])
"""


@pytest.mark.skipif(sys.platform != "linux", reason="Linux only")
def test_the_node_runs_with_memory_deny_write_execute(tmp_path):
    """MemoryDenyWriteExecute=true in the unit: the node (uvicorn, libsodium, AnonCreds) must not need W+X pages."""
    data = tmp_path / "node"
    init_datadir(data)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", WRAPPER, "run", "--data", str(data), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=Path(__file__).resolve().parents[2])
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            if proc.poll() is not None:
                if proc.returncode == 77:
                    pytest.skip("this kernel has no PR_SET_MDWE")
                raise AssertionError(proc.stdout.read().decode()[-2000:])
            try:
                requests.get(url + "/v1/status", timeout=1)
                break
            except requests.RequestException:
                import time
                time.sleep(0.1)
        from ledger_client.client import LedgerClient
        from ledger_client.keyfile import load_key
        client = LedgerClient([url])
        client.submit_signed(load_key(data / "governance.key"), "register_institution", {
            "name": "Clinic", "kind": "clinic", "sign_key": SigningKey.generate().public, "box_key": "ab" * 32})
        assert client.status()["height"] == 1
    finally:
        proc.terminate()
        proc.wait(10)
