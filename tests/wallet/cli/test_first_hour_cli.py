"""Issue 12's command-line faults: a desk made without a keyring is told how to give a
passphrase (not to restore a wallet), a prompt that meets the end of input is a clear
line and no traceback, desk prompts say "desk", and a restore's summary counts the records
the patient sees (not the copies made for institutions)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from wallet.cli import main as cli_main
from wallet.core import importing, restore
from wallet.core.consent import grants
from wallet.core.keys.sodium import ARGON2_MIN

from ..files import write_pdf


def test_desk_without_keyring_is_told_how_to_give_a_passphrase(tmp_path, shared_node):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDWALLET_")}
    env.update({"MEDWALLET_KEYRING": "none", "HOME": str(tmp_path)})
    done = subprocess.run([sys.executable, "-m", "wallet.cli", "clinic", "--clinic-dir", str(tmp_path / "desk"),
                           "init", "--name", "Clinique du Lac", "--node", shared_node.url], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    # a missing passphrase is a usage error (NeedsPassphrase is a UsageError): exit 2, as documented
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no working keyring" in done.stderr and "desk must be protected by a passphrase" in done.stderr
    assert "--passphrase-file" in done.stderr and "MEDWALLET_PASSPHRASE" in done.stderr
    assert "restore" not in done.stderr


def test_end_of_input_at_a_prompt_is_one_clear_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)

    def ended(*_args):
        raise EOFError

    monkeypatch.setattr("builtins.input", ended)
    assert cli_main(["restore", "--wallet-dir", str(tmp_path / "w")]) == 1
    err = capsys.readouterr().err
    assert "no answer (the input ended at a question)" in err and "Traceback" not in err


def test_desk_prompts_say_desk(monkeypatch, tmp_path, make_clinic, capsys):
    desk = make_clinic("Lac")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.delenv("MEDWALLET_PASSPHRASE", raising=False)
    asked = []

    def prompt(text):
        asked.append(text)
        raise EOFError

    monkeypatch.setattr("getpass.getpass", prompt)
    assert cli_main(["clinic", "info", "--clinic-dir", str(desk.dir)]) == 1
    assert asked == ["Desk passphrase: "]


def test_restore_counts_the_records_the_patient_sees(make_wallet, clinic, tmp_path):
    wallet = make_wallet()
    ids = [importing.import_file(wallet, write_pdf(tmp_path / f"r{n}.pdf"), title=f"R{n}").records[0].record
           for n in range(2)]
    grants.grant(wallet, clinic.key.public, ids, "treatment", int(time.time()) + 3600)  # two copies for the clinic
    again, summary = restore.restore(tmp_path / "restored", wallet.keys.phrase(), nodes=wallet.settings.nodes,
                                     passphrase="restored passphrase", use_keyring=False, kdf_limits=ARGON2_MIN)
    try:
        from wallet.core.records import library

        assert summary["records"] == len(library.list_records(again)) == 2 and summary["copies"] == 2
    finally:
        again.close()


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):
    monkeypatch.setenv("MEDWALLET_KEYRING", "none")
