"""Alerts in the window against a real node: a first read by an institution leads the new-access
notice as an alert (once), the access log marks it and filters to the events that raised one."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.gui.access_log_view import EventsModel as M

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


def test_first_read_alerts_once_and_filters(qtbot, wallet, clinic, open_window, tmp_path):
    wallet.settings.alert_night = [0, 0]  # no night: the test does not depend on the hour it runs at
    rec = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"), title="Letter").record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    window = open_window(wallet, poll_interval_ms=150)
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=TIMEOUT_MS)
    assert f"Alert: first read by {clinic.name}" in window.banner.text.text()
    window.banner.close_button.click()
    clinic.read(decode_grant(granted.code), tmp_path / "desk2")  # a second read is no first read
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=TIMEOUT_MS)
    assert "Alert" not in window.banner.text.text() and clinic.name in window.banner.text.text()
    window.show_section("access")
    view = window.views["access"]
    wait_quiet(qtbot)
    # two reads (each row folds the envelope fetch that served it, as main's grouped access log does)
    qtbot.waitUntil(lambda: view.proxy.rowCount() >= 2, timeout=TIMEOUT_MS)
    view.outcome_filter.setCurrentIndex(view.outcome_filter.findData("alert"))
    shown = view.proxy.visible_rows()
    assert shown and all(r["alerts"] == ["first_read"] for r in shown)
    assert len(shown) == 1
    outcome = view.proxy.index(0, M.OUTCOME)
    assert outcome.data() == "Read" and "Alert: first read" in outcome.data(Qt.ItemDataRole.ToolTipRole)


def test_the_background_checker_is_turned_off_and_on_in_settings(qtbot, wallet, open_window, tmp_path,
                                                                   monkeypatch):
    from wallet.core.audit import checker

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / checker.AUTOSTART_FILE
    window = open_window(wallet)
    window.show_section("settings")
    box = window.settings_view.alerts.background
    assert box.isEnabled() and not box.isChecked()  # off until the patient turns it on (it adds a login item)
    box.setChecked(True)
    qtbot.waitUntil(lambda: entry.exists() and checker.enabled(wallet.dir), timeout=TIMEOUT_MS)
    assert str(wallet.dir) in entry.read_text("utf-8")
    box.setChecked(False)
    qtbot.waitUntil(lambda: not checker.enabled(wallet.dir), timeout=TIMEOUT_MS)
    assert not entry.exists()
