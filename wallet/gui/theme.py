"""The window's look: light or dark as the desktop (or the patient's choice) says, the desktop's
own palette under a high-contrast theme, and sizes relative to the user's font.

:func:`install` applies the look to the application and follows the desktop live: its colour
scheme (``QStyleHints.colorScheme``, Qt 6.5+), its contrast preference (Qt 6.10+) and its
font. The choice "system", "light" or "dark" is the wallet's setting (``appearance``);
this computer remembers the last one (``QSettings``) so the unlock page has it before any
wallet is open. The style sheet is ``assets/style.qss`` with the roles of
:mod:`.colours` filled in and headings sized as a factor of the application font.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from . import colours
from .colours import DARK, LIGHT

SYSTEM, CHOICES = "system", ("system", "light", "dark")
SETTINGS_KEY = "appearance"
_FONT = re.compile(r"@font:([0-9.]+)@")


@dataclass(frozen=True)
class Look:
    """What is applied: the scheme, whether the desktop asks for high contrast, the roles' values."""

    scheme: str
    high_contrast: bool
    roles: dict[str, str]


class Theme(QObject):
    """The application's one look (see the module docstring); ``changed`` after every change."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.choice = remembered_choice()
        self.accent: str | None = None
        self._applying = False
        self.following: QGuiApplication | None = None  # the application whose desktop is followed
        self.look = Look(LIGHT, False, colours.SCHEMES[LIGHT])

    def set_choice(self, choice: str) -> None:
        """Follow the desktop ("system") or keep "light" or "dark"; remembered on this computer."""
        if choice not in CHOICES:
            raise ValueError(f"appearance must be one of {', '.join(CHOICES)}")
        self.choice = choice
        QSettings().setValue(SETTINGS_KEY, choice)
        self.apply()

    def set_accent(self, accent: str | None) -> None:
        self.accent = accent
        self.apply()

    def apply(self) -> None:
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication) or self._applying:
            return
        self._applying = True  # asking Qt for a scheme announces it: apply once
        try:
            self._apply(app)
        finally:
            self._applying = False
        self.changed.emit()

    def _apply(self, app: QGuiApplication) -> None:
        hints = app.styleHints()
        if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native dialogs follow the patient's choice too
            if self.choice == SYSTEM:
                hints.unsetColorScheme()
            else:
                hints.setColorScheme(Qt.ColorScheme.Dark if self.choice == DARK else Qt.ColorScheme.Light)
        contrast = high_contrast()
        scheme = self.choice if self.choice != SYSTEM else system_scheme()
        roles = colours.SYSTEM if contrast else colours.branded(scheme, self.accent)
        self.look = Look(scheme, contrast, roles)
        if contrast:
            app.setPalette(QPalette())  # the desktop's own palette
        else:
            app.setPalette(palette(roles))
        if hasattr(app, "setStyleSheet"):
            dark_ground = QColor(app.palette().color(QPalette.ColorRole.Window)).lightnessF() < 0.5
            app.setStyleSheet(style_sheet(roles, dark_ground if contrast else scheme == DARK, font_size()))

    def follow(self, app: QGuiApplication) -> None:
        """Apply again whenever the desktop's scheme, contrast or font changes."""
        self.following = app
        hints = app.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _scheme: self.apply())
        if hasattr(hints, "accessibility"):
            hints.accessibility().contrastPreferenceChanged.connect(lambda _pref: self.apply())
        app.fontChanged.connect(lambda _font: self.apply())


_theme: Theme | None = None


def current() -> Theme:
    """The application's theme (made on first use)."""
    global _theme
    if _theme is None:
        _theme = Theme()
    return _theme


def install(app: QGuiApplication) -> Theme:
    """Apply the look to ``app`` and follow the desktop from now on (once per application)."""
    theme = current()
    if theme.following is not app:
        theme.follow(app)
    theme.apply()
    return theme


def remembered_choice() -> str:
    value = QSettings().value(SETTINGS_KEY, SYSTEM)
    return value if value in CHOICES else SYSTEM


def system_scheme() -> str:
    """The desktop's colour scheme: dark or light (light when it does not say)."""
    app = QGuiApplication.instance()
    hints = app.styleHints() if isinstance(app, QGuiApplication) else None
    if hints is None or not hasattr(hints, "colorScheme"):
        return LIGHT
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def high_contrast() -> bool:
    """Whether the desktop asks for high contrast (Qt 6.10+; never, before)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication) or not hasattr(app.styleHints(), "accessibility"):
        return False
    preference = getattr(Qt, "ContrastPreference", None)
    return preference is not None and app.styleHints().accessibility().contrastPreference() == \
        preference.HighContrast


def font_size() -> str:
    """The application font's size as the style sheet writes it: ``11pt`` or, for pixel fonts, ``15px``."""
    app = QGuiApplication.instance()
    font = app.font() if isinstance(app, QGuiApplication) else None
    if font is not None and font.pointSizeF() > 0:
        return f"{font.pointSizeF():g}pt"
    if font is not None and font.pixelSize() > 0:
        return f"{font.pixelSize()}px"
    return "10pt"


def style_sheet(roles: dict[str, str], dark_ground: bool, base_size: str) -> str:
    """``assets/style.qss`` with ``@role@`` colours, ``@font:F@`` sizes (F times ``base_size``),
    the arrows drawn for a light or dark ground, and ``@ICONS@``."""
    from .assets import assets_dir, style_template

    size, unit = float(base_size[:-2]), base_size[-2:]
    sheet = _FONT.sub(lambda m: f"{round(size * float(m.group(1)), 1):g}{unit}", style_template())
    sheet = sheet.replace("@ARROW@", "-on-dark" if dark_ground else "")
    sheet = sheet.replace("@ICONS@", (assets_dir() / "icons").as_posix())
    for role in sorted(roles, key=len, reverse=True):
        sheet = sheet.replace(f"@{role}@", roles[role])
    return sheet


def palette(roles: dict[str, str]) -> QPalette:
    """A QPalette from the roles, so what the style sheet does not style (menus, message boxes,
    scroll bars, Qt's own dialogs) is in the same scheme."""
    result = QPalette()
    group, role = QPalette.ColorGroup, QPalette.ColorRole
    for target, name in ((role.Window, "window"), (role.WindowText, "text"), (role.Base, "base"),
                         (role.AlternateBase, "surface"), (role.Text, "text"), (role.Button, "base"),
                         (role.ButtonText, "text"), (role.ToolTipBase, "base"), (role.ToolTipText, "text"),
                         (role.PlaceholderText, "muted"), (role.Highlight, "selection"),
                         (role.HighlightedText, "on_selection"), (role.Link, "link"), (role.LinkVisited, "link"),
                         (role.Light, "hover"), (role.Midlight, "surface"), (role.Mid, "border"),
                         (role.Dark, "border"), (role.Shadow, "border"), (role.BrightText, "on_accent")):
        result.setColor(target, QColor(roles[name]))
    for target in (role.WindowText, role.Text, role.ButtonText):
        result.setColor(group.Disabled, target, QColor(roles["disabled"]))
    return result


def colour(role: str) -> QColor:
    """A role's colour in the look now applied (the desktop's text colour under high contrast)."""
    look = current().look
    value = look.roles.get(role, "")
    if value.startswith("#"):
        return QColor(value)
    app = QGuiApplication.instance()
    pal = app.palette() if isinstance(app, QGuiApplication) else QPalette()
    ground = role.endswith("_bg") or role in ("window", "base", "surface", "selection")
    return pal.color(QPalette.ColorRole.Base if ground else QPalette.ColorRole.Text)
