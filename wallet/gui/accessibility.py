"""Keyboard and screen-reader help: names for the buttons Qt makes, shortcuts beside mnemonics."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox


def name_standard_buttons(box: QDialogButtonBox) -> None:
    """Give each button of ``box`` its visible text (without the mnemonic) as accessible name."""
    for button in box.buttons():
        if not button.accessibleName():
            button.setAccessibleName(button.text().replace("&", ""))


def add_shortcut(button: QAbstractButton, sequence: QKeySequence | str) -> QShortcut:
    """A second key for ``button`` beside its Alt mnemonic (``setShortcut`` would replace it)."""
    shortcut = QShortcut(QKeySequence(sequence), button)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(lambda: button.animateClick() if button.isEnabled() and button.isVisible() else None)
    return shortcut
