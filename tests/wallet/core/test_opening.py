"""The window-opening state machine both windows render, without Qt: every path from the
first frame to an open wallet, against real wallet folders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ledger_client.errors import NodeUnavailable
from wallet.core.errors import WrongPassphrase
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.opening import Opening, Stage, look
from wallet.core.wallet import Wallet

PASS = "opening test passphrase"


class Folder:
    """A wallet folder as a window opens it (what the sessions of the GUI do, minus the network)."""

    def __init__(self, directory: Path, passphrase_file: str | None = None) -> None:
        self.directory, self.passphrase_file, self.wallet = directory, passphrase_file, None

    def exists(self) -> bool:
        return Wallet.exists(self.directory)

    def unlock(self, passphrase: str | None = None) -> Wallet:
        if passphrase is None and self.passphrase_file:
            passphrase = Path(self.passphrase_file).read_text()
        self.wallet = Wallet.open(self.directory, passphrase)
        return self.wallet


@pytest.fixture
def folder(tmp_path) -> Folder:
    wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASS, use_keyring=False, kdf_limits=ARGON2_MIN)
    wallet.close()
    return Folder(tmp_path / "w")


def test_core_module_has_no_qt():
    code = "import sys, wallet.core.opening; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_nothing_there_is_set_up_then_open(tmp_path):
    machine = Opening()
    assert machine.stage == Stage.LOOKING
    machine.looked(look(Folder(tmp_path / "none")))
    assert machine.stage == Stage.NEW
    machine.created()
    assert machine.stage == Stage.OPEN and machine.problem is None


def test_locked_wallet_asks_for_the_passphrase(folder):
    warmed = []
    machine = Opening()
    machine.looked(look(folder, before_unlock=lambda: warmed.append(True)))
    assert machine.stage == Stage.LOCKED and warmed == [True]  # no keyring here: the passphrase is needed
    machine.unlock()
    assert machine.stage == Stage.UNLOCKING
    with pytest.raises(WrongPassphrase) as wrong:
        folder.unlock("not it")
    machine.failed(wrong.value)
    assert machine.stage == Stage.LOCKED and machine.problem is wrong.value and not machine.unexpected
    machine.unlock()
    assert machine.problem is None
    folder.unlock(PASS).close()
    machine.opened()
    assert machine.stage == Stage.OPEN
    machine.lock()
    assert machine.stage == Stage.LOCKED and machine.problem is None


def test_a_passphrase_file_opens_at_once(folder, tmp_path):
    (tmp_path / "secret").write_text(PASS)
    with_file = Folder(folder.directory, str(tmp_path / "secret"))
    assert look(with_file) == Stage.OPEN
    with_file.wallet.close()


def test_failures_while_looking_land_on_the_unlock_page():
    machine = Opening()
    machine.failed(NodeUnavailable())
    assert machine.stage == Stage.LOCKED and not machine.unexpected  # a refusal the patient can act on
    bug = Opening()
    bug.failed(KeyError("x"))
    assert bug.unexpected  # a bug: the view reports it with its details


def test_steps_out_of_order_are_refused():
    machine = Opening()
    for wrong in (machine.created, machine.unlock, machine.opened, machine.lock):
        with pytest.raises(RuntimeError):
            wrong()
    with pytest.raises(ValueError):
        machine.looked(Stage.UNLOCKING)
    machine.looked(Stage.OPEN)
    with pytest.raises(RuntimeError):
        machine.failed(NodeUnavailable())
