"""Records: import (file dialog or drag and drop) with progress and cancel, the status of
each record (encrypted, uploaded, anchored), open a decrypted copy, delete (crypto-shred)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import deletion, importing
from ..core.importing import ImportReport
from ..core.records import library
from . import messages
from .accessibility import add_shortcut
from .assets import icon
from .context import ViewContext, WalletView
from .dialog_service import file_filters
from .formatting import day, human_size
from .i18n import _
from .ops import Op
from .progress_panel import ProgressPanel
from .rows_model import Index, RowsModel
from .session import decrypted_copy

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLUMN = 4


def status_info(status: str) -> tuple[str, str, str]:
    """(label, icon, explanation) of a record's storage status."""
    return {
        "encrypted": (_("Encrypted"), "encrypted",
                      _("Encrypted on this computer, not uploaded yet. Use Resume uploads to finish.")),
        "uploaded": (_("Uploaded"), "uploaded",
                     _("Encrypted and uploaded; not yet anchored on the ledger. Use Resume uploads to finish.")),
        "anchored": (_("Stored safely"), "anchored",
                     _("Encrypted, uploaded and anchored on the ledger (the network has recorded it): "
                       "stored for good.")),
    }.get(status, (status, "encrypted", ""))


_MEDIA_NAMES = {"application/pdf": "PDF document", "image/png": "PNG image", "image/jpeg": "JPEG image",
                "image/tiff": "TIFF image", "application/dicom": "DICOM image", "text/plain": "Text",
                "application/json": "JSON", "application/xml": "XML"}


def kind_label(row: dict) -> str:
    """'FHIR Observation', 'PDF document'... from what the import detected."""
    if row.get("fhir_type"):
        return _("FHIR {type}").format(type=row["fhir_type"])
    media = row.get("media_type") or ""
    return _(_MEDIA_NAMES[media]) if media in _MEDIA_NAMES else (media or row.get("category") or "")


class RecordsModel(RowsModel):
    HEADERS = ("Title", "Type", "Date", "Size", "Status")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # Qt override
        row = self.rows[index.row()]
        column = index.column()
        if role == RECORD_ID_ROLE:
            return row["record"]
        if column == STATUS_COLUMN:
            label, icon_name, tip = status_info(row["status"])
            by_role: dict[int, Any] = {Qt.ItemDataRole.DisplayRole: label, Qt.ItemDataRole.ToolTipRole: tip,
                                       Qt.ItemDataRole.DecorationRole: icon(icon_name)}
            return by_role.get(role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row["title"], kind_label(row),
                    row.get("record_date") or day(row.get("imported_at")), human_size(row.get("size")),
                    "")[column]
        return None


