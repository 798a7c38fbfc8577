"""The emergency commands end to end, in separate processes against a real node: the patient
publishes a set and reads the policy; a hospital desk asks with the emergency card; the patient
sees the request and approves it; the desk reads the set; a clinic desk the policy does not
allow is refused with the reason; ``--json`` everywhere."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ledger_client.client import LedgerClient

DATA = Path(__file__).resolve().parents[2] / "data" / "fhir"
PASS = "cli emergency passphrase"


@pytest.fixture
def run(make_run):
    """``run(*args, clinic="er")``: the patient's command line, or a desk's by the desk's folder name."""
    command = make_run(passphrase=PASS)

    def run(*args: str, ok: bool = True, clinic: str = "er") -> subprocess.CompletedProcess:
        return command(*args, ok=ok, clinic=clinic)
    return run


def test_set_request_approve_read_and_a_refused_clinic(run, tmp_path, shared_node):
    client = LedgerClient([shared_node.url])
    client.submit_signed(shared_node.governance, "emergency_policy", {
        "institutions": [], "kinds": ["hospital"], "delay": 3600, "open_for": 3600, "threshold": 1,
        "nodes": [client.status()["node_key"]]})
    gov = str(shared_node.data / "governance.key")
    run("init", "--no-keyring", "--json")
    run("import", str(DATA / "portal_collection.json"), "--fhir-split")
    made = json.loads(run("emergency", "set", "--json").stdout)
    assert made["card"].startswith("medwallet-emergency:") and len(made["records"]) == 1
    run("clinic", "init", "--name", "City ER", "--kind", "hospital", "--no-keyring", "--governance-key", gov)
    asked = json.loads(run("clinic", "emergency", "request", made["card"], "--why", "unconscious", "--json").stdout)
    request = asked["request"]
    seen = json.loads(run("emergency", "status", "--json").stdout)
    assert seen["policy"]["kinds"] == ["hospital"]
    [pending] = seen["requests"]
    assert pending["status"] == "pending" and pending["requester_name"] == "City ER"
    early = run("clinic", "emergency", "read", request, "--out", str(tmp_path / "early"), ok=False)
    assert early.returncode != 0 and "not open" in early.stderr
    run("emergency", "approve", request[:10])
    got = json.loads(run("clinic", "emergency", "read", request, "--out", str(tmp_path / "got"), "--json").stdout)
    summary = json.loads(Path(got["files"][0]).read_text())
    assert summary["resourceType"] == "Bundle" and len(got["releases"]) == 1
    audit = json.loads(run("audit", "--json").stdout)
    assert {"emergency_request", "emergency_approve", "emergency_release"} <= {e["kind"] for e in audit}
    run("clinic", "init", "--name", "Curious Clinic", "--kind", "clinic", "--no-keyring", "--governance-key", gov,
        clinic="clinic")
    refused = run("clinic", "emergency", "request", made["card"], "--why", "curious", "--json", ok=False,
                  clinic="clinic")
    assert refused.returncode != 0 and "does not allow" in json.loads(refused.stderr)["message"]
