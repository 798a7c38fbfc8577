"""``medwallet grant`` to a new institution takes a pseudonym registered ahead of time, as
the window does: the command registers nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from wallet.core import pool
from wallet.core.wallet import Wallet

PASS = "cli pool passphrase"


def test_grant_from_the_command_line_takes_from_the_pool(tmp_path, shared_node):
    env = {**os.environ, "MEDWALLET_PASSPHRASE": PASS, "MEDWALLET_NODES": shared_node.url,
           "MEDWALLET_WALLET_DIR": str(tmp_path / "wallet"), "MEDWALLET_CLINIC_DIR": str(tmp_path / "clinic")}

    def run(*args: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "wallet.cli", *args], env=env, capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    run("init", "--no-keyring", "--json")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n" + os.urandom(5_000))
    record = json.loads(run("import", str(letter), "--json"))[0]["record"]
    run("clinic", "init", "--name", "Desk by the Pool", "--no-keyring", "--governance-key",
        str(shared_node.data / "governance.key"))
    wallet = Wallet.open(tmp_path / "wallet", PASS)
    try:
        while pool.register_one(wallet) is not None:  # what the window does while idle
            pass
        ready = pool.members(wallet)
        before = {row["idx"]: row["registered_tx"] for row in wallet.pseudonyms()}
    finally:
        wallet.close()
    granted = json.loads(run("grant", "--to", "Desk by the Pool", "--record", record[:10], "--purpose", "treatment",
                             "--expires", "30d", "--json"))
    wallet = Wallet.open(tmp_path / "wallet", PASS)
    try:
        row = wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (granted["consent"],))
        assert row["pseudonym"] == ready[0]
        assert {r["idx"]: r["registered_tx"] for r in wallet.pseudonyms()} == before  # nothing registered
        assert pool.members(wallet) == ready[1:]
    finally:
        wallet.close()
