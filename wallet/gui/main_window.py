"""The patient's window: opening (onboarding or unlock), then the wallet's views beside a
section list, a banner for new accesses, auto-lock and the live access log: every few
seconds one look at the chain head (:class:`wallet.core.audit.live.ChainWatch`), and a
catch-up only when it moved; a node that stopped (the embedded one, when the window that
ran it quit) is served again.

The window is painted before anything is read from disk: the wallet is looked for and
opened by an op once the first frame is on screen (:class:`.opening_window.OpeningWindow`,
which renders the core's opening machine), and the views' modules are imported only when
a wallet is open (startup stays well under a second).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from ..core.wallet import Wallet
from . import messages, ops, window_state
from .assets import icon
from .auto_lock import InactivityMonitor
from .backup_dialogs import BackupReminder
from .bridge import EventBridge
from .context import ViewContext, WalletView
from .dialog_service import DialogService
from .i18n import N_, _
from .opening_window import OpeningWindow
from .ops import Op, OpContext
from .pool_keeper import PoolKeeper
from .session import WalletSession

if TYPE_CHECKING:
    from .onboarding_view import OnboardingView

POLL_INTERVAL_MS = 3_000  # a look at the chain head: one small request, no pseudonym named
SECTIONS = (("records", N_("Records")), ("consent", N_("Sharing")), ("access", N_("Access log")),
            ("credentials", N_("Credentials")), ("settings", N_("Settings")), ("links", N_("Links & evidence")),
            ("delegates", N_("Delegates")), ("help", N_("Help")))
SECTION_ICONS = {"links": "qr", "delegates": "consent"}
STATE = "main"  # this window's group in the kept window state (window_state)


class AccessBanner(QFrame):
    """'Clinique du Lac read “Letter” (verified)': shown until viewed or dismissed."""

    view_requested = Signal()
    emergency_decided = Signal(str, str)  # request id, "approve" or "veto"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessBanner")
        layout = QHBoxLayout(self)
        picture = QLabel()
        picture.setPixmap(icon("bell").pixmap(20, 20))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(_("New access notification"))
        self.view_button = QPushButton(_("&View access log"))
        self.view_button.setAccessibleName(_("View the access log"))
        self.view_button.clicked.connect(self.view_requested)
        self.close_button = QPushButton(_("Dismiss"))
        self.close_button.setAccessibleName(_("Dismiss the notification"))
        self.close_button.clicked.connect(self.hide)
        self.request: str | None = None  # the emergency request the banner announces, if any
        self.approve_button = QPushButton(_("&Approve emergency access"))
        self.approve_button.clicked.connect(lambda: self._decide("approve"))
        self.veto_button = QPushButton(_("Ve&to"))
        self.veto_button.setAccessibleName(_("Veto the emergency request"))
        self.veto_button.clicked.connect(lambda: self._decide("veto"))
        layout.addWidget(picture)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.approve_button)
        layout.addWidget(self.veto_button)
        layout.addWidget(self.view_button)
        layout.addWidget(self.close_button)
        self.hide()

    def announce(self, text: str, emergency_request: str | None = None) -> None:
        """Show ``text``; with an emergency request, with Approve and Veto for it."""
        self.request = emergency_request
        self.approve_button.setVisible(emergency_request is not None)
        self.veto_button.setVisible(emergency_request is not None)
        self.text.setText(text)
        self.show()

    def _decide(self, decision: str) -> None:
        if self.request is not None:
            self.emergency_decided.emit(self.request, decision)
        self.hide()


class MainWindow(OpeningWindow):
    wallet_shown = Signal()  # unlocked and the views asked for their data
    locked = Signal()

    def __init__(self, session: WalletSession, *, dialogs: DialogService | None = None,
                 poll_interval_ms: int = POLL_INTERVAL_MS, rng: random.Random | None = None) -> None:
        super().__init__(session, loading=_("Opening your wallet…"), unlock_title=_("Your wallet is locked"),
                         cannot_open=_("The wallet could not be opened."), noun=N_("wallet"), can_restore=True)
        self.session = session
        self.setWindowTitle(_("Medwallet"))
        self.setWindowIcon(icon("app"))
        self.resize(1040, 700)
        window_state.restore_window(self, STATE)  # as the patient left it, on a screen there is
        self.dialogs = dialogs or DialogService()
        self.bridge = EventBridge(self)
        self.ctx = ViewContext(session, self.bridge, self.dialogs)
        self._rng = rng
        self._to_import: list = []  # files named on the command line, imported once the wallet is open
        self.onboarding: OnboardingView | None = None
        self.views: dict[str, WalletView] = {}
        self.wallet_page: QWidget | None = None
        self.tray: QSystemTrayIcon | None = None
        self.network_label = QLabel()
        self.busy_label = QLabel()
        self.statusBar().addWidget(self.network_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        ops.tracker().changed.connect(self._on_busy)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_interval_ms)
        self.poll_timer.timeout.connect(self.poll_audit)
        from ..core.audit.live import ChainWatch

        self.watch = ChainWatch()
        self._poll_op: Op | None = None
        self.chain_height: int | None = None
        self.inactivity = InactivityMonitor(self)
        self.pool_keeper = PoolKeeper(self, lambda: self.session.wallet)  # pseudonyms registered ahead of time
        self.inactivity.timed_out.connect(self._inactive)
        self.bridge.access_seen.connect(self.on_access_seen)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Quit), self, self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self, lambda: self.show_section("help"))

    # --- opening ------------------------------------------------------------------------------

    def is_open(self) -> bool:
        return self.session.wallet is not None

    def warm_up(self) -> None:
        _warm_imports()

    def show_new(self) -> None:
        self.show_onboarding()

    def show_open(self) -> None:
        self.show_wallet()

    def show_onboarding(self) -> None:
        from .onboarding_view import OnboardingView

        if self.onboarding is None:
            self.onboarding = OnboardingView(self.session, rng=self._rng)
            self.onboarding.wallet_ready.connect(self._onboarded)
            self.pages.addWidget(self.onboarding)
        self.pages.setCurrentWidget(self.onboarding)
        self.onboarding.focus_step()

    def forgot(self) -> None:
        """Restore from the 24 words in place of a wallet whose passphrase is forgotten."""
        question, explanation = messages.forgot_passphrase()
        if not self.dialogs.confirm(self, _("Restore from the recovery phrase"), question,
                                    ok_label=_("Restore from my words"), informative=explanation):
            return
        from ..core.onboarding import network_of

        directory = self.session.directory

        def read(ctx: OpContext):
            return network_of(directory)

        Op(self, read, serial=False).success(self._restore_in_place).run()

    def _restore_in_place(self, network) -> None:
        local, nodes, genesis = network
        self.opening.restore_instead()
        self.onboarding = None  # a fresh wizard, in restore mode
        self.show_onboarding()
        assert self.onboarding is not None
        self.onboarding.forgot_passphrase(local=local, nodes=nodes, genesis_hash=genesis)

    def _onboarded(self, wallet: Wallet, summary: dict[str, Any]) -> None:
        self.session.adopt(wallet)
        self.created()
        if summary:
            self.records_view.status.setText(
                _("Restored {records} record(s), {grants} consent(s) and {events} access event(s).").format(**summary))

    # --- the wallet ------------------------------------------------------------------------------

    def _build_wallet_page(self) -> QWidget:
        from .access_log_view import AccessLogView
        from .consent_view import ConsentView
        from .credentials_view import CredentialsView
        from .delegates_view import DelegatesView
        from .help_view import HelpView
        from .links_view import LinksView
        from .records_view import RecordsView
        from .settings_view import SettingsView

        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = AccessBanner()
        self.banner.view_requested.connect(lambda: self.show_section("access"))
        self.banner.emergency_decided.connect(self.decide_emergency)
        outer.addWidget(self.banner)
        self.backup_reminder = BackupReminder()
        self.backup_reminder.check_requested.connect(lambda: self.show_section("settings"))
        self.backup_reminder.later_button.clicked.connect(self._backup_later)
        outer.addWidget(self.backup_reminder)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sectionsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.sections = QListWidget()
        self.sections.setObjectName("sections")
        self.sections.setAccessibleName(_("Sections"))
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.records_view = RecordsView(self.ctx)
        self.access_view = AccessLogView(self.ctx)
        self.settings_view = SettingsView(self.ctx)
        self.consent_view = ConsentView(self.ctx)
        made: dict[str, WalletView] = {"records": self.records_view, "consent": self.consent_view,
                                       "access": self.access_view, "credentials": CredentialsView(self.ctx),
                                       "settings": self.settings_view, "links": LinksView(self.ctx),
                                       "delegates": DelegatesView(self.ctx), "help": HelpView(self.ctx)}
        for number, (key, label) in enumerate(SECTIONS, start=1):
            view = made[key]
            self.views[key] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(icon(SECTION_ICONS.get(key, key)), _(label))
            item.setToolTip(_("{label} (Ctrl+{n})").format(label=_(label), n=number))
            self.sections.addItem(item)
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda k=key: self.show_section(k))
        self.sections.setMinimumWidth(self._sections_width())  # wider by the splitter, never narrower
        self.sections.currentRowChanged.connect(self._section_changed)
        self.settings_view.lock_requested.connect(self.lock)
        self.settings_view.auto_lock_changed.connect(self.inactivity.set_minutes)
        self.settings_view.backup.changed.connect(self.backup_reminder.show_status)  # refreshed at each unlock
        self.settings_view.network_changed.connect(self._network_changed)
        self.access_view.refresh_requested.connect(self.poll_audit)
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self._sections_width(), max(1, self.width() - self._sections_width())])
        self.access_view.restore_columns(STATE)
        outer.addWidget(self.splitter, 1)
        return page

    def show_wallet(self) -> None:
        wallet = self.session.wallet
        if wallet is None:
            return
        if self.wallet_page is None:
            self.wallet_page = self._build_wallet_page()
            self.pages.addWidget(self.wallet_page)
            QTimer.singleShot(0, self._restore_sidebar)  # once the splitter has its width
        self.bridge.attach(wallet)
        for view in self.views.values():
            view.wallet_opened()
        self.pages.setCurrentWidget(self.wallet_page)
        row = self.sections.currentRow()
        if row < 0:
            keys = [k for k, _label in SECTIONS]
            last = window_state.load(STATE, "view", keys[0])
            row = keys.index(last) if last in keys else 0
        # select it too: the list may have made its first item current, unselected, on focus, and the
        # style fills only a selected item (the open section looked unmarked until clicked)
        self.sections.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.sections.setFocus()
        self._show_network()
        self.poll_timer.start()
        self.pool_keeper.start()
        self.poll_audit()  # the first look right away: the log is current when the patient gets there
        self.inactivity.set_minutes(int(wallet.settings.auto_lock_minutes))
        if self._to_import:
            files, self._to_import = self._to_import, []
            self.records_view.import_files(files)
        self.wallet_shown.emit()

    def _restore_sidebar(self) -> None:
        """The sidebar as wide as the patient left it (never narrower than its names need)."""
        try:
            width = int(window_state.load(STATE, "sidebar", 0))
        except (TypeError, ValueError):
            return
        if width > 0:
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([width, max(1, total - width)])

    def import_when_open(self, files: list) -> None:
        """Import ``files`` as soon as the wallet is open (now, if it is)."""
        if self.session.wallet is not None and self.wallet_page is not None:
            self.records_view.import_files(files)
        else:
            self._to_import.extend(files)

    def _show_network(self) -> None:
        wallet, session = self.session.wallet, self.session
        if wallet is None:
            self.network_label.setText(_("Locked"))
            return
        local = wallet.settings.local_node
        where = _("on this computer") if local else _("%n node(s)", None, len(wallet.settings.nodes))
        text = _("Network {name} · {where}").format(name=wallet.settings.network_name or "?", where=where)
        detail = _("The network of this computer: an embedded ledger node at {url}.").format(
            url=wallet.settings.local_node_url or "?") if local else ", ".join(wallet.settings.nodes)
        if session.network_problem is not None:
            from .errors import user_message

            text += " · " + _("offline: {why}").format(why=user_message(session.network_problem) or "")
        elif self.chain_height is not None:
            text += " · " + _("online")
            detail += " " + _("The ledger is at block {height}.").format(height=self.chain_height)
        self.network_label.setText(text)
        self.network_label.setToolTip(detail)

    def _network_changed(self) -> None:
        """Settings changed the network: forget the old head, show and look at the new one."""
        self.session.network_problem = None
        self.watch.reset()
        self.chain_height = None
        self._show_network()
        self.poll_audit()

    def _sections_width(self) -> int:
        """Wide enough for the longest section name in this language and font (the items' own
        size hints, which hold the style's padding and margins), never narrower than 190 px."""
        return max(190, self.sections.sizeHintForColumn(0) + 2 * self.sections.frameWidth() + 4)

    def show_section(self, key: str) -> None:
        if self.wallet_page is not None and self.session.wallet is not None:
            self.sections.setCurrentRow([k for k, _label in SECTIONS].index(key))

    def _section_changed(self, row: int) -> None:
        if row < 0:
            return
        key = SECTIONS[row][0]
        self.stack.setCurrentWidget(self.views[key])
        window_state.save(STATE, "view", key)
        if self.session.wallet is not None:
            self.views[key].activated()
        if key == "access":
            self.banner.hide()

    def _backup_later(self) -> None:
        wallet = self.session.wallet
        if wallet is not None:
            from ..core import backup

            self.backup_reminder.hide()
            Op(self, lambda ctx: backup.snooze(wallet.db)).success(lambda _r: self.settings_view.backup.refresh()).run()

    # --- locking ------------------------------------------------------------------------------

    def _inactive(self) -> None:
        """Auto-lock, unless an upload or another task is still running (it would be cancelled)."""
        if ops.running():
            self.inactivity.restart()
            return
        self.lock()

    def lock(self) -> None:
        """Close the wallet now: views forget their data, then the wallet closes off the GUI thread."""
        wallet = self.session.detach()
        if wallet is None:
            return
        self.poll_timer.stop()
        self.pool_keeper.stop()
        self.watch.reset()
        self.chain_height = None
        self.inactivity.stop()
        ops.cancel_all()
        self.bridge.attach(None)
        for view in self.views.values():
            view.wallet_closed()
        if self.wallet_page is not None:
            self.banner.hide()
            self.backup_reminder.hide()
        session = self.session

        def close(ctx: OpContext) -> None:
            ops.pool("parallel").waitForDone(10_000)  # reads still running finish before the database closes
            session.close_wallet(wallet)

        Op(None, close).run()
        self._show_network()
        self.show_locked()
        self.locked.emit()

    # --- audit notifications ------------------------------------------------------------------------------

    def poll_audit(self) -> None:
        """Look at the chain head (parallel, cheap); catch up (serial: it writes) only when it moved."""
        wallet, watch = self.session.wallet, self.watch
        if self.wallet_page is None or wallet is None or self._poll_op is not None:
            return

        def look(ctx: OpContext) -> int | None:
            return watch.look(wallet)

        self._poll_op = Op(self, look, serial=False)
        self._poll_op.success(self._looked_at_head).failure(self._head_unreachable).run()

    def _looked_at_head(self, height: int | None) -> None:
        wallet, watch = self.session.wallet, self.watch
        if wallet is None:
            self._poll_op = None
            return
        if self.session.network_problem is not None:
            self.session.network_problem = None
        if height is None:
            self._poll_op = None
            self.access_view.show_current(None)
            self._show_network()
            return
        self.chain_height = height
        self._show_network()

        def catch_up(ctx: OpContext) -> list:
            from ..core.audit.live import catch_up

            fresh = catch_up(wallet)
            watch.caught_up(height)
            return fresh

        op = Op(self, catch_up)
        op.success(self.access_view.show_current).failure(self._head_unreachable)
        op.finally_(self._poll_done).run()

    def _poll_done(self) -> None:
        self._poll_op = None

    def _head_unreachable(self, exc: BaseException) -> None:
        """Offline: say so, and serve the embedded network again if it is ours to serve."""
        from ledger_client.errors import LedgerError

        from ..core.errors import WalletError

        self._poll_op = None
        if not isinstance(exc, (LedgerError, WalletError)):
            from .errors import show_error

            show_error(self, exc)
            return
        self.session.network_problem = exc
        self.access_view.show_current(exc)
        self._show_network()
        wallet, session = self.session.wallet, self.session
        if wallet is not None and session.uses_local_node:
            def serve_again(ctx: OpContext) -> None:
                session.start_local()
                wallet.forget_network()

            Op(self, serve_again).failure(lambda _exc: None).run()

    def on_access_seen(self, fresh: list) -> None:
        wallet = self.session.wallet
        if wallet is None:
            return
        txs = {e.tx for e in fresh}

        def describe(ctx: OpContext) -> tuple[list[dict[str, Any]], list[Any]]:
            from ..core.audit import alerts, trail

            own = {p["public"] for p in wallet.pseudonyms()}
            rows = [e for e in trail.access_log(wallet) if txs & set(e["txs"]) and e["requester"] not in own]
            return rows, alerts.announce(wallet, txs)

        Op(self, describe).success(lambda found: self._announce(*found)).run()

    def _announce(self, rows: list[dict], raised: list | None = None) -> None:
        if not rows or self.session.wallet is None:
            return
        if self.stack.currentWidget() is self.consent_view:
            self.consent_view.reload()  # a read may have used one of a limited-use consent's reads
        from .access_log_view import describe_accesses, describe_alerts

        text = describe_accesses(rows)
        if raised:
            text = describe_alerts(raised) + " " + text
        asked = [r["record"] for r in rows if r["kind"] == "emergency_request"]
        if asked:  # a break-glass request: shown wherever the patient is, with Approve and Veto
            self.banner.announce(text, asked[0])
        elif self.stack.currentWidget() is not self.views["access"] or raised:
            self.banner.announce(text)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(icon("app"), self)
                self.tray.show()
            title = _("Medwallet: alert") if raised else _("Medwallet: new access")
            icon_kind = QSystemTrayIcon.MessageIcon.Warning if raised else QSystemTrayIcon.MessageIcon.Information
            self.tray.showMessage(title, text, icon_kind)

    def decide_emergency(self, request: str, decision: str) -> None:
        """The banner's Approve or Veto of a break-glass request (committed off the GUI thread)."""
        wallet = self.session.wallet
        if wallet is None:
            return
        from ..core.emergency import patient as emergency
        from .errors import show_error

        def done(_tx: str) -> None:
            self.banner.announce(_("Approved: the emergency request is open.") if decision == "approve"
                                 else _("Vetoed: the emergency request will never open."))
        def failed(exc: BaseException) -> None:
            show_error(self, exc)
        Op(self, lambda ctx: emergency.decide(wallet, request, decision)).success(done).failure(failed).run()

    # --- the end ------------------------------------------------------------------------------

    def _on_busy(self, count: int) -> None:
        self.busy_label.setText(_("Working…") if count else "")

    def save_state(self) -> None:
        """Keep the size and position, the sidebar's width and the access log's columns (this computer)."""
        window_state.save_window(self, STATE)
        if self.wallet_page is not None:
            window_state.save(STATE, "sidebar", self.splitter.sizes()[0])
            self.access_view.save_columns(STATE)

    def shutdown(self) -> None:
        """At exit: keep the window's state, stop timers, finish or cancel the work, close the wallet,
        stop the local node."""
        self.save_state()
        self.poll_timer.stop()
        self.pool_keeper.stop()
        self.inactivity.stop()
        ops.shutdown()
        self.bridge.close()
        self.session.close()


def _warm_imports() -> None:
    """Import the modules the wallet's views use, on the worker, so the GUI thread finds them loaded."""
    from ..core import importing
    from ..core.audit import trail
    from ..core.consent import grants
    from ..core.credentials import holder
    from ..core.records import library

    del importing, trail, grants, holder, library  # loaded is all this is for
