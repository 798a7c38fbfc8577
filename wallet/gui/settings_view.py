"""Settings: the network (a care network's nodes, or the network of this computer), how the
keys are kept (show the recovery phrase again, change the passphrase), lock now and auto-lock,
and the window's language (kept in the wallet's settings, shown from the next start) and
appearance (as the system, light or dark: :mod:`.theme`).
Changing the network never leaves the wallet offline: the core refuses a wrong address and
keeps the network in use; an empty list goes back to the network of this computer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.onboarding import parse_nodes
from ..core.wallet import SETTINGS_FILE
from . import messages, theme
from .alerts_group import AlertsGroup
from .assets import icon
from .backup_dialogs import BackupGroup
from .context import ViewContext, WalletView
from .i18n import LANGUAGES, _
from .ops import Op


class _Scrolling(QScrollArea):
    """A page that scrolls up and down when the window is shorter than it: the page as wide as
    the window and as high as its layout needs at that width (wrapped notes included)."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(page)
        self.viewport().setAutoFillBackground(False)
        page.setAutoFillBackground(False)
        page.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._fit)  # (not after the page is gone)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        page, width = self.widget(), self.viewport().width()
        layout = page.layout() if page is not None else None
        if page is None or layout is None:
            return
        page.resize(width, max(layout.totalMinimumHeightForWidth(width), self.viewport().height()))


def keystore_summary(wallet) -> dict[str, str]:
    """How this wallet's key is kept (asks the keyring: run it off the GUI thread)."""
    from ..core.keys.keystore import Keystore

    store = wallet.keystore
    backend = Keystore.backend_name() if store.uses_keyring else "none"
    kept = _("System keyring ({backend})").format(backend=backend) if store.uses_keyring else \
        _("Passphrase-encrypted key file")
    return {"kept": kept, "spare": _("set") if store.has_passphrase else _("not set"),
            "unlocked_by": {"keyring": _("the system keyring"), "passphrase": _("the passphrase"),
                            "created": _("(created in this session)")}.get(store.unlocked_by, store.unlocked_by)}


