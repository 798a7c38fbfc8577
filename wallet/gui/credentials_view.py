"""Credentials: the anonymous credentials the wallet holds (issuer, attributes, status),
the two steps of receiving one as files (answer an issuer's offer with a request, then
store the credential the issuer sends back), and answering an institution's proof request
(who asks, as the ledger names it, and exactly what, before the patient consents)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.atomic_file import atomic_write
from ..core.credentials import holder
from . import messages
from .assets import icon
from .context import ViewContext, WalletView
from .formatting import when
from .i18n import _
from .ops import Op

JSON_FILTER = "JSON (*.json);;All files (*)"
STATUS_TEXT = {"valid": "Valid", "revoked": "Revoked by the issuer", "unknown": "Not checked (offline)"}


def attributes_text(attributes: dict[str, str]) -> str:
    return ", ".join(f"{name}: {value}" for name, value in sorted(attributes.items()))


def read_json(path: Path) -> object:
    """A JSON file from an issuer; a clear error if it is not one."""
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise holder.CredentialProblem(detail=f"{Path(path).name} is not a JSON file ({type(exc).__name__})") from None


class CredentialsView(WalletView):
    HEADERS = ("Issuer", "Credential", "Attributes", "Status", "Received")

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Credentials"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        self.text = QLabel(messages.credentials_placeholder())
        self.text.setWordWrap(True)
        self.text.setObjectName("emptyText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)  # like the other views' empty-table words
        layout.addWidget(self.text)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Credentials held by this wallet"))
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.answer_button = self._button(buttons, _("&Answer an offer…"), "import", self._answer_offer)
        self.store_button = self._button(buttons, _("&Store a credential…"), "credentials", self._store)
        self.prove_button = self._button(buttons, _("Answer a &proof request…"), "verified", self._answer_request)
        self.refresh_button = self._button(buttons, _("Re&fresh"), "refresh", self.reload)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setAccessibleName(_("Credentials status"))
        layout.addWidget(self.status)

    def _button(self, row: QHBoxLayout, text: str, icon_name: str, slot) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # --- hooks -------------------------------------------------------------------------------------

    def wallet_opened(self) -> None:
        self.reload()

    def wallet_closed(self) -> None:
        self.table.setRowCount(0)
        self.status.clear()

    def reload(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        Op(self, lambda ctx: holder.list_credentials(wallet), serial=False).success(self._show).run()

    def _show(self, items: list) -> None:
        self.table.setRowCount(len(items))
        for row, info in enumerate(items):
            cells = (info.issuer_name, info.schema_name, attributes_text(info.attributes),
                     _(STATUS_TEXT.get(info.status, info.status)), when(info.received_at))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setIcon(icon("verified" if info.status == "valid" else "refused"))
                self.table.setItem(row, column, item)
        self.text.setVisible(not items)

    # --- receiving a credential ----------------------------------------------------------------------

    def _answer_offer(self) -> None:
        wallet = self.ctx.wallet
        offer = self.ctx.dialogs.open_file(self, _("Open the issuer's offer"), JSON_FILTER)
        if wallet is None or offer is None:
            return
        target = self.ctx.dialogs.save_file(self, _("Save your credential request"), "credential-request.json",
                                            JSON_FILTER)
        if target is None:
            return

        def work(ctx) -> Path:
            request = holder.request_credential(wallet, read_json(offer))
            atomic_write(target, (json.dumps(request, indent=2) + "\n").encode(), mode=0o644)
            return target
        Op(self, work).success(lambda path: self.status.setText(
            _("Request saved to {path}: send it to the issuer.").format(path=path))).run()

    def _store(self) -> None:
        wallet = self.ctx.wallet
        source = self.ctx.dialogs.open_file(self, _("Open the credential from the issuer"), JSON_FILTER)
        if wallet is None or source is None:
            return

        def work(ctx):
            return holder.store_credential(wallet, read_json(source))
        Op(self, work).success(self._stored).run()

    def _stored(self, info) -> None:
        self.status.setText(_("Stored a credential from {issuer}.").format(issuer=info.issuer_name))
        self.reload()


    # --- answering a proof request -------------------------------------------------------------------

    def _answer_request(self) -> None:
        wallet = self.ctx.wallet
        source = self.ctx.dialogs.open_file(self, _("Open the proof request"), JSON_FILTER)
        if wallet is None or source is None:
            return

        def work(ctx) -> tuple[object, holder.RequestSummary]:
            doc = read_json(source)
            return doc, holder.describe_request(wallet, doc)  # refuses what it cannot attribute, with the reason
        Op(self, work, serial=False).success(lambda found: self._ask_to_prove(*found)).run()

    def _ask_to_prove(self, doc: object, summary: holder.RequestSummary) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        if summary.missing:
            self.status.setText(_("None of your valid credentials can answer this request from {name}.").format(
                name=summary.verifier))
            return
        title, text, informative = messages.proof_request(summary)
        if not self.ctx.dialogs.confirm(self, title, text, ok_label=_("Prove"), informative=informative):
            self.status.setText(_("Declined: nothing was proven."))
            return
        target = self.ctx.dialogs.save_file(self, _("Save your proof"), "proof.json", JSON_FILTER)
        if target is None:
            return

        def work(ctx) -> Path:
            proof = holder.present(wallet, doc)
            atomic_write(target, (json.dumps(proof, indent=1) + "\n").encode(), mode=0o644)
            return target
        Op(self, work).success(lambda path: self.status.setText(
            _("Proof saved to {path}: send it to {name}.").format(path=path, name=summary.verifier))).run()
