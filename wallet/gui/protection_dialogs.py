"""Settings' two protection dialogs: show the recovery phrase again (after the passphrase,
or a new look at the keyring) and change the passphrase. Both run the core's
:mod:`wallet.core.protection` on a worker; the words leave the screen with the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .accessibility import name_standard_buttons
from .i18n import _
from .ops import Op


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class PhraseDialog(QDialog):
    """'Type your passphrase' (when the wallet has one), then the 24 words."""

    def __init__(self, parent: QWidget | None, wallet, has_passphrase: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Your recovery phrase"))
        self._wallet = wallet
        layout = QVBoxLayout(self)
        self.intro = QLabel(_("Type your passphrase to see your 24 recovery words. Make sure no one is looking at "
                              "your screen.") if has_passphrase else
                            _("Medwallet checks with the system keyring once more, then shows your 24 recovery "
                              "words. Make sure no one is looking at your screen."))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.passphrase = _password_field(_("Passphrase"))
        self.passphrase.setVisible(has_passphrase)
        self.passphrase.returnPressed.connect(self.reveal)
        layout.addWidget(self.passphrase)
        grid_box = QWidget()
        grid_box.setObjectName("phraseGrid")
        grid_box.setAccessibleName(_("The 24 recovery words"))
        grid = QGridLayout(grid_box)
        self.words: list[QLabel] = []
        for i in range(24):
            label = QLabel()
            label.setObjectName("phraseWord")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(label, i % 6, i // 6)
            self.words.append(label)
        grid_box.hide()
        self.grid_box = grid_box
        layout.addWidget(grid_box)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_button = self.buttons.addButton(_("&Show the words"), QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button.setAccessibleName(_("Show the recovery words"))
        self.show_button.clicked.connect(self.reveal)
        self.buttons.rejected.connect(self.reject)
        name_standard_buttons(self.buttons)
        layout.addWidget(self.buttons)
        self.finished.connect(lambda _r: self._forget())

    def reveal(self) -> None:
        from ..core.protection import reveal_phrase

        wallet, secret = self._wallet, self.passphrase.text() or None
        self.show_button.setEnabled(False)
        self.error.clear()
        Op(self, lambda ctx: reveal_phrase(wallet, secret)).success(self._shown).failure(self._refused).run()

    def _shown(self, phrase: str) -> None:
        for i, (label, word) in enumerate(zip(self.words, phrase.split(), strict=True)):
            label.setText(f"{i + 1:2d}. {word}")
        self.passphrase.clear()
        self.passphrase.hide()
        self.show_button.hide()
        self.grid_box.show()
        self.intro.setText(_("Write these 24 words down on paper, in order, and keep them safe."))

    def _refused(self, exc: BaseException) -> None:
        from .errors import show_error, user_message

        self.show_button.setEnabled(True)
        text = user_message(exc)
        if text is None:
            show_error(self, exc)
            return
        self.error.setText(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _forget(self) -> None:
        for label in self.words:
            label.clear()
        self.passphrase.clear()


class PassphraseDialog(QDialog):
    """The current passphrase (if there is one), then the new one twice."""

    def __init__(self, parent: QWidget | None, wallet, has_passphrase: bool, kdf_limits=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change the passphrase") if has_passphrase else _("Set a passphrase"))
        self._wallet, self._limits = wallet, kdf_limits
        layout = QVBoxLayout(self)
        note = QLabel(_("The passphrase opens your wallet on this computer. Choose at least 8 characters; a few "
                        "unrelated words are easy to remember and hard to guess."))
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.current = _password_field(_("Current passphrase"))
        self.new = _password_field(_("New passphrase"))
        self.repeat = _password_field(_("Repeat the new passphrase"))
        if has_passphrase:
            form.addRow(_("&Current passphrase:"), self.current)
        else:
            self.current.hide()
        form.addRow(_("&New passphrase:"), self.new)
        form.addRow(_("&Repeat it:"), self.repeat)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = self.buttons.addButton(_("C&hange"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.setAccessibleName(_("Change the passphrase"))
        self.change_button.clicked.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        name_standard_buttons(self.buttons)
        layout.addWidget(self.buttons)

    def change(self) -> None:
        from ..core.protection import change_passphrase

        wallet, limits = self._wallet, self._limits
        current, new, repeat = self.current.text(), self.new.text(), self.repeat.text()
        self.change_button.setEnabled(False)
        self.error.clear()
        Op(self, lambda ctx: change_passphrase(wallet, current, new, repeat, kdf_limits=limits)).success(
            lambda _r: self.accept()).failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        from .errors import show_error, user_message

        self.change_button.setEnabled(True)
        text = user_message(exc)
        if text is None:
            show_error(self, exc)
            return
        self.error.setText(text)

    def done(self, result: int) -> None:  # Qt override: the passphrases leave memory with the dialog
        for field in (self.current, self.new, self.repeat):
            field.clear()
        super().done(result)
