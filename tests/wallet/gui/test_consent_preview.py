"""The grant dialog's preview against a real node: nothing until an institution and a record are
chosen, then what the institution receives and learns and what the ledger learns, following the
choice (records, purpose) before anything is signed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from wallet.core import importing

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


def test_the_preview_follows_the_choice_before_signing(qtbot, wallet, make_clinic, open_window, tmp_path):
    clinic = make_clinic("Clinique du Lac")
    importing.import_file(wallet, write_pdf(tmp_path / "a.pdf"), title="Letter")
    importing.import_file(wallet, write_pdf(tmp_path / "b.pdf"), title="Scan")
    window = open_window(wallet)
    window.show_section("consent")
    view = window.views["consent"]
    view.grant_button.click()
    qtbot.waitUntil(lambda: view.grant_dialog is not None and view.grant_dialog.isVisible(), timeout=TIMEOUT_MS)
    dialog = view.grant_dialog
    qtbot.waitUntil(lambda: bool(dialog.institutions), timeout=TIMEOUT_MS)
    qtbot.keyClicks(dialog.search, "lac")
    assert dialog.preview.shown is None and dialog.preview.text() == ""
    dialog.record_list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: dialog.preview.shown is not None, timeout=TIMEOUT_MS)
    text = dialog.preview.text()
    assert f"{clinic.name} will receive" in text and "The ledger will learn" in text and "will not learn" in text
    assert len(dialog.preview.shown.records) == 1
    dialog.record_list.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: len(dialog.preview.shown.records) == 2, timeout=TIMEOUT_MS)
    assert "Letter" in dialog.preview.text() and "Scan" in dialog.preview.text()
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("research"))
    qtbot.waitUntil(lambda: dialog.preview.shown.purpose == "research", timeout=TIMEOUT_MS)
    assert wallet.db.query("SELECT * FROM grants") == []  # nothing signed yet
    dialog.reject()
    wait_quiet(qtbot)
