"""The main windows' common start: paint first, then open the wallet or desk off the GUI thread.

Painting before any I/O keeps cold start short (tests/benchmarks/bench_startup.py): the
window announces its first frame (``first_painted``) and only then calls :meth:`begin`.
From there the window renders :class:`wallet.core.opening.Opening`, the state machine both
windows share: a loading page while a worker looks, then the setup page, the unlock page
or what is open. Subclasses say what those pages are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget

from ..core.opening import Openable, Opening, Stage, look
from .ops import Op, OpContext
from .unlock_view import UnlockView

BEGIN_FALLBACK_MS = 300  # begin even if no paint arrives


class OpeningWindow(QMainWindow):
    """A main window over one wallet or desk folder, opened through an :class:`Opening`."""

    first_painted = Signal()

    def __init__(self, target: Openable, *, loading: str, unlock_title: str, cannot_open: str,
                 noun: str = "wallet", can_restore: bool = False) -> None:
        super().__init__()
        self.target = target
        self.noun, self.can_restore = noun, can_restore
        self.protection: tuple[bool, bool] = (True, True)  # (keyring, passphrase) of the vault, as its header says
        self.opening = Opening()
        self.unlock_title, self.cannot_open = unlock_title, cannot_open
        self.unlock_view: UnlockView | None = None
        self._painted = self._begun = False
        self.pages = QStackedWidget()
        self.loading = QLabel(loading)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setObjectName("loading")
        self.pages.addWidget(self.loading)
        self.setCentralWidget(self.pages)

    # --- what a subclass shows ------------------------------------------------------------

    def is_open(self) -> bool:
        """Whether the window was handed its wallet or desk already open."""
        raise NotImplementedError

    def show_new(self) -> None:
        """Nothing to open yet: the setup page."""
        raise NotImplementedError

    def show_open(self) -> None:
        """Open: the wallet's or desk's own pages."""
        raise NotImplementedError

    def warm_up(self) -> None:
        """On the worker, before unlocking: import what the open pages need (GUI thread stays free)."""

    # --- the first frame ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
            QTimer.singleShot(0, self.begin)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        QTimer.singleShot(BEGIN_FALLBACK_MS, self.begin)

    # --- the machine, rendered ------------------------------------------------------------

    def begin(self) -> None:
        """Look for the wallet or desk and open it (keyring, or the passphrase file) off the GUI thread."""
        if self._begun:
            return
        self._begun = True
        if self.opening.stage == Stage.LOOKING and self.is_open():
            self.opening.looked(Stage.OPEN)
        if self.opening.stage == Stage.OPEN:
            self.show_open()
            return
        target = self.target

        def work(ctx: OpContext) -> tuple[Stage, tuple[bool, bool] | None]:
            found = look(target, before_unlock=self.warm_up)
            read = getattr(target, "protection", None)
            return found, (read() if found == Stage.LOCKED and read is not None else None)

        Op(self, work).success(self._looked).failure(self._failed).run()

    def _looked(self, result: tuple[Stage, tuple[bool, bool] | None]) -> None:
        found, protection = result
        if protection is not None:
            self.protection = protection
        self.opening.looked(found)
        if found == Stage.NEW:
            self.show_new()
        elif found == Stage.LOCKED:
            self.show_unlock()
        else:
            self.show_open()

    def unlock(self, passphrase: str) -> None:
        """The unlock page's request: the passphrase as typed ('' to try the keyring alone)."""
        self.opening.unlock()
        target = self.target

        def work(ctx: OpContext) -> None:
            self.warm_up()
            target.unlock(passphrase or None)

        Op(self, work).success(self._unlocked).failure(self._failed).run()

    def _unlocked(self, _result: None) -> None:
        self.opening.opened()
        self.show_open()

    def _failed(self, exc: BaseException) -> None:
        from .errors import show_error, user_message

        was_looking = self.opening.stage == Stage.LOOKING
        self.opening.failed(exc)
        if was_looking or self.unlock_view is None:
            self.show_unlock()
        assert self.unlock_view is not None
        self.unlock_view.failed(user_message(exc) or self.cannot_open)
        if self.opening.unexpected:
            show_error(self, exc)

    def show_unlock(self) -> None:
        """The unlock page, empty."""
        if self.unlock_view is None:
            self.unlock_view = UnlockView(self.unlock_title, noun=self.noun)
            self.unlock_view.unlock_requested.connect(self.unlock)
            self.unlock_view.forgot_requested.connect(self.forgot)
            self.pages.addWidget(self.unlock_view)
        keyring, passphrase = self.protection
        self.unlock_view.configure(keyring=keyring, passphrase=passphrase,
                                   can_restore=self.can_restore and passphrase)
        self.unlock_view.reset()
        self.pages.setCurrentWidget(self.unlock_view)

    def forgot(self) -> None:
        """The passphrase is forgotten: a subclass that can restores from the recovery phrase."""

    def created(self) -> None:
        """The setup page made the wallet or desk: it is open."""
        self.opening.created()
        self.show_open()

    def show_locked(self) -> None:
        """Locked (by the patient or by inactivity): back to the unlock page."""
        self.opening.lock()
        self.show_unlock()
