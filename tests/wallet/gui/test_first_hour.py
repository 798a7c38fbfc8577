"""Issue 12's first hour, from the real entry point of ``make run`` in a fresh home with no
keyring, offscreen, never on port 8765 (MEDWALLET_LOCAL_PORT): onboarding on the embedded
default, import, a desk set up on this computer, grant, the QR saved as PNG, the desk reads
that PNG, the read appears in the access log by itself, revoke, the refusal appears. Then
the same wallet from the command line alone, with the window open and after it closed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import TIMEOUT_MS
from .first_hour import PASS, FirstHour, fresh_home, sample_files, scripted_dialogs

pytestmark = pytest.mark.timeout(600)


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wallet.cli", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=os.getcwd())


def test_first_hour_from_make_run(qtbot, monkeypatch, tmp_path):
    home = tmp_path / "home"
    env = fresh_home(home)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name in ("MEDWALLET_NODES", "MEDWALLET_WALLET_DIR", "MEDWALLET_CLINIC_DIR", "MEDWALLET_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    dialogs = scripted_dialogs(monkeypatch.setattr)
    shown = []
    import wallet.gui.app as app

    monkeypatch.setattr(app, "_exec", lambda _app, window: shown.append(window) or 0)
    # The steps wait for what the real app does at its real costs (a new network, Argon2id at the
    # default cost): generous waits, so a loaded machine is slow, not failed.
    flow = FirstHour(lambda condition: qtbot.waitUntil(condition, timeout=6 * TIMEOUT_MS), dialogs, tmp_path)
    try:
        flow.start(lambda: shown[-1])
        flow.onboard()
        wallet = flow.window.session.wallet
        assert wallet.settings.local_node and wallet.settings.local_node_url.startswith("http://127.0.0.1:")
        assert not wallet.settings.local_node_url.endswith(":8765")
        flow.import_records(sample_files(tmp_path / "in"))
        code = flow.set_up_desk_and_grant()
        assert code.startswith("MEDWALLET:G1:") and flow.png.read_bytes().startswith(b"\x89PNG")
        flow.open_desk(lambda window: (qtbot.addWidget(window), window.show(), window)[2])
        flow.desk_reads_png()
        flow.read_appears_by_itself()
        flow.revoke()
        flow.desk_is_refused()
        flow.refusal_appears_by_itself()
        flow.other_pages()
        # the same wallet from the command line, with no environment variable but the passphrase
        secret = tmp_path / "pass.txt"
        secret.write_text(PASS + "\n")
        shell = {k: v for k, v in os.environ.items() if not k.startswith("MEDWALLET_") or k in env}
        listed = cli(shell, "records", "--json", "--passphrase-file", str(secret))
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == 2
        audit = cli(shell, "audit", "--passphrase-file", str(secret))
        assert audit.returncode == 0 and "REFUSED" in audit.stdout and "READ" in audit.stdout, audit.stderr
        assert "key envelope" not in audit.stdout and "Consent keys" not in audit.stdout
    finally:
        flow.close()
    # the window is gone and its node stopped: the command line serves the network itself
    grants = cli(shell, "grants", "--json", "--passphrase-file", str(secret))
    assert grants.returncode == 0, grants.stderr
    consent = json.loads(grants.stdout)[0]
    assert consent["status"] == "revoked" and consent["label"] == "Anna M."
    qr = cli(shell, "qr", consent["consent"], "--passphrase-file", str(secret))
    assert qr.returncode == 0 and qr.stdout.startswith("MEDWALLET:G1:"), qr.stderr
    audit = cli(shell, "audit", "--passphrase-file", str(secret))
    assert audit.returncode == 0 and "REFUSED" in audit.stdout, audit.stderr
