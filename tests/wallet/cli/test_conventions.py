"""Command-line conventions over the whole command tree of ``medwallet`` and ``medwallet-node``.

Every command documents the exit codes in --help, takes --json (before or after the command),
answers a usage error under --json with exactly one JSON object on stderr and exit 2; both
commands have --version; a wrong MEDWALLET_LOG is a clear usage error; an unreachable network
has an exit code of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from ledger_client import console
from ledger_client.node import cli as node_cli
from wallet import cli as wallet_cli

COMMANDS = {"medwallet": (wallet_cli.build_parser, wallet_cli.main),
            "medwallet-node": (node_cli.build_parser, node_cli.main)}


def _children(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


Walk = Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Walk:
    if path:
        yield path, parser
    for name, child in _children(parser).items():
        yield from _walk(child, (*path, name))


def _required_missing(parser: argparse.ArgumentParser) -> bool:
    return any(a.required or (not a.option_strings and a.nargs not in ("?", "*")
                              and not isinstance(a, argparse._SubParsersAction)) for a in parser._actions)


CASES = [(prog, path, parser) for prog, (build, _main) in COMMANDS.items() for path, parser in _walk(build())]
IDS = [f"{prog} {' '.join(path)}" for prog, path, _ in CASES]


def test_the_walk_covers_both_commands():
    paths = {(prog, path) for prog, path, _ in CASES}
    assert {("medwallet", ("revoke",)), ("medwallet", ("clinic", "read")), ("medwallet", ("export",)),
            ("medwallet-node", ("verify",)), ("medwallet-node", ("keygen",))} <= paths
    assert len(CASES) > 40


@pytest.mark.parametrize(("prog", "path", "parser"), CASES, ids=IDS)
def test_every_command_documents_exit_codes_and_json(prog, path, parser, capsys):
    main = COMMANDS[prog][1]
    with pytest.raises(SystemExit) as done:
        main([*path, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "--json" in text and "exit status:" in text
    for code, _ in console.EXIT_CODES:
        assert f"  {code} " in text


@pytest.mark.parametrize(("prog", "path", "parser"), CASES, ids=IDS)
@pytest.mark.parametrize("where", ["before", "after"])
def test_a_usage_error_under_json_is_one_object_and_exit_2(prog, path, parser, where, capsys):
    main = COMMANDS[prog][1]
    argv = ["--json", *path, "--no-such-option"] if where == "before" else [*path, "--no-such-option", "--json"]
    assert main(argv) == console.EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    doc = json.loads(err)
    assert doc["error"] == "usage" and f"'{prog} " in doc["message"] and "--help'" in doc["message"]
    assert "--no-such-option" in doc["message"] or "required" in doc["message"]
    if _required_missing(parser):  # what it requires, left out: usage, not a traceback
        assert main([*path, "--json"]) == console.EXIT_USAGE
        assert json.loads(capsys.readouterr().err)["error"] == "usage"


def test_json_given_before_the_command_reaches_it():
    for prog, (build, _main) in COMMANDS.items():
        parser = build()
        for path, leaf in _walk(parser):
            if _required_missing(leaf) or _children(leaf):
                continue
            assert parser.parse_args(["--json", *path]).json is True, (prog, path)
            assert parser.parse_args([*path]).json is False, (prog, path)


def _entry(prog: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    module = "wallet.cli" if prog == "medwallet" else "ledger_client.node.cli"
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("prog", sorted(COMMANDS))
def test_version(prog):
    from wallet._version import __version__
    done = _entry(prog, "--version")
    assert done.returncode == 0 and done.stdout.startswith(f"{prog} {__version__}")


@pytest.mark.parametrize("prog", sorted(COMMANDS))
def test_a_wrong_log_setting_is_a_clear_usage_error(prog, tmp_path):
    args = ["records", "--wallet-dir", str(tmp_path)] if prog == "medwallet" else ["verify", "--data", str(tmp_path)]
    done = _entry(prog, *args, env={"MEDWALLET_LOG": "verbose"})
    assert done.returncode == console.EXIT_USAGE and "Traceback" not in done.stderr
    assert done.stderr.strip() == (f"{prog}: MEDWALLET_LOG='verbose' is not a log level: use one of debug, info, "
                                   "warning, error, critical")
    done = _entry(prog, "--json", *args, env={"MEDWALLET_LOG": "verbose"})
    assert json.loads(done.stderr)["error"] == "usage"
    assert _entry(prog, *args, env={"MEDWALLET_LOG": "DEBUG"}).returncode != console.EXIT_USAGE


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_network_has_its_own_exit_code(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}"
    done = _entry("medwallet", "--json", "init", "--no-keyring", "--wallet-dir", str(tmp_path / "w"),
                  "--node", url, env={"MEDWALLET_PASSPHRASE": "p"})
    assert done.returncode == console.EXIT_UNAVAILABLE, done.stderr
    assert json.loads(done.stderr)["error"] == "unavailable"
    node_data = tmp_path / "n"
    assert _entry("medwallet-node", "init", "--data", str(node_data)).returncode == 0
    done = _entry("medwallet-node", "register-institution", "--data", str(node_data), "--node", url, "--name", "X",
                  "--sign-key", "aa" * 32, "--box-key", "bb" * 32, "--json")
    assert done.returncode == console.EXIT_UNAVAILABLE and json.loads(done.stderr)["error"] == "unavailable"


def test_a_refusal_exits_1_with_the_error_class_code(tmp_path):
    done = _entry("medwallet", "records", "--json", "--wallet-dir", str(tmp_path))
    assert done.returncode == console.EXIT_REFUSED
    assert json.loads(done.stderr)["error"] == "no_wallet" and done.stdout == ""


def test_an_ambiguous_duration_is_a_usage_error_with_a_hint(tmp_path):
    from wallet.cli.common import parse_expiry
    from wallet.core.durations import InvalidDuration
    with pytest.raises(InvalidDuration) as caught:
        parse_expiry("6m")
    assert wallet_cli.exit_status(caught.value) == console.EXIT_USAGE and "6mo" in str(caught.value)


def test_node_commands_answer_in_json(tmp_path):
    data = tmp_path / "n"
    init = _entry("medwallet-node", "--json", "init", "--data", str(data))
    assert json.loads(init.stdout)["genesis_hash"] and init.returncode == 0
    key = json.loads(_entry("medwallet-node", "keygen", "--out", str(tmp_path / "k"), "--json").stdout)
    assert len(key["public"]) == 64
    verify = json.loads(_entry("medwallet-node", "verify", "--data", str(data), "--json").stdout)
    assert verify["ok"] is True
    backup = _entry("medwallet-node", "--json", "backup", "--data", str(data), "--out", str(tmp_path / "b"))
    assert json.loads(backup.stdout)["out"] == str(tmp_path / "b")
    restored = _entry("medwallet-node", "--json", "restore", "--backup", str(tmp_path / "b"), "--data",
                      str(tmp_path / "r"))
    assert json.loads(restored.stdout)["ok"] is True and restored.returncode == 0
    upgrade = _entry("medwallet-node", "upgrade", "--data", str(data), "--json")
    assert "schema_version" in json.loads(upgrade.stdout)
