"""Guardians and backups from the CLI, as separate processes against a real node: a wallet made
off a terminal is reminded, guardians' shares (2 of 3) count as a backup and restore the wallet
into another folder with its record; a single share is refused with a clear error."""

from __future__ import annotations

import json
import os


def test_guardians_backup_and_restore_from_shares(run, tmp_path, shared_node):
    run("init", "--no-keyring")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n" + os.urandom(20_000))
    record = json.loads(run("import", str(letter), "--json").stdout)[0]["record"]
    state = json.loads(run("backup", "--json").stdout)
    assert state["state"] == "never" and state["remind"] is True
    assert "medwallet backup check" in run("backup").stdout
    assert json.loads(run("backup", "snooze", "--json").stdout)["remind"] is False
    assert "--guardian" in run("guardians", "create", ok=False).stderr
    shares = json.loads(run("guardians", "create", "--guardian", "Ana", "--guardian", "Ben", "--guardian", "Chloé",
                            "--threshold", "2", "--json").stdout)
    assert [(s["guardian"], s["number"]) for s in shares] == [("Ana", 1), ("Ben", 2), ("Chloé", 3)]
    assert json.loads(run("backup", "--json").stdout)["state"] == "ok"
    assert "2 of 3 guardians can restore this wallet: Ana, Ben, Chloé" in run("guardians", "status").stdout
    printed = run("guardians", "create", "--guardian", "Ana", "--guardian", "Ben", "--threshold", "2").stdout
    assert "Share 1 of 2, for Ana" in printed and " 33. " in printed

    lone = tmp_path / "one.txt"
    lone.write_text(shares[1]["words"] + "\n", "utf-8")
    other = str(tmp_path / "restored")
    refused = run("--wallet-dir", other, "restore-shares", "--no-keyring", "--shares-file", str(lone), ok=False)
    assert refused.returncode == 1 and "2 guardians' shares are needed; 1 given" in refused.stderr
    assert not os.path.exists(other)  # nothing was made
    two = tmp_path / "two.txt"
    two.write_text(shares[2]["words"] + "\n\n" + shares[0]["words"].upper() + "\n", "utf-8")
    summary = json.loads(run("--wallet-dir", other, "restore-shares", "--no-keyring", "--shares-file", str(two),
                             "--json").stdout)
    assert summary["records"] == 1
    restored = json.loads(run("--wallet-dir", other, "records", "--json").stdout)
    assert [r["record"] for r in restored] == [record]
    assert json.loads(run("--wallet-dir", other, "backup", "--json").stdout)["state"] == "ok"
    assert run("--wallet-dir", other, "phrase").stdout == run("phrase").stdout
