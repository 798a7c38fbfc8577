"""Helpers shared by the CLI commands: unlocking, output, progress, dates, shared options."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..core.errors import KeyringUnavailable, PassphraseRequired, WalletError

ENV_PASSPHRASE = "MEDWALLET_PASSPHRASE"
ENV_PASSPHRASE_FILE = "MEDWALLET_PASSPHRASE_FILE"
HOW_TO_GIVE = ("give --passphrase-file FILE, or set MEDWALLET_PASSPHRASE_FILE or MEDWALLET_PASSPHRASE "
               "(or run the command in a terminal to be asked)")
T = TypeVar("T")


EXIT_REFUSED = 1  # the action was refused or failed (the message says why), or the user declined it
EXIT_USAGE = 2  # the command was not given what it needs, or it needs a confirmation it cannot ask for


class UsageError(WalletError):
    """The command was not given what it needs. See --help."""

    code = "usage"


class NeedsPassphrase(UsageError):
    """A passphrase is needed and none was given."""

    code = "needs_passphrase"


class NeedsConfirmation(UsageError):
    """This command asks for your confirmation: run it on a terminal, or add --yes to confirm beforehand."""

    code = "needs_confirmation"


class Declined(WalletError):
    """You declined: nothing was done."""

    code = "declined"


def confirm(args: argparse.Namespace, question: str, *, word: str | None = None, declined: str = "") -> None:
    """Ask ``question`` on the terminal unless ``--yes`` was given.

    The answer must be ``y``/``yes`` (or exactly ``word``); anything else raises
    :class:`Declined` with ``declined`` as its message. Without a terminal there is no one
    to ask: :class:`NeedsConfirmation` (exit code 2), never a hang or a traceback.
    """
    if getattr(args, "yes", False):
        return
    if not sys.stdin.isatty():
        raise NeedsConfirmation()
    try:
        answer = input(question).strip()
    except EOFError:
        answer = ""
    if (answer != word) if word else (answer.lower() not in ("y", "yes")):
        raise Declined(declined)


def shared_option(parser: argparse.ArgumentParser, *flags: str, family: bool = False, **kwargs: Any) -> None:
    """An option that may be written before or after a sub-command (``clinic --clinic-dir D init``
    and ``clinic init --clinic-dir D`` alike).

    argparse lets a sub-command's default overwrite what its parent parsed, so the option's
    default lives on the family's parser only (``family=True``) and every sub-command leaves
    the value alone unless it is given there (``SUPPRESS``).
    """
    if not family:
        kwargs["default"] = argparse.SUPPRESS
    parser.add_argument(*flags, **kwargs)


def passphrase(args, *, new: bool = False, noun: str = "wallet") -> str | None:
    """The passphrase from --passphrase-file, $MEDWALLET_PASSPHRASE_FILE, $MEDWALLET_PASSPHRASE,
    or a prompt on a terminal. ``noun`` names what it protects ("wallet", "desk")."""
    path = getattr(args, "passphrase_file", None) or os.environ.get(ENV_PASSPHRASE_FILE)
    if path:
        try:
            return Path(path).expanduser().read_text("utf-8").rstrip("\r\n") or None
        except OSError as exc:
            raise UsageError(f"Cannot read the passphrase file {path}: {exc.strerror}.") from None
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if not new or not sys.stdin.isatty():
        return None
    first = getpass.getpass(f"Choose a {noun} passphrase (Enter for none, if this computer has a keyring): ")
    if first and getpass.getpass("Repeat it: ") != first:
        raise UsageError("The two passphrases differ.")
    return first or None


def creating(make: Callable[[], T], noun: str = "wallet") -> T:
    """Run a create step; a computer without a keyring gets told how to give a passphrase."""
    try:
        return make()
    except KeyringUnavailable:
        raise NeedsPassphrase(f"This computer has no working keyring, so the {noun} must be protected by a "
                              f"passphrase: {HOW_TO_GIVE}.") from None


def unlock(open_fn, directory: Path, args, *, noun: str = "wallet"):
    """Open a vault, asking for the passphrase on a terminal when the keyring cannot.

    What is opened is closed when the command ends (``args.closing``), which also stops a
    local node it started for the command."""
    try:
        opened = open_fn(directory, passphrase(args))
    except (PassphraseRequired, KeyringUnavailable) as exc:
        if not sys.stdin.isatty():
            if isinstance(exc, KeyringUnavailable):
                raise
            raise NeedsPassphrase(f"The {noun} is protected by a passphrase: {HOW_TO_GIVE}.") from None
        opened = open_fn(directory, getpass.getpass(f"{noun.capitalize()} passphrase: "))
    closing = getattr(args, "closing", None)
    if isinstance(closing, contextlib.ExitStack):
        closing.callback(opened.close)
    return opened


def emit_json(doc: Any) -> None:
    print(json.dumps(doc, indent=2, sort_keys=True, default=str))


def table(rows: Iterable[Iterable[Any]], headers: list[str]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def when(ts: int | None) -> str:
    if not ts:
        return ""
    return datetime.fromtimestamp(ts, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


_DURATION = re.compile(r"^(\d+)\s*([mhdwy])$")
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}


def parse_expiry(text: str, now: int | None = None) -> int:
    """``30d``, ``12h``, ``2w``, ``1y`` from now, or a date ``YYYY-MM-DD[THH:MM]`` (local time)."""
    now = int(time.time()) if now is None else now
    text = text.strip().lower()
    match = _DURATION.match(text)
    if match:
        return now + int(match.group(1)) * _UNITS[match.group(2)]
    try:
        moment = datetime.fromisoformat(text.upper() if "t" in text else text)
    except ValueError:
        raise UsageError(f"Cannot read the expiry {text!r}: use e.g. 30d, 12h or 2026-12-31.") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    if len(text) == 10:  # a bare date: the end of that day
        moment = moment.replace(hour=23, minute=59, second=59)
    return int(moment.timestamp())


class ProgressPrinter:
    """A one-line progress display on stderr (only on a terminal)."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done != total:
            return
        self._last = now
        pct = f"{100 * done // total:3d}%" if total else f"{done // 1024} KiB"
        print(f"\r{stage:8s} {pct}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.enabled:
            print("\r" + " " * 30 + "\r", end="", file=sys.stderr, flush=True)
