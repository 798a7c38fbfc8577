"""A pilot's branding in the window: its app name, accent colour and support contact.

They come from the installation's signed pilot profile (:mod:`wallet.core.profile`), read
and verified on a worker after the first frame (:func:`load`), then applied on the GUI
thread (:func:`apply`): the application's display name and window titles, the style
sheet's accent (in both schemes, see :func:`.colours.branded`), and the support contact of
the About box, the help page and the unexpected-error dialog. A plain installation keeps Medwallet's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QApplication, QWidget

APP_NAME = "Medwallet"
ACCENT = "#2a6f97"


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


def apply(brand: Branding, windows: list[QWidget] | tuple[QWidget, ...] = ()) -> None:
    """Show ``brand`` in the application and its open windows."""
    global _current
    _current = brand
    app = QApplication.instance()
    if isinstance(app, QApplication):
        from . import theme

        app.setApplicationDisplayName(brand.app_name)
        theme.current().set_accent(brand.accent)  # shaded per scheme until it keeps its contrast
    for window in windows:
        title = window.windowTitle()
        if APP_NAME in title and brand.app_name != APP_NAME:
            window.setWindowTitle(title.replace(APP_NAME, brand.app_name))