class RecordsView(WalletView):
    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAcceptDrops(True)
        self._queue: list[Path] = []
        self._import_op: Op | None = None
        self.model = RecordsModel(self)
        self._build()
        ctx.bridge.record_imported.connect(self.on_record_imported)
        ctx.bridge.record_deleted.connect(self.on_record_deleted)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(_("Your records"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        bar = QHBoxLayout()
        self.import_button = self._button(_("&Import…"), "import", _("Import files as records"), self.choose_files,
                                          QKeySequence("Ctrl+I"))
        self.import_button.setProperty("primary", True)
        self.import_button.setIcon(icon("import", on_accent=True))
        self.open_button = self._button(_("&Open"), "open", _("Open a decrypted copy of the selected record"),
                                        self.open_selected, QKeySequence("Ctrl+O"))
        self.delete_button = self._button(_("&Delete…"), "delete", _("Delete the selected record for good"),
                                          self.delete_selected, QKeySequence(QKeySequence.StandardKey.Delete))
        self.resume_button = self._button(_("&Resume uploads"), "uploaded", _("Finish interrupted uploads"),
                                          self.resume, None)
        for button in (self.import_button, self.open_button, self.delete_button, self.resume_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableView()
        self.table.setAccessibleName(_("Records"))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # The core's order (newest first) until the patient sorts by a column: no arrow over an unsorted list.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.viewport().setAcceptDrops(False)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.table, 1)
        self.drop_hint = QLabel(_("Drop PDF, image or FHIR JSON files here to import them, or use Import."))
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.drop_hint)
        self.progress = ProgressPanel(self)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("statusNote")
        layout.addWidget(self.status)
        self._update_buttons()

    def _button(self, text: str, icon_name: str, accessible: str, slot, shortcut) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible + (f" ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
                                        if shortcut else ""))
        if shortcut is not None:
            add_shortcut(button, shortcut)
        button.clicked.connect(slot)
        return button

    # --- hooks ---------------------------------------------------------------------------

    def wallet_opened(self) -> None:
        self.reload()

    def wallet_closed(self) -> None:
        self._queue.clear()
        if self._import_op:
            self._import_op.cancel()
        self.model.set_rows([])
        self.progress.finish()
        self.status.clear()
        self._update_buttons()

    def on_record_imported(self, _record: str) -> None:
        self.reload()

    def on_record_deleted(self, _records) -> None:
        self.reload()

    # --- listing ---------------------------------------------------------------------------

    def reload(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        Op(self, lambda ctx: library.list_records(wallet), serial=False).success(self._show_rows).run()

    def _show_rows(self, rows: list[dict]) -> None:
        if self.ctx.wallet is None:
            return
        self.model.set_rows(rows)
        self._update_buttons()

    def selected_record(self) -> dict | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.rows[self.proxy.mapToSource(indexes[0]).row()]

    def _update_buttons(self) -> None:
        has_selection = self.selected_record() is not None
        self.open_button.setEnabled(has_selection)
        self.delete_button.setEnabled(has_selection and self._import_op is None)
        self.resume_button.setVisible(any(r["status"] != "anchored" for r in self.model.rows))
        self.resume_button.setEnabled(self._import_op is None)
        self.drop_hint.setVisible(not self.model.rows)

    # --- importing ---------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths = self.ctx.dialogs.open_files(self, _("Import records"), file_filters())
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[Path]) -> None:
        """Queue files for import, one after the other on the wallet's serial executor."""
        self._queue.extend(Path(p) for p in paths)
        if self._import_op is None:
            self._next_import()

    def _next_import(self) -> None:
        wallet = self.ctx.wallet
        if not self._queue or wallet is None:
            self._import_op = None
            self.progress.finish()
            self._update_buttons()
            return
        path = self._queue.pop(0)
        op = Op(self, lambda ctx: importing.import_file(wallet, path, progress=ctx.progress, cancel=ctx.cancelled))
        self._import_op = op
        self.progress.start(_("Importing {name}").format(name=path.name), op)
        self._update_buttons()
        op.progress(self.progress.report).success(self._on_imported).failure(self._on_import_failed).run()

    def _on_imported(self, report: ImportReport) -> None:
        self.status.setText(messages.imported(report))
        self._next_import()

    def _on_import_failed(self, exc: BaseException) -> None:
        from .errors import is_cancellation, show_error

        if is_cancellation(exc):
            self._queue.clear()
            self.status.setText(_("Import cancelled: nothing of it was kept."))
        else:  # an upload that failed after the local copy was made shows as Encrypted, to resume
            show_error(self, exc)
        self.reload()
        self._next_import()

    def resume(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None or self._import_op is not None:
            return
        op = Op(self, lambda ctx: importing.resume_pending(wallet, progress=ctx.progress, cancel=ctx.cancelled))
        self._import_op = op
        self.progress.start(_("Finishing uploads"), op)
        op.progress(self.progress.report).failure(self._on_import_failed).success(lambda _done: self._next_import())
        op.run()

    # --- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if self._local_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if self._local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = self._local_files(event.mimeData())
        if paths and self.ctx.wallet is not None:
            event.acceptProposedAction()
            self.import_files(paths)

    @staticmethod
    def _local_files(mime) -> list[Path]:
        if not mime.hasUrls():
            return []
        urls = mime.urls()
        if not all(url.isLocalFile() for url in urls):
            return []
        return [Path(url.toLocalFile()) for url in urls]

    # --- open and delete ---------------------------------------------------------------------------

    def open_selected(self) -> None:
        row, wallet = self.selected_record(), self.ctx.wallet
        if row is None or wallet is None:
            return
        folder_of = self.ctx.session.copies.path
        op = Op(self, lambda ctx: decrypted_copy(wallet, row["record"], folder_of(), ctx.progress, ctx.cancelled),
                serial=False)
        self.status.setText(_("Decrypting “{title}”…").format(title=row["title"]))
        op.success(self._open_copy).run()

    def _open_copy(self, path: Path) -> None:
        if self.ctx.dialogs.open_url(QUrl.fromLocalFile(str(path))):
            self.status.setText(_("Opened a decrypted copy (deleted when Medwallet locks or quits)."))
        else:
            self.status.setText(_("No application on this computer opens this kind of file. The decrypted copy "
                                  "is in {folder}").format(folder=str(path.parent)))

    def delete_selected(self) -> None:
        row, wallet = self.selected_record(), self.ctx.wallet
        if row is None or wallet is None or self._import_op is not None:
            return
        question, explanation = messages.delete_record(row["title"])
        if not self.ctx.dialogs.confirm(self, _("Delete record"), question, ok_label=_("Delete for good"),
                                        informative=explanation):
            return
        self.status.setText(_("Deleting “{title}”…").format(title=row["title"]))
        Op(self, lambda ctx: deletion.delete_record(wallet, row["record"])).success(
            lambda done: self.status.setText(_("Deleted: removed from every node ({n} copies retired on the "
                                               "ledger), {c} consents narrowed or ended, forgotten on this "
                                               "computer.").format(n=len(done.retired),
                                                                   c=len(done.narrowed) + len(done.ended)))).run()
