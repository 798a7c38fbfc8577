"""A progress line for one running op: what is happening, a bar, and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from .formatting import percent, stage_text
from .i18n import _
from .ops import Op


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None, *, cancellable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self._op: Op | None = None
        self._title = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setAccessibleName(_("Progress"))
        self.bar.setMinimumWidth(200)
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel the running task"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(cancellable)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar, 2)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, title: str, op: Op | None) -> None:
        self._op, self._title = op, title
        self.label.setText(title)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(op is not None)
        self.show()

    def report(self, stage: str, done: int, total: int) -> None:
        value = percent(done, total)
        if value < 0:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(value)
        self.label.setText(f"{self._title}: {stage_text(stage)}")

    def finish(self) -> None:
        self._op = None
        self.hide()

    def cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(_("Cancelling…"))

    @property
    def busy(self) -> bool:
        return self._op is not None
