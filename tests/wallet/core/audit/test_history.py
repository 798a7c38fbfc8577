"""A node whose database was tampered with after the wallet verified its history is
refused, even though the node's chain would verify on its own from genesis."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from ledger_client.block import Header, make_header, sign_header
from ledger_client.encoding import canonical
from ledger_client.keyfile import load_key
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.audit import trail
from wallet.core.audit.history import HistoryChanged, check_history
from wallet.core.db import SCHEMA_VERSION, WalletDB
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet


def test_history_is_remembered_and_extended(node, tmp_path):
    wallet, _ = Wallet.create(tmp_path / "w", passphrase="pw", use_keyring=False, nodes=[node.url],
                              kdf_limits=ARGON2_MIN)
    importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000))
    first = check_history(wallet)
    importing.import_file(wallet, write_pdf(tmp_path / "b.pdf", 1000))
    wallet.close()
    again = Wallet.open(tmp_path / "w", "pw")  # a new run resumes from the stored hashes
    assert check_history(again) > first
    assert again.db.one("SELECT COUNT(*) AS n FROM headers")["n"] == again.network.light.height
    again.close()


def test_rewritten_history_is_refused(node, tmp_path):
    wallet, _ = Wallet.create(tmp_path / "w", passphrase="pw", use_keyring=False, nodes=[node.url],
                              kdf_limits=ARGON2_MIN)
    importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000))
    trail.refresh(wallet)
    height = wallet.network.light.height
    wallet.close()
    # The operator (or an intruder with the node's key) replaces the last block by another,
    # correctly signed and linked: the node's chain verifies from genesis, but it is not
    # the history the wallet saw.
    node.stop()
    db = sqlite3.connect(node.data / "ledger.sqlite")
    prev = db.execute("SELECT hash FROM blocks WHERE height=?", (height - 1,)).fetchone()[0]
    genesis_hash = db.execute("SELECT value FROM meta WHERE key='chain_id'").fetchone()[0]
    body = make_header(genesis_hash, height, prev, [], int(time.time()))
    signature = sign_header(body, load_key(node.data / "node.key"))
    forged = Header(body, (signature,))
    db.execute("UPDATE blocks SET hash=?, header=?, signatures=? WHERE height=?",
               (forged.hash, canonical(body).decode(), json.dumps([signature]), height))
    db.execute("DELETE FROM txs WHERE height=?", (height,))
    db.commit()
    db.close()
    node.start()
    reopened = Wallet.open(tmp_path / "w", "pw")
    with pytest.raises(HistoryChanged) as exc:
        trail.refresh(reopened)
    assert "another node" in str(exc.value)
    reopened.close()


def test_database_migrates_from_version_1(tmp_path):
    path = tmp_path / "wallet.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); PRAGMA user_version=1;")
    conn.close()
    db = WalletDB(path, bytes(32))
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.execute("INSERT INTO headers(height, hash) VALUES (1, 'ab')")
    db.close()
