"""Helpers shared by the CLI commands: unlocking, output, progress, dates."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ledger_client import console

from ..core import durations
from ..core.errors import PassphraseRequired, WalletError

ENV_PASSPHRASE = "MEDWALLET_PASSPHRASE"


class UsageError(WalletError):
    """The command was not given what it needs. See --help."""

    code = "usage"


class NoCredentialAnswers(WalletError):
    """None of your valid credentials can answer this request."""

    code = "no_matching_credential"


class PhraseCheckFailed(WalletError):
    """A word of the recovery phrase did not match."""

    code = "phrase_check_failed"


class NoWindow(WalletError):
    """The window needs PySide6, which is not installed here."""

    code = "no_window"


class NothingImported(WalletError):
    """Nothing could be imported from this file: it holds no valid entry."""

    code = "nothing_imported"


def passphrase(args, *, new: bool = False) -> str | None:
    """The passphrase from --passphrase-file, $MEDWALLET_PASSPHRASE, or a prompt on a terminal."""
    if getattr(args, "passphrase_file", None):
        try:
            return Path(args.passphrase_file).read_text("utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(f"Cannot read the passphrase file: {exc.strerror}.") from None
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if not new or not sys.stdin.isatty():
        return None
    first = getpass.getpass("Choose a wallet passphrase (Enter for none): ")
    if first and getpass.getpass("Repeat it: ") != first:
        raise UsageError("The two passphrases differ.")
    return first or None


def unlock(open_fn, directory: Path, args):
    """Open a vault, asking for the passphrase on a terminal when the keyring cannot."""
    try:
        return open_fn(directory, passphrase(args))
    except PassphraseRequired:
        if not sys.stdin.isatty():
            raise
        return open_fn(directory, getpass.getpass("Wallet passphrase: "))


def emit_json(doc: Any) -> None:
    console.emit_json(doc)


def report(args: argparse.Namespace, doc: Any, text: str) -> None:
    """A command's outcome: ``doc`` as JSON under ``--json``, else ``text`` for a person."""
    if getattr(args, "json", False):
        emit_json(doc)
    else:
        print(text)


def table(rows: Iterable[Iterable[Any]], headers: list[str]) -> None:
    console.table(rows, headers)


def when(ts: int | None) -> str:
    if not ts:
        return ""
    return datetime.fromtimestamp(ts, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def parse_expiry(text: str, now: int | None = None) -> int:
    """``30d``, ``12h``, ``6mo``, ``1y``, ``P6M`` from now, or a date ``YYYY-MM-DD[THH:MM]`` (local time)."""
    return durations.parse_expiry(text, now)


# Set by main() for the command being run: progress stays quiet under --json.
json_output: ContextVar[bool] = ContextVar("json_output", default=False)


def ProgressPrinter(enabled: bool | None = None) -> console.Progress:  # noqa: N802 (was a class; callers keep the name)
    """Progress with rate and time left on stderr, only on a terminal and never under --json."""
    units = {"scan": "pseudonyms", "audit": "pseudonyms"}
    return console.Progress(enabled=enabled, as_json=json_output.get(), units=units)


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def json_everywhere(parser: argparse.ArgumentParser, epilog: str) -> None:
    """Every sub-command takes ``--json`` and documents the exit codes.

    The sub-commands' ``--json`` leaves the value alone unless given there (``SUPPRESS``):
    argparse would otherwise let a sub-command's default undo ``medwallet --json CMD``.
    """
    for child in subcommands(parser).values():
        flags = [a for a in child._actions if "--json" in a.option_strings]
        if flags:
            for action in flags:
                action.default = argparse.SUPPRESS
        else:
            child.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                               help="machine-readable output, and errors as one JSON object on stderr")
        if not child.epilog:
            child.epilog = epilog
        json_everywhere(child, epilog)
