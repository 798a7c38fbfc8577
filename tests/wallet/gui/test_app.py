"""The application's entry points: bare ``medwallet`` and ``medwallet clinic`` open the
windows; the real app starts to a painted, ready window in a fresh process; a wallet
with no node configured gets the embedded local node, which stops at exit."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.nodeproc import free_port
from wallet.cli import main as cli_main
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.local_node import LocalNode
from wallet.core.wallet import Wallet
from wallet.gui.main_window import MainWindow
from wallet.gui.session import WalletSession

from ..conftest import PASSPHRASE
from .conftest import TIMEOUT_MS, wait_quiet


def test_bare_commands_open_the_windows(monkeypatch, tmp_path):
    import wallet.gui.app as app

    calls = []
    monkeypatch.setattr(app, "run_gui", lambda args: calls.append(("wallet", args.wallet_dir)) or 0)
    monkeypatch.setattr(app, "run_clinic_gui", lambda args: calls.append(("clinic", args.clinic_dir)) or 0)
    assert cli_main(["--wallet-dir", str(tmp_path / "w")]) == 0
    assert cli_main(["clinic", "--clinic-dir", str(tmp_path / "c")]) == 0
    assert calls == [("wallet", str(tmp_path / "w")), ("clinic", str(tmp_path / "c"))]


def _probe(args: list[str], tmp_path) -> list[str]:
    env = {**os.environ, "MEDWALLET_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen", "MEDWALLET_KEYRING": "none"}
    done = subprocess.run([sys.executable, "-m", "wallet.cli", *args], capture_output=True, text=True, env=env,
                          timeout=60, cwd=os.getcwd())
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if line.startswith("medwallet-probe")]


def test_real_app_paints_then_opens_the_wallet(wallet, clinic, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    lines = _probe(["--wallet-dir", str(wallet.dir), "--passphrase-file", str(secret)], tmp_path)
    assert lines == ["medwallet-probe painted", "medwallet-probe ready"]
    lines = _probe(["--passphrase-file", str(secret), "clinic", "--clinic-dir", str(clinic.dir)], tmp_path)
    assert lines == ["medwallet-probe painted", "medwallet-probe ready"]


def test_wallet_without_network_runs_the_local_node_and_stops_it(qtbot, dialogs, tmp_path):
    data, port = tmp_path / "local-node", free_port()
    nodes = []

    def factory():
        nodes.append(LocalNode(data, port))
        return nodes[-1]

    boot = LocalNode(data, port)
    url = boot.start()
    made, _ = Wallet.create(tmp_path / "w", passphrase=PASSPHRASE, use_keyring=False, kdf_limits=ARGON2_MIN)
    made.use_local_node(url)
    made.close()
    boot.stop()
    session = WalletSession(tmp_path / "w", node_factory=factory)
    window = MainWindow(session, dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.unlock_view is not None and window.unlock_view.isVisible(), timeout=TIMEOUT_MS)
    window.unlock_view.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.wallet_shown, timeout=TIMEOUT_MS):
        window.unlock_view.button.click()
    wait_quiet(qtbot)
    assert session.wallet.settings.nodes == [] and session.local_url == f"http://127.0.0.1:{port}"
    assert "on this computer" in window.network_label.text()
    assert "embedded ledger node" in window.network_label.toolTip()
    process = nodes[0].proc
    assert process is not None and process.poll() is None
    window.shutdown()
    assert process.poll() is not None  # stopped with the application


def test_bare_medwallet_is_recognised_before_the_commands_load():
    from wallet.cli import _bare

    args = _bare(["--wallet-dir", "w", "--passphrase-file=p"])
    assert args.wallet_dir == "w" and args.passphrase_file == "p" and args.command is None
    assert _bare([]).wallet_dir is None
    for argv in (["records"], ["--wallet-dir"], ["--self-test"], ["-h"], ["--wallet-dir", "w", "import", "f"]):
        assert _bare(argv) is None, argv
    code = "import sys, wallet.cli; print(any(m.startswith('wallet.cli.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"  # the command modules load only when a command is parsed


def test_self_test_checks_the_qt_platform_plugin():
    from wallet.gui.selftest import check_qt

    assert "platform plugin 'offscreen' loads" in check_qt()


def test_installed_pilot_profile_is_the_default_network(qtbot, monkeypatch, dialogs, tmp_path):
    from types import SimpleNamespace

    import wallet.core.profile as profile

    pilot = SimpleNamespace(nodes=["https://n1.pilot.example", "https://n2.pilot.example"], genesis_hash="ab" * 32,
                            network_name="Pilot Léman")
    monkeypatch.setattr(profile, "installed_profile", lambda: pilot)
    window = MainWindow(WalletSession(tmp_path / "w"), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.onboarding is not None and window.onboarding.machine.keyring_available is not None,
                    timeout=TIMEOUT_MS)
    wizard = window.onboarding
    assert wizard.remote_radio.isChecked() and wizard.genesis_input.text() == "ab" * 32
    assert wizard.nodes_input.text() == "https://n1.pilot.example, https://n2.pilot.example"
    assert "Pilot Léman" in wizard.profile_note.text()
    window.shutdown()
