"""What a window remembers on this computer between runs (``QSettings``, the platform's place
for it): its size and position, splitter sizes, the last view and table column widths.

Nothing here is health data or a secret: sizes, a section's key, Qt's header and splitter
state. A position saved on a screen that is gone (a laptop off its dock) is brought back
onto a screen there is (:func:`keep_on_screen`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QWidget

VISIBLE_PART = 48  # at least this much of a window's top edge (its title bar) on a screen, in pixels


def load(window: str, key: str, default: Any = None) -> Any:
    return QSettings().value(f"{window}/{key}", default)


def save(window: str, key: str, value: Any) -> None:
    QSettings().setValue(f"{window}/{key}", value)


def save_window(widget: QWidget, window: str) -> None:
    save(window, "geometry", widget.saveGeometry())


def restore_window(widget: QWidget, window: str) -> bool:
    """The size and position ``window`` had last (on a screen that exists); False if none was kept."""
    geometry = load(window, "geometry")
    if not isinstance(geometry, QByteArray) or geometry.isEmpty() or not widget.restoreGeometry(geometry):
        return False
    keep_on_screen(widget)
    return True


def keep_on_screen(widget: QWidget) -> None:
    """Move (and if need be shrink) ``widget`` so its top edge is on one of the screens there are."""
    screens = [s.availableGeometry() for s in QGuiApplication.screens()]
    if not screens:
        return
    frame = widget.frameGeometry()
    title = QRect(frame.topLeft(), frame.topRight() + QPoint(0, VISIBLE_PART))
    if any(screen.intersected(title).width() >= VISIBLE_PART for screen in screens):
        return
    screen = widget.screen().availableGeometry() if widget.screen() is not None else screens[0]
    if not any(screen == s for s in screens):
        screen = screens[0]
    width, height = min(widget.width(), screen.width()), min(widget.height(), screen.height())
    widget.resize(width, height)
    widget.move(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2)


def save_header(header: QHeaderView, window: str, key: str) -> None:
    """A table's column widths (and sort order) as the patient left them."""
    save(window, key, header.saveState())


def restore_header(header: QHeaderView, window: str, key: str) -> bool:
    state = load(window, key)
    return isinstance(state, QByteArray) and header.restoreState(state)
