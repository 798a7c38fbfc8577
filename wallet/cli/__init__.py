"""``medwallet``: the command-line face of the wallet core (and of the clinic desk).

Every command is a thin call into :mod:`wallet.core`. What every command shares lives here
and in :mod:`ledger_client.console`: ``--version``, ``--json`` on every command, errors as one
line (or one JSON object under ``--json``) on stderr, and the exit codes of :data:`EXIT_HELP`,
chosen by the class of the error. Texts for a person are in the language of the environment
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG) through gettext; ``--json`` output stays English.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys

from ledger_client import console

from .._version import __version__
from ..core import texts
from ..core.durations import InvalidDuration
from ..core.errors import RecordIntegrityError, WalletError
from ..core.texts import tr as _

EXIT_HELP = console.exit_epilog()
log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    # The command modules import most of the core; bare ``medwallet`` (the window) skips them.
    from . import (
        backup_cmds,
        clinic_cmds,
        credential_cmds,
        delegation_cmds,
        emergency_cmds,
        interop_cmds,
        issuer_cmds,
        patient_cmds,
        pool_cmds,
        safety_cmds,
    )
    from .common import json_everywhere

    exit_help = console.exit_epilog()  # (now, in the language chosen: EXIT_HELP is the English one)
    parser = console.Parser(prog="medwallet", description=_("Medwallet: your medical records, your consent."),
                            epilog=exit_help + "\n\n" + _("Without a command, medwallet opens the window."))
    console.add_version(parser, f"medwallet {__version__}")
    parser.add_argument("--wallet-dir", help=_("wallet folder (default: $MEDWALLET_WALLET_DIR or the user data "
                                               "folder)"))
    parser.add_argument("--passphrase-file", help=_("read the wallet passphrase from this file"))
    parser.add_argument("--self-test", action="store_true", help=_("check this installation and exit"))
    parser.add_argument("--json", action="store_true", help=_("machine-readable output, and errors as one JSON "
                                                              "object on stderr (before or after the command)"))
    sub = parser.add_subparsers(dest="command")
    patient_cmds.register(sub)
    clinic_cmds.register(sub)
    issuer_cmds.register(sub)
    credential_cmds.register(sub)
    interop_cmds.register(sub)
    delegation_cmds.register(sub)
    emergency_cmds.register(sub)
    safety_cmds.register(sub)
    pool_cmds.register(sub)
    backup_cmds.register(sub)
    json_everywhere(parser, exit_help)
    return parser


def exit_status(exc: BaseException) -> int | None:
    """The exit code of an error, by its class (see :data:`EXIT_HELP`)."""
    from .common import UsageError
    if isinstance(exc, UsageError | InvalidDuration):
        return console.EXIT_USAGE
    if isinstance(exc, RecordIntegrityError):
        return console.EXIT_INTEGRITY
    if isinstance(exc, WalletError):
        return console.EXIT_REFUSED
    return console.exit_status(exc)


def main(argv: list[str] | None = None) -> int:
    items = sys.argv[1:] if argv is None else list(argv)
    _language(console.wants_json(items))
    return console.run("medwallet", items, lambda: _main(items), exit_status, _describe)


def _language(as_json: bool) -> None:
    """Texts in the environment's language, as command-line tools choose it; English under --json.

    argparse words its own texts ("usage:", "the following arguments are required") through
    gettext's global domain: bound to Medwallet's catalogue, they follow too."""
    import gettext

    if as_json:
        texts.use_language("en")
        return
    texts.use_language(None)
    gettext.bindtextdomain(texts.DOMAIN, str(texts.locale_dir()))
    gettext.textdomain(texts.DOMAIN)


def _describe(exc: BaseException) -> str:
    """A known error in the user's language: the catalogue's text for its code (else its own words)."""
    if isinstance(exc, WalletError) or isinstance(getattr(exc, "code", None), str):
        return texts.error_text(exc)
    return console.error_message(exc)


def _main(argv: list[str]) -> int:
    _logging()
    window_args = _bare(argv)
    if window_args is not None:
        return _no_command(None, window_args)
    parser = build_parser()
    _complete(parser)
    args = parser.parse_args(argv)
    if args.self_test:
        return _self_test(args.json)
    if args.command is None:
        return _no_command(parser, args)
    from .common import NoAnswer, json_output
    json_output.set(bool(args.json))
    words = " ".join(_command_path(args))
    log.info("medwallet %s: command %s", __version__, words)
    try:
        with contextlib.ExitStack() as closing:  # what a command opened closes (and a node it started stops)
            args.closing = closing
            if not getattr(args, "watch", False):  # the patient's own activity (the background checker's is not)
                closing.enter_context(_activity(args))
            status = args.func(args) or 0
    except EOFError:
        raise NoAnswer() from None
    log.info("command %s finished, exit %d", words, status)
    return status


def _activity(args: argparse.Namespace) -> contextlib.AbstractContextManager[None]:
    """While a command runs (and a while after), no registration ahead of time (:func:`wallet.core.pool.activity`)."""
    from ..core import pool
    from ..core.paths import wallet_dir
    return pool.activity(wallet_dir(getattr(args, "wallet_dir", None)))


def _logging() -> None:
    """Stderr at $MEDWALLET_LOG (default warning), checked; the log file at info (debug if asked)."""
    from ..core import logfile
    level = console.log_level(os.environ.get(console.ENV_LOG))
    file_level = min(level, logging.INFO)
    console.setup_logging(level, file_level=file_level)
    logfile.install(file_level)


def _command_path(args: argparse.Namespace) -> list[str]:
    """The command's words (``clinic read``), never its arguments: they may name a file or a person."""
    words = [args.command]
    for attr in ("clinic_command", "issuer_command", "credentials_command", "study_command", "delegates_command",
                 "delegate_command", "pool_command"):
        if isinstance(getattr(args, attr, None), str):
            words.append(getattr(args, attr))
    return words


