"""Helpers shared by the CLI commands: unlocking, output, progress, dates, shared options."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ledger_client import console

from ..core import durations
from ..core.errors import KeyringUnavailable, PassphraseRequired, WalletError
from ..core.texts import N_
from ..core.texts import tr as _

NOUNS = (N_("wallet"), N_("desk"))  # what a passphrase protects, as the messages name it

ENV_PASSPHRASE = "MEDWALLET_PASSPHRASE"
ENV_PASSPHRASE_FILE = "MEDWALLET_PASSPHRASE_FILE"


def how_to_give() -> str:
    return _("give --passphrase-file FILE, or set MEDWALLET_PASSPHRASE_FILE or MEDWALLET_PASSPHRASE "
             "(or run the command in a terminal to be asked)")


T = TypeVar("T")


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


class NoAnswer(WalletError):
    """No answer: the input ended at a question."""

    code = "no_answer"


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


def passphrase(args, *, new: bool = False, noun: str = "wallet") -> str | None:
    """The passphrase from --passphrase-file, $MEDWALLET_PASSPHRASE_FILE, $MEDWALLET_PASSPHRASE,
    or a prompt on a terminal. ``noun`` names what it protects ("wallet", "desk")."""
    path = getattr(args, "passphrase_file", None) or os.environ.get(ENV_PASSPHRASE_FILE)
    if path:
        try:
            return Path(path).expanduser().read_text("utf-8").rstrip("\r\n") or None
        except OSError as exc:
            raise UsageError(_("Cannot read the passphrase file {path}: {reason}.").format(
                path=path, reason=exc.strerror)) from None
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if not new or not sys.stdin.isatty():
        return None
    first = getpass.getpass(_("Choose a {noun} passphrase (Enter for none, if this computer has a keyring): ").format(
        noun=_(noun)))
    if first and getpass.getpass(_("Repeat it: ")) != first:
        raise UsageError(_("The two passphrases differ."))
    return first or None


def owner_passphrase(args, wallet: Any, why: str) -> str | None:
    """The passphrase that proves the patient is here, before the seed is shown or split
    (``why``: "Showing the recovery phrase"); asked on a terminal when not given, None for a
    keyring-only wallet. The core checks it (:func:`wallet.core.protection.prove_owner`)."""
    secret = passphrase(args)
    if wallet.keystore.has_passphrase and secret is None:
        if not sys.stdin.isatty():
            raise UsageError(f"{why} needs the wallet's passphrase: give --passphrase-file.")
        secret = getpass.getpass("Wallet passphrase: ")
    return secret


def creating(make: Callable[[], T], noun: str = "wallet") -> T:
    """Run a create step; a computer without a keyring gets told how to give a passphrase."""
    try:
        return make()
    except KeyringUnavailable:
        raise NeedsPassphrase(_("This computer has no working keyring, so the {noun} must be protected by a "
                                "passphrase: {how}.").format(noun=_(noun), how=how_to_give())) from None


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
            raise NeedsPassphrase(_("The {noun} is protected by a passphrase: {how}.").format(
                noun=_(noun), how=how_to_give())) from None
        opened = open_fn(directory, getpass.getpass(_("Desk passphrase: ") if noun == "desk" else
                                                    _("Wallet passphrase: ")))
    closing = getattr(args, "closing", None)
    if isinstance(closing, contextlib.ExitStack):
        closing.callback(opened.close)
    return opened


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
                               help=_("machine-readable output, and errors as one JSON object on stderr"))
        if not child.epilog:
            child.epilog = epilog
        json_everywhere(child, epilog)
