"""The settings' "Alerts" group: the background alert checker, on or off
(:mod:`wallet.core.audit.checker`)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from ..core.audit import checker
from .i18n import _
from .ops import Op


class AlertsGroup(QGroupBox):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(_("Alerts"), parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.background = QCheckBox(_("Check for &alerts while Medwallet is closed"))
        self.background.setAccessibleName(_("Background alert checker"))
        self.background.toggled.connect(self.set_background)
        self.note = QLabel(_("First reads by an institution, reads at night, bursts, repeated refusals and emergency "
                             "access raise an alert. With this on, a small checker started at login tells you even "
                             "when the window is closed."))
        self.note.setWordWrap(True)
        layout.addWidget(self.background)
        layout.addWidget(self.note)

    def wallet_opened(self, wallet) -> None:
        self.background.blockSignals(True)
        self.background.setChecked(bool(wallet.settings.background_alerts) and bool(wallet.settings.nodes))
        self.background.setEnabled(bool(wallet.settings.nodes))
        self.background.blockSignals(False)
        if not wallet.settings.nodes:
            self.note.setText(_(checker.CheckerUnavailable.user_text()))

    def set_background(self, on: bool) -> None:
        wallet = self.ctx.wallet
        if wallet is None:
            return
        Op(self, lambda ctx: checker.set_enabled(wallet, on)).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        from .errors import user_message

        self.background.blockSignals(True)
        self.background.setChecked(False)
        self.background.blockSignals(False)
        self.note.setText(user_message(exc) or str(exc))
