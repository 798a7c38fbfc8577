"""The application's assets: SVG icons and the style sheet (``assets/`` in the source tree,
beside the executable in a frozen build, or ``$MEDWALLET_ASSETS``)."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


def assets_dir() -> Path:
    if os.environ.get("MEDWALLET_ASSETS"):
        return Path(os.environ["MEDWALLET_ASSETS"])
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "assets"
    return Path(__file__).resolve().parents[2] / "assets"


ACCENT = "#2a6f97"  # the stroke colour of the line icons


@cache
def icon(name: str, on_accent: bool = False) -> QIcon:
    """The icon ``assets/icons/<name>.svg``; white where it sits on the accent colour.

    ``on_accent`` gives a white icon (primary buttons); otherwise the icon turns white
    only when selected (the section list), so it never vanishes into its background.
    """
    path = assets_dir() / "icons" / f"{name}.svg"
    white = _recoloured(path, "#ffffff")
    if white is None:  # a multicolour icon: Qt's SVG engine renders it at any size
        return QIcon(str(path))
    if on_accent:
        return QIcon(white)
    result = QIcon(_recoloured(path, ACCENT))  # (the SVG engine ignores pixmaps added per mode)
    result.addPixmap(white, QIcon.Mode.Selected)
    return result


def _recoloured(path: Path, colour: str):
    """A 64-pixel rendering of a line icon in another colour (None for multicolour icons)."""
    from PySide6.QtGui import QPixmap

    try:
        svg = path.read_text("utf-8")
    except OSError:
        return None
    if f'stroke="{ACCENT}"' not in svg.split(">", 1)[0]:
        return None  # only the line icons (their colour is on the root element)
    svg = svg.replace(ACCENT, colour).replace('width="24" height="24"', 'width="64" height="64"')
    pixmap = QPixmap()
    return pixmap if pixmap.loadFromData(svg.encode(), "SVG") else None


def style_sheet() -> str:
    """The one style sheet of the application (empty if missing: Qt's look still works);
    ``@ICONS@`` stands for the icons folder (the boxes' arrows)."""
    try:
        sheet = (assets_dir() / "style.qss").read_text("utf-8")
    except OSError:
        return ""
    return sheet.replace("@ICONS@", (assets_dir() / "icons").as_posix())
