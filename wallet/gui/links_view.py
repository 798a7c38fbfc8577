"""The patient's "Links & evidence" page: thin views over the core's SMART Health Links
(:mod:`wallet.core.shl`), receipts, evidence bundles and printing. Every action runs off the
GUI thread (:class:`.ops.Op`); nothing here holds a link secret (the core derives it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..core.shl import reader, sharing
from .context import ViewContext, WalletView
from .formatting import when
from .i18n import _
from .ops import Op


class LinksView(WalletView):
    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        title = QLabel(_("Links & evidence"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        box = QGroupBox(_("Share a summary with someone who has no desk (SMART Health Link)"))
        form = QFormLayout(box)
        self.label = QLineEdit()
        self.label.setMaxLength(80)
        self.label.setAccessibleName(_("Label shown to the person you share with"))
        self.passcode = QLineEdit()
        self.passcode.setEchoMode(QLineEdit.EchoMode.Password)
        self.passcode.setAccessibleName(_("Passcode of the link (at least 6 characters)"))
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setValue(sharing.DEFAULT_DAYS)
        self.days.setAccessibleName(_("How many days the link lasts"))
        self.uses = QSpinBox()
        self.uses.setRange(1, 1000)
        self.uses.setValue(5)
        self.uses.setAccessibleName(_("How many times the link may be opened"))
        form.addRow(_("&Label:"), self.label)
        form.addRow(_("&Passcode:"), self.passcode)
        form.addRow(_("Lasts (&days):"), self.days)
        form.addRow(_("Opened at most (&times):"), self.uses)
        self.share_button = QPushButton(_("&Make the link"))
        self.share_button.setProperty("primary", True)
        self.share_button.clicked.connect(self.share_summary)
        form.addRow("", self.share_button)
        layout.addWidget(box)
        self.links = QListWidget()
        self.links.setAccessibleName(_("Your SMART Health Links"))
        layout.addWidget(self.links, 1)
        rows = (QHBoxLayout(), QHBoxLayout())  # two rows: the view fits at twice the font
        for number, (text, slot) in enumerate(((_("&Read a SMART Health Link…"), self.read_link),
                                               (_("Keep a clinic &receipt…"), self.keep_receipt),
                                               (_("&Evidence for a regulator…"), self.evidence),
                                               (_("Print access &log…"), self.print_log),
                                               (_("Print records &summary…"), self.print_summary),
                                               (_("E&mergency set…"), self.emergency_set))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            rows[number // 3].addWidget(button)
        for row in rows:
            row.addStretch(1)
            layout.addLayout(row)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.shown: Any = None  # the dialog last opened (a link's QR code, the reader)

    # --- hooks ---------------------------------------------------------------------------

    def wallet_opened(self) -> None:
        self.refresh()

    def wallet_closed(self) -> None:
        self.links.clear()
        self.note.clear()
        self.passcode.clear()

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        wallet = self.ctx.wallet
        if wallet is not None:
            Op(self, lambda ctx: sharing.links(wallet), serial=False).success(self._show_links).run()

    def _show_links(self, rows: list[dict[str, Any]]) -> None:
        self.links.clear()
        for row in rows:
            self.links.addItem(_("{label}: until {until}, opened {uses}/{max}, wrong passcodes {failures}, {status}")
                               .format(label=row["label"] or _("(no label)"), until=when(row["expires_at"]),
                                       uses=row.get("uses"), max=row["max_uses"], failures=row.get("failures"),
                                       status=row.get("status") or ""))

    # --- actions -------------------------------------------------------------------------

    def _run(self, work: Any, done: Any) -> None:
        Op(self, work).success(done).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        from .errors import user_message

        self.note.setText(user_message(exc) or str(exc))

    def share_summary(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        options = {"label": self.label.text().strip(), "passcode": self.passcode.text() or None,
                   "days": self.days.value(), "max_uses": self.uses.value()}
        self.passcode.clear()
        self._run(lambda ctx: sharing.share_summary(wallet, **options), self._shared)

    def _shared(self, shared: sharing.SharedLink) -> None:
        from .qr_dialog import QrDialog

        self.refresh()
        self.shown = QrDialog(self, shared.text, _("Show this code, or send the link; it lasts until {until}").format(
            until=when(shared.expires_at)), self.ctx.dialogs)
        self.shown.open()

    def read_link(self) -> None:
        from .shl_reader_view import ShlReaderDialog

        wallet = self.ctx.wallet
        if wallet is not None:
            self.shown = ShlReaderDialog(self.ctx.dialogs, keep=lambda contents: reader.keep(wallet, contents),
                                         parent=self)
            self.shown.open()

    def _save_path(self, title: str, suggested: str, name_filter: str) -> Path | None:
        path = self.ctx.dialogs.save_file(self, title, suggested, name_filter)
        return Path(path) if path is not None else None

    def keep_receipt(self) -> None:
        from ..core.consent.receipts import keep_receipt

        wallet = self.ctx.wallet
        path = self.ctx.dialogs.open_file(self, _("Open a clinic's receipt"), _("FHIR JSON (*.json)"))
        if wallet is not None and path is not None:
            self._run(lambda ctx: keep_receipt(wallet, Path(path)),
                      lambda report: self.note.setText(_("Receipt checked on the ledger and kept.")))

    def evidence(self) -> None:
        from ..core.audit.evidence import patient_evidence

        wallet = self.ctx.wallet
        path = self._save_path(_("Save the evidence bundle"), "medwallet-evidence.json", _("JSON (*.json)"))
        if wallet is not None and path is not None:
            self._run(lambda ctx: patient_evidence(wallet, path), lambda report: self.note.setText(
                _("Evidence of %n event(s) saved; anyone can check it with medwallet-evidence.", None,
                  len(report.events))))

    def print_log(self) -> None:
        from ..core import printing

        wallet = self.ctx.wallet
        path = self._save_path(_("Save the access log as PDF"), "access-log.pdf", _("PDF (*.pdf)"))
        if wallet is not None and path is not None:
            self._run(lambda ctx: printing.access_log_pdf(wallet, path),
                      lambda out: self.note.setText(_("Saved {name}").format(name=out.name)))

    def emergency_set(self) -> None:
        from .emergency_dialog import EmergencyDialog

        if self.ctx.wallet is not None:
            self.shown = EmergencyDialog(self.ctx.wallet, self)
            self.shown.open()

    def print_summary(self) -> None:
        from ..core import printing

        wallet = self.ctx.wallet
        path = self._save_path(_("Save the records summary as PDF"), "records-summary.pdf", _("PDF (*.pdf)"))
        if wallet is not None and path is not None:
            self._run(lambda ctx: printing.records_summary_pdf(wallet, path),
                      lambda out: self.note.setText(_("Saved {name}").format(name=out.name)))
