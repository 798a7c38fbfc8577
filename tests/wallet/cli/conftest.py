"""The ``run`` fixture the CLI tests share: ``medwallet`` in a subprocess on the shared node."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest

PASS = "cli test passphrase"

Runner = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def run(tmp_path, shared_node) -> Runner:
    """``run(*args, ok=True, stdin=None)``: the real command line with a wallet and a desk of this test.

    Standard input is empty unless given, so a question the command asks is answered by its
    end (no terminal), as in a script; ``ok`` asserts the exit status 0.
    """
    env = {**os.environ, "MEDWALLET_PASSPHRASE": PASS, "MEDWALLET_NODES": shared_node.url,
           "MEDWALLET_WALLET_DIR": str(tmp_path / "wallet"), "MEDWALLET_CLINIC_DIR": str(tmp_path / "clinic")}

    def run(*args: str, ok: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([sys.executable, "-m", "wallet.cli", *args], env=env, capture_output=True, text=True,
                              timeout=120, **({"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}))
        if ok:
            assert proc.returncode == 0, proc.stderr
        return proc
    return run
