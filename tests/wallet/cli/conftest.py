"""The command line the CLI tests share: ``medwallet`` in a subprocess on the shared node."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping

import pytest

PASS = "cli test passphrase"

Runner = Callable[..., "subprocess.CompletedProcess[str]"]
RunnerFactory = Callable[..., Runner]


@pytest.fixture
def make_run(tmp_path, shared_node) -> RunnerFactory:
    """``make_run(passphrase=PASS, env=None, timeout=120)``: a ``run`` with this test's own settings.

    ``env`` adds to (or, with a value of None, removes from) the environment every command gets.
    The returned ``run(*args, ok=True, stdin=None, wallet="wallet", clinic="clinic")`` runs the real
    entry point with the wallet and the desk in folders of this test named ``wallet`` and ``clinic``,
    so one test can play several people (a child and a parent, two desks). Standard input is empty
    unless given, so a question the command asks is answered by its end (no terminal), as in a
    script; ``ok`` asserts the exit status 0.
    """
    def factory(passphrase: str = PASS, env: Mapping[str, str | None] | None = None,
                timeout: float = 120) -> Runner:
        base = {**os.environ, "MEDWALLET_PASSPHRASE": passphrase, "MEDWALLET_NODES": shared_node.url}
        for name, value in (env or {}).items():
            if value is None:
                base.pop(name, None)
            else:
                base[name] = value

        def run(*args: str, ok: bool = True, stdin: str | None = None, wallet: str = "wallet",
                clinic: str = "clinic") -> subprocess.CompletedProcess[str]:
            proc = subprocess.run(
                [sys.executable, "-m", "wallet.cli", *args], capture_output=True, text=True, timeout=timeout,
                env={**base, "MEDWALLET_WALLET_DIR": str(tmp_path / wallet),
                     "MEDWALLET_CLINIC_DIR": str(tmp_path / clinic)},
                **({"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}))
            if ok:
                assert proc.returncode == 0, proc.stderr
            return proc
        return run
    return factory


@pytest.fixture
def run(make_run) -> Runner:
    """``run(*args, ok=True, stdin=None)``: the real command line with a wallet and a desk of this test."""
    return make_run()
