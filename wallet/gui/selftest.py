"""The Qt part of ``medwallet --self-test``: do the Qt libraries and the platform plugin load?

Loading the platform plugin with ``QPluginLoader`` resolves its shared libraries (on Debian
``libxcb-cursor0``, ``libxkbcommon-x11-0``... which Qt 6.5+ needs) without creating a
window, so a missing system package is reported instead of aborting the process.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path


def platform_name() -> str:
    """The platform plugin Qt would pick here."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"].split(":", 1)[0]
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb" if os.environ.get("DISPLAY") else "offscreen"


def check_qt() -> str:
    from PySide6.QtCore import QLibraryInfo, QPluginLoader, qVersion
    importlib.import_module("PySide6.QtWidgets")  # the widgets library loads

    from ..core.errors import WalletError

    name = platform_name()
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    candidates = sorted(folder.glob(f"*q{name}*")) if folder.is_dir() else []
    if not candidates:
        raise WalletError(f"the Qt platform plugin '{name}' is not installed (looked in {folder})")
    loader = QPluginLoader(str(candidates[0]))
    if not loader.load():
        raise WalletError(f"the Qt platform plugin '{name}' does not load: {loader.errorString()}")
    return f"Qt {qVersion()}, platform plugin '{name}' loads"
