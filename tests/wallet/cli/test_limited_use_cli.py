"""Limited-use consents from the CLI, as separate processes against a real node: 'grant --once'
and '--reads N', the desk's scan and read showing the reads left, the refused read after them
(exit 1 with the contract's reason), and the patient's grants list with the reads left."""

from __future__ import annotations

import json
import os


def _patient(run, tmp_path, shared_node) -> str:
    run("init", "--no-keyring")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n" + os.urandom(10_000))
    record = json.loads(run("import", str(letter), "--json").stdout)[0]["record"]
    run("clinic", "init", "--name", "Desk of the Bay", "--no-keyring", "--governance-key",
        str(shared_node.data / "governance.key"))
    return record


def test_once_and_n_reads_from_the_cli(run, tmp_path, shared_node):
    record = _patient(run, tmp_path, shared_node)
    base = ["grant", "--to", "Desk of the Bay", "--record", record[:10], "--purpose", "treatment", "--expires", "7d"]
    once = json.loads(run(*base, "--once", "--json").stdout)
    assert once["max_reads"] == 1
    assert "one read only" in run(*base, "--reads", "1").stdout
    twice = json.loads(run(*base, "--reads", "2", "--json").stdout)
    for wrong in (["--reads", "0"], ["--reads", "many"], ["--once", "--reads", "2"]):
        assert run(*base, *wrong, ok=False).returncode == 2
    scanned = run("clinic", "scan", once["code"]).stdout
    assert "reads     1 left of 1" in scanned
    read = run("clinic", "read", once["code"], "--out", str(tmp_path / "desk")).stdout
    assert "This consent allows no further read." in read
    refused = run("clinic", "read", once["code"], "--out", str(tmp_path / "again"), "--json", ok=False)
    assert refused.returncode == 1 and json.loads(refused.stderr)["error"] == "read_refused"
    assert "used up" in json.loads(refused.stderr)["message"]
    done = json.loads(run("clinic", "read", twice["code"], "--out", str(tmp_path / "t1"), "--json").stdout)
    assert done["reads_left"] == 1
    listed = {g["consent"]: g for g in json.loads(run("grants", "--json").stdout)}
    assert (listed[once["consent"]]["status"], listed[once["consent"]]["reads_left"]) == ("used_up", 0)
    assert (listed[twice["consent"]]["status"], listed[twice["consent"]]["reads_left"]) == ("active", 1)
    table = run("grants").stdout
    assert "READS LEFT" in table and "0 of 1" in table and "1 of 2" in table
    audit = run("audit").stdout
    assert "REFUSED: consent_used_up" in audit and "(0 of 1 reads left)" in audit