def _complete(parser: argparse.ArgumentParser) -> None:
    """Shell completion (bash, zsh, fish): answers the shell's question and exits when it asks."""
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete
        argcomplete.autocomplete(parser)


def _self_test(as_json: bool) -> int:
    from ..core.selftest import run_checks
    extra = []
    try:
        from ..gui.selftest import check_qt
        extra.append(("Qt platform plugin", check_qt))
    except ImportError:
        pass
    checks = run_checks(extra)
    ok = all(c.ok for c in checks)
    if as_json:
        import json
        print(json.dumps({"ok": ok, "checks": [c.to_json() for c in checks]}, indent=2))
    else:
        for check in checks:
            print(f"[{'ok' if check.ok else 'FAIL'}] {check.name}: {check.detail}")
        print(_("Self-test passed.") if ok else _("Self-test FAILED."))
    return 0 if ok else 1


def _bare(argv: list[str]) -> argparse.Namespace | None:
    """The options of a bare ``medwallet [--wallet-dir D] [--passphrase-file F]``, else None.

    Recognised before the full parser is built so the window starts without importing
    every command module (startup time: tests/benchmarks/bench_startup.py).
    """
    values: dict[str, str | None] = {"wallet_dir": None, "passphrase_file": None}
    files: list[str] = []
    items = list(argv)
    while items:
        item = items.pop(0)
        if not item.startswith("-") and _is_file_to_import(item):
            files.append(item)  # "Open with Medwallet", or files dropped on its launcher: imported in the window
            continue
        name, eq, value = item.partition("=")
        key = {"--wallet-dir": "wallet_dir", "--passphrase-file": "passphrase_file"}.get(name)
        if key is None or (not eq and not items):
            return None
        values[key] = value if eq else items.pop(0)
    if os.environ.get("_ARGCOMPLETE"):
        return None  # the shell asks for completions: the full parser answers
    return argparse.Namespace(command=None, self_test=False, json=False, files=files, **values)


COMMANDS = frozenset({"init", "restore", "import", "records", "export", "delete", "institutions", "grant", "grants",
                      "revoke", "qr", "audit", "resume", "phrase", "passphrase", "clinic", "issuer", "credentials",
                      "study", "share-deidentified", "emergency", "revoke-all", "preview", "alerts", "guardians",
                      "backup", "restore-shares"})


def _is_file_to_import(item: str) -> bool:
    """An existing file named bare on the command line (a command's name always wins)."""
    from pathlib import Path

    if item in COMMANDS:
        return False
    path = Path(item.removeprefix("file://"))
    return path.is_file()


def _no_command(parser: argparse.ArgumentParser | None, args: argparse.Namespace) -> int:
    """Bare ``medwallet`` opens the desktop window where the GUI is installed."""
    try:
        from ..gui.app import run_gui
    except ImportError:
        (parser or build_parser()).print_help()
        return console.EXIT_USAGE
    log.info("medwallet %s: window", __version__)
    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
