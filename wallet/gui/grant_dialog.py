"""The grant form: which institution (from the ledger's directory, with a search box),
which records, for what purpose, until when, and the name the desk shows for the patient.
It only collects the answer; the consent view runs the grant itself (re-encrypted copies,
upload, consent) with progress.

When the network has no institution yet, the form says why: on the network of this
computer it offers to set up a clinic desk here (``setup_desk_requested``); on a care
network, institutions are added by its operator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from datetime import time as day_time

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.consent.grant_code import MAX_LABEL_CHARS
from ..core.consent.grants import MAX_READS, PURPOSE_LABELS
from .accessibility import name_standard_buttons
from .consent_preview import ConsentPreviewPanel
from .i18n import _
from .ops import Op

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class GrantRequest:
    institution: str
    institution_name: str
    records: tuple[str, ...]
    purpose: str
    expires_at: int
    label: str | None = None
    max_reads: int | None = None  # a limited-use consent (1: once); None: unlimited


def expiry_row(form: QFormLayout) -> QDateEdit:
    """The "Valid until" row of a sharing form: a date from today on, ``DEFAULT_DAYS`` ahead."""
    expiry = QDateEdit(QDate.currentDate().addDays(DEFAULT_DAYS))
    expiry.setCalendarPopup(True)
    expiry.setMinimumDate(QDate.currentDate())
    expiry.setDisplayFormat("yyyy-MM-dd")
    expiry.setAccessibleName(_("Valid until"))
    label = QLabel(_("&Valid until:"))
    label.setBuddy(expiry)
    form.addRow(label, expiry)
    return expiry


def reads_row(form: QFormLayout) -> tuple[QComboBox, QSpinBox]:
    """The "Reads allowed" row: unlimited (until it ends), once, or N times, enforced by the ledger."""
    choice = QComboBox()
    choice.setAccessibleName(_("Reads allowed"))
    for text, value in ((_("Unlimited (until it ends)"), "unlimited"), (_("Once"), "once"),
                        (_("A number of times"), "count")):
        choice.addItem(text, value)
    count = QSpinBox()
    count.setRange(2, MAX_READS)
    count.setValue(3)
    count.setAccessibleName(_("Number of reads allowed"))
    count.setEnabled(False)
    choice.currentIndexChanged.connect(lambda _i: count.setEnabled(choice.currentData() == "count"))
    choice.setToolTip(_("The ledger counts each read by the institution and refuses the next one once they are "
                        "used up."))
    row = QHBoxLayout()
    row.addWidget(choice, 1)
    row.addWidget(count)
    label = QLabel(_("Reads &allowed:"))
    label.setBuddy(choice)
    form.addRow(label, row)
    return choice, count


def chosen_reads(choice: QComboBox, count: QSpinBox) -> int | None:
    return {"unlimited": None, "once": 1}.get(choice.currentData(), count.value())


def end_of_day(date: QDate) -> int:
    """The last second of ``date`` in local time (a consent 'until 31 May' covers 31 May)."""
    day = datetime(date.year(), date.month(), date.day()).date()
    moment = datetime.combine(day, day_time(23, 59, 59)).astimezone()
    return int(moment.timestamp())


class GrantDialog(QDialog):
    """Collects a :class:`GrantRequest`; institutions load in the background."""

    setup_desk_requested = Signal()

    def __init__(self, parent: QWidget | None, wallet, record_rows: list[dict],
                 preselected: list[str] | None = None, *, label: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Share records"))
        self.setMinimumWidth(560)
        self._wallet = wallet
        self.local_network = bool(wallet.settings.local_node)
        self.institutions: list[dict] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type part of the name"))
        self.search.setAccessibleName(_("Search institutions"))
        self.search.textChanged.connect(self._filter)
        search_label = QLabel(_("&Search institutions:"))
        search_label.setBuddy(self.search)
        form.addRow(search_label, self.search)
        self.institution_list = QListWidget()
        self.institution_list.setAccessibleName(_("Institutions"))
        self.institution_list.setMaximumHeight(140)
        self.institution_list.currentItemChanged.connect(lambda *_: self._validate())
        institution_label = QLabel(_("I&nstitution:"))
        institution_label.setBuddy(self.institution_list)
        form.addRow(institution_label, self.institution_list)
        self.record_list = QListWidget()
        self.record_list.setAccessibleName(_("Records to share"))
        self.record_list.setMaximumHeight(160)
        for row in record_rows:
            item = QListWidgetItem(row["title"])
            item.setData(KEY_ROLE, row["record"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = preselected is not None and row["record"] in preselected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.record_list.addItem(item)
        self.record_list.itemChanged.connect(lambda *_: self._validate())
        records_label = QLabel(_("&Records:"))
        records_label.setBuddy(self.record_list)
        form.addRow(records_label, self.record_list)
        self.purpose = QComboBox()
        self.purpose.setAccessibleName(_("Purpose"))
        for key, words in PURPOSE_LABELS.items():
            self.purpose.addItem(_(words), key)
        purpose_label = QLabel(_("&Purpose:"))
        purpose_label.setBuddy(self.purpose)
        form.addRow(purpose_label, self.purpose)
        self.expiry = expiry_row(form)
        self.reads, self.read_count = reads_row(form)
        self.label = QLineEdit(label)
        self.label.setMaxLength(MAX_LABEL_CHARS)
        self.label.setPlaceholderText(_("Optional, e.g. your name or initials"))
        self.label.setAccessibleName(_("Name the desk shows for you"))
        self.label.setToolTip(_("Only in the code you show, never on the ledger: it helps the desk know whose "
                                "records it reads."))
        label_label = QLabel(_("&Name shown to the desk:"))
        label_label.setBuddy(self.label)
        form.addRow(label_label, self.label)
        layout.addLayout(form)
        self.note = QLabel(_("Loading the network's institutions…"))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.preview = ConsentPreviewPanel(self)
        layout.addWidget(self.preview)
        self.purpose.currentIndexChanged.connect(lambda _i: self._validate())
        self.expiry.dateChanged.connect(lambda _d: self._validate())
        self.setup_button = QPushButton(_("Set up a clinic desk on this &computer…"))
        self.setup_button.setAccessibleName(_("Set up a clinic desk on this computer to try sharing"))
        self.setup_button.clicked.connect(self.setup_desk_requested)
        self.setup_button.hide()
        layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.why_disabled = QLabel()
        self.why_disabled.setObjectName("hint")
        self.why_disabled.setWordWrap(True)
        layout.addWidget(self.why_disabled)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.grant_button = self.buttons.addButton(_("&Grant access"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.grant_button.setAccessibleName(_("Grant access"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        name_standard_buttons(self.buttons)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.search, self.institution_list)
        self.setTabOrder(self.institution_list, self.record_list)
        self.setTabOrder(self.record_list, self.purpose)
        self.setTabOrder(self.purpose, self.expiry)
        self.setTabOrder(self.expiry, self.label)
        self._validate()
        self.reload_institutions()

    def reload_institutions(self) -> None:
        wallet = self._wallet
        Op(self, lambda ctx: wallet.network.client.institutions(), serial=False).success(
            self._show_institutions).failure(self._institutions_failed).run()

    def _show_institutions(self, items: list[dict]) -> None:
        self.institutions = sorted(items, key=lambda i: i["name"].lower())
        if not self.institutions and self.local_network:
            self.note.setText(_("No institution takes part in the network of this computer yet: it is for trying "
                                "Medwallet. To try sharing, set up a clinic desk on this computer; you then open "
                                "it with “medwallet clinic” and show it your code."))
        elif not self.institutions:
            self.note.setText(_("No institution is registered on this network yet. Institutions are added by the "
                                "network's operator (your hospital or pilot program): ask them which clinics "
                                "take part."))
        else:
            self.note.setText(_("Only the institution you choose can read the shared copies, and only until the "
                                "date you set. You can revoke at any time."))
        self.setup_button.setVisible(self.local_network)
        self.setup_button.setText(_("Set up a clinic desk on this &computer…") if not self.institutions
                                  else _("Set up another clinic desk on this &computer…"))
        self._filter(self.search.text())

    def _institutions_failed(self, exc: BaseException) -> None:
        from .errors import user_message

        self.note.setText(user_message(exc) or _("The institutions could not be loaded."))

    def _filter(self, text: str) -> None:
        current = self.selected_institution()
        self.institution_list.clear()
        needle = text.strip().lower()
        for inst in self.institutions:
            if needle and needle not in inst["name"].lower() and not inst["sign_key"].startswith(needle):
                continue
            item = QListWidgetItem(f"{inst['name']}  ({inst.get('kind', '')})")
            item.setData(KEY_ROLE, inst["sign_key"])
            self.institution_list.addItem(item)
            if current and current["sign_key"] == inst["sign_key"]:
                self.institution_list.setCurrentItem(item)
        if self.institution_list.count() == 1:
            self.institution_list.setCurrentRow(0)
        self._validate()

    def selected_institution(self) -> dict | None:
        item = self.institution_list.currentItem()
        if item is None:
            return None
        key = item.data(KEY_ROLE)
        return next((i for i in self.institutions if i["sign_key"] == key), None)

    def selected_records(self) -> list[str]:
        items = (self.record_list.item(i) for i in range(self.record_list.count()))
        return [item.data(KEY_ROLE) for item in items if item.checkState() == Qt.CheckState.Checked]

    def _validate(self) -> None:
        inst = self.selected_institution()
        chosen, records = inst is not None, bool(self.selected_records())
        self.grant_button.setEnabled(chosen and records)
        missing = [] if chosen else [_("an institution")]
        missing += [] if records else [_("at least one record")]
        self.why_disabled.setText(_("To grant access, choose {what}.").format(what=_(" and ").join(missing))
                                  if missing and self.institutions else "")
        if hasattr(self, "preview"):  # what will be shared, before it is signed
            self.preview.update_for(self._wallet, inst["sign_key"] if inst else None, self.selected_records(),
                                    self.purpose.currentData(), end_of_day(self.expiry.date()))

    def request(self) -> GrantRequest:
        inst = self.selected_institution()
        if inst is None:
            raise ValueError("no institution chosen")
        return GrantRequest(inst["sign_key"], inst["name"], tuple(self.selected_records()),
                            self.purpose.currentData(), end_of_day(self.expiry.date()),
                            self.label.text().strip() or None, chosen_reads(self.reads, self.read_count))
