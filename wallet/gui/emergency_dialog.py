"""The "Emergency set" dialog: a thin view over :mod:`wallet.core.emergency.patient`.

It shows the network's policy (who may ask, the delay, the t of n nodes), the set and its
emergency card, and every request on it with Approve and Veto; the patient picks the FHIR
records the set holds beside the patient summary. Every call runs off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import texts
from ..core.consent.references import own_resources
from ..core.emergency import patient as emergency
from .formatting import when
from .i18n import N_, _
from .ops import Op

# Who the policy lets ask, by the ledger's kind of institution (ledger_client.tx.INSTITUTION_KINDS)
ANY_KIND = {"clinic": N_("any clinic"), "hospital": N_("any hospital"), "lab": N_("any laboratory"),
            "pharmacy": N_("any pharmacy"), "insurer": N_("any insurer"), "research": N_("any research study"),
            "issuer": N_("any credential issuer"), "other": N_("any other institution")}


def delay_text(seconds: int) -> str:
    """The policy's delay in the largest whole unit: days, hours, minutes or seconds."""
    if seconds and seconds % 86400 == 0:
        return _("%n day(s)", None, seconds // 86400)
    if seconds and seconds % 3600 == 0:
        return _("%n hour(s)", None, seconds // 3600)
    if seconds and seconds % 60 == 0:
        return _("%n minute(s)", None, seconds // 60)
    return _("%n second(s)", None, seconds)


def policy_text(rules: dict[str, Any] | None) -> str:
    if rules is None:
        return _("This network has no emergency-access policy yet: no one can ask.")
    kinds = [_(ANY_KIND[k]) if k in ANY_KIND else k for k in rules["kinds"]]
    who = [*rules["institution_names"], *kinds] or [_("no one")]
    nodes = _("the key is split among %n node(s)", None, len(rules["nodes"]))
    return _("Who may ask: {who}. A request opens after {delay} unless you approve it sooner or veto it; "
             "{nodes}, {t} of which are needed.").format(
        who=", ".join(who), delay=delay_text(rules["delay"]), nodes=nodes, t=rules["threshold"])


class EmergencyDialog(QDialog):
    def __init__(self, wallet: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wallet = wallet
        self.setWindowTitle(_("Emergency set"))
        layout = QVBoxLayout(self)
        self.policy = QLabel(_("Loading…"))
        self.policy.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QCheckBox(_("Include my patient &summary (allergies, medications, problems)"))
        self.summary.setChecked(True)
        self.records = QListWidget()
        self.records.setAccessibleName(_("FHIR records to include in the emergency set"))
        self.requests = QListWidget()
        self.requests.setAccessibleName(_("Emergency requests on your set"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        for widget in (self.policy, self.state, self.summary, QLabel(_("Also include these records:")),
                       self.records, QLabel(_("Requests:")), self.requests):
            layout.addWidget(widget)
        row = QHBoxLayout()
        self.publish_button = QPushButton(_("&Publish the set"))
        self.publish_button.setProperty("primary", True)
        self.publish_button.clicked.connect(self.publish)
        self.withdraw_button = QPushButton(_("&Withdraw the set"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.approve_button = QPushButton(_("&Approve request"))
        self.approve_button.clicked.connect(lambda: self.decide("approve"))
        self.veto_button = QPushButton(_("&Veto request"))
        self.veto_button.clicked.connect(lambda: self.decide("veto"))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        for button in (self.publish_button, self.withdraw_button, self.approve_button, self.veto_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.resize(640, 560)
        self.refresh()

    def _run(self, work: Any, done: Any) -> None:
        Op(self, work).success(done).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        from .errors import user_message

        self.note.setText(user_message(exc) or str(exc))

    def refresh(self) -> None:
        wallet = self.wallet

        def load(ctx: Any) -> dict[str, Any]:
            return {"status": emergency.status(wallet),
                    "records": [(item["record"], item["title"]) for item in own_resources(wallet)]}
        self._run(load, self._show)

    def _show(self, loaded: dict[str, Any]) -> None:
        seen = loaded["status"]
        self.policy.setText(policy_text(seen["policy"]))
        if self.records.count() == 0:
            for record, title in loaded["records"]:
                item = QListWidgetItem(title or record[:12])
                item.setData(Qt.ItemDataRole.UserRole, record)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.records.addItem(item)
        the_set = seen["set"]
        if the_set is None:
            self.state.setText(_("You have no emergency set yet."))
        else:
            state = _("withdrawn") if the_set["withdrawn_at"] else _("active")
            self.state.setText(_("Your set: %n file(s), version {v}, {state}. Emergency card: {card}", None,
                                 len(the_set["records"])).format(v=the_set["version"], state=state,
                                                                 card=the_set["card"]))
        self.requests.clear()
        for request in seen["requests"]:
            item = QListWidgetItem(_("EMERGENCY · {who}: {why} — asked {asked}, opens {opens}, {status}").format(
                who=texts.party_name(request["requester_name"]), why=request["justification"],
                asked=when(request["time"]),
                opens=when(request["opens_at"]), status=texts.emergency_status(request["status"])))
            item.setData(Qt.ItemDataRole.UserRole, request["request"])
            self.requests.addItem(item)
        can_decide = bool(seen["requests"])
        self.approve_button.setEnabled(can_decide)
        self.veto_button.setEnabled(can_decide)
        self.withdraw_button.setEnabled(the_set is not None and not the_set["withdrawn_at"])
        self.publish_button.setEnabled(seen["policy"] is not None)

    def picked(self) -> list[str]:
        return [self.records.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.records.count())
                if self.records.item(i).checkState() == Qt.CheckState.Checked]

    def publish(self) -> None:
        wallet, records, summary = self.wallet, self.picked(), self.summary.isChecked()
        self._run(lambda ctx: emergency.mark(wallet, records, summary=summary),
                  lambda marked: self._done(_("Emergency set published (%n file(s)).", None, len(marked.records))))

    def withdraw(self) -> None:
        wallet = self.wallet
        self._run(lambda ctx: emergency.withdraw(wallet), lambda tx: self._done(_("Emergency set withdrawn.")))

    def decide(self, decision: str) -> None:
        item = self.requests.currentItem() or (self.requests.item(0) if self.requests.count() == 1 else None)
        if item is None:
            self.note.setText(_("Choose a request first."))
            return
        wallet, request = self.wallet, item.data(Qt.ItemDataRole.UserRole)
        self._run(lambda ctx: emergency.decide(wallet, request, decision),
                  lambda tx: self._done(_("Approved: the request is open.") if decision == "approve"
                                        else _("Vetoed: the request will never open.")))

    def _done(self, text: str) -> None:
        self.note.setText(text)
        self.refresh()
