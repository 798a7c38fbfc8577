"""Every interactive widget has an accessible name, and the windows work from the
keyboard: section shortcuts, mnemonics, button shortcuts, tab order."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.onboarding import Step
from wallet.core.records import library
from wallet.gui.grant_dialog import GrantDialog
from wallet.gui.main_window import MainWindow
from wallet.gui.qr_dialog import QrDialog
from wallet.gui.session import WalletSession

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


def unnamed(root: QWidget) -> list[str]:
    """Interactive widgets under ``root`` that a screen reader could not name."""
    missing = []
    for widget in root.findChildren(QWidget):
        parent = widget.parentWidget()
        if _inside_popup(widget) or isinstance(widget, QHeaderView):
            continue  # a combo box's list or a date edit's calendar: named by their owner
        if isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin box or combo box: the outer widget carries the name
        if isinstance(widget, (QPushButton, QRadioButton, QCheckBox)):
            if not (widget.accessibleName() or widget.text().replace("&", "").strip()):
                missing.append(f"{type(widget).__name__} in {type(parent).__name__}")
        elif (isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit))
              and not widget.accessibleName()):
            missing.append(f"{type(widget).__name__} in {type(parent).__name__}")
    return missing


def _inside_popup(widget: QWidget) -> bool:
    while widget is not None:
        if widget.windowType() == Qt.WindowType.Popup or type(widget).__name__.startswith("QCalendar"):
            return True
        widget = widget.parentWidget()
    return False


def test_wallet_views_and_dialogs_are_named(qtbot, wallet, clinic, open_window, open_desk, dialogs, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf")).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    window = open_window(wallet)
    assert unnamed(window) == []
    grant = GrantDialog(window, wallet, library.list_records(wallet))
    qr = QrDialog(window, granted.code, "caption", dialogs)
    wait_quiet(qtbot)
    assert unnamed(grant) == [] and unnamed(qr) == []
    grant.deleteLater()
    qr.deleteLater()
    from wallet.gui.shl_reader_view import ShlReaderDialog
    reader = ShlReaderDialog(dialogs, folder=lambda: tmp_path, keep=lambda contents: None)
    assert unnamed(reader) == []
    reader.deleteLater()
    desk = open_desk(clinic)
    assert unnamed(desk) == []


def test_onboarding_is_named_and_keyboard_driven(qtbot, dialogs, tmp_path):
    window = MainWindow(WalletSession(tmp_path / "w"), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.onboarding is not None and window.onboarding.isVisible(), timeout=TIMEOUT_MS)
    wizard = window.onboarding
    assert unnamed(wizard) == []
    with qtbot.waitActive(window):
        window.activateWindow()
    assert wizard.create_button.hasFocus()
    qtbot.keyClick(wizard.create_button, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Restore
    qtbot.waitUntil(lambda: wizard.machine.step == Step.ENTER_PHRASE, timeout=2000)
    assert wizard.phrase_input.hasFocus()
    qtbot.keyClick(wizard.phrase_input, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # < &Back
    qtbot.waitUntil(lambda: wizard.machine.step == Step.CHOOSE, timeout=2000)
    wait_quiet(qtbot)
    window.shutdown()


def test_main_window_keyboard(qtbot, wallet, open_window, dialogs):
    window = open_window(wallet)
    with qtbot.waitActive(window):
        window.activateWindow()
    assert window.sections.hasFocus()
    for number, key in ((3, "access"), (5, "settings"), (2, "consent"), (1, "records")):
        qtbot.keyClick(window.sections, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is window.views[key], key
    view = window.views["records"]
    qtbot.keyClick(window.sections, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # Ctrl+I: import
    qtbot.waitUntil(lambda: dialogs.asked == ["open_files"], timeout=2000)
    qtbot.keyClick(window.sections, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # Alt+I: the mnemonic
    qtbot.waitUntil(lambda: dialogs.asked == ["open_files"] * 2, timeout=2000)
    # Tab walks from the section list into the view: its buttons, then the table
    chain, widget = [], window.sections
    for _ in range(12):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled()):
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert view.import_button in chain and view.table in chain
    assert chain.index(view.import_button) < chain.index(view.table)
    for button in (view.import_button, view.open_button, view.delete_button, window.views["consent"].grant_button,
                   window.views["consent"].revoke_button, window.views["settings"].lock_button,
                   window.views["access"].export_button):
        assert "&" in button.text(), button.text()
    qtbot.keyClick(window.sections, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L: lock
    qtbot.waitUntil(lambda: window.session.wallet is None, timeout=2000)
    wait_quiet(qtbot)
    assert QApplication.focusWidget() is window.unlock_view.passphrase
