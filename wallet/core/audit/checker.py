"""The background alert checker: alerts while the window is closed, which the patient can turn off.

``medwallet alerts --watch`` runs :func:`watch`: every ``interval`` seconds it refreshes
the verified audit trail and announces the alerts not shown yet (:mod:`.alerts`), through
a ``notify`` callback the face provides (a desktop notification, a line of text). It opens
and it needs a network node: the embedded local node runs only while the window does.

While it runs it also keeps the pool of pseudonyms registered ahead of time filled
(:mod:`wallet.core.pool`), as the window does while idle: one registration at a random
moment, the next after a random spacing (:func:`wallet.core.pool.next_delay`), never while
a command of the patient's runs or within :data:`wallet.core.pool.QUIET_S` after one
(:func:`wallet.core.pool.quiet`). A wallet used only from the command line thus has its
pool filled apart from its grants, and a grant takes from it and registers nothing.

Turning it on writes a desktop autostart entry (freedesktop.org, read at login) that starts
the watch; turning it off removes the entry and a running watch stops at its next round,
as it re-reads the setting each time.
"""

from __future__ import annotations

import logging
import os
import random
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ledger_client.errors import LedgerError

from .. import pool
from ..atomic_file import atomic_write
from ..errors import WalletError
from ..settings import Settings
from ..wallet import SETTINGS_FILE, Wallet
from . import alerts, trail

log = logging.getLogger(__name__)
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
          stop: Callable[[], bool] = lambda: False, sleep: Callable[[float], None] = time.sleep,
          clock: Callable[[], float] = time.monotonic, keep_pool: bool = True) -> str:
    """Check every ``interval`` seconds until turned off (or ``stop``); returns why it stopped.

    Between checks, at moments of their own, it tops up the pool (``keep_pool``): ``clock``
    and ``sleep`` are the watch's time, which a test compresses."""
    if not wallet.settings.nodes:
        raise CheckerUnavailable()
    next_check = clock()
    next_pool = clock() + pool.next_delay(first=True)
    while not stop():
        if not enabled(wallet.dir):
            return "turned off"
        if keep_pool and clock() >= next_pool:
            next_pool = clock() + _top_up(wallet)
        if clock() >= next_check:
            try:
                found = check(wallet)
            except LedgerError:  # offline for now: try again next round
                found = []
            if found:
                notify(found)
            next_check = clock() + interval
        due = min(next_check, next_pool) if keep_pool else next_check
        sleep(max(0.0, due - clock()))
    return "stopped"


def _top_up(wallet: Wallet) -> float:
    """One registration ahead of time if the pool lacks one and the patient is quiet; the wait until the next try."""
    if not pool.quiet(wallet.dir):
        return random.SystemRandom().uniform(*pool.BUSY_RETRY_S)
    try:
        pool.register_one(wallet)
    except (LedgerError, WalletError) as exc:  # offline, an admission refused: try again after a spacing
        log.info("registering a pseudonym ahead of time failed (%s); trying again later", type(exc).__name__)
    return pool.next_delay()
