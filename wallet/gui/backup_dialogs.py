"""Backups in the window: the guardians dialog (split the seed into SLIP-39 shares, shown once,
one guardian at a time), the phrase check, the restore-from-shares dialog, and the reminder bar.

The dialogs only render :mod:`wallet.core.keys.guardians` and :mod:`wallet.core.backup`;
hashing and splitting run through ops, never on the GUI thread.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import backup
from ..core.errors import WrongPassphrase
from ..core.keys import guardians
from ..core.protection import PassphraseNeededToShow, guardian_shares
from .i18n import _
from .ops import Op


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def ask_printer(parent: QWidget | None):
    """The system's print dialog; a printer, or None when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    return printer if QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted else None


class GuardiansDialog(QDialog):
    """Name the guardians and how many are needed; then each share, once, one at a time."""

    def __init__(self, parent: QWidget | None, wallet, printer_factory=None) -> None:
        super().__init__(parent)
        self.wallet = wallet
        self.printer_factory = printer_factory or ask_printer
        self.printed: list[int] = []  # share numbers sent to a printer
        self.shares: list[guardians.GuardianShare] = []
        self.position = 0
        self.setWindowTitle(_("Guardians"))
        self.setAccessibleName(_("Guardians"))
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.pages.addWidget(self._names_page())
        self.pages.addWidget(self._share_page())
        self.error = _label()
        self.error.setObjectName("fieldError")
        layout.addWidget(self.error)

    def _names_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(_("Guardians are people you trust (family, a friend, your doctor). Each gets a share "
                                  "of your wallet; together, enough of them can restore it if you lose your "
                                  "recovery phrase. One share alone reveals nothing.")))
        self.names = QPlainTextEdit()
        self.names.setAccessibleName(_("Guardians' names, one per line"))
        self.names.setPlaceholderText(_("One name per line"))
        self.threshold = QSpinBox()
        self.threshold.setRange(2, guardians.MAX_GUARDIANS)
        self.threshold.setAccessibleName(_("Guardians needed to restore"))
        form = QFormLayout()
        form.addRow(_("&Guardians:"), self.names)
        form.addRow(_("&Needed to restore:"), self.threshold)
        self.passphrase = QLineEdit()  # proves it is the patient before any share is made or shown
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Wallet passphrase"))
        self.passphrase.returnPressed.connect(self.make_shares)
        if self.wallet.keystore.has_passphrase:
            form.addRow(_("Wallet &passphrase:"), self.passphrase)
        else:
            self.passphrase.hide()
        layout.addLayout(form)
        self.create_button = QPushButton(_("&Make the shares"))
        self.create_button.clicked.connect(self.make_shares)
        layout.addWidget(self.create_button)
        return page

    def _share_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.share_title = _label()
        self.share_title.setObjectName("viewTitle")
        self.share_words = _label()
        self.share_words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.share_words.setFont(QFont("monospace"))
        self.share_words.setAccessibleName(_("Share words"))
        layout.addWidget(self.share_title)
        layout.addWidget(_label(_("Write these 33 words down for this guardian only, in order, or print this page. "
                                  "Medwallet keeps no copy and will not show them again.")))
        layout.addWidget(self.share_words)
        row = QHBoxLayout()
        self.print_button = QPushButton(_("&Print this share…"))
        self.print_button.setAccessibleName(_("Print this guardian's share"))
        self.print_button.clicked.connect(self.print_share)
        self.next_button = QPushButton(_("&Next guardian"))
        self.next_button.clicked.connect(self.next_share)
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        return page

    def print_share(self) -> None:
        """One page for this guardian: whose share, how many are needed, the 33 numbered words."""
        from PySide6.QtGui import QTextDocument

        printer = self.printer_factory(self)
        if printer is None or not self.shares:
            return
        share = self.shares[self.position]
        words = "".join(f"<tr><td>{i}.</td><td><b>{escape(w)}</b></td></tr>"
                        for i, w in enumerate(share.words.split(), start=1))
        document = QTextDocument()
        heading = _("Medwallet guardian share {n} of {count}").format(n=share.number, count=share.count)
        note = _("For {name}. Any {needed} guardians together can restore the wallet; keep this page safe and give "
                 "it to no one else.").format(name=share.guardian, needed=share.threshold)
        document.setHtml(f"<h2>{escape(heading)}</h2><p>{escape(note)}</p><table>{words}</table>")
        document.print_(printer)
        self.printed.append(share.number)

    def make_shares(self) -> None:
        names = [n for n in self.names.toPlainText().splitlines() if n.strip()]
        wallet, threshold, secret = self.wallet, self.threshold.value(), self.passphrase.text() or None
        self.error.clear()
        Op(self, lambda ctx: guardian_shares(wallet, secret, names, threshold)).success(
            self._made).failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        from .errors import user_message

        self.error.setText(user_message(exc) or str(exc))
        if isinstance(exc, (PassphraseNeededToShow, WrongPassphrase)):
            self.passphrase.selectAll()
            self.passphrase.setFocus()

    def _made(self, shares: list[guardians.GuardianShare]) -> None:
        self.passphrase.clear()
        self.shares, self.position = shares, 0
        self.pages.setCurrentIndex(1)
        self._show_share()

    def _show_share(self) -> None:
        share = self.shares[self.position]
        self.share_title.setText(_("Share {n} of {count}, for {name} ({needed} needed)").format(
            n=share.number, count=share.count, name=share.guardian, needed=share.threshold))
        words = share.words.split()
        self.share_words.setText("\n".join("   ".join(f"{i + 1:2d}. {w:<10}" for i, w in
                                                      enumerate(words[row:row + 3], start=row))
                                           for row in range(0, len(words), 3)))
        last = self.position == len(self.shares) - 1
        self.next_button.setText(_("&Done") if last else _("&Next guardian"))

    def next_share(self) -> None:
        if self.position < len(self.shares) - 1:
            self.position += 1
            self._show_share()
        else:
            self.accept()

    def done(self, result: int) -> None:  # Qt override: forget the shares whichever way it closes
        self.shares = []
        self.share_words.clear()
        super().done(result)


