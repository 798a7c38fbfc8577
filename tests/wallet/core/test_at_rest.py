"""At rest: the wallet's database is encrypted under the seed's storage key, a plain one
(older release) is converted on open, and wallet, desk and node folders are 0700 with
0600 files whatever the umask. The adversary reads every file of the folders."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.nodeproc import new_network
from tests.wallet.conftest import PASSPHRASE
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.audit import trail
from wallet.core.consent import grants
from wallet.core.db import SCHEMA_VERSION, DatabaseError, WalletDB, is_plain_database
from wallet.core.wallet import Wallet

PLAIN_FIXTURE = Path(__file__).parents[2] / "data" / "wallet-plain"
SECRETS = ("Anna Example born 1961-04-17", "anna-example", "Saint Elsewhere Oncology", "treatment", "discharge")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}


def assert_private(root: Path) -> None:
    for name, mode in _modes(root).items():
        expected = 0o700 if (root / name).is_dir() else 0o600
        assert mode == expected, f"{name} is {oct(mode)}"


def assert_nothing_readable(root: Path, words: tuple[str, ...]) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for word in words:
                for form in (word.encode(), word.encode("utf-16-le")):
                    assert form not in raw, f"{word!r} readable in {path.relative_to(root)}"


def test_after_a_full_flow_no_file_of_the_wallet_holds_health_data(make_wallet, make_clinic, tmp_path, umask_022):
    wallet = make_wallet("w")
    clinic = make_clinic("Saint Elsewhere Oncology")
    src = write_pdf(tmp_path / "anna-example-discharge.pdf")
    rec = importing.import_file(wallet, src, title="Anna Example born 1961-04-17 discharge letter").record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    clinic.read(clinic.scan_text(granted.code), tmp_path / "desk-out")
    trail.refresh(wallet)
    assert trail.events(wallet, record=rec, outcome="access")  # the flow really ran: the data is in the db
    assert wallet.db.one("SELECT title FROM records WHERE record=?", (rec,))["title"].startswith("Anna Example")
    assert (wallet.dir / "wallet.sqlite-wal").exists()  # checked while open, the log included
    words = (*SECRETS, clinic.name, src.name)
    assert_nothing_readable(wallet.dir, words)
    assert_private(wallet.dir)
    assert_private(clinic.dir)
    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite sees no database
        sqlite3.connect(wallet.dir / "wallet.sqlite").execute("SELECT * FROM records").fetchall()
    wallet.close()
    assert_nothing_readable(wallet.dir, words)
    reopened = Wallet.open(wallet.dir, PASSPHRASE)
    assert reopened.db.one("SELECT title FROM records WHERE record=?", (rec,))["title"].startswith("Anna Example")
    reopened.close()


def test_a_plain_wallet_from_the_previous_release_is_encrypted_on_open(tmp_path, umask_022):
    folder = tmp_path / "old"
    shutil.copytree(PLAIN_FIXTURE, folder)
    (folder / "README.md").unlink()
    os.chmod(folder, 0o755)
    os.chmod(folder / "wallet.sqlite", 0o644)
    assert is_plain_database(folder / "wallet.sqlite")
    before = sqlite3.connect(folder / "wallet.sqlite")
    rows, columns = {}, {}
    for table in ("records", "grants", "events", "pseudonyms", "meta", "headers"):
        cursor = before.execute(f"SELECT * FROM {table} ORDER BY 1")
        rows[table] = cursor.fetchall()
        columns[table] = ", ".join(c[0] for c in cursor.description)  # later migrations may add columns
    version = before.execute("PRAGMA user_version").fetchone()[0]
    before.close()
    assert b"Saint Elsewhere Oncology" in (folder / "wallet.sqlite").read_bytes()

    wallet = Wallet.open(folder, "fixture passphrase")
    assert not is_plain_database(folder / "wallet.sqlite")
    after = {table: [tuple(r.values()) for r in wallet.db.query(f"SELECT {columns[table]} FROM {table} ORDER BY 1")]
             for table in rows}
    assert after == rows and rows["records"] and rows["grants"] and rows["events"]
    assert wallet.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= version
    wallet.db.execute("UPDATE records SET title='changed' WHERE title LIKE 'Anna%'")  # still writable
    wallet.close()
    assert_nothing_readable(folder, SECRETS)
    assert_private(folder)
    assert not list(folder.glob("*.encrypting"))
    again = Wallet.open(folder, "fixture passphrase")  # opens as encrypted, converts nothing
    assert again.db.one("SELECT title FROM records")["title"] == "changed"
    again.close()


def test_an_interrupted_conversion_leaves_the_plain_database_and_is_redone(tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(PLAIN_FIXTURE, folder)
    (folder / "wallet.sqlite.encrypting").write_bytes(b"half an export")
    wallet = Wallet.open(folder, "fixture passphrase")
    assert wallet.db.one("SELECT institution_name FROM grants")["institution_name"] == "Saint Elsewhere Oncology"
    wallet.close()
    assert not (folder / "wallet.sqlite.encrypting").exists() and not is_plain_database(folder / "wallet.sqlite")


def test_a_wrong_key_or_another_wallets_database_is_refused(tmp_path):
    path = tmp_path / "wallet.sqlite"
    db = WalletDB(path, bytes(range(32)))
    db.set_meta("k", "v")
    db.close()
    with pytest.raises(DatabaseError) as refused:
        WalletDB(path, bytes(32))
    assert "does not open with this wallet's key" in str(refused.value.detail)
    assert WalletDB(path, bytes(range(32))).get_meta("k") == "v"


def test_a_node_folder_is_private_whatever_the_umask(tmp_path, umask_022):
    proc = new_network(tmp_path / "node").start()
    try:
        from tests.ledger_client.node.actors import Network
        net = Network(proc)
        patient = net.patient()
        net.record(patient, os.urandom(5000))
        net.settle()
        assert (proc.data / "ledger.sqlite-wal").exists()
        assert_private(proc.data)
    finally:
        proc.stop()
    assert_private(proc.data)
