"""Settings (nodes, keystore, lock now, auto-lock), unlocking again, and the credentials
placeholder."""

from __future__ import annotations

import json

from wallet.gui.unlock_view import UnlockView

from ..conftest import PASSPHRASE
from .conftest import TIMEOUT_MS, wait_quiet


def test_settings_show_network_and_keystore(qtbot, wallet, shared_node, open_window):
    window = open_window(wallet)
    window.show_section("settings")
    view = window.views["settings"]
    qtbot.waitUntil(lambda: view.keystore.text() != "checking…", timeout=TIMEOUT_MS)
    assert view.keystore.text() == "Passphrase-encrypted key file"
    assert view.spare.text() == "set" and view.nodes.text() == shared_node.url
    assert view.network_name.text() == wallet.settings.network_name
    assert "fails over" in view.node_note.text()
    assert shared_node.url not in window.network_label.text() and "1 node(s)" in window.network_label.text()


def test_bad_node_address_is_refused(qtbot, wallet, open_window, shown_errors):
    window = open_window(wallet)
    view = window.views["settings"]
    view.nodes.setText("not a url")
    view.apply_nodes.click()
    assert shown_errors and "not a node address" in shown_errors[0][1]
    assert wallet.settings.nodes != []


def test_lock_now_then_unlock(qtbot, wallet, open_window):
    window = open_window(wallet)
    records_view = window.views["records"]
    with qtbot.waitSignal(window.locked, timeout=TIMEOUT_MS):
        window.views["settings"].lock_button.click()
    wait_quiet(qtbot)
    assert window.session.wallet is None and isinstance(window.pages.currentWidget(), UnlockView)
    assert records_view.model.rows == [] and window.network_label.text() == "Locked"
    unlock = window.unlock_view
    qtbot.keyClicks(unlock.passphrase, "wrong passphrase")
    unlock.button.click()
    qtbot.waitUntil(lambda: bool(unlock.error.text()), timeout=TIMEOUT_MS)
    assert "not correct" in unlock.error.text() and unlock.button.isEnabled()
    unlock.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.wallet_shown, timeout=TIMEOUT_MS):
        unlock.button.click()
    assert window.session.wallet is not None and window.pages.currentWidget() is window.wallet_page


def test_auto_lock_after_inactivity_and_its_setting(qtbot, wallet, open_window):
    window = open_window(wallet)
    view = window.views["settings"]
    assert view.auto_lock.value() == 10 and window.inactivity.active
    view.auto_lock.setValue(3)
    view.save_auto_lock()
    wait_quiet(qtbot)
    assert json.loads((wallet.dir / "settings.json").read_text())["auto_lock_minutes"] == 3
    window.inactivity.set_interval(200)  # what 3 minutes would do, in 0.2 s
    with qtbot.waitSignal(window.locked, timeout=TIMEOUT_MS):
        pass
    assert window.session.wallet is None


def test_activity_postpones_auto_lock(qtbot, wallet, open_window):
    window = open_window(wallet)
    window.inactivity.set_interval(400)
    for _ in range(4):
        qtbot.wait(150)
        qtbot.keyClick(window.views["records"].table, "a")
    assert window.session.wallet is not None
    qtbot.waitSignal(window.locked, timeout=TIMEOUT_MS).wait()


def test_credentials_placeholder(qtbot, wallet, open_window):
    window = open_window(wallet)
    window.show_section("credentials")
    view = window.views["credentials"]
    assert view.isVisible() and "issuer" in view.text.text()
    assert view.table.rowCount() == 0