class SettingsView(WalletView):
    lock_requested = Signal()
    auto_lock_changed = Signal(int)  # minutes, 0 = never
    network_changed = Signal()

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # The groups scroll when the window is shorter than they are (longer languages, larger
        # fonts), rather than squeezing their buttons.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        page = QWidget()
        layout = QVBoxLayout(page)
        outer.addWidget(_Scrolling(page))
        title = QLabel(_("Settings"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        layout.addWidget(self._network_group())
        layout.addWidget(self._keys_group())
        layout.addWidget(self._lock_group())
        layout.addWidget(self._language_group())
        layout.addWidget(self._appearance_group())
        self.backup = BackupGroup(ctx)
        layout.addWidget(self.backup)
        self.alerts = AlertsGroup(ctx)
        layout.addWidget(self.alerts)
        self.status = QLabel()
        self.status.setObjectName("statusNote")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _network_group(self) -> QGroupBox:
        box = QGroupBox(_("Network"))
        form = QFormLayout(box)
        self.network_name = QLabel()
        self.network_name.setAccessibleName(_("Network name"))
        form.addRow(_("Network:"), self.network_name)
        self.genesis = QLabel()
        self.genesis.setAccessibleName(_("Network fingerprint (genesis hash)"))
        self.genesis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.genesis.setToolTip(_("Technically the network's genesis hash: Medwallet refuses nodes of any other "
                                  "network."))
        self.genesis_more = QPushButton(_("Details"))
        self.genesis_more.setObjectName("linkButton")
        self.genesis_more.setAccessibleName(_("Show the whole network fingerprint"))
        self.genesis_more.clicked.connect(self._show_whole_fingerprint)
        fingerprint = QHBoxLayout()
        fingerprint.addWidget(self.genesis)
        fingerprint.addWidget(self.genesis_more)
        fingerprint.addStretch(1)
        form.addRow(_("Fingerprint:"), fingerprint)
        row = QHBoxLayout()
        self.nodes = QLineEdit()
        self.nodes.setAccessibleName(_("Node addresses"))
        self.nodes.setPlaceholderText(_("Empty: the network of this computer"))
        self.apply_nodes = QPushButton(_("&Apply"))
        self.apply_nodes.setAccessibleName(_("Use these node addresses"))
        self.apply_nodes.clicked.connect(self.save_nodes)
        row.addWidget(self.nodes, 1)
        row.addWidget(self.apply_nodes)
        nodes_label = QLabel(_("&Network addresses:"))
        nodes_label.setBuddy(self.nodes)
        form.addRow(nodes_label, row)
        self.node_note = QLabel()
        self.node_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.node_note.setWordWrap(True)
        form.addRow("", self.node_note)
        return box

    def _keys_group(self) -> QGroupBox:
        box = QGroupBox(_("Keys"))
        form = QFormLayout(box)
        self.keystore = QLabel()
        self.keystore.setAccessibleName(_("Keystore backend"))
        form.addRow(_("Wallet key kept in:"), self.keystore)
        self.spare = QLabel()
        form.addRow(_("Passphrase:"), self.spare)
        self.unlocked_by = QLabel()
        form.addRow(_("Opened with:"), self.unlocked_by)
        self.folder = QLabel()
        self.folder.setWordWrap(True)
        form.addRow(_("Wallet folder:"), self.folder)
        row = QHBoxLayout()
        self.phrase_button = QPushButton(_("Show the &recovery phrase…"))
        self.phrase_button.setAccessibleName(_("Show the 24 recovery words again"))
        self.phrase_button.clicked.connect(self.show_phrase)
        self.passphrase_button = QPushButton(_("C&hange the passphrase…"))
        self.passphrase_button.setAccessibleName(_("Change the wallet's passphrase"))
        self.passphrase_button.clicked.connect(self.change_passphrase)
        row.addWidget(self.phrase_button)
        row.addWidget(self.passphrase_button)
        row.addStretch(1)
        form.addRow("", row)
        self.dialog: Any = None  # the protection dialog while open
        return box

    def _lock_group(self) -> QGroupBox:
        box = QGroupBox(_("Lock"))
        form = QFormLayout(box)
        self.lock_button = QPushButton(icon("lock"), _("&Lock now"))
        self.lock_button.setAccessibleName(_("Lock the wallet now"))
        self.lock_button.setToolTip(_("Lock the wallet now (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested)
        row = QHBoxLayout()
        row.addWidget(self.lock_button)
        row.addStretch(1)
        form.addRow("", row)
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(0, 24 * 60)
        self.auto_lock.setSuffix(_(" min"))
        self.auto_lock.setSpecialValueText(_("Never"))
        self.auto_lock.setAccessibleName(_("Auto-lock after minutes of inactivity"))
        self.auto_lock.setMaximumWidth(140)
        self.auto_lock.editingFinished.connect(self.save_auto_lock)
        label = QLabel(_("&Auto-lock after:"))
        label.setBuddy(self.auto_lock)
        form.addRow(label, self.auto_lock)
        note = QLabel(messages.auto_lock_explained())
        note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        note.setWordWrap(True)
        form.addRow("", note)
        return box

    def _language_group(self) -> QGroupBox:
        box = QGroupBox(_("Language"))
        form = QFormLayout(box)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(_("System default") if not code else name, code)
        self.language.setAccessibleName(_("Language of the window"))
        self.language.currentIndexChanged.connect(self.save_language)
        label = QLabel(_("Lan&guage:"))
        label.setBuddy(self.language)
        self.language_note = QLabel(_("Medwallet shows the new language the next time it starts."))
        self.language_note.setWordWrap(True)
        row = QHBoxLayout()  # one row: the page has no height to spare
        row.addWidget(self.language)
        row.addWidget(self.language_note, 1)
        form.addRow(label, row)
        return box

    def _appearance_group(self) -> QGroupBox:
        box = QGroupBox(_("Appearance"))
        form = QFormLayout(box)
        self.appearance = QComboBox()
        for choice, text in zip(theme.CHOICES, (_("System"), _("Light"), _("Dark")), strict=True):
            self.appearance.addItem(text, choice)
        self.appearance.setAccessibleName(_("Window colours: as the system, light or dark"))
        self.appearance.setToolTip(_("System follows the light or dark setting of your desktop, and its "
                                     "high-contrast theme."))
        self._show_appearance()
        theme.current().changed.connect(self._show_appearance)  # also when chosen elsewhere
        self.appearance.activated.connect(lambda _i: self.save_appearance())
        label = QLabel(_("Appearan&ce:"))
        label.setBuddy(self.appearance)
        row = QHBoxLayout()
        row.addWidget(self.appearance)
        row.addStretch(1)
        form.addRow(label, row)
        return box

    def _show_appearance(self) -> None:
        self.appearance.setCurrentIndex(theme.CHOICES.index(theme.current().choice))

    # --- hooks ------------------------------------------------------------------------------

    def wallet_opened(self) -> None:
        wallet = self.ctx.wallet
        self._show_network()
        self.auto_lock.setValue(int(wallet.settings.auto_lock_minutes))
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(wallet.settings.language)))
        self.language.blockSignals(False)
        choice = wallet.settings.appearance if wallet.settings.appearance in theme.CHOICES else theme.SYSTEM
        self.appearance.setCurrentIndex(theme.CHOICES.index(choice))
        if choice != theme.current().choice:
            theme.current().set_choice(choice)  # the wallet's choice, over what this computer had last
        self.folder.setText(_home_relative(wallet.dir))
        self.folder.setToolTip(str(wallet.dir))
        self.keystore.setText(_("checking…"))
        Op(self, lambda ctx: keystore_summary(wallet), serial=False).success(self._show_keys).run()
        self.backup.refresh()
        self.alerts.wallet_opened(wallet)

    def wallet_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        for label in (self.network_name, self.genesis, self.keystore, self.spare, self.unlocked_by, self.folder,
                      self.node_note, self.status):
            label.clear()
        self.nodes.clear()

    def _show_network(self) -> None:
        wallet, session = self.ctx.wallet, self.ctx.session
        if wallet is None:
            return
        settings = wallet.settings
        name = settings.network_name or _("(not connected)")
        self.network_name.setText(_("{name} (on this computer)").format(name=name) if settings.local_node else name)
        self.genesis.setText(settings.genesis_hash[:16] + "…" if settings.genesis_hash else "")
        self.genesis_more.setVisible(bool(settings.genesis_hash))
        self.nodes.setText(", ".join(settings.nodes))
        if not settings.local_node:
            self.node_note.setText(_("Medwallet uses these nodes in turn and fails over when one is down. Leave "
                                     "the field empty to use the network of this computer instead."))
        else:
            self.node_note.setText(_("A network for trying Medwallet, served by a node on this computer at {url}. "
                                     "Medwallet starts it when needed. To join your care network, type the "
                                     "addresses its instructions give.").format(
                url=session.local_url or settings.local_node_url or "127.0.0.1"))

    def _show_whole_fingerprint(self) -> None:
        wallet = self.ctx.wallet
        if wallet is not None:
            self.genesis.setText(wallet.settings.genesis_hash)
            self.genesis.setWordWrap(True)
            self.genesis_more.hide()

    def _show_keys(self, summary: dict[str, str]) -> None:
        if self.ctx.wallet is None:
            return
        self.keystore.setText(summary["kept"])
        self.spare.setText(summary["spare"])
        self.unlocked_by.setText(summary["unlocked_by"])
        has = self.ctx.wallet.keystore.has_passphrase
        self.passphrase_button.setText(_("C&hange the passphrase…") if has else _("Set a &passphrase…"))

    # --- protection ------------------------------------------------------------------------------

    def show_phrase(self) -> None:
        from .protection_dialogs import PhraseDialog

        wallet = self.ctx.wallet
        if wallet is not None:
            self.dialog = PhraseDialog(self, wallet, wallet.keystore.has_passphrase)
            self.dialog.open()

    def change_passphrase(self) -> None:
        from .protection_dialogs import PassphraseDialog

        wallet = self.ctx.wallet
        if wallet is None:
            return
        dialog = PassphraseDialog(self, wallet, wallet.keystore.has_passphrase, self.ctx.session.kdf_limits)
        dialog.accepted.connect(self._passphrase_changed)
        self.dialog = dialog
        dialog.open()

    def _passphrase_changed(self) -> None:
        self.status.setText(_("The passphrase is changed. Use the new one from now on."))
        wallet = self.ctx.wallet
        if wallet is not None:
            Op(self, lambda ctx: keystore_summary(wallet), serial=False).success(self._show_keys).run()

    # --- changes ------------------------------------------------------------------------------

    def save_nodes(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        text = self.nodes.text().strip()
        try:
            nodes = list(parse_nodes(text)) if text else []
        except Exception as exc:
            from .errors import show_error

            show_error(self, exc)
            return

        self.status.setText(_("Connecting…"))
        Op(self, lambda ctx: wallet.change_nodes(nodes)).success(lambda _r: self._nodes_saved()).failure(
            self._nodes_failed).run()

    def _nodes_saved(self) -> None:
        self._show_network()
        self.status.setText(_("Connected."))
        self.network_changed.emit()

    def _nodes_failed(self, exc: BaseException) -> None:
        from .errors import show_error

        self._show_network()
        self.status.setText(_("Nothing was changed: the wallet keeps using the network it had."))
        show_error(self, exc)

    def save_auto_lock(self) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        minutes = self.auto_lock.value()
        if minutes == wallet.settings.auto_lock_minutes:
            return
        wallet.settings.auto_lock_minutes = minutes

        Op(self, lambda ctx: wallet.settings.save(wallet.dir / SETTINGS_FILE)).success(
            lambda _r: self.auto_lock_changed.emit(minutes)).run()

    def save_language(self) -> None:
        """Keep the chosen language in the wallet's settings (the window shows it from the next start)."""
        wallet = self.ctx.wallet
        code = self.language.currentData()
        if wallet is None or code == wallet.settings.language:
            return
        wallet.settings.language = code
        Op(self, lambda ctx: wallet.settings.save(wallet.dir / SETTINGS_FILE)).success(
            lambda _r: self.status.setText(_("Saved. The new language is shown the next time Medwallet starts."))).run()
    def save_appearance(self) -> None:
        """Apply the chosen colours now and keep them in the wallet's settings."""
        choice = self.appearance.currentData()
        theme.current().set_choice(choice)
        wallet = self.ctx.wallet
        if wallet is None or wallet.settings.appearance == choice:
            return
        wallet.settings.appearance = choice
        Op(self, lambda ctx: wallet.settings.save(wallet.dir / SETTINGS_FILE)).run()


def _home_relative(path: Path) -> str:
    """``~/...`` for a folder in the home folder (as the patient knows it), else the whole path."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
