"""The background alert checker: alerts while the window is closed, which the patient can turn off.

``medwallet alerts --watch`` runs :func:`watch`: every ``interval`` seconds it refreshes
the verified audit trail and announces the alerts not shown yet (:mod:`.alerts`), through
a ``notify`` callback the face provides (a desktop notification, a line of text). It opens
and it needs a network node: the embedded local node runs only while the window does.

Turning it on writes a desktop autostart entry (freedesktop.org, read at login) that starts
the watch; turning it off removes the entry and a running watch stops at its next round,
as it re-reads the setting each time.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ledger_client.errors import LedgerError

from ..atomic_file import atomic_write
from ..errors import WalletError
from ..settings import Settings
from ..wallet import SETTINGS_FILE, Wallet
from . import alerts, trail

AUTOSTART_FILE = "medwallet-alerts.desktop"
DEFAULT_INTERVAL = 300


class CheckerUnavailable(WalletError):
    """The background alert checker cannot run for this wallet: it needs a network node (not the embedded local
    node, which runs only with the window)."""

    code = "checker_unavailable"


def autostart_dir() -> Path:
    """Where the desktop looks for programs to start at login."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart"


def enabled(directory: Path) -> bool:
    """The setting as saved now (a running watch re-reads it every round)."""
    return bool(Settings.load(directory / SETTINGS_FILE).background_alerts)


def set_enabled(wallet: Wallet, on: bool, *, where: Path | None = None) -> Path | None:
    """Turn the checker on or off: the setting and the autostart entry; returns the entry written."""
    if on and not wallet.settings.nodes:
        raise CheckerUnavailable()
    wallet.settings.background_alerts = on
    wallet.settings.save(wallet.dir / SETTINGS_FILE)
    entry = (where or autostart_dir()) / AUTOSTART_FILE
    if not on:
        entry.unlink(missing_ok=True)
        return None
    entry.parent.mkdir(parents=True, exist_ok=True)
    command = shlex.join([sys.executable, "-m", "wallet.cli", "--wallet-dir", str(wallet.dir), "alerts", "--watch"])
    atomic_write(entry, ("[Desktop Entry]\nType=Application\nName=Medwallet alerts\n"
                         "Comment=Tells you when your medical records are read in an unusual way\n"
                         f"Exec={command}\nX-GNOME-Autostart-enabled=true\nNoDisplay=true\n").encode())
    return entry


def check(wallet: Wallet) -> list[alerts.Alert]:
    """One round: new verified events from the ledger, then the alerts not shown yet."""
    trail.refresh(wallet)
    return alerts.announce(wallet)


def watch(wallet: Wallet, notify: Callable[[list[alerts.Alert]], None], *, interval: float = DEFAULT_INTERVAL,
          stop: Callable[[], bool] = lambda: False, sleep: Callable[[float], None] = time.sleep) -> str:
    """Check every ``interval`` seconds until turned off (or ``stop``); returns why it stopped."""
    if not wallet.settings.nodes:
        raise CheckerUnavailable()
    while not stop():
        if not enabled(wallet.dir):
            return "turned off"
        try:
            found = check(wallet)
        except LedgerError:  # offline for now: try again next round
            found = []
        if found:
            notify(found)
        sleep(interval)
    return "stopped"
