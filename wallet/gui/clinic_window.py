"""The clinic desk's window (``medwallet clinic``): set up, unlock, then the desk.

It opens the way the patient's window does (:class:`.opening_window.OpeningWindow`, over the
core's opening machine): the setup page when the folder holds no desk yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut

from . import ops, window_state
from .assets import icon
from .dialog_service import DialogService
from .i18n import N_, _
from .opening_window import OpeningWindow
from .session import ClinicSession

if TYPE_CHECKING:
    from .clinic_setup_view import ClinicSetupView


STATE = "desk"  # this window's group in the kept window state (window_state)


class ClinicWindow(OpeningWindow):
    desk_shown = Signal()

    def __init__(self, session: ClinicSession, *, dialogs: DialogService | None = None) -> None:
        from .clinic_desk_view import ClinicDeskView

        super().__init__(session, loading=_("Opening the clinic desk…"), unlock_title=_("The clinic desk is locked"),
                         cannot_open=_("The clinic desk could not be opened."), noun=N_("desk"))
        self.session = session
        self.setWindowTitle(_("Medwallet clinic desk"))
        self.setWindowIcon(icon("clinic"))
        self.resize(900, 640)
        window_state.restore_window(self, STATE)  # as the desk left it, on a screen there is
        self.dialogs = dialogs or DialogService()
        self.desk_view = ClinicDeskView(session, self.dialogs)
        self.pages.addWidget(self.desk_view)
        window_state.restore_header(self.desk_view.table.horizontalHeader(), STATE, "records_columns")
        self.setup_view: ClinicSetupView | None = None
        QShortcut(QKeySequence(QKeySequence.StandardKey.Quit), self, self.close)

    def is_open(self) -> bool:
        return self.session.desk is not None

    def show_new(self) -> None:
        self.show_setup()

    def show_open(self) -> None:
        self.show_desk()

    def show_setup(self) -> None:
        from .clinic_setup_view import ClinicSetupView

        if self.setup_view is None:
            self.setup_view = ClinicSetupView(self.session, self.dialogs)
            self.setup_view.desk_created.connect(self.created)
            self.pages.addWidget(self.setup_view)
        self.pages.setCurrentWidget(self.setup_view)

    def show_desk(self) -> None:
        self.pages.setCurrentWidget(self.desk_view)
        self.desk_view.desk_opened()
        self.desk_shown.emit()

    def shutdown(self) -> None:
        window_state.save_window(self, STATE)
        window_state.save_header(self.desk_view.table.horizontalHeader(), STATE, "records_columns")
        ops.shutdown()
        self.session.close()
