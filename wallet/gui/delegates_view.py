"""The patient's "Delegates" page: add a delegate from their code (typed, pasted or scanned from
an image), with the limits the patient signs; see each delegate and what they did for the patient
(verified); end a delegation, with or without the consents it gave. Thin over
:mod:`wallet.core.delegation`; every action runs off the GUI thread (:class:`.ops.Op`)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ledger_client.tx import CATEGORIES, INSTITUTION_KINDS, PURPOSES

from ..core import texts
from ..core.consent.grants import PURPOSE_LABELS
from ..core.delegation import audit, patient
from .clinic_setup_view import KINDS
from .context import ViewContext, WalletView
from .formatting import when
from .i18n import N_, _
from .ops import Op

DAY = 86400
# The ledger's kinds of record (ledger_client.tx.CATEGORIES), as the patient reads them
CATEGORY_LABELS = {"document": N_("Letters and documents"), "image": N_("Pictures"), "fhir": N_("FHIR records"),
                   "lab": N_("Lab results"), "imaging": N_("Medical imaging"), "prescription": N_("Prescriptions"),
                   "note": N_("Clinical notes"), "deidentified": N_("De-identified copies"), "other": N_("Other")}
INSTITUTION_LABELS = {**dict(KINDS), "issuer": N_("Credential issuer")}


PER_ROW = 5  # check boxes per row: the page fits a full-HD screen at twice the font


def _checks(values: tuple[str, ...], labels: dict[str, str],
            checked: tuple[str, ...] = ()) -> tuple[QGridLayout, dict[str, QCheckBox]]:
    """Check boxes in rows of :data:`PER_ROW`, one per ledger value, each labelled in the user's language."""
    grid, boxes = QGridLayout(), {}
    for number, value in enumerate(values):
        box = QCheckBox(_(labels.get(value, value)))
        box.setChecked(value in checked)
        grid.addWidget(box, number // PER_ROW, number % PER_ROW)
        boxes[value] = box
    grid.setColumnStretch(PER_ROW, 1)
    return grid, boxes


class DelegatesView(WalletView):
    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        title = QLabel(_("Delegates"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        box = QGroupBox(_("Let someone grant and revoke for you (a parent, a carer), within limits you sign"))
        form = QFormLayout(box)
        self.code = QLineEdit()
        self.code.setPlaceholderText("medwallet-delegate:1:…")
        self.code.setAccessibleName(_("The delegate's code"))
        scan = QPushButton(_("From an &image…"))
        scan.clicked.connect(self.scan_code)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(scan)
        self.name = QLineEdit()
        self.name.setMaxLength(patient.MAX_LABEL_CHARS)
        self.name.setAccessibleName(_("What you call the delegate (kept in your wallet only)"))
        purpose_row, self.purposes = _checks(PURPOSES, PURPOSE_LABELS, ("treatment",))
        kind_row, self.kinds = _checks(CATEGORIES, CATEGORY_LABELS)
        institution_row, self.institution_kinds = _checks(INSTITUTION_KINDS, INSTITUTION_LABELS)
        self.longest = QSpinBox()
        self.longest.setRange(1, 3660)
        self.longest.setValue(30)
        self.longest.setAccessibleName(_("Longest validity of one consent the delegate gives, in days"))
        self.lasts = QSpinBox()
        self.lasts.setRange(1, 3660)
        self.lasts.setValue(365)
        self.lasts.setAccessibleName(_("How many days the delegation lasts"))
        self.revoke_others = QCheckBox(_("may also revoke consents under this delegation they did not give"))
        code_label = QLabel(_("&Code:"))  # a row holding a layout gets no buddy of its own: Alt+C goes to the code
        code_label.setBuddy(self.code)
        form.addRow(code_label, code_row)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("Purposes:"), purpose_row)
        form.addRow(_("Kinds of record (none: all):"), kind_row)
        form.addRow(_("Kinds of institution (none: all):"), institution_row)
        form.addRow(_("Longest consent (&days):"), self.longest)
        form.addRow(_("Delegation lasts (da&ys):"), self.lasts)
        form.addRow("", self.revoke_others)
        self.add_button = QPushButton(_("&Add the delegate"))
        self.add_button.setProperty("primary", True)
        self.add_button.clicked.connect(self.add_delegate)
        form.addRow("", self.add_button)
        layout.addWidget(box)
        self.delegates = QListWidget()
        self.delegates.setMinimumHeight(48)  # the page fits the window's default height
        self.delegates.setAccessibleName(_("Your delegates"))
        layout.addWidget(self.delegates, 1)
        row = QHBoxLayout()
        self.revoke_button = QPushButton(_("&End the delegation"))
        self.revoke_button.clicked.connect(lambda: self.revoke(with_grants=False))
        self.revoke_all_button = QPushButton(_("End it and revoke &every consent they gave"))
        self.revoke_all_button.clicked.connect(lambda: self.revoke(with_grants=True))
        for button in (self.revoke_button, self.revoke_all_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.done_for_you = QListWidget()
        self.done_for_you.setMinimumHeight(48)
        self.done_for_you.setAccessibleName(_("What your delegates did for you, verified on the ledger"))
        layout.addWidget(QLabel(_("What your delegates did for you (verified):")))
        layout.addWidget(self.done_for_you, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.rows: list[dict[str, Any]] = []

    # --- hooks ---------------------------------------------------------------------------

    def wallet_opened(self) -> None:
        self.refresh()

    def wallet_closed(self) -> None:
        for widget in (self.delegates, self.done_for_you):
            widget.clear()
        self.note.clear()
        self.code.clear()
        self.rows = []

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return

        def work(ctx: Any) -> tuple[list[dict[str, Any]], list[audit.DelegatedEvent]]:
            rows = patient.list_delegations(wallet)
            patient.sync_grants(wallet)
            return rows, audit.events(wallet)
        Op(self, work, serial=False).success(self._show).failure(self._failed).run()

    def _show(self, found: tuple[list[dict[str, Any]], list[audit.DelegatedEvent]]) -> None:
        self.rows, shown = found
        self.delegates.clear()
        for row in self.rows:
            purposes = ", ".join(_(PURPOSE_LABELS.get(p, p)) for p in row["purposes"])
            item = QListWidgetItem(_("{label}: {purposes}, %n record(s), until {until}, {status}", None,
                                     len(row["records"])).format(
                label=row["label"], purposes=purposes, until=when(row["expires_at"]),
                status=texts.delegation_status(row["status"])))
            self.delegates.addItem(item)
        self.done_for_you.clear()
        for event in shown:
            self.done_for_you.addItem(f"{when(event.time)}  {event.shown()} ✓")

    # --- actions -------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        from .errors import user_message

        self.note.setText(user_message(exc) or str(exc))

    def scan_code(self) -> None:
        from ..core.delegation.code import code_from_image

        path = self.ctx.dialogs.open_file(self, _("Open a picture of the delegate's code"),
                                          _("Images (*.png *.jpg *.jpeg);;All files (*)"))
        if path is not None:
            Op(self, lambda ctx: code_from_image(path)).success(self.code.setText).failure(self._failed).run()

    def limits(self) -> patient.Limits:
        def chosen(boxes: dict[str, QCheckBox]) -> tuple[str, ...]:
            return tuple(value for value, box in boxes.items() if box.isChecked())
        return patient.Limits(purposes=chosen(self.purposes), expires_at=int(time.time()) + self.lasts.value() * DAY,
                              max_grant_seconds=self.longest.value() * DAY,
                              institution_kinds=chosen(self.institution_kinds), categories=chosen(self.kinds),
                              revoke_others=self.revoke_others.isChecked())

    def add_delegate(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        code, name, limits = self.code.text(), self.name.text(), self.limits()
        categories = limits.categories or tuple(CATEGORIES)  # no kind chosen: every record of the patient's
        limits = patient.Limits(**{**limits.__dict__, "categories": categories})
        Op(self, lambda ctx: patient.add(wallet, code, name, [], limits)).success(self._added) \
            .failure(self._failed).run()

    def _added(self, added: patient.Added) -> None:
        self.code.clear()
        self.note.setText(_("{label} is now your delegate for %n record(s). Read the fingerprint back with them: "
                            "{fingerprint}", None, len(added.records)).format(label=added.label,
                                                                               fingerprint=added.fingerprint))
        self.refresh()

    def revoke(self, *, with_grants: bool) -> None:
        wallet, index = self.ctx.wallet, self.delegates.currentRow()
        if wallet is None or not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        text = (_("End {label}'s delegation and revoke every consent they gave?") if with_grants else
                _("End {label}'s delegation? The consents they gave stay until they end or you revoke them."))
        if not self.ctx.dialogs.confirm(self, _("End the delegation"), text.format(label=row["label"]),
                                        ok_label=_("End it")):
            return
        Op(self, lambda ctx: patient.revoke(wallet, row["delegation"], with_grants=with_grants)).success(
            lambda outcome: self._ended(row["label"], outcome)).failure(self._failed).run()

    def _ended(self, label: str, outcome: dict[str, Any]) -> None:
        self.note.setText(_("{label} can no longer act for you; %n consent(s) revoked.", None,
                            len(outcome["grants_revoked"])).format(label=label))
        self.refresh()
