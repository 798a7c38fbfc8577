"""``medwallet``: the command-line face of the wallet core (and of the clinic desk).

Every command is a thin call into :mod:`wallet.core`; errors become one line on stderr
and a non-zero exit (1 for a refused action, 2 for a usage error)."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from ledger_client.errors import LedgerError

from ..core.errors import Cancelled, WalletError


def build_parser() -> argparse.ArgumentParser:
    # The command modules import most of the core; bare ``medwallet`` (the window) skips them.
    from . import backup_cmds, clinic_cmds, credential_cmds, issuer_cmds, patient_cmds, safety_cmds

    parser = argparse.ArgumentParser(prog="medwallet", description="Medwallet: your medical records, your consent.")
    parser.add_argument("--wallet-dir", help="wallet folder (default: $MEDWALLET_WALLET_DIR or the user data folder)")
    parser.add_argument("--passphrase-file", help="read the wallet passphrase from this file")
    parser.add_argument("--self-test", action="store_true", help="check this installation and exit")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    patient_cmds.register(sub)
    clinic_cmds.register(sub)
    issuer_cmds.register(sub)
    credential_cmds.register(sub)
    safety_cmds.register(sub)
    backup_cmds.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("MEDWALLET_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s")
    window_args = _bare(sys.argv[1:] if argv is None else argv)
    if window_args is not None:
        return _no_command(None, window_args)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        return _self_test("--json" in (argv if argv is not None else sys.argv[1:]))
    if args.command is None:
        return _no_command(parser, args)
    try:
        return args.func(args) or 0
    except Cancelled:
        return 130
    except (WalletError, LedgerError) as exc:
        print(f"medwallet: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("medwallet: interrupted", file=sys.stderr)
        return 130
    except FileNotFoundError as exc:
        print(f"medwallet: no such file: {exc.filename}", file=sys.stderr)
        return 1


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
        print("Self-test passed." if ok else "Self-test FAILED.")
    return 0 if ok else 1


def _bare(argv: list[str]) -> argparse.Namespace | None:
    """The options of a bare ``medwallet [--wallet-dir D] [--passphrase-file F]``, else None.

    Recognised before the full parser is built so the window starts without importing
    every command module (startup time: tests/benchmarks/bench_startup.py).
    """
    values: dict[str, str | None] = {"wallet_dir": None, "passphrase_file": None}
    items = list(argv)
    while items:
        item = items.pop(0)
        name, eq, value = item.partition("=")
        key = {"--wallet-dir": "wallet_dir", "--passphrase-file": "passphrase_file"}.get(name)
        if key is None or (not eq and not items):
            return None
        values[key] = value if eq else items.pop(0)
    return argparse.Namespace(command=None, self_test=False, json=False, **values)


def _no_command(parser: argparse.ArgumentParser | None, args: argparse.Namespace) -> int:
    """Bare ``medwallet`` opens the desktop window where the GUI is installed."""
    try:
        from ..gui.app import run_gui
    except ImportError:
        (parser or build_parser()).print_help()
        return 2
    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