class PhraseCheckDialog(QDialog):
    """Three words of the recovery phrase, asked back; a match records the check."""

    def __init__(self, parent: QWidget | None, wallet) -> None:
        super().__init__(parent)
        self.wallet = wallet
        self.setWindowTitle(_("Check your recovery phrase"))
        layout = QVBoxLayout(self)
        layout.addWidget(_label(_("Type these words of your recovery phrase, from your written copy.")))
        form = QFormLayout()
        self.inputs: dict[int, QLineEdit] = {}
        for position in backup.check_positions():
            field = QLineEdit()
            field.setAccessibleName(_("Word {n}").format(n=position))
            self.inputs[position] = field
            form.addRow(_("Word {n}:").format(n=position), field)
        layout.addLayout(form)
        self.error = _label()
        layout.addWidget(self.error)
        self.check_button = QPushButton(_("&Check"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        layout.addWidget(self.check_button)

    def check(self) -> None:
        answers = {p: f.text() for p, f in self.inputs.items()}
        wallet = self.wallet
        Op(self, lambda ctx: backup.check_words(wallet, answers)).success(lambda _r: self.accept()).failure(
            lambda exc: self.error.setText(str(exc))).run()


class SharesDialog(QDialog):
    """Guardians' shares typed or pasted; on success :attr:`phrase` holds the rebuilt words."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.phrase = ""
        self.setWindowTitle(_("Restore from guardians' shares"))
        layout = QVBoxLayout(self)
        layout.addWidget(_label(_("Type or paste the shares your guardians kept, one per line or separated by an "
                                  "empty line.")))
        self.shares = QPlainTextEdit()
        self.shares.setAccessibleName(_("Guardians' shares"))
        layout.addWidget(self.shares)
        self.error = _label()
        layout.addWidget(self.error)
        self.recover_button = QPushButton(_("&Rebuild my recovery phrase"))
        self.recover_button.setDefault(True)
        self.recover_button.clicked.connect(self.recover)
        layout.addWidget(self.recover_button)

    def recover(self) -> None:
        text = self.shares.toPlainText()
        Op(self, lambda ctx: guardians.recover_phrase(guardians.shares_from_text(text)), serial=False).success(
            self._recovered).failure(lambda exc: self.error.setText(str(exc))).run()

    def _recovered(self, phrase: str) -> None:
        self.phrase = phrase
        self.shares.clear()
        self.accept()


class BackupReminder(QFrame):
    """"Your recovery phrase was never checked": shown until checked, guardians made, or put off."""

    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessBanner")
        layout = QHBoxLayout(self)
        self.text = _label()
        self.text.setAccessibleName(_("Backup reminder"))
        self.check_button = QPushButton(_("&Back up now"))
        self.check_button.clicked.connect(self.check_requested)
        self.later_button = QPushButton(_("Remind me &later"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.check_button)
        layout.addWidget(self.later_button)
        self.hide()

    def show_status(self, state: backup.BackupStatus) -> None:
        if not state.remind:
            self.hide()
            return
        self.text.setText(_("Your recovery phrase was never checked. If this computer is lost, it is the only way "
                            "back to your records.") if state.state == "never" else
                          _("You have not checked your recovery phrase for months. Check it, or give shares to "
                            "guardians."))
        self.show()


class BackupGroup(QGroupBox):
    """The settings' "Backup" group: the status, the phrase check and the guardians."""

    changed = Signal(object)  # the new backup.BackupStatus

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(_("Backup"), parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.state = _label()
        self.state.setAccessibleName(_("Backup status"))
        layout.addWidget(self.state)
        row = QHBoxLayout()
        self.check_button = QPushButton(_("Check my recovery &phrase…"))
        self.check_button.clicked.connect(lambda: self._open(PhraseCheckDialog))
        self.guardians_button = QPushButton(_("&Guardians…"))
        self.guardians_button.setAccessibleName(_("Give shares of your wallet to guardians"))
        self.guardians_button.clicked.connect(lambda: self._open(GuardiansDialog))
        row.addWidget(self.check_button)
        row.addWidget(self.guardians_button)
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self) -> None:
        wallet = self.ctx.wallet
        if wallet is not None:
            Op(self, lambda ctx: backup.status(wallet.db), serial=False).success(self._show).run()

    def _show(self, state: backup.BackupStatus) -> None:
        text = {"ok": _("Backed up."), "never": _("Your recovery phrase was never checked."),
                "stale": _("Your recovery phrase was last checked long ago.")}[state.state]
        if state.guardians:
            text += " " + _("{needed} of your {count} guardians can restore this wallet.").format(
                needed=state.threshold, count=state.guardians)
        self.state.setText(text)
        self.changed.emit(state)

    def _open(self, kind) -> None:
        if self.ctx.wallet is None:
            return
        self.dialog = kind(self, self.ctx.wallet)
        self.dialog.finished.connect(lambda _r: self.refresh())
        self.dialog.open()
