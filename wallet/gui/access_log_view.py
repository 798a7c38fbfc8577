"""Access log: every read and refusal of the patient's records, each verified against the
ledger (Merkle proof on a verified header chain) and marked so; filters by record,
institution and outcome (or only the events that raised an alert); refusals highlighted;
export to CSV. It is live: the main window
looks at the ledger every few seconds and the rows arrive by themselves. Rows are the core's
grouped view (:func:`wallet.core.audit.trail.access_log`): a consent's key fetch is part
of the read it served, never a row of its own."""

from __future__ import annotations

import csv
from datetime import UTC
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import texts
from ..core.audit import alerts, trail
from ..core.consent import grants
from . import theme, window_state
from .accessibility import add_shortcut
from .assets import icon
from .context import ViewContext, WalletView
from .formatting import when
from .i18n import N_, _
from .ops import Op
from .rows_model import Index, RowsModel

REFUSAL_BACKGROUND, REFUSAL_TEXT = "danger_bg", "on_danger_bg"  # colour roles (:mod:`.colours`), per scheme
ALL = ""


def record_label(row: dict) -> str:
    """The record (or, for a refusal at a consent's keys, the records) a row is about."""
    if row.get("record_deleted"):
        return _("Deleted record")
    return row.get("what") or row.get("title") or _("a deleted record")


def _who(name: str | None) -> str:
    """A requester's name as shown: the core's stand-ins ("You (this wallet)") in the chosen language."""
    return texts.party_name(name) if name else _("Unknown requester")


def describe_alerts(found: list[alerts.Alert]) -> str:
    """One sentence for the alerts among new events, to lead a notification."""
    words = [a.words for a in found]
    unique = list(dict.fromkeys(words))
    return _("Alert: {alerts}.").format(alerts="; ".join(unique[:3]) + (" …" if len(unique) > 3 else ""))


def describe_accesses(rows: list[dict]) -> str:
    """One sentence per requester for a notification: who read what, who was refused."""
    by_who: dict[str, tuple[list[str], list[str], bool]] = {}
    parts_first: list[str] = []
    for row in rows:
        if row["kind"] in ("deletion", "emergency_approve", "emergency_veto", "emergency_release"):
            continue  # the patient's own act, or a step the request's own row announces
        if row["kind"] == "emergency_request":
            parts_first.append(_("EMERGENCY: {who} asks for break-glass access to your emergency set").format(
                who=_who(row.get("requester_name"))))
            continue
        reads, refusals, started = by_who.setdefault(_who(row.get("requester_name")),
                                                     ([], [], False))
        if row["kind"] != "access":
            refusals.append(texts.reason_text(row["reason"]))
        elif row.get("keys_only"):
            by_who[_who(row.get("requester_name"))] = (reads, refusals, True)
        else:
            reads += [t for t in row.get("titles") or [record_label(row)] if t not in reads]
    parts = parts_first
    for who, (reads, refusals, started) in by_who.items():
        if reads:
            titles = ", ".join(f"“{t}”" for t in reads[:3]) + (" …" if len(reads) > 3 else "")
            parts.append(_("{who} read {titles}").format(who=who, titles=titles))
        if refusals:
            parts.append(_("{who} was refused: {reason}").format(who=who, reason=refusals[0]))
        if started and not reads and not refusals:
            parts.append(_("{who} started a read but read no record").format(who=who))
    return "; ".join(parts) + ". " + _("Verified on the ledger.")


EMERGENCY_OUTCOMES = {"emergency_request": N_("Emergency: asked for break-glass access"),
                      "emergency_approve": N_("Emergency: approved by you"),
                      "emergency_veto": N_("Emergency: vetoed by you"),
                      "emergency_release": N_("Emergency: a node released its key share")}


