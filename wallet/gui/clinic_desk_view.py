"""The clinic desk: scan a patient's grant (keyboard-wedge scanner, pasted text, a QR image
or the camera), see the consent as the ledger proves it and the name the patient gave,
read the records it allows, open them, save them to a remembered folder. A refusal is
explained with the ledger's reason, is itself recorded on the ledger, and the consent box
then shows what the ledger says of the consent now (Read stays off unless it is active)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.consent.grant_code import GrantCode
from ..core.consent.grants import PURPOSE_LABELS
from ..core.desks.clinic import ProvenConsent, ReadRefused
from .accessibility import add_shortcut
from .assets import icon
from .formatting import when
from .i18n import _
from .ops import Op
from .progress_panel import ProgressPanel


class ClinicDeskView(QWidget):
    def __init__(self, session, dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.dialogs = session, dialogs
        self.grant: GrantCode | None = None
        self.consent: ProvenConsent | None = None
        self.files: list[tuple[str, Path]] = []
        self.result = None  # the last read's ReadResult (what Save copies)
        self._refused_consent: str | None = None
        self.camera: Any = None  # the camera dialog while open
        self._op: Op | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("viewTitle")
        layout.addWidget(self.heading)
        self.registration = QLabel()
        self.registration.setWordWrap(True)
        self.registration.setObjectName("hint")
        layout.addWidget(self.registration)
        layout.addLayout(self._scan_row())
        self.problem = QLabel()
        self.problem.setObjectName("refusal")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(_("Refusal or problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(self._consent_box())
        self.progress = ProgressPanel(self)
        layout.addWidget(self.progress)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Record"), _("File"), ""])
        self.table.setAccessibleName(_("Records read"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(_("Scan the code the patient shows (a USB scanner types it into the field above), or "
                              "open a photo of it, or use the camera. The consent appears here, checked on the "
                              "ledger; then read the records it allows."))
        self.empty.setObjectName("emptyText")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        save_row = QHBoxLayout()
        self.saved_note = QLabel(_("Received files stay in a private folder until the desk closes."))
        self.saved_note.setObjectName("hint")
        self.saved_note.setWordWrap(True)
        self.save_button = QPushButton(icon("export"), _("&Save to…"))
        self.save_button.setAccessibleName(_("Save the received files to a folder"))
        self.save_button.clicked.connect(self.save_files)
        self.save_button.setEnabled(False)
        save_row.addWidget(self.saved_note, 1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)

    def _scan_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel(_("&Scan:"))
        self.scan_input = QLineEdit()
        self.scan_input.setObjectName("scanField")
        self.scan_input.setAccessibleName(_("Grant code"))
        self.scan_input.setPlaceholderText(_("Scan the patient's QR code, or paste its text, then press Enter"))
        self.scan_input.setMaxLength(4096)
        self.scan_input.returnPressed.connect(self.scan_typed)
        label.setBuddy(self.scan_input)
        self.image_button = QPushButton(icon("qr"), _("Open QR &image…"))
        self.image_button.setAccessibleName(_("Read a grant code from an image file"))
        self.image_button.clicked.connect(self.choose_image)
        self.camera_button = QPushButton(icon("camera"), _("&Camera…"))
        self.camera_button.setAccessibleName(_("Scan the grant code with the camera"))
        self.camera_button.clicked.connect(self.open_camera)
        self.shl_button = QPushButton(_("SMART Health &Link…"))
        self.shl_button.setAccessibleName(_("Read a SMART Health Link (shlink:/) a patient shows"))
        self.shl_button.clicked.connect(self.read_health_link)
        row.addWidget(label)
        row.addWidget(self.scan_input, 1)
        row.addWidget(self.image_button)
        row.addWidget(self.camera_button)
        row.addWidget(self.shl_button)
        return row

    def read_health_link(self) -> None:
        from .shl_reader_view import ShlReaderDialog

        desk = self.session.desk
        self.shl_dialog = ShlReaderDialog(self.dialogs, folder=self.session.received.path,
                                          recipient=desk.name if desk else "", parent=self)
        self.shl_dialog.open()

    def countersign(self) -> None:
        """Write the clinic-countersigned receipt of the scanned consent, for the patient to keep."""
        from ..core.consent.receipts import write_receipt

        desk, grant = self.session.desk, self.grant
        if desk is None or grant is None or self._op is not None:
            return
        path = self.dialogs.save_file(self, _("Save the countersigned consent"), "consent-receipt.json",
                                      _("FHIR JSON (*.json)"))
        if path is None:
            return
        self._op = Op(self, lambda ctx: write_receipt(desk, grant, path))
        self._op.success(lambda out: self.proof.setText(self.proof.text() + "  " + _("Receipt saved: {name}").format(
            name=out.name))).failure(self._failed).finally_(self._done).run()

    def _consent_box(self) -> QGroupBox:
        box = QGroupBox(_("Consent"))
        form = QFormLayout(box)
        self.patient = QLabel()
        self.patient.setAccessibleName(_("Patient"))
        self.patient.setToolTip(_("The name the patient chose to show in the code. The ledger does not check it."))
        self.purpose = QLabel()
        self.validity = QLabel()
        self.status = QLabel()
        self.status.setAccessibleName(_("Consent status"))
        self.record_count = QLabel()
        self.reads_left = QLabel()
        self.reads_left.setAccessibleName(_("Reads left"))
        self.reads_left.setToolTip(_("How many more times this consent lets the desk read the records, as the "
                                     "ledger counts them."))
        self.read_note = QLabel()
        self.proof = QLabel()
        self.proof.setAccessibleName(_("Proof"))
        for text, label in ((_("Patient:"), self.patient), (_("Purpose:"), self.purpose), (_("Valid:"), self.validity),
                            (_("Status:"), self.status), (_("Records:"), self.record_count),
                            (_("Reads left:"), self.reads_left),
                            (_("Read:"), self.read_note), (_("Proof:"), self.proof)):
            form.addRow(text, label)
        self.read_button = QPushButton(icon("records", on_accent=True), _("&Read records"))
        self.read_button.setProperty("primary", True)
        self.read_button.setAccessibleName(_("Read the records this consent allows"))
        add_shortcut(self.read_button, "Ctrl+R")
        self.read_button.clicked.connect(self.read)
        self.read_button.setEnabled(False)
        self.receipt_button = QPushButton(_("&Countersign (receipt)…"))
        self.receipt_button.setAccessibleName(_("Sign the scanned consent for the patient to keep"))
        self.receipt_button.clicked.connect(self.countersign)
        self.receipt_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.read_button)
        row.addWidget(self.receipt_button)
        row.addStretch(1)
        form.addRow("", row)
        return box

    # --- life cycle ---------------------------------------------------------------------------

    def desk_opened(self) -> None:
        desk = self.session.desk
        self.heading.setText(_("{name}: clinic desk").format(name=desk.name or _("Clinic")))
        self.registration.setText(_("Network {network}.").format(network=desk.settings.network_name))
        Op(self, lambda ctx: desk.is_registered(), serial=False).success(self._registered).failure(
            lambda exc: None).run()
        self.scan_input.setFocus()

    def _registered(self, registered: bool) -> None:
        if not registered:
            self.registration.setText(self.registration.text() + " " + _(
                "This desk is not registered yet: the network's governance must register its keys "
                "(see 'medwallet clinic info') before patients can share with it."))

    # --- scanning ---------------------------------------------------------------------------

    def scan_typed(self) -> None:
        text = self.scan_input.text().strip()
        self.scan_input.clear()  # ready for the next scan; codes never stay on screen
        if text:
            self.scan(lambda desk: desk.scan_text(text))

    def choose_image(self) -> None:
        path = self.dialogs.open_file(self, _("Open a QR code image"),
                                      _("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;All files (*)"))
        if path is not None:
            self.scan(lambda desk: desk.scan_image(path))

    def open_camera(self) -> None:
        """Scan with the camera; the code it finds is scanned like a typed one."""
        from .camera_dialog import CameraDialog

        self.camera = CameraDialog(self, self.dialogs.camera_source())
        self.camera.code_found.connect(lambda text: self.scan(lambda desk: desk.scan_text(text)))
        self.camera.open()

    def scan(self, decode) -> None:
        """Decode a grant and prove its consent on the ledger (off the GUI thread)."""
        desk = self.session.desk
        if desk is None or self._op is not None:
            return
        self._clear_consent()
        self.problem.hide()

        def work(ctx):
            grant = decode(desk)
            desk.ensure_network()
            return grant, desk.consent(grant)

        self._op = Op(self, work)
        self.progress.start(_("Checking the consent on the ledger"), None)
        self._op.success(self._show_consent).failure(self._failed).finally_(self._done).run()

    def _show_consent(self, result: tuple[GrantCode, ProvenConsent]) -> None:
        self.grant, view = result
        self.consent = view
        self.empty.hide()
        self.patient.setText(self.grant.label or _("(no name in the code)"))
        self.purpose.setText(_(PURPOSE_LABELS.get(view.purpose, view.purpose)))
        self.validity.setText(_("{start} to {end}").format(start=when(view.not_before), end=when(view.expires_at)))
        self.status.setText({"active": _("Active"), "revoked": _("Revoked by the patient"), "expired": _("Expired"),
                             "pending": _("Not yet valid"), "used_up": _("Used up (no reads left)")}.get(
                                 view.status, view.status))
        self.record_count.setText(str(len(view.records)))
        self._show_reads_left(view.max_reads, view.reads_left)
        self.proof.setText("✔ " + _("Verified: consent proven on ledger block {height}").format(height=view.height))
        # The ledger decides at each read (and records a refusal); once it has refused, Read stays off.
        refused = self._refused_consent == view.consent
        self.read_button.setEnabled(not refused)
        self.receipt_button.setEnabled(True)
        self.read_button.setToolTip(_("The ledger refused reads under this consent.") if refused else "")
        if not refused:
            self.read_button.setFocus()

    def _show_reads_left(self, max_reads: int | None, left: int | None) -> None:
        if max_reads is None:
            self.reads_left.setText(_("Unlimited until the consent ends"))
        elif max_reads == 1:
            self.reads_left.setText(_("One-time consent: {left} read left").format(left=left))
        else:
            self.reads_left.setText(_("{left} of {total}").format(left=left, total=max_reads))

    def _clear_consent(self) -> None:
        self.grant = self.consent = None
        for label in (self.patient, self.purpose, self.validity, self.status, self.record_count, self.reads_left,
                      self.read_note, self.proof):
            label.clear()
        self.read_button.setEnabled(False)
        self.receipt_button.setEnabled(False)

    # --- reading ---------------------------------------------------------------------------

    def read(self) -> None:
        desk, grant = self.session.desk, self.grant
        if desk is None or grant is None or self._op is not None:
            return
        self.problem.hide()
        self.table.setRowCount(0)
        folder = self.session.received.path
        self._op = Op(self, lambda ctx: desk.read(grant, _fresh_dir(folder()), progress=_bytes(ctx),
                                                  cancel=ctx.cancelled))
        self.progress.start(_("Reading the records"), self._op)
        self._op.progress(self.progress.report).success(self._show_files).failure(self._failed)
        self._op.finally_(self._done).run()

    def _show_files(self, result) -> None:
        self.result = result
        self.files = list(zip(result.titles, result.files, strict=True))
        self.table.setRowCount(len(self.files))
        for row, (title, path) in enumerate(self.files):
            self.table.setItem(row, 0, QTableWidgetItem(title))
            self.table.setItem(row, 1, QTableWidgetItem(path.name))
            button = QPushButton(icon("open"), _("Open"))
            button.setAccessibleName(_("Open {title}").format(title=title))
            button.clicked.connect(lambda _c=False, p=path: self.open_file(p))
            self.table.setCellWidget(row, 2, button)
        self.problem.hide()
        self.read_note.setText(_("%n record(s) read, each read recorded on the ledger", None, len(self.files)))
        if self.consent is not None:
            self._show_reads_left(self.consent.max_reads, result.reads_left)
        self.save_button.setEnabled(bool(self.files))
        folder = self.session.desk.save_folder() if self.session.desk is not None else None
        self.save_button.setText(_("&Save to {folder}…").format(folder=folder.name) if folder else _("&Save to…"))

    def open_file(self, path: Path) -> None:
        self.dialogs.open_url(QUrl.fromLocalFile(str(path)))

    def save_files(self) -> None:
        """Copy the received files to a folder (asked for, starting at the one used last)."""
        desk, result = self.session.desk, self.result
        if desk is None or result is None:
            return
        folder = self.dialogs.choose_folder(self, _("Save the received files to"), desk.save_folder())
        if folder is None:
            return
        Op(self, lambda ctx: desk.save_received(result, folder)).success(
            lambda saved: self._saved(saved, folder)).run()

    def _saved(self, saved: list[Path], folder: Path) -> None:
        self.saved_note.setText(_("Saved %n file(s) to {folder}.", None, len(saved)).format(folder=str(folder)))
        self.save_button.setText(_("&Save to {folder}…").format(folder=folder.name))

    def _failed(self, exc: BaseException) -> None:
        from .errors import is_cancellation, show_error, user_message

        if is_cancellation(exc):
            return
        text = user_message(exc)
        if text is None:
            show_error(self, exc)
            return
        if isinstance(exc, ReadRefused):
            text += " " + _("The refusal is recorded on the ledger and the patient sees it.")
            self._refused_consent = self.consent.consent if self.consent is not None else None
            self._recheck_consent()
        self.problem.setText(text)
        self.problem.show()

    def _recheck_consent(self) -> None:
        """After a refusal the consent box shows what the ledger says of the consent now."""
        desk, grant = self.session.desk, self.grant
        self.read_button.setEnabled(False)
        if desk is None or grant is None:
            return
        Op(self, lambda ctx: (grant, desk.consent(grant)), serial=False).success(self._show_consent).failure(
            lambda _exc: None).run()

    def _done(self) -> None:
        self._op = None
        self.progress.finish()
        if self.grant is None:
            self.scan_input.setFocus()

    def clear(self) -> None:
        self._clear_consent()
        self.table.setRowCount(0)
        self.files, self.result = [], None
        self.save_button.setEnabled(False)
        self.problem.hide()
        self.empty.show()


def _fresh_dir(folder: Path) -> Path:
    """A new sub-folder per read, so files of two patients never mix."""
    import tempfile

    return Path(tempfile.mkdtemp(dir=folder))


def _bytes(ctx):
    """The desk reports transfer progress as (done, total); the panel wants a stage."""
    return lambda done, total: ctx.progress("download", done, total)
