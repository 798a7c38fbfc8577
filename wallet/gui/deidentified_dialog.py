"""The de-identified sharing form: which FHIR record, which research institution (as the
ledger's directory names them), until when. It only collects the answer; the consent view
shows the preview of the copy (what it keeps and removes), asks, and shares it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from .accessibility import name_standard_buttons
from .grant_dialog import end_of_day, expiry_row
from .i18n import _


@dataclass(frozen=True)
class DeidentifiedRequest:
    record: str
    institution: str
    expires_at: int


class DeidentifiedDialog(QDialog):
    """Collects a :class:`DeidentifiedRequest` from FHIR records and research institutions."""

    def __init__(self, parent: QWidget | None, records: list[dict], institutions: list[dict]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Share a de-identified copy"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.record = QComboBox()
        self.record.setAccessibleName(_("FHIR record to de-identify"))
        for row in records:
            self.record.addItem(row["title"], row["record"])
        record_label = QLabel(_("&Record:"))
        record_label.setBuddy(self.record)
        form.addRow(record_label, self.record)
        self.institution = QComboBox()
        self.institution.setAccessibleName(_("Research institution"))
        for inst in sorted(institutions, key=lambda i: i["name"].lower()):
            self.institution.addItem(inst["name"], inst["sign_key"])
        institution_label = QLabel(_("Research &institution:"))
        institution_label.setBuddy(self.institution)
        form.addRow(institution_label, self.institution)
        self.expiry = expiry_row(form)
        layout.addLayout(form)
        note = QLabel(_("Next you see what the copy keeps and what it removes, before anything is shared."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = self.buttons.addButton(_("&Preview…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.setAccessibleName(_("Preview the de-identified copy"))
        self.preview_button.setEnabled(bool(records) and bool(institutions))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        name_standard_buttons(self.buttons)
        layout.addWidget(self.buttons)

    def request(self) -> DeidentifiedRequest:
        return DeidentifiedRequest(self.record.currentData(), self.institution.currentData(),
                                   end_of_day(self.expiry.date()))
