"""A pilot's branding in the window: its app name, accent colour and support contact.

They come from the installation's signed pilot profile (:mod:`wallet.core.profile`), read
and verified on a worker after the first frame (:func:`load`), then applied on the GUI
thread (:func:`apply`): the application's display name and window titles, the style
sheet's accent, and the support contact of the About box, the help page and the
unexpected-error dialog. A plain installation keeps Medwallet's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

APP_NAME = "Medwallet"
ACCENT = "#2a6f97"
_SHADES = {"#1d5273": 150, "#23607f": 120, "#9dbbcf": -160}  # darker (>100) / lighter (<0) variants of the accent


@dataclass(frozen=True)
class Branding:
    app_name: str = APP_NAME
    accent: str = ACCENT
    support: dict[str, str] = field(default_factory=dict)
    network_name: str = ""

    @property
    def support_text(self) -> str:
        """'Pilot desk, help@pilot.example, +41 …' (empty without a support contact)."""
        keys = ("name", "email", "phone", "url")
        return ", ".join(self.support[k] for k in keys if self.support.get(k))


_current = Branding()


def current() -> Branding:
    return _current


def load() -> Branding:
    """The installed profile's branding (slow: file and signature; run it on a worker)."""
    try:
        from ..core.profile import installed_profile

        profile = installed_profile()
    except Exception:  # a damaged profile is refused elsewhere (self-test, onboarding); keep our own look
        return Branding()
    if profile is None:
        return Branding()
    brand = profile.branding
    return Branding(app_name=brand.get("app_name") or APP_NAME, accent=brand.get("accent_color") or ACCENT,
                    support={k: str(v) for k, v in profile.support.items()}, network_name=profile.network_name)


def recoloured(sheet: str, accent: str) -> str:
    """The style sheet with Medwallet's accent (and its shades) replaced by ``accent``."""
    if accent.lower() == ACCENT:
        return sheet
    colour = QColor(accent)
    for shade, factor in _SHADES.items():
        variant = colour.darker(factor) if factor > 0 else colour.lighter(-factor)
        sheet = sheet.replace(shade, variant.name())
    return sheet.replace(ACCENT, colour.name())


def apply(brand: Branding, windows: list[QWidget] | tuple[QWidget, ...] = ()) -> None:
    """Show ``brand`` in the application and its open windows."""
    global _current
    _current = brand
    app = QApplication.instance()
    if isinstance(app, QApplication):
        from .assets import style_sheet

        app.setApplicationDisplayName(brand.app_name)
        app.setStyleSheet(recoloured(style_sheet(), brand.accent))
    for window in windows:
        title = window.windowTitle()
        if APP_NAME in title and brand.app_name != APP_NAME:
            window.setWindowTitle(title.replace(APP_NAME, brand.app_name))
