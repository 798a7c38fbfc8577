"""Windows that show first and open their wallet or desk after the first frame.

Painting before any I/O keeps cold start short (tests/benchmarks/bench_startup.py): the
window announces its first frame (``first_painted``) and only then calls ``begin``, which
opens the wallet or desk off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer


class StartsAfterFirstPaint:
    """Mix into a QWidget subclass (before it) that has ``first_painted`` and ``begin()``."""

    _painted = False

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)  # type: ignore[misc]
        if not self._painted:
            self._painted = True
            self.first_painted.emit()  # type: ignore[attr-defined]
            QTimer.singleShot(0, self.begin)  # type: ignore[attr-defined]

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[misc]
        QTimer.singleShot(300, self.begin)  # type: ignore[attr-defined]  (in case no paint arrives)
