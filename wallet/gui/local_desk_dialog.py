"""'Set up a clinic desk on this computer': the first share on the network of this computer
needs an institution, and there the governance key is at hand, so the patient can make one
here (:func:`wallet.core.desks.local_desk.set_up_local_desk`) and open it with
``medwallet clinic``. Without a keyring the desk's keys need a passphrase of their own."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .accessibility import name_standard_buttons
from .i18n import _
from .ops import Op


class LocalDeskDialog(QDialog):
    desk_created = Signal(str)  # the desk's name

    def __init__(self, parent: QWidget | None, session) -> None:
        super().__init__(parent)
        from ..core.desks.local_desk import DEFAULT_NAME

        self.setWindowTitle(_("Set up a clinic desk on this computer"))
        self.setMinimumWidth(520)  # wrapped texts give no width of their own
        self.session = session
        self.needs_passphrase: bool | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(_("To try sharing, Medwallet can set up a clinic desk on this computer and register it on "
                         "the network of this computer. You then open the desk with “medwallet clinic” and let it "
                         "read your code, as a clinic would."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(_(DEFAULT_NAME))
        self.name.setAccessibleName(_("Name of the desk"))
        self.name.setMaxLength(80)
        form.addRow(_("&Name of the desk:"), self.name)
        self.passphrase = QLineEdit()
        self.repeat = QLineEdit()
        for field, accessible in ((self.passphrase, _("Desk passphrase")), (self.repeat, _("Repeat desk passphrase"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(accessible)
        self.passphrase_label = QLabel(_("Desk &passphrase:"))
        self.passphrase_label.setBuddy(self.passphrase)
        self.repeat_label = QLabel(_("&Repeat it:"))
        self.repeat_label.setBuddy(self.repeat)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        layout.addLayout(form)
        self.note = QLabel(_("Checking the keyring…"))
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton(_("&Set up the desk"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setAccessibleName(_("Set up the clinic desk"))
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.set_up)
        self.buttons.rejected.connect(self.reject)
        name_standard_buttons(self.buttons)
        layout.addWidget(self.buttons)
        self._show_passphrase(False)
        from ..core.protection import keyring_status

        Op(self, lambda ctx: keyring_status(), serial=False).success(self._keyring_known).run()

    def _show_passphrase(self, shown: bool) -> None:
        for widget in (self.passphrase, self.repeat, self.passphrase_label, self.repeat_label):
            widget.setVisible(shown)

    def _keyring_known(self, status) -> None:
        self.needs_passphrase = not status.available
        self._show_passphrase(self.needs_passphrase)
        self.note.setText(_("This computer has no keyring, so the desk's keys need a passphrase of their own "
                            "(at least 8 characters). {why}").format(why=status.reason) if self.needs_passphrase
                          else _("The desk's keys are kept in the system keyring, like your wallet's."))
        self.create_button.setEnabled(True)
        self.adjustSize()  # the passphrase rows and the note changed what the dialog needs

    def set_up(self) -> None:
        from ..core.desks.local_desk import set_up_local_desk
        from ..core.errors import WalletError
        from ..core.onboarding import check_passphrase

        secret = self.passphrase.text() if self.needs_passphrase else None
        try:
            if secret is not None:
                check_passphrase(secret, self.repeat.text())
        except WalletError as exc:
            self.error.setText(_(exc.message))
            return
        self.error.clear()
        self.create_button.setEnabled(False)
        session, name = self.session, self.name.text()

        def work(ctx):
            desk = set_up_local_desk(name, node=session.node(), start_local=session.start_local, passphrase=secret,
                                     kdf_limits=session.kdf_limits)
            created = desk.name
            desk.close()
            return created

        Op(self, work).success(self._created).failure(self._failed).run()

    def _created(self, name: str) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.desk_created.emit(name)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from .errors import show_error

        self.create_button.setEnabled(True)
        show_error(self, exc)
