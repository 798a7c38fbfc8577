"""Unlock: the passphrase when the keyring does not open the vault (or after a lock).

The words fit how the vault is kept (:meth:`configure`): a passphrase-only wallet asks for
its passphrase and, for a patient's wallet, offers the way out of a forgotten one (restore
from the 24 words, the old folder kept aside)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .assets import icon
from .i18n import _


class UnlockView(QWidget):
    unlock_requested = Signal(str)  # the passphrase as typed ("" to try the keyring alone)
    forgot_requested = Signal()  # restore from the recovery phrase instead

    def __init__(self, title: str, parent: QWidget | None = None, *, noun: str = "wallet") -> None:
        super().__init__(parent)
        self.noun = noun
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        picture = QLabel()
        picture.setPixmap(icon("lock").pixmap(72, 72))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        heading = QLabel(title)
        heading.setObjectName("viewTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        self.hint = QLabel(_("Type the {noun}'s passphrase. If the system keyring holds its key, just press "
                             "Unlock.").format(noun=_(noun)))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.hint)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.passphrase.setMaximumWidth(360)
        self.passphrase.returnPressed.connect(self._submit)
        layout.addWidget(self.passphrase, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton(icon("lock", on_accent=True), _("&Unlock"))
        self.button.setProperty("primary", True)
        self.button.setAccessibleName(_("Unlock"))
        self.button.clicked.connect(self._submit)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.error)
        self.forgot_button = QPushButton(_("Forgot your passphrase? Restore the wallet from your 24 recovery words"))
        self.forgot_button.setObjectName("linkButton")
        self.forgot_button.setAccessibleName(_("Forgot the passphrase: restore the wallet from the recovery phrase"))
        self.forgot_button.clicked.connect(self.forgot_requested)
        self.forgot_button.hide()
        layout.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def configure(self, *, keyring: bool, passphrase: bool, can_restore: bool) -> None:
        """Words for how the vault is kept (its header says, no secret read)."""
        noun = _(self.noun)
        if passphrase and not keyring:
            text = _("Type your passphrase to open your {noun}.").format(noun=noun)
        elif passphrase:
            text = _("The system keyring did not open your {noun} here. Type your passphrase.").format(noun=noun)
        else:
            text = _("Your {noun}'s key is in the system keyring, which does not answer now. Log in to your desktop "
                     "session (or unlock its keyring), then press Unlock.").format(noun=noun)
        self.hint.setText(text)
        self.passphrase.setVisible(passphrase)
        self.forgot_button.setVisible(can_restore)

    def _submit(self) -> None:
        self.set_busy(True)
        self.error.clear()
        self.unlock_requested.emit(self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.button.setText(_("Unlocking…") if busy else _("&Unlock"))

    def failed(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def reset(self) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.error.clear()
        self.passphrase.setFocus()
