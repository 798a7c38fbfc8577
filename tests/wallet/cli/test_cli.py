"""The ``medwallet`` CLI end to end, as a user runs it: separate processes, real files,
a real node, a QR code written as PNG and read back by the clinic desk."""

from __future__ import annotations

import json
import os
from pathlib import Path


def test_help_for_every_command(run):
    for command in ("init", "restore", "import", "records", "export", "delete", "institutions", "grant", "grants",
                    "revoke", "qr", "audit"):
        assert "usage:" in run(command, "--help").stdout
    for command in ("init", "scan", "read"):
        assert "usage:" in run("clinic", command, "--help").stdout


def test_patient_and_clinic_through_the_cli(run, tmp_path, shared_node):
    init = json.loads(run("init", "--no-keyring", "--json").stdout)
    assert len(init["phrase"].split()) == 24
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n" + os.urandom(150_000))
    imported = json.loads(run("import", str(letter), "--json").stdout)[0]
    listed = json.loads(run("records", "--json").stdout)
    assert [r["record"] for r in listed] == [imported["record"]]
    run("clinic", "init", "--name", "Desk of the Lake", "--no-keyring", "--governance-key",
        str(shared_node.data / "governance.key"))
    assert "Desk of the Lake" in run("institutions").stdout
    png = tmp_path / "grant.png"
    granted = json.loads(run("grant", "--to", "Desk of the Lake", "--record", imported["record"][:10],
                             "--purpose", "treatment", "--expires", "30d", "--qr-png", str(png), "--json").stdout)
    read = json.loads(run("clinic", "read", "--image", str(png), "--out", str(tmp_path / "desk"), "--json").stdout)
    assert Path(read["files"][0]).read_bytes() == letter.read_bytes()
    # A keyboard-wedge scanner types the code and a newline.
    scan = run("clinic", "scan", stdin=granted["code"] + "\r\n")
    assert "active" in scan.stdout
    audit = json.loads(run("audit", "--json").stdout)
    assert any(e["kind"] == "access" and e["verified"] for e in audit)
    run("revoke", granted["consent"][:10])
    refused = run("clinic", "read", "--image", str(png), "--out", str(tmp_path / "desk2"), ok=False)
    assert refused.returncode == 1 and "revoked" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    outcomes = {e["kind"] for e in json.loads(run("audit", "--json").stdout)}
    assert outcomes == {"access", "refusal"}
    grants = json.loads(run("grants", "--json").stdout)
    assert grants[0]["status"] == "revoked"
    qr = json.loads(run("qr", granted["consent"][:10], "--json").stdout)
    assert qr["qr_version"] <= 10
    # Delete: without a terminal it needs --yes; it says exactly what it gives; the log shows it.
    assert "--yes" in run("delete", imported["record"][:10], ok=False).stderr
    deleted = run("delete", imported["record"][:10], "--yes").stdout
    assert "removed from every node" in deleted and "forgotten by this wallet" in deleted
    assert "still opens with your recovery phrase" in deleted
    log = run("audit").stdout
    assert "DELETED" in log and f"(deleted record {imported['record'][:12]})" in log and "letter" not in log
    assert {e["kind"] for e in json.loads(run("audit", "--json", "--outcome", "deletion").stdout)} == {"deletion"}
    assert json.loads(run("records", "--json").stdout) == []


def test_errors_are_one_line(run, tmp_path):
    missing = run("records", ok=False)
    assert missing.returncode == 1 and "no wallet" in missing.stderr.lower()
    run("init", "--no-keyring")
    bad = run("import", str(tmp_path / "nope.pdf"), ok=False)
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    bad_fhir = tmp_path / "bad.json"
    bad_fhir.write_text('{"resourceType": "Observation", "status": ')
    bad = run("import", str(bad_fhir), ok=False)
    assert bad.returncode == 1 and "FHIR" in bad.stderr
    wrong = run("--passphrase-file", str(_write(tmp_path / "pw", "wrong")), "records", ok=False)
    assert wrong.returncode == 1 and "passphrase" in wrong.stderr.lower()


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path
