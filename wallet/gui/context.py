"""What every view of the main window is given, and what it answers to."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from .bridge import EventBridge
from .dialog_service import DialogService
from .session import WalletSession


@dataclass
class ViewContext:
    """The session (wallet or None while locked), the core-event bridge and the dialogs."""

    session: WalletSession
    bridge: EventBridge
    dialogs: DialogService

    @property
    def wallet(self):
        return self.session.wallet


class WalletView(QWidget):
    """A page of the main window. The window calls these three hooks; views override them."""

    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def wallet_opened(self) -> None:
        """The wallet was unlocked: load what the page shows (through ops)."""

    def wallet_closed(self) -> None:
        """The wallet was locked: forget everything shown (no health data stays on screen)."""

    def activated(self) -> None:
        """The page became visible."""
