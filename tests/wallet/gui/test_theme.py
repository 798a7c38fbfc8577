"""The look: light or dark as chosen or as the desktop says (followed live), the choice kept in
the wallet's settings, headings sized from the user's font, and the views laid out at 1.5 and
2 times the font."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from wallet.core import importing
from wallet.gui import colours, theme
from wallet.gui.main_window import SECTIONS

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


def window_colour() -> str:
    return QApplication.instance().palette().color(QPalette.ColorRole.Window).name()


def test_dark_and_light_choices_are_applied_and_remembered(qtbot):
    app = QApplication.instance()
    theme.current().set_choice("dark")
    assert theme.current().look.scheme == "dark" and window_colour() == colours.SCHEMES["dark"]["window"]
    assert f"color: {colours.SCHEMES['dark']['text']}" in app.styleSheet()
    assert "arrow-up-on-dark.svg" in app.styleSheet()  # arrows drawn for a dark ground
    assert QSettings().value(theme.SETTINGS_KEY) == "dark"  # the unlock page has it before a wallet opens
    assert theme.remembered_choice() == "dark"
    theme.current().set_choice("light")
    assert window_colour() == colours.SCHEMES["light"]["window"]
    with pytest.raises(ValueError):
        theme.current().set_choice("purple")


def test_system_choice_follows_the_desktop_live(qtbot, monkeypatch):
    theme.current().set_choice("system")
    assert theme.current().look.scheme == "light"  # the offscreen desktop says nothing: light
    monkeypatch.setattr(theme, "system_scheme", lambda: "dark")
    hints = QGuiApplication.styleHints()
    with qtbot.waitSignal(theme.current().changed, timeout=TIMEOUT_MS):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # what Qt sends when the desktop turns dark
    assert theme.current().look.scheme == "dark" and window_colour() == colours.SCHEMES["dark"]["window"]
    theme.current().set_choice("light")  # a choice of the patient's wins over the desktop
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current().look.scheme == "light"


def test_high_contrast_desktop_gets_its_own_palette(qtbot, monkeypatch):
    monkeypatch.setattr(theme, "high_contrast", lambda: True)
    theme.current().set_choice("dark")
    sheet = QApplication.instance().styleSheet()
    assert theme.current().look.high_contrast
    assert "palette(window-text)" in sheet and colours.SCHEMES["dark"]["text"] not in sheet
    assert theme.colour("danger_bg") == QApplication.instance().palette().color(QPalette.ColorRole.Base)


def test_icons_follow_the_scheme(qtbot):
    from wallet.gui.assets import icon

    theme.current().set_choice("light")
    light = icon("records").pixmap(24, 24).toImage()
    theme.current().set_choice("dark")
    dark = icon("records").pixmap(24, 24).toImage()
    assert not light.isNull() and light != dark


def test_no_forced_font_size_headings_follow_the_users_font(qtbot):
    app = QApplication.instance()
    original = app.font()
    try:
        for factor in (1.5, 2.0):
            font = original.__class__(original)
            font.setPointSizeF(original.pointSizeF() * factor)
            app.setFont(font)  # as a desktop's font setting arrives
            base = font.pointSizeF()
            sheet = app.styleSheet()
            assert f"QLabel#viewTitle {{ font-size: {round(base * 1.6, 1):g}pt" in sheet
            title = QLabel("Records")
            title.setObjectName("viewTitle")
            title.ensurePolished()
            plain = QLabel("text")
            plain.ensurePolished()
            assert plain.font().pointSizeF() == pytest.approx(base)  # no 10pt forced on anything
            assert title.font().pointSizeF() == pytest.approx(round(base * 1.6, 1))
    finally:
        app.setFont(original)


@pytest.mark.parametrize("factor", [1.5, 2.0])
def test_views_lay_out_at_larger_fonts(qtbot, wallet, open_window, tmp_path, factor):
    """At 1.5x and 2x the font every view fits a full-HD screen and no button or label is cut."""
    importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"), title="Discharge letter")
    app = QApplication.instance()
    original = app.font()
    font = original.__class__(original)
    font.setPointSizeF(original.pointSizeF() * factor)
    app.setFont(font)
    try:
        window = open_window(wallet)
        window.resize(1920, 1080)
        for key, _label in SECTIONS:
            window.show_section(key)
            wait_quiet(qtbot)
            QApplication.processEvents()
            view = window.views[key]
            widths = {k: v.minimumSizeHint().width() for k, v in window.views.items()}
            assert window.minimumSizeHint().width() <= 1920, (key, window.minimumSizeHint().width(), widths)
            assert window.minimumSizeHint().height() <= 1080, key
            shown = [*view.findChildren(QLabel), *view.findChildren(QPushButton)]
            cut = [w.text() for w in shown if w.isVisible() and w.text()
                   and not (isinstance(w, QLabel) and w.wordWrap())
                   and w.width() < w.minimumSizeHint().width()]
            assert cut == [], (key, cut)
    finally:
        app.setFont(original)


def test_appearance_kept_in_the_wallets_settings(qtbot, wallet, open_window):
    window = open_window(wallet)
    window.show_section("settings")
    view = window.views["settings"]
    assert view.appearance.currentData() == "system"
    view.appearance.setCurrentIndex(theme.CHOICES.index("dark"))
    view.appearance.activated.emit(view.appearance.currentIndex())
    wait_quiet(qtbot)
    assert theme.current().look.scheme == "dark"
    assert json.loads((wallet.dir / "settings.json").read_text())["appearance"] == "dark"
    # this computer last showed light; opening the wallet brings back its own choice
    theme.current().set_choice("light")
    view.wallet_closed()
    view.wallet_opened()
    wait_quiet(qtbot)
    assert theme.current().look.scheme == "dark" and view.appearance.currentData() == "dark"


def test_a_pilots_accent_is_applied_in_both_schemes(qtbot):
    from wallet.gui import branding

    app = QApplication.instance()
    try:
        branding.apply(branding.Branding(accent="#1a7f64"))
        theme.current().set_choice("light")
        assert "background: #1a7f64" in app.styleSheet() and colours.SCHEMES["light"]["accent"] not in app.styleSheet()
        theme.current().set_choice("dark")
        accent = theme.current().look.roles["accent"]
        assert f"background: {accent}" in app.styleSheet() and accent != colours.SCHEMES["dark"]["accent"]
        assert colours.contrast_ratio(accent, colours.SCHEMES["dark"]["on_accent"]) >= colours.TEXT
    finally:
        branding.apply(branding.Branding())
