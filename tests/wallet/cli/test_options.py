"""Options shared by a command family are honoured wherever they are written.

``medwallet clinic --clinic-dir D init`` once ignored ``D``: argparse lets a sub-command's
default overwrite what its parent parsed. This walks the whole command tree: every option a
parent parser offers (``medwallet --wallet-dir``, ``medwallet clinic --clinic-dir``,
``medwallet issuer --issuer-dir``...) must reach every sub-command below it, written before
the sub-command or (where the sub-command offers it too) after it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from wallet.cli import build_parser

NOT_SHARED = {"-h", "--help", "--self-test", "--version"}  # --version and --help act and exit


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and not set(a.option_strings) & NOT_SHARED]


def _required(parser: argparse.ArgumentParser) -> list[str]:
    """The smallest argv the parser accepts (dummy values for what it requires)."""
    argv: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        value = str(action.choices[0]) if action.choices else ("1" if action.type is int else "x")
        if not action.option_strings and action.nargs not in ("?", "*"):
            argv.append(value)
        elif action.option_strings and action.required:
            argv += [action.option_strings[0], value]
    return argv


def _leaves(parser, path=(), inherited=()) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, tuple]]:
    """(path, leaf parser, options of its ancestors as (path where offered, action))."""
    children = _subcommands(parser)
    offered = (*inherited, *((path, action) for action in _options(parser)))
    runs_alone = not any(isinstance(a, argparse._SubParsersAction) and a.required for a in parser._actions)
    if path and runs_alone:  # a leaf, or a family that has a command of its own (``medwallet clinic``)
        yield path, parser, inherited
    for name, child in children.items():
        yield from _leaves(child, (*path, name), offered)


def _given(action: argparse.Action) -> tuple[list[str], object]:
    if action.nargs == 0:
        return [action.option_strings[0]], True
    return [action.option_strings[0], "/some/where"], "/some/where"


PARSER = build_parser()  # parsing never changes it
CASES = [(path, leaf, where, action) for path, leaf, inherited in _leaves(PARSER) for where, action in inherited]


def test_the_walk_covers_the_families():
    families = {(where, action.dest) for _path, _leaf, where, action in CASES}
    assert {((), "wallet_dir"), ((), "passphrase_file"), ((), "json"), (("clinic",), "clinic_dir"),
            (("issuer",), "issuer_dir")} <= families
    assert any(path == ("clinic", "init") for path, *_ in CASES)


@pytest.mark.parametrize(("path", "leaf", "where", "action"), CASES,
                         ids=[f"{' '.join(p) or 'medwallet'}:{a.option_strings[0]}@{' '.join(w) or 'top'}"
                              for p, _l, w, a in CASES])
def test_an_option_of_the_family_reaches_every_subcommand(path, leaf, where, action):
    parser = PARSER
    flag, value = _given(action)
    rest = list(path[len(where):])
    before = parser.parse_args([*where, *flag, *rest, *_required(leaf)])
    assert getattr(before, action.dest) == value, f"{' '.join(path)}: {flag[0]} written before is lost"
    if any(set(a.option_strings) & set(action.option_strings) for a in leaf._actions):
        after = parser.parse_args([*where, *rest, *_required(leaf), *flag])
        assert getattr(after, action.dest) == value


def test_clinic_dir_before_init_is_where_the_desk_is_made(tmp_path, shared_node, monkeypatch, capsys):
    from wallet.cli import main
    from wallet.core.keys import keystore
    from wallet.core.keys.sodium import ARGON2_MIN

    monkeypatch.setattr(keystore, "DEFAULT_KDF_LIMITS", ARGON2_MIN)
    monkeypatch.setenv("MEDWALLET_CLINIC_DIR", str(tmp_path / "not-here"))
    secret = tmp_path / "pass"
    secret.write_text("desk passphrase")
    desk = tmp_path / "desk"
    assert main(["--passphrase-file", str(secret), "clinic", "--clinic-dir", str(desk), "init", "--name",
                 "Option Clinic", "--node", shared_node.url, "--no-keyring",
                 "--governance-key", str(shared_node.data / "governance.key")]) == 0
    assert (desk / "clinic.vault").exists() and not (tmp_path / "not-here").exists()
    capsys.readouterr()
    assert main(["--json", "--passphrase-file", str(secret), "clinic", "--clinic-dir", str(desk), "info"]) == 0
    assert '"registered": true' in capsys.readouterr().out
