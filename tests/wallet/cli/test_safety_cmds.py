"""The safety commands end to end, as separate processes against a real node: revoke-all
(refused without confirmation when not on a terminal, then every consent revoked and the
desk's next read refused)."""

from __future__ import annotations

import json
import os


def desk_name(tmp_path) -> str:
    """A desk name of this test's own: the tests of a worker share one node, and a name is unique there."""
    return f"Desk of the Hill {tmp_path.name}"


def _patient_with_grants(run, tmp_path, shared_node, count: int = 2) -> list[dict]:
    run("init", "--no-keyring")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n" + os.urandom(20_000))
    record = json.loads(run("import", str(letter), "--json").stdout)[0]["record"]
    run("clinic", "init", "--name", desk_name(tmp_path), "--no-keyring", "--governance-key",
        str(shared_node.data / "governance.key"))
    return [json.loads(run("grant", "--to", desk_name(tmp_path), "--record", record[:10], "--purpose", "treatment",
                           "--expires", "30d", "--json").stdout) for _ in range(count)]


def test_revoke_all_from_the_cli(run, tmp_path, shared_node):
    granted = _patient_with_grants(run, tmp_path, shared_node)
    unconfirmed = run("revoke-all", ok=False)  # off a terminal: no one to ask, a usage error (exit 2)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert json.loads(run("revoke-all", "--json", ok=False).stderr)["error"] == "needs_confirmation"
    assert {g["status"] for g in json.loads(run("grants", "--json").stdout)} == {"active"}
    done = json.loads(run("revoke-all", "--yes", "--json").stdout)
    assert set(done["revoked"]) == {g["consent"] for g in granted}
    assert done["institutions"] == [desk_name(tmp_path)] and len(done["retired_pseudonyms"]) == 1
    assert {g["status"] for g in json.loads(run("grants", "--json").stdout)} == {"revoked"}
    refused = run("clinic", "scan", ok=False, stdin=granted[0]["code"] + "\n")
    assert "revoked" in refused.stdout + refused.stderr
    again = run("revoke-all", "--yes")
    assert "Revoked 0 consent(s)" in again.stdout and "new wallet" in again.stdout


def test_help(run):
    assert "one batch" in run("revoke-all", "--help").stdout


def test_alerts_from_the_cli(run, tmp_path, shared_node):
    granted = _patient_with_grants(run, tmp_path, shared_node, count=1)
    assert "No new alerts." in run("alerts").stdout
    run("clinic", "read", granted[0]["code"], "--out", str(tmp_path / "desk"))
    first = json.loads(run("alerts", "--json").stdout)
    assert [a["rule"] for a in first if a["rule"] == "first_read"] == ["first_read"]
    assert all(a["new"] and a["requester_name"] == desk_name(tmp_path) for a in first)
    assert json.loads(run("alerts", "--json").stdout) == []  # each alert is new once
    listed = run("alerts", "--all", "--offline").stdout
    assert f"first read by {desk_name(tmp_path)}" in listed and "NEW" not in listed


def test_preview_from_the_cli_signs_nothing(run, tmp_path, shared_node):
    granted = _patient_with_grants(run, tmp_path, shared_node, count=1)
    record = json.loads(run("records", "--json").stdout)[0]["record"]
    shown = json.loads(run("preview", "--to", desk_name(tmp_path), "--record", record[:10], "--purpose", "research",
                           "--expires", "7d", "--json").stdout)
    assert shown["institution_name"] == desk_name(tmp_path) and shown["earlier_consents"] == 1
    assert [r["record"] for r in shown["records"]] == [record] and shown["records"][0]["new_copy"] is False
    text = run("preview", "--to", desk_name(tmp_path), "--record", record[:10], "--purpose", "treatment",
               "--expires", "7d").stdout
    assert f"{desk_name(tmp_path)} will receive:" in text and "The ledger will not learn:" in text
    assert "same person as your 1 earlier consent(s)" in text
    assert [g["consent"] for g in json.loads(run("grants", "--json").stdout)] == [granted[0]["consent"]]


def test_the_background_checker_from_the_cli(run, tmp_path, shared_node):
    import subprocess
    import sys
    import threading

    granted = _patient_with_grants(run, tmp_path, shared_node, count=1)
    config = tmp_path / "config"
    env = {**os.environ, "MEDWALLET_PASSPHRASE": "cli test passphrase", "XDG_CONFIG_HOME": str(config),
           "MEDWALLET_WALLET_DIR": str(tmp_path / "wallet"), "PATH": os.path.dirname(sys.executable)}
    cli = [sys.executable, "-m", "wallet.cli"]
    on = subprocess.run([*cli, "alerts", "--background", "on"], env=env, capture_output=True, text=True, timeout=60)
    assert on.returncode == 0 and (config / "autostart" / "medwallet-alerts.desktop").exists()
    watch = subprocess.Popen([*cli, "alerts", "--watch", "--interval", "0.5"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    seen = threading.Event()

    def collect() -> None:
        for line in watch.stdout:
            lines.append(line)
            if f"first read by {desk_name(tmp_path)}" in line:
                seen.set()
    reader = threading.Thread(target=collect, daemon=True)
    reader.start()
    try:
        run("clinic", "read", granted[0]["code"], "--out", str(tmp_path / "desk"))
        assert seen.wait(90), (lines, watch.poll())
        off = subprocess.run([*cli, "alerts", "--background", "off"], env=env, capture_output=True, text=True,
                             timeout=60)
        assert off.returncode == 0 and not (config / "autostart" / "medwallet-alerts.desktop").exists()
        assert watch.wait(60) == 0  # the running checker stops by itself at its next round
        reader.join(10)
        assert "Background alert checker turned off." in lines[-1]
        assert sum("ALERT" in line and "first read" in line for line in lines) == 1
    finally:
        if watch.poll() is None:
            watch.kill()
