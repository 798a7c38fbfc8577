"""``medwallet delegates ...`` and ``medwallet delegate ...`` end to end, as a family runs them:
separate processes for the patient, the parent and the clinic desk, on a real node."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

PASS = "cli test passphrase"


@pytest.fixture
def run(make_run):
    """``run(who, *args)``: the command line of one member of the family (their own wallet folder)."""
    command = make_run(passphrase=PASS)

    def run(who: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        return command(*args, ok=ok, wallet=who)
    return run


def test_a_parent_acts_for_a_child_through_the_cli(run, tmp_path, shared_node):
    run("child", "init", "--no-keyring", "--json")
    run("parent", "init", "--no-keyring", "--json")
    letter = tmp_path / "vaccinations.pdf"
    letter.write_bytes(b"%PDF-1.4\n" + os.urandom(5000))
    record = json.loads(run("child", "import", str(letter), "--json").stdout)[0]["record"]
    run("clinic", "clinic", "init", "--name", "Desk of the Dunes", "--no-keyring", "--governance-key",
        str(shared_node.data / "governance.key"))
    code = json.loads(run("parent", "delegate", "code", "Sam", "--json").stdout)
    waiting = json.loads(run("parent", "delegate", "status", "--json").stdout)
    assert [w["status"] for w in waiting] == ["waiting"]
    added = json.loads(run("child", "delegates", "add", code["code"], "--name", "Mum", "--record", record[:10],
                           "--purpose", "treatment", "--longest", "7d", "--expires", "30d", "--json").stdout)
    assert added["fingerprint"] == code["fingerprint"]
    listed = json.loads(run("parent", "delegate", "records", "Sam", "--json").stdout)
    assert [r["title"] for r in listed] == ["vaccinations"]
    assert "vaccinations" in run("parent", "delegate", "records", "Sam").stdout  # the table, not only JSON
    too_long = run("parent", "delegate", "grant", "Sam", "--to", "Desk of the Dunes", "--purpose", "treatment",
                   "--expires", "8d", "--json", ok=False)
    assert too_long.returncode == 1 and json.loads(too_long.stderr)["error"] == "grant_too_long"
    given = json.loads(run("parent", "delegate", "grant", "Sam", "--to", "Desk of the Dunes", "--purpose",
                           "treatment", "--expires", "3d", "--json").stdout)
    read = run("clinic", "clinic", "read", given["code"], "--out", str(tmp_path / "desk"), "--json")
    assert json.loads(read.stdout)["files"]
    shown = json.loads(run("child", "delegates", "audit", "--json").stdout)
    assert [e["kind"] for e in shown] == ["delegated_grant"] and shown[0]["verified"]
    assert "granted by Mum for you" in run("child", "delegates", "audit").stdout
    run("parent", "delegate", "revoke", "Sam", given["consent"][:10])
    run("child", "delegates", "revoke", "Mum", "--yes")
    assert [d["status"] for d in json.loads(run("child", "delegates", "list", "--json").stdout)] == ["revoked"]
    late = run("parent", "delegate", "grant", "Sam", "--to", "Desk of the Dunes", "--purpose", "treatment",
               "--expires", "1d", "--json", ok=False)
    assert late.returncode == 1 and json.loads(late.stderr)["error"] == "delegation_revoked"
