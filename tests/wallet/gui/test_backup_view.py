"""Backups in the window against a real node: the reminder for a never-checked phrase (put off,
then gone after the phrase check), guardians' shares shown once each and rebuilding the phrase,
and a wallet restored in the wizard from two guardians' shares."""

from __future__ import annotations

import re

from tests.wallet.conftest import PASSPHRASE
from wallet.core import backup, importing
from wallet.core.keys import guardians
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.gui.main_window import MainWindow
from wallet.gui.session import WalletSession

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf

PASS = "a passphrase for the guardians"


def share_words(dialog) -> str:
    return " ".join(re.findall(r"\d+\. (\S+)", dialog.share_words.text()))


def test_reminder_later_then_phrase_check(qtbot, wallet, open_window):
    window = open_window(wallet)
    qtbot.waitUntil(lambda: window.backup_reminder.isVisible(), timeout=TIMEOUT_MS)
    assert "never checked" in window.backup_reminder.text.text()
    window.backup_reminder.later_button.click()
    wait_quiet(qtbot)
    assert not window.backup_reminder.isVisible() and backup.status(wallet.db).remind is False
    window.backup_reminder.check_requested.emit()
    assert window.stack.currentWidget() is window.settings_view
    group = window.settings_view.backup
    group.check_button.click()
    dialog = group.dialog
    words = wallet.keys.phrase().split()
    first = next(iter(dialog.inputs))
    for position, field in dialog.inputs.items():
        field.setText("wrong" if position == first else words[position - 1])
    dialog.check_button.click()
    qtbot.waitUntil(lambda: "do not match" in dialog.error.text(), timeout=TIMEOUT_MS)
    dialog.inputs[first].setText(words[first - 1])
    dialog.check_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: group.state.text() == "Backed up.", timeout=TIMEOUT_MS)
    assert backup.status(wallet.db).state == "ok"


def test_guardians_get_one_share_each_and_two_rebuild_the_phrase(qtbot, wallet, open_window, tmp_path):
    window = open_window(wallet)
    qtbot.waitUntil(lambda: window.backup_reminder.isVisible(), timeout=TIMEOUT_MS)
    window.show_section("settings")
    group = window.settings_view.backup
    group.guardians_button.click()
    dialog = group.dialog
    dialog.names.setPlainText("Ana\nAna\n")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: "name of their own" in dialog.error.text(), timeout=TIMEOUT_MS)
    dialog.names.setPlainText("Ana\nBen\nChloé\n")
    dialog.threshold.setValue(2)
    assert dialog.passphrase.isVisibleTo(dialog)  # the patient proves it is them before any share is made
    dialog.create_button.click()
    qtbot.waitUntil(lambda: "passphrase" in dialog.error.text(), timeout=TIMEOUT_MS)
    dialog.passphrase.setText("not the passphrase")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: "passphrase is not correct" in dialog.error.text(), timeout=TIMEOUT_MS)
    assert dialog.pages.currentIndex() == 0 and dialog.shares == [] and guardians.current(wallet.db) is None
    dialog.passphrase.setText(PASSPHRASE)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=TIMEOUT_MS)
    assert dialog.passphrase.text() == ""
    pdf = tmp_path / "share-1.pdf"

    def to_pdf(_parent):
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return printer
    dialog.printer_factory = to_pdf
    seen = []
    for name in ("Ana", "Ben", "Chloé"):
        assert f"for {name} (2 needed)" in dialog.share_title.text()
        seen.append(share_words(dialog))
        if name == "Ana":
            dialog.print_button.click()  # a printed page for the first guardian
        dialog.next_button.click()
    assert dialog.printed == [1] and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    assert not dialog.isVisible() and dialog.shares == [] and dialog.share_words.text() == ""
    assert len(set(seen)) == 3 and all(len(s.split()) == 33 for s in seen)
    assert guardians.recover_phrase([seen[2], seen[0]]) == wallet.keys.phrase()
    qtbot.waitUntil(lambda: "2 of your 3 guardians" in group.state.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.backup_reminder.isVisible(), timeout=TIMEOUT_MS)


def test_restore_from_guardians_shares_in_the_wizard(qtbot, make_wallet, shared_node, dialogs, tmp_path):
    original = make_wallet("original")
    importing.import_file(original, write_pdf(tmp_path / "scan.pdf"), title="Old scan")
    shares = guardians.create(original.db, original.keys.seed, ["Ana", "Ben", "Chloé"], 2)
    window = MainWindow(WalletSession(tmp_path / "restored", kdf_limits=ARGON2_MIN), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.onboarding is not None and window.onboarding.isVisible(), timeout=TIMEOUT_MS)
        wizard = window.onboarding
        wizard.restore_button.click()
        wizard.shares_button.click()
        sheet = wizard.shares_dialog
        sheet.shares.setPlainText(shares[1].words)
        sheet.recover_button.click()
        qtbot.waitUntil(lambda: "2 guardians' shares are needed" in sheet.error.text(), timeout=TIMEOUT_MS)
        sheet.shares.setPlainText(shares[1].words + "\n\n" + shares[2].words)
        sheet.recover_button.click()
        qtbot.waitUntil(lambda: not sheet.isVisible(), timeout=TIMEOUT_MS)
        assert wizard.phrase_input.toPlainText() == original.keys.phrase()
        wizard.next_button.click()
        wizard.remote_radio.setChecked(True)
        wizard.nodes_input.setText(shared_node.url)
        wizard.next_button.click()
        qtbot.waitUntil(lambda: wizard.machine.keyring_available is not None, timeout=TIMEOUT_MS)
        wizard.passphrase_input.setText(PASS)
        wizard.repeat_input.setText(PASS)
        with qtbot.waitSignal(window.wallet_shown, timeout=TIMEOUT_MS):
            wizard.next_button.click()
        view = window.views["records"]
        qtbot.waitUntil(lambda: [r["title"] for r in view.model.rows] == ["Old scan"], timeout=TIMEOUT_MS)
        wait_quiet(qtbot)
        assert not window.backup_reminder.isVisible()  # restored from shares: the phrase is known
    finally:
        window.shutdown()