def outcome_text(row: dict) -> str:
    if row["kind"] in EMERGENCY_OUTCOMES:
        return _(EMERGENCY_OUTCOMES[row["kind"]])
    if row["kind"] == "access" and row["reason"] == "emergency":
        return _("Emergency read")
    if row["kind"] == "access":
        text = _("Started a read, no record read") if row.get("keys_only") else _("Read")
        if row.get("max_reads") is not None:
            text += " " + _("(limited consent: {left} of {total} reads left)").format(left=row.get("reads_left"),
                                                                                      total=row["max_reads"])
        return text
    if row["kind"] == "deletion":
        return _("Deleted by you")
    return _("Refused: {reason}").format(reason=texts.reason_text(row["reason"]))


def alert_text(row: dict) -> str:
    """The alerts an event raised, in words ("" for none)."""
    if not row.get("alerts"):
        return ""
    return _("Alert: {rules}").format(rules=", ".join(_(ALERT_LABELS[r]) for r in row["alerts"]))


ALERT_LABELS = {"first_read": "first read", "unusual_hours": "unusual hour", "burst": "burst of reads",
                "repeated_refusals": "repeated refusals", "emergency": "emergency access"}
ALERTS = "alert"  # the outcome filter's value for "events that raised an alert"


class EventsModel(RowsModel):
    HEADERS = (N_("When"), N_("Proof"), N_("Who"), N_("Record"), N_("Purpose"), N_("Outcome"))
    WHEN, PROOF, WHO, RECORD, PURPOSE, OUTCOME = range(6)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # Qt override
        row, column = self.rows[index.row()], index.column()
        refused = row["kind"] == "refusal"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.PROOF:
                return icon("verified" if row["verified"] else "refused")
            if column == self.OUTCOME and refused:
                return icon("refused")
            if column == self.OUTCOME and row.get("alerts"):
                return icon("bell")
        if role == Qt.ItemDataRole.BackgroundRole and refused:
            return QBrush(theme.colour(REFUSAL_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and refused:
            return QBrush(theme.colour(REFUSAL_TEXT))
        if role == Qt.ItemDataRole.FontRole and refused and column == self.OUTCOME:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:  # the sort key
            return row["time"] if column == self.WHEN else self._text(row, column, False)
        return None

    @classmethod
    def _text(cls, row: dict, column: int, tooltip: bool) -> str:
        if column == cls.PROOF:
            if not row["verified"]:
                return _("Not verified")
            if tooltip:
                text = _("Verified: transaction {tx}… is proven in block {height} of the ledger's verified "
                         "header chain.").format(tx=row["tx"][:16], height=row["height"])
                if row.get("keys_tx"):
                    text += " " + _("So is the fetch of the consent's keys that came first (transaction "
                                    "{tx}…).").format(tx=row["keys_tx"][:16])
                return text
            return _("Verified")
        return (when(row["time"]), "", _who(row.get("requester_name")), record_label(row),
                _("Your request") if row["kind"] == "deletion" else
                _(grants.PURPOSE_LABELS.get(row["purpose"], row["purpose"])),
                " · ".join(t for t in (outcome_text(row), tooltip and alert_text(row)) if t))[column]


class EventFilter(QSortFilterProxyModel):
    """Record (original id), institution (name) and outcome (access/refusal) filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.record = self.institution = self.outcome = ALL
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filters(self, record: str, institution: str, outcome: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self.record, self.institution, self.outcome = record, institution, outcome
            self.endFilterChange()
        else:
            self.record, self.institution, self.outcome = record, institution, outcome
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        row = cast(RowsModel, self.sourceModel()).rows[source_row]
        return ((not self.record or self.record in (row.get("records") or []) or self.record == row["record"])
                and (not self.institution or row.get("requester_name") == self.institution)
                and (not self.outcome or row["kind"] == self.outcome
                     or (self.outcome == ALERTS and bool(row.get("alerts")))))

    def visible_rows(self) -> list[dict]:
        rows = cast(RowsModel, self.sourceModel()).rows
        return [rows[self.mapToSource(self.index(i, 0)).row()] for i in range(self.rowCount())]


class AccessLogView(WalletView):
    refresh_requested = Signal()  # the window looks at the ledger (it does so every few seconds anyway)

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = EventsModel(self)
        self.proxy = EventFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        ctx.bridge.access_seen.connect(self.on_access_seen)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(_("Access log"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        intro = QLabel(_("Every read of your records, and every refusal, is signed and recorded on the ledger. "
                         "Medwallet checks each one against the ledger's blocks before showing it as verified. "
                         "New ones appear here within seconds."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        bar = QHBoxLayout()
        self.record_filter = self._combo(_("Filter by record"), bar, _("&Record:"))
        self.institution_filter = self._combo(_("Filter by institution"), bar, _("&Who:"))
        self.outcome_filter = self._combo(_("Filter by outcome"), bar, _("O&utcome:"))
        for text, value in ((_("All"), ALL), (_("Reads"), "access"), (_("Refusals"), "refusal"),
                            (_("Deletions"), "deletion"), (_("Alerts"), ALERTS)):
            self.outcome_filter.addItem(text, value)
        bar.addStretch(1)
        layout.addLayout(bar)
        bar = QHBoxLayout()  # the actions on a row of their own: the view fits at twice the font
        self.refresh_button = QPushButton(icon("refresh"), _("Re&fresh"))
        self.refresh_button.setAccessibleName(_("Check the ledger for new accesses"))
        add_shortcut(self.refresh_button, QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(icon("export"), _("&Export CSV…"))
        self.export_button.setAccessibleName(_("Export the shown events as CSV"))
        self.export_button.clicked.connect(self.export_csv)
        self.fhir_button = QPushButton(icon("export"), _("Export F&HIR…"))
        self.fhir_button.setAccessibleName(_("Export the access log as a FHIR AuditEvent bundle"))
        self.fhir_button.clicked.connect(self.export_fhir)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.fhir_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableView()
        self.table.setAccessibleName(_("Access events"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # the patient's widths are kept
        header.setSectionResizeMode(EventsModel.OUTCOME, QHeaderView.ResizeMode.Stretch)
        self._fitted = False  # columns fitted to the first rows, unless widths were kept
        layout.addWidget(self.table, 1)
        self.empty = QLabel(_("No one has read your records yet. When an institution reads a record you shared, "
                              "or is refused, it appears here within seconds, checked against the ledger."))
        self.empty.setObjectName("emptyText")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        self.status = QLabel()
        self.status.setObjectName("statusNote")
        layout.addWidget(self.status)
        for combo in (self.record_filter, self.institution_filter, self.outcome_filter):
            combo.currentIndexChanged.connect(lambda _i: self._apply_filters())

    def _combo(self, accessible: str, bar: QHBoxLayout, label_text: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible)
        combo.setMinimumContentsLength(14)
        label = QLabel(label_text)
        label.setBuddy(combo)
        bar.addWidget(label)
        bar.addWidget(combo)
        return combo

    def restore_columns(self, window: str) -> None:
        if window_state.restore_header(self.table.horizontalHeader(), window, "access_columns"):
            self._fitted = True

    def save_columns(self, window: str) -> None:
        window_state.save_header(self.table.horizontalHeader(), window, "access_columns")

    def _fit_columns_once(self) -> None:
        if not self._fitted and self.model.rowCount():
            self.table.resizeColumnsToContents()
            self._fitted = True

    # --- hooks ------------------------------------------------------------------------------

    def wallet_opened(self) -> None:
        self.reload()

    def wallet_closed(self) -> None:
        self.model.set_rows([])
        self._fill_filters([])
        self.status.clear()
        self.empty.show()

    def activated(self) -> None:
        wallet = self.ctx.wallet
        if wallet is not None:
            Op(self, lambda ctx: trail.mark_seen(wallet)).run()

    def on_access_seen(self, _events) -> None:
        self.reload()

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Look at the ledger now (the window's poll does the work; this only asks for it sooner)."""
        if self.ctx.wallet is not None:
            self.status.setText(_("Checking the ledger…"))
            self.refresh_requested.emit()

    def show_current(self, outcome) -> None:
        """What the window's last look found: new events (a list), nothing new (None or []), or a problem."""
        from datetime import datetime

        if self.ctx.wallet is None:
            return
        if isinstance(outcome, BaseException):
            from .errors import user_message

            self.status.setText(_("Offline: {why} Medwallet keeps trying.").format(
                why=user_message(outcome) or _("the ledger could not be checked.")))
            return
        stamp = datetime.now().strftime("%H:%M:%S")
        self.status.setText(_("Up to date: %n new event(s) verified at {time}.", None, len(outcome)).format(time=stamp)
                            if outcome else _("Up to date (checked at {time}).").format(time=stamp))

    def reload(self) -> None:
        wallet = self.ctx.wallet
        if wallet is not None:
            Op(self, lambda ctx: alerts.annotate(wallet, trail.access_log(wallet)), serial=False).success(
                self._show_rows).run()

    def _show_rows(self, rows: list[dict]) -> None:
        if self.ctx.wallet is None:
            return
        self.model.set_rows(rows)
        self._fill_filters(rows)
        self._apply_filters()
        self._fit_columns_once()
        self.empty.setVisible(not rows)

    def _fill_filters(self, rows: list[dict]) -> None:
        records = {record: title for r in rows for record, title in zip(r.get("records") or [], r.get("titles") or [],
                                                                         strict=False)}
        names = sorted({r.get("requester_name") or "" for r in rows} - {""})
        for combo, items in ((self.record_filter, sorted(records.items(), key=lambda kv: kv[1].lower())),
                             (self.institution_filter, [(n, texts.party_name(n)) for n in names])):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("All"), ALL)
            for value, label in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _apply_filters(self) -> None:
        self.proxy.set_filters(self.record_filter.currentData() or ALL, self.institution_filter.currentData() or ALL,
                               self.outcome_filter.currentData() or ALL)

    # --- export -----------------------------------------------------------------------------------

    def export_csv(self) -> None:
        rows = self.proxy.visible_rows()
        path = self.ctx.dialogs.save_file(self, _("Export the access log"), "medwallet-access-log.csv",
                                          _("CSV file (*.csv)"))
        if path is None:
            return
        Op(self, lambda ctx: write_csv(path, rows), serial=False).success(
            lambda n: self.status.setText(_("Exported %n event(s) to {path}", None, n).format(path=str(path)))).run()

    def export_fhir(self) -> None:
        """The whole access log as one FHIR Bundle of IHE BALP AuditEvents (for a regulator)."""
        wallet = self.ctx.wallet
        path = self.ctx.dialogs.save_file(self, _("Export the access log as FHIR"), "medwallet-audit-events.json",
                                          _("FHIR JSON (*.json)"))
        if wallet is None or path is None:
            return
        from ..core.fhir.audit_export import write_audit
        Op(self, lambda ctx: write_audit(wallet, path), serial=False).success(
            lambda written: self.status.setText(_("Exported the access log as FHIR to {path}").format(
                path=str(written)))).run()


CSV_OUTCOMES = {"access": "read", "refusal": "refused", "deletion": "deleted",
                "emergency_request": "emergency request", "emergency_approve": "emergency approved",
                "emergency_veto": "emergency vetoed", "emergency_release": "emergency key share released"}
CSV_COLUMNS = ("time", "requester", "record_title", "record", "purpose", "outcome", "reason", "block", "tx",
               "verified")


def write_csv(path: Path, rows: list[dict]) -> int:
    """The events as CSV (UTF-8, one header line, times in ISO 8601 local time)."""
    from datetime import datetime

    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            moment = datetime.fromtimestamp(row["time"], UTC).astimezone().isoformat(timespec="seconds")
            writer.writerow([moment, row.get("requester_name") or "", record_label(row),
                             ";".join(row.get("records") or [row["original_record"]]),
                             row["purpose"], CSV_OUTCOMES[row["kind"]],
                             row["reason"] if row["kind"] == "refusal" else "", row["height"], row["tx"],
                             "yes" if row["verified"] else "no"])
    return len(rows)
