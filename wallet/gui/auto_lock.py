"""Auto-lock: a timer restarted by every key press, click or wheel turn in the application."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class InactivityMonitor(QObject):
    timed_out = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timed_out)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_interval(self, milliseconds: int) -> None:
        """0 turns auto-lock off."""
        self._timer.setInterval(max(0, milliseconds))
        self.restart()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval(int(minutes) * 60_000)

    def restart(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
