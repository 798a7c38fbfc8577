"""Translation: every user string goes through :func:`_` (Qt's translator, one context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "medwallet"
_installed: list[QTranslator] = []


def _(text: str) -> str:
    """``text`` in the user's language (as is when no translation is installed)."""
    return QCoreApplication.translate(CONTEXT, text)


def install_translator(app: QCoreApplication, directory) -> bool:
    """Load ``medwallet_<locale>.qm`` from ``directory`` if there is one."""
    translator = QTranslator(app)
    if translator.load(QLocale(), "medwallet", "_", str(directory)):
        app.installTranslator(translator)
        _installed.append(translator)
        return True
    return False
