"""``medwallet grant`` to a new institution takes a pseudonym registered ahead of time, as
the window does: the command registers nothing."""

from __future__ import annotations

import json
import os

from wallet.core import pool
from wallet.core.wallet import Wallet

PASS = "cli pool passphrase"


def test_grant_from_the_command_line_takes_from_the_pool(tmp_path, shared_node, make_run):
    command = make_run(passphrase=PASS)

    def run(*args: str) -> str:
        return command(*args).stdout

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


def test_a_wallet_used_only_from_the_command_line_fills_its_pool_apart_from_its_grants(tmp_path, shared_node,
                                                                                       make_run):
    """``pool status``/``pool refill`` on a real node; the grant then registers nothing and waits for
    nothing; the log file names no pseudonym, no institution."""
    state = tmp_path / "state"
    command = make_run(passphrase=PASS, env={"MEDWALLET_LOG": "debug", "XDG_STATE_HOME": str(state),
                                             "MEDWALLET_LOG_FILE": None})

    def run(*args: str) -> str:
        return command(*args).stdout

    run("init", "--no-keyring", "--json")
    assert json.loads(run("pool", "status", "--json")) == {"ready": 0, "size": pool.POOL_SIZE,
                                                           "missing": pool.POOL_SIZE, "background": False}
    assert "0 of 3" in run("pool")  # bare: the status
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n" + os.urandom(5_000))
    record = json.loads(run("import", str(letter), "--json"))[0]["record"]
    name = "Desk of the Command Line"
    run("clinic", "init", "--name", name, "--no-keyring", "--governance-key", str(shared_node.data / "governance.key"))
    one = json.loads(run("pool", "refill", "--one", "--json"))
    assert one["registered"] == 1 and one["ready"] == 1
    wallet = Wallet.open(tmp_path / "wallet", PASS)
    try:
        ready = pool.members(wallet)
        before = {row["idx"]: row["registered_tx"] for row in wallet.pseudonyms()}
    finally:
        wallet.close()
    granted = json.loads(run("grant", "--to", name, "--record", record[:10], "--purpose", "treatment",
                             "--expires", "30d", "--json"))
    wallet = Wallet.open(tmp_path / "wallet", PASS)
    try:
        row = wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (granted["consent"],))
        assert row["pseudonym"] == ready[0]
        assert {r["idx"]: r["registered_tx"] for r in wallet.pseudonyms()} == before  # the grant registered nothing
        publics = [r["public"] for r in wallet.pseudonyms()]
    finally:
        wallet.close()
    assert (tmp_path / "wallet" / pool.ACTIVITY_FILE).read_bytes() == b"done"  # the grant marked its activity
    logs = "".join(p.read_text("utf-8") for p in state.rglob("*.log*"))
    assert "registered a pseudonym ahead of time (1 of 3 ready)" in logs
    assert "uses a pseudonym registered ahead of time" in logs
    assert "no pseudonym was registered ahead of time" not in logs  # no grant-time registration, no wait
    for secret in [*publics, granted["consent"], name]:
        assert secret not in logs and secret[:12] not in logs


def test_refill_registers_the_missing_ones_with_a_random_wait_between_two(tmp_path, shared_node, monkeypatch):
    import argparse

    from wallet.cli import pool_cmds
    from wallet.core.keys.sodium import ARGON2_MIN

    wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASS, use_keyring=False, nodes=[shared_node.url],
                              kdf_limits=ARGON2_MIN)
    wallet.close()
    waits: list[float] = []
    delays = iter([71.5, 333.0, 999.0])
    monkeypatch.setattr(pool, "next_delay", lambda first=False: next(delays))
    monkeypatch.setattr(pool_cmds, "_sleep", waits.append)
    monkeypatch.setenv("MEDWALLET_PASSPHRASE", PASS)
    args = argparse.Namespace(wallet_dir=str(tmp_path / "w"), passphrase_file=None, json=True, one=False)
    assert pool_cmds.cmd_refill(args) == 0
    assert waits == [71.5, 333.0]  # none before the first, one between two, none after the last
    wallet = Wallet.open(tmp_path / "w", PASS)
    try:
        assert len(pool.members(wallet)) == pool.POOL_SIZE
    finally:
        wallet.close()
    assert pool_cmds.cmd_refill(args) == 0  # full: registers nothing, waits for nothing
    assert waits == [71.5, 333.0]
