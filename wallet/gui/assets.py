"""The application's assets: SVG icons and the style sheet's template (``assets/`` in the source tree,
beside the executable in a frozen build, or ``$MEDWALLET_ASSETS``)."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap


def assets_dir() -> Path:
    if os.environ.get("MEDWALLET_ASSETS"):
        return Path(os.environ["MEDWALLET_ASSETS"])
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "assets"
    return Path(__file__).resolve().parents[2] / "assets"


ACCENT = "#2a6f97"  # the stroke colour of the line icons as drawn in assets/icons


@cache
def icon(name: str, on_accent: bool = False) -> QIcon:
    """The icon ``assets/icons/<name>.svg``, its lines in the colour of the look now applied.

    A line icon (one colour, :data:`ACCENT` on its root element) is drawn at paint time in the
    scheme's icon colour, so it follows a switch to dark or light live; on the accent colour
    (``on_accent``: primary buttons) and when selected (the section list) in the colour of
    text on the accent, so it never vanishes into its background; disabled, in the disabled
    text colour. A multicolour icon is Qt's SVG rendering as it is.
    """
    path = assets_dir() / "icons" / f"{name}.svg"
    try:
        svg = path.read_text("utf-8")
    except OSError:
        return QIcon()
    if f'stroke="{ACCENT}"' not in svg.split(">", 1)[0]:
        return QIcon(str(path))
    engine = _LineIconEngine(svg, on_accent)
    _engines.append(engine)  # Qt owns the engine's C++ side; keep its Python side alive with it
    return QIcon(engine)


_engines: list = []


def _line_colour(on_accent: bool, mode) -> str:
    from . import colours, theme

    look = theme.current().look
    if mode == QIcon.Mode.Disabled:
        role = "disabled"
    elif on_accent or mode == QIcon.Mode.Selected:
        role = "on_accent"
    elif look.high_contrast:
        role = "text"
    else:
        return colours.ICON[look.scheme]
    return theme.colour(role).name()


class _LineIconEngine(QIconEngine):
    """A line icon rendered in the current look's colour at every size asked (cached per colour)."""

    def __init__(self, svg: str, on_accent: bool) -> None:
        super().__init__()
        self.svg, self.on_accent = svg, on_accent
        self._pixmaps: dict[tuple[str, int, int], QPixmap] = {}

    def pixmap(self, size: QSize, mode, state) -> QPixmap:  # Qt override
        colour = _line_colour(self.on_accent, mode)
        key = (colour, size.width(), size.height())
        if key not in self._pixmaps:
            pixmap = QPixmap()
            drawn = self.svg.replace(ACCENT, colour).replace(
                'width="24" height="24"', f'width="{size.width()}" height="{size.height()}"')
            if not pixmap.loadFromData(drawn.encode(), "SVG"):
                pixmap = QPixmap(size)
                pixmap.fill(Qt.GlobalColor.transparent)
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]

    def scaledPixmap(self, size: QSize, mode, state, scale: float) -> QPixmap:  # noqa: N802 (Qt override)
        """Sharp on a high-density screen: drawn at ``scale`` times the size, marked as such."""
        pixmap = QPixmap(self.pixmap(QSize(round(size.width() * scale), round(size.height() * scale)), mode, state))
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode, state) -> None:  # Qt override
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def actualSize(self, size: QSize, mode, state) -> QSize:  # noqa: N802 (Qt override)
        return size

    def clone(self) -> QIconEngine:  # Qt override
        engine = _LineIconEngine(self.svg, self.on_accent)
        _engines.append(engine)
        return engine


def style_template() -> str:
    """``assets/style.qss`` as written (empty if missing: Qt's look still works)."""
    try:
        return (assets_dir() / "style.qss").read_text("utf-8")
    except OSError:
        return ""


def style_sheet(scheme: str = "light") -> str:
    """The application's style sheet for ``scheme`` ("light" or "dark"), Medwallet's own
    accent, the font size of the application (see :mod:`.theme`)."""
    from . import colours, theme

    return theme.style_sheet(colours.SCHEMES[scheme], scheme == colours.DARK, theme.font_size())
