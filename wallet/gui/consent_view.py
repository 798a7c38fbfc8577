"""Consent (the "Sharing" section): give an institution access (grant dialog), show the grant's QR code, and the
consents given, by status (active, expired, revoked), with revoke."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.consent import grants, research
from ..core.records import library
from ..core.wallet import SETTINGS_FILE
from . import messages
from .accessibility import add_shortcut
from .assets import icon
from .context import ViewContext, WalletView
from .deidentified_dialog import DeidentifiedDialog, DeidentifiedRequest
from .formatting import day
from .grant_dialog import GrantDialog, GrantRequest
from .i18n import N_, _
from .ops import Op
from .progress_panel import ProgressPanel
from .qr_dialog import QrDialog
from .revoke_all_action import RevokeAllAction
from .rows_model import Index, RowsModel

TABS = (("active", ("active", "pending"), N_("Active")), ("expired", ("expired", "used_up"), N_("Expired")),
        ("revoked", ("revoked", "deleted"), N_("Revoked")))


class GrantsModel(RowsModel):
    HEADERS = (N_("Institution"), N_("Purpose"), N_("Records"), N_("Valid until"), N_("Reads left"), N_("Status"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # Qt override
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        status = {"active": _("Active"), "pending": _("Not yet valid"), "expired": _("Expired"),
                  "revoked": _("Revoked on {day}").format(day=day(row.get("revoked_at"))),
                  "deleted": _("Ended: its records were deleted"),
                  "used_up": _("Used up: its reads were all made")}.get(row["status"], "")
        return (row["institution_name"], _(grants.PURPOSE_LABELS.get(row["purpose"], row["purpose"])),
                str(len(row["records"])), day(row["expires_at"]), reads_left_text(row), status)[index.column()]


def reads_left_text(row: dict) -> str:
    """"Unlimited", or how many of the reads a limited-use consent allowed are left (the ledger's count)."""
    if row.get("max_reads") is None:
        return _("Unlimited")
    return _("{left} of {total}").format(left=row.get("reads_left"), total=row["max_reads"])


class _StatusFilter(QSortFilterProxyModel):
    def __init__(self, statuses: tuple[str, ...], parent=None) -> None:
        super().__init__(parent)
        self.statuses = statuses

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return cast(RowsModel, self.sourceModel()).rows[source_row]["status"] in self.statuses


class ConsentView(WalletView):
    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = GrantsModel(self)
        self.tables: dict[str, QTableView] = {}
        self.grant_dialog: GrantDialog | None = None
        self.desk_dialog: Any = None  # "set up a clinic desk on this computer", while open
        self.qr_dialog: QrDialog | None = None
        self.deidentified_dialog: DeidentifiedDialog | None = None
        self._grant_op: Op | None = None
        self._build()
        ctx.bridge.consent_granted.connect(self.on_consent_granted)
        ctx.bridge.consent_revoked.connect(self.on_consent_revoked)
        ctx.bridge.record_deleted.connect(lambda _r: self.reload())

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(_("Sharing"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        bar = QHBoxLayout()
        self.grant_button = QPushButton(icon("consent"), _("&New grant…"))
        self.grant_button.setProperty("primary", True)
        self.grant_button.setIcon(icon("consent", on_accent=True))
        self.grant_button.setAccessibleName(_("Give an institution access to records"))
        add_shortcut(self.grant_button, "Ctrl+N")
        self.grant_button.clicked.connect(lambda: self.new_grant())
        self.qr_button = QPushButton(icon("qr"), _("Show &QR code"))
        self.qr_button.setAccessibleName(_("Show the QR code of the selected consent"))
        self.qr_button.clicked.connect(self.show_selected_qr)
        self.revoke_button = QPushButton(icon("revoke"), _("Re&voke…"))
        self.revoke_button.setAccessibleName(_("Revoke the selected consent"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.fhir_button = QPushButton(icon("export"), _("Export F&HIR…"))
        self.fhir_button.setAccessibleName(_("Export the consents as FHIR Consent resources"))
        self.fhir_button.clicked.connect(self.export_fhir)
        self.deidentified_button = QPushButton(icon("consent"), _("Share &de-identified…"))
        self.deidentified_button.setAccessibleName(_("Share a de-identified copy of a FHIR record for research"))
        self.deidentified_button.clicked.connect(lambda: self.share_deidentified())
        self.revoke_all_button = QPushButton(icon("revoke"), _("Revoke &all…"))
        self.revoke_all_button.setAccessibleName(_("Revoke every consent in force and share from fresh keys"))
        self.revoke_all_button.clicked.connect(self.revoke_all)
        for button in (self.grant_button, self.deidentified_button, self.qr_button, self.revoke_button,
                       self.revoke_all_button,
                       self.fhir_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Consents by status"))
        for key, statuses, label in TABS:
            proxy = _StatusFilter(statuses, self)
            proxy.setSourceModel(self.model)
            table = QTableView()
            table.setModel(proxy)
            table.setAccessibleName(_("{status} consents").format(status=_(label)))
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
            table.doubleClicked.connect(lambda _i: self.show_selected_qr())
            self.tables[key] = table
            self.tabs.addTab(table, _(label))
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        layout.addWidget(self.tabs, 1)
        self.empty = QLabel(_("You have not shared any record yet. Choose “New grant…” to let a clinic read "
                              "records you choose, until a date you choose; you can revoke at any time."))
        self.empty.setObjectName("emptyText")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        self.progress = ProgressPanel(self)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("statusNote")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._update_buttons()

    # --- hooks ------------------------------------------------------------------------------

    def wallet_opened(self) -> None:
        self.reload()

    def wallet_closed(self) -> None:
        for dialog in (self.desk_dialog, self.grant_dialog, self.qr_dialog, self.deidentified_dialog):
            if dialog is not None:
                dialog.reject()
        if self._grant_op:
            self._grant_op.cancel()
        self.model.set_rows([])
        self.progress.finish()
        self.status.clear()

    def activated(self) -> None:
        self.reload()

    def on_consent_granted(self, _consent: str) -> None:
        self.reload()

    def on_consent_revoked(self, _consent: str) -> None:
        self.reload()

    def reload(self) -> None:
        wallet = self.ctx.wallet
        if wallet is not None:
            Op(self, lambda ctx: grants.list_grants(wallet), serial=False).success(self._show_rows).run()

    def _show_rows(self, rows: list[dict]) -> None:
        if self.ctx.wallet is None:
            return
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        for index, (_key, statuses, label) in enumerate(TABS):
            count = sum(1 for r in rows if r["status"] in statuses)
            self.tabs.setTabText(index, f"{_(label)} ({count})")
        self._update_buttons()

    def selected_grant(self) -> dict | None:
        table = cast(QTableView, self.tabs.currentWidget())
        indexes = table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.rows[cast(QSortFilterProxyModel, table.model()).mapToSource(indexes[0]).row()]

    def _update_buttons(self) -> None:
        grant = self.selected_grant()
        usable = grant is not None and grant["status"] in ("active", "pending")
        self.qr_button.setEnabled(usable)
        self.revoke_button.setEnabled(usable)
        self.grant_button.setEnabled(self._grant_op is None)
        self.deidentified_button.setEnabled(self._grant_op is None)

    # --- granting ------------------------------------------------------------------------------

    def new_grant(self, preselected: list[str] | None = None) -> None:
        wallet = self.ctx.wallet
        if wallet is None or self._grant_op is not None:
            return
        Op(self, lambda ctx: library.list_records(wallet), serial=False).success(
            lambda rows: self._open_grant_dialog(rows, preselected)).run()

    def _open_grant_dialog(self, rows: list[dict], preselected) -> None:
        if not rows:
            self.status.setText(_("Import a record first: there is nothing to share yet."))
            return
        if self.ctx.wallet is None:
            return
        wallet = self.ctx.wallet
        self.grant_dialog = GrantDialog(self, wallet, rows, preselected,
                                        label=str(wallet.settings.extra.get("desk_label", "")))
        self.grant_dialog.accepted.connect(lambda: self.grant(self.grant_dialog.request()))
        self.grant_dialog.setup_desk_requested.connect(self.set_up_desk)
        self.grant_dialog.open()

    def set_up_desk(self) -> None:
        """A clinic desk on this computer (network of this computer only), then back to the grant form."""
        from .local_desk_dialog import LocalDeskDialog

        self.desk_dialog = LocalDeskDialog(self.grant_dialog or self, self.ctx.session)
        self.desk_dialog.desk_created.connect(self._desk_created)
        self.desk_dialog.open()

    def _desk_created(self, name: str) -> None:
        self.status.setText(messages.local_desk_ready(name))
        if self.grant_dialog is not None:
            self.grant_dialog.reload_institutions()
            self.grant_dialog.search.setText("")

    def grant(self, request: GrantRequest) -> None:
        """Run a grant (copies re-encrypted for the institution, uploaded, consent signed)."""
        wallet = self.ctx.wallet
        if wallet is None:
            return
        def work(ctx):
            result = grants.grant(wallet, request.institution, list(request.records), request.purpose,
                                  request.expires_at, label=request.label, progress=ctx.progress, cancel=ctx.cancelled,
                                  max_reads=request.max_reads)
            if (request.label or "") != wallet.settings.extra.get("desk_label", ""):  # the next form offers it again
                wallet.settings.extra["desk_label"] = request.label or ""
                wallet.settings.save(wallet.dir / SETTINGS_FILE)
            return result

        op = Op(self, work)
        self._grant_op = op
        self.progress.start(_("Sharing with {name}").format(name=request.institution_name), op)
        self._update_buttons()
        op.progress(self.progress.report).success(self._granted).finally_(self._grant_done)
        op.failure(self._grant_failed).run()

    def _grant_done(self) -> None:
        self._grant_op = None
        self.progress.finish()
        self._update_buttons()

    def _grant_failed(self, exc: BaseException) -> None:
        from .errors import show_error

        show_error(self, exc)
        self._grant_done()

    def _granted(self, result) -> None:
        self.status.setText(_("{name} may now read %n record(s). Show the QR code at the desk.", None,
                              len(result.records)).format(name=result.institution_name))
        self.show_qr(result.code, result.institution_name)

    # --- de-identified sharing (the same core functions as 'medwallet share-deidentified') ---------

    def share_deidentified(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None or self._grant_op is not None:
            return

        def choices(ctx) -> tuple[list[dict], list[dict]]:
            rows = [r for r in library.list_records(wallet) if r.get("fhir_type") and r["status"] == "anchored"]
            return rows, [i for i in wallet.network.client.institutions() if i.get("kind") == "research"]
        Op(self, choices, serial=False).success(lambda found: self._open_deidentified_dialog(*found)).run()

    def _open_deidentified_dialog(self, records: list[dict], institutions: list[dict]) -> None:
        if self.ctx.wallet is None:
            return
        if not records:
            self.status.setText(_("Only FHIR records can be de-identified: import one first."))
            return
        if not institutions:
            self.status.setText(_("No research institution is registered on this network yet."))
            return
        self.deidentified_dialog = dialog = DeidentifiedDialog(self, records, institutions)
        dialog.accepted.connect(lambda: self.preview_deidentified(dialog.request()))
        dialog.open()

    def preview_deidentified(self, request: DeidentifiedRequest) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        self.status.setText(_("De-identifying the record to show what the copy keeps…"))
        Op(self, lambda ctx: research.preview_deidentified(wallet, request.record, request.institution)).success(
            lambda preview: self._confirm_deidentified(preview, request.expires_at)).run()

    def _confirm_deidentified(self, preview: research.Preview, expires_at: int) -> None:
        wallet = self.ctx.wallet
        question, explanation = messages.deidentified_preview(preview)
        if wallet is None or not self.ctx.dialogs.confirm(self, _("Share a de-identified copy"), question,
                                                          ok_label=_("Share"), informative=explanation):
            self.status.setText(_("Not shared."))
            return
        op = Op(self, lambda ctx: research.grant_deidentified(wallet, preview.record, preview.institution,
                                                              expires_at, preview=preview))
        self._grant_op = op
        self.progress.start(_("Sharing with {name}").format(name=preview.institution_name), op)
        self._update_buttons()
        op.success(self._granted).finally_(self._grant_done)
        op.failure(self._grant_failed).run()

    def show_qr(self, code: str, institution_name: str, caption: str = "") -> None:
        caption = caption or _("Consent for {name}. Let the desk scan this code, or copy its text.").format(
            name=institution_name)
        self.qr_dialog = QrDialog(self, code, caption, self.ctx.dialogs)
        self.qr_dialog.open()

    def show_selected_qr(self) -> None:
        grant, wallet = self.selected_grant(), self.ctx.wallet
        if grant is None or wallet is None or grant["status"] not in ("active", "pending"):
            return
        caption = _("Consent for {name}, {purpose}, valid until {day}.").format(
            name=grant["institution_name"], purpose=_(grants.PURPOSE_LABELS.get(grant["purpose"], "")),
            day=day(grant["expires_at"]))
        Op(self, lambda ctx: grants.grant_code(wallet, grant["consent"]), serial=False).success(
            lambda code: self.show_qr(code, grant["institution_name"], caption)).run()

    # --- revoking ---------------------------------------------------------------------------------

    def export_fhir(self) -> None:
        """Every consent as an IHE Privacy Consent on FHIR resource, in one Bundle."""
        wallet = self.ctx.wallet
        path = self.ctx.dialogs.save_file(self, _("Export the consents as FHIR"), "medwallet-consents.json",
                                          _("FHIR JSON (*.json)"))
        if wallet is None or path is None:
            return
        from ..core.fhir.consent_export import write_consents
        Op(self, lambda ctx: write_consents(wallet, path), serial=False).success(
            lambda written: self.status.setText(_("Exported the consents as FHIR to {path}").format(
                path=str(written)))).run()

    def revoke_all(self) -> None:
        """Every consent in force, in one batch, after confirmation; then fresh pseudonyms."""
        RevokeAllAction(self, self.ctx, self.status).start()

    def revoke_selected(self) -> None:
        grant, wallet = self.selected_grant(), self.ctx.wallet
        if grant is None or wallet is None:
            return
        question, explanation = messages.revoke_consent(grant["institution_name"])
        if not self.ctx.dialogs.confirm(self, _("Revoke consent"), question, ok_label=_("Revoke"),
                                        informative=explanation):
            return
        Op(self, lambda ctx: grants.revoke(wallet, grant["consent"])).success(
            lambda _tx: self.status.setText(_("Revoked. {name}'s next read will be refused.").format(
                name=grant["institution_name"]))).run()
