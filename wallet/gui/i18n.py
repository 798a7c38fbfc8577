"""Translation: every user string goes through :func:`_` (Qt's translator, one context).

The window's texts are in ``assets/translations/medwallet_<lang>.ts`` (Qt Linguist), compiled
by ``make translations`` into ``wallet/locale/medwallet_<lang>.qm``; the core's texts (its
errors, by code) come from gettext (:mod:`wallet.core.texts`), set to the same language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ..core import texts

# lupdate files the texts of ``_()`` (its alias of ``tr``, see the Makefile) under the empty context
CONTEXT = ""
# The choices of Settings, each language named in itself ("" follows the system's language)
LANGUAGES = (("", "System default"), ("en", "English"), ("fr", "Français"), ("nl", "Nederlands"))
_installed: list[QTranslator] = []


def N_(text: str) -> str:  # noqa: N802 (the usual name of a marker for texts translated later)
    """``text`` unchanged: marks a constant for lupdate (its alias of ``QT_TR_NOOP``); shown through :func:`_`."""
    return text


def _(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the user's language (as is when no translation is installed); with ``n``,
    the plural form for that count, ``%n`` replaced by it."""
    translated = QCoreApplication.translate(CONTEXT, text, disambiguation, n)
    if translated == text and n == -1:
        return texts.tr(text)  # a core text (a purpose, a label of the core): from the gettext catalogue
    return translated


def install_translator(app: QCoreApplication, language: str = "") -> str:
    """Show the window in ``language`` (``fr``, ``nl``, ``en``; empty: the system's) from now on.

    Returns the language in use ("en" when there is no translation for the one asked)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator = QTranslator(app)
    directory = str(texts.locale_dir())
    if language == "en":
        loaded = False
    elif language:
        loaded = translator.load(f"medwallet_{language}", directory)
    else:
        loaded = translator.load(QLocale.system(), "medwallet", "_", directory)
    used = translator.language().split("_")[0] if loaded else "en"
    if loaded:
        app.installTranslator(translator)
        _installed.append(translator)
    if loaded or language:
        QLocale.setDefault(QLocale(used))  # dates and numbers in the language shown
    texts.use_language(used)
    return used
