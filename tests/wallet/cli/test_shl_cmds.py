"""The SMART Health Link commands end to end, in separate processes against a real node:
share a summary with a passcode as a QR image, open it from the image, save what it holds,
see the use counted, revoke it, and be refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from wallet.core.fhir.validate import R4, resource_problems

DATA = Path(__file__).resolve().parents[2] / "data" / "fhir"



def test_share_open_count_and_revoke_a_link(run, tmp_path):
    run("init", "--no-keyring", "--json")
    run("import", str(DATA / "portal_collection.json"), "--fhir-split")
    (tmp_path / "code").write_text("river-stone-77\n")
    shared = json.loads(run("share-link", "--summary", "--label", "For my carer", "--passcode-file",
                            str(tmp_path / "code"), "--uses", "2", "--qr-png", str(tmp_path / "qr.png"),
                            "--json").stdout)
    assert shared["shlink"].startswith("shlink:/")
    opened = json.loads(run("shl-open", "--image", str(tmp_path / "qr.png"), "--recipient", "Anna (carer)",
                            "--passcode-file", str(tmp_path / "code"), "--save", str(tmp_path / "got"),
                            "--json").stdout)
    assert opened["label"] == "For my carer" and opened["files"][0]["content_type"] == "application/fhir+json"
    saved = json.loads(Path(opened["saved"][0]).read_text())
    assert saved["type"] == "document" and resource_problems(saved, release=R4) == []
    assert oct(Path(opened["saved"][0]).stat().st_mode & 0o777) == "0o600"
    wrong = tmp_path / "wrong"
    wrong.write_text("guess")
    refused = run("shl-open", shared["shlink"], "--recipient", "Eve", "--passcode-file", str(wrong), ok=False)
    assert refused.returncode == 1 and "passcode" in refused.stderr and "4 attempts left" in refused.stderr
    [row] = json.loads(run("links", "--json").stdout)
    assert row["uses"] == 1 and row["failures"] == 1 and row["status"] == "active"
    run("unshare-link", str(row["idx"]))
    gone = run("shl-open", shared["shlink"], "--recipient", "Anna", "--passcode-file", str(tmp_path / "code"),
               ok=False)
    assert gone.returncode == 1 and "cannot be used any more" in gone.stderr
    audit = json.loads(run("audit", "--json").stdout)
    assert any("Anna (carer)" in (e.get("requester_name") or "") for e in audit)
    # evidence for a regulator, checked with the file alone
    run("evidence", "--out", str(tmp_path / "evidence.json"))
    chain_id = json.loads(run("evidence", "--out", str(tmp_path / "e2.json"), "--json").stdout)["chain_id"]
    checked = subprocess.run([sys.executable, "-m", "ledger_client.evidence", str(tmp_path / "evidence.json"),
                              "--chain-id", chain_id], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0 and checked.stdout.startswith("VALID"), checked.stderr
    data = bytearray((tmp_path / "evidence.json").read_bytes())
    data[len(data) // 2] ^= 4
    (tmp_path / "bad.json").write_bytes(bytes(data))
    refused = subprocess.run([sys.executable, "-m", "ledger_client.evidence", str(tmp_path / "bad.json")],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and "INVALID" in refused.stderr


def test_a_clinic_countersigns_the_consent_and_the_patient_keeps_it(run, tmp_path, shared_node):
    run("init", "--no-keyring", "--json")
    rec = json.loads(run("import", str(DATA / "portal_collection.json"), "--json").stdout)[0]["records"][0]["record"]
    run("clinic", "init", "--name", "Receipt Desk", "--no-keyring", "--governance-key",
        str(shared_node.data / "governance.key"))
    granted = json.loads(run("grant", "--to", "Receipt Desk", "--record", rec[:10], "--purpose", "treatment",
                             "--expires", "30d", "--json").stdout)
    run("clinic", "receipt", granted["code"], "--out", str(tmp_path / "receipt.json"))
    kept = run("keep-receipt", str(tmp_path / "receipt.json"))
    assert "kept as record" in kept.stdout
