"""The clinic desk's window (``medwallet clinic``): set up, unlock, then the desk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget

from . import ops
from .assets import icon
from .dialog_service import DialogService
from .opening_window import StartsAfterFirstPaint
from .i18n import _
from .ops import Op
from .session import ClinicSession


class ClinicWindow(StartsAfterFirstPaint, QMainWindow):
    first_painted = Signal()
    desk_shown = Signal()

    def __init__(self, session: ClinicSession, *, dialogs: DialogService | None = None) -> None:
        super().__init__()
        from .clinic_desk_view import ClinicDeskView

        self.setWindowTitle(_("Medwallet clinic desk"))
        self.setWindowIcon(icon("clinic"))
        self.resize(900, 640)
        self.session = session
        self.dialogs = dialogs or DialogService()
        self._painted = self._begun = False
        self.pages = QStackedWidget()
        self.loading = QLabel(_("Opening the clinic desk…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.loading)
        self.desk_view = ClinicDeskView(session, self.dialogs)
        self.pages.addWidget(self.desk_view)
        self.setup_view = None
        self.unlock_view = None
        self.setCentralWidget(self.pages)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Quit), self, activated=self.close)

    def begin(self) -> None:
        if self._begun:
            return
        self._begun = True
        if self.session.desk is not None:  # handed an open desk (tests, or a caller that unlocked it)
            self.show_desk()
            return
        session = self.session

        def open_desk(ctx) -> str:
            from ..core.errors import PassphraseRequired

            if not session.exists():
                return "setup"
            try:
                session.unlock()
            except PassphraseRequired:
                return "passphrase"
            return "open"

        Op(self, open_desk).success(self._opened).failure(self._unlock_failed).run()

    def _opened(self, outcome: str) -> None:
        {"setup": self.show_setup, "passphrase": self.show_unlock, "open": self.show_desk}[outcome]()

    def show_setup(self) -> None:
        from .clinic_setup_view import ClinicSetupView

        if self.setup_view is None:
            self.setup_view = ClinicSetupView(self.session, self.dialogs)
            self.setup_view.desk_created.connect(self.show_desk)
            self.pages.addWidget(self.setup_view)
        self.pages.setCurrentWidget(self.setup_view)

    def show_unlock(self) -> None:
        from .unlock_view import UnlockView

        if self.unlock_view is None:
            self.unlock_view = UnlockView(_("The clinic desk is locked"))
            self.unlock_view.unlock_requested.connect(self.unlock)
            self.pages.addWidget(self.unlock_view)
        self.unlock_view.reset()
        self.pages.setCurrentWidget(self.unlock_view)

    def unlock(self, passphrase: str) -> None:
        session = self.session
        Op(self, lambda ctx: session.unlock(passphrase or None)).success(lambda _d: self.show_desk()).failure(
            self._unlock_failed).run()

    def _unlock_failed(self, exc: BaseException) -> None:
        from .errors import show_error, user_message

        self.show_unlock()
        self.unlock_view.failed(user_message(exc) or _("The clinic desk could not be opened."))
        if user_message(exc) is None:
            show_error(self, exc)

    def show_desk(self) -> None:
        self.pages.setCurrentWidget(self.desk_view)
        self.desk_view.desk_opened()
        self.desk_shown.emit()

    def shutdown(self) -> None:
        ops.shutdown()
        self.session.close()
