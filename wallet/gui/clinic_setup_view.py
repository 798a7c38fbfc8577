"""First start of a clinic desk: the institution's name, its network, and (on a local
network, where the desk holds it) the governance key that registers the desk at once."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..core.onboarding import check_passphrase, parse_nodes
from .i18n import N_, _
from .ops import Op

KINDS = (("clinic", N_("Clinic")), ("hospital", N_("Hospital")), ("lab", N_("Laboratory")),
         ("pharmacy", N_("Pharmacy")), ("insurer", N_("Insurer")), ("research", N_("Research study")),
         ("other", N_("Other")))  # the ledger's kinds


class ClinicSetupView(QWidget):
    desk_created = Signal()

    def __init__(self, session, dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.dialogs = session, dialogs
        layout = QVBoxLayout(self)
        heading = QLabel(_("Set up this clinic desk"))
        heading.setObjectName("viewTitle")
        layout.addWidget(heading)
        intro = QLabel(_("The desk gets its own institution keys. Patients find it in the network's directory once "
                         "the network's governance has registered it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(_(label), key)
        self.nodes = QLineEdit(os.environ.get("MEDWALLET_NODES", ""))
        self.governance = QLineEdit()
        self.passphrase = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.passphrase, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        browse = QPushButton(_("&Browse…"))
        browse.setAccessibleName(_("Choose the governance key file"))
        browse.clicked.connect(self._browse)
        key_row = QHBoxLayout()
        key_row.addWidget(self.governance, 1)
        key_row.addWidget(browse)
        for text, widget, accessible, row in (
                (_("Institution &name:"), self.name, _("Institution name"), None),
                (_("&Kind:"), self.kind, _("Kind of institution"), None),
                (_("Node &addresses:"), self.nodes, _("Node addresses"), None),
                (_("&Governance key (local networks):"), self.governance, _("Governance key file"), key_row),
                (_("Pass&phrase (without a keyring):"), self.passphrase, _("Passphrase"), None),
                (_("&Repeat:"), self.repeat, _("Repeat passphrase"), None)):
            widget.setAccessibleName(accessible)
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, row if row is not None else widget)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.create_button = QPushButton(_("&Create the desk"))
        self.create_button.setProperty("primary", True)
        self.create_button.setAccessibleName(_("Create the clinic desk"))
        self.create_button.clicked.connect(self.create_desk)
        layout.addWidget(self.create_button)
        layout.addStretch(1)

    def _browse(self) -> None:
        path = self.dialogs.open_file(self, _("Governance key"), _("Key files (*.key);;All files (*)"))
        if path is not None:
            self.governance.setText(str(path))

    def create_desk(self) -> None:
        from ..core.errors import WalletError

        name = self.name.text().strip()
        try:
            if not name:
                raise WalletError(_("Enter the institution's name, as patients will see it."))
            nodes = list(parse_nodes(self.nodes.text()))
            passphrase = self.passphrase.text() or None
            if passphrase:
                check_passphrase(passphrase, self.repeat.text())
        except WalletError as exc:
            self.error.setText(_(exc.message))
            return
        self.error.clear()
        self.create_button.setEnabled(False)
        session, kind = self.session, self.kind.currentData()
        key = Path(self.governance.text().strip()) if self.governance.text().strip() else None
        Op(self, lambda ctx: session.create(name, kind, nodes, governance_key=key, passphrase=passphrase)).success(
            lambda _desk: self.desk_created.emit()).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        from .errors import show_error

        self.create_button.setEnabled(True)
        show_error(self, exc)
