"""The wallet's local SQLite database: record metadata, pseudonyms, grants and the
cached, verified audit trail. It holds no key (record keys live inside the encrypted
blobs and in the vault), but titles, file names, institutions and purposes are health
data, so the whole file is encrypted with SQLCipher (4.x: AES-256 pages, each with an
HMAC-SHA512) under the storage key the seed derives (``KeyTree.storage_key``), passed as a
raw key so no second key derivation runs. Queries work as on plain SQLite; a page that
was altered, or a wrong key, fails to open. The write-ahead log is encrypted too.

A plain database (written before encryption) is converted the first time the wallet opens
it (:func:`encrypt_plain_database`): exported into an encrypted file beside it, which then
replaces it atomically; a crash midway leaves the plain file as it was.

The schema is versioned with ``PRAGMA user_version``; ``MIGRATIONS[n]`` upgrades a
database from version ``n`` to ``n + 1`` inside one transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import sqlcipher3

from ledger_client.folders import private_file

from .errors import WalletError

PLAIN_HEADER = b"SQLite format 3\x00"

MIGRATIONS: list[str] = [
    # 0 -> 1
    """
    CREATE TABLE pseudonyms (
        idx INTEGER PRIMARY KEY, public TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
        institution TEXT, registered_tx TEXT);
    CREATE TABLE records (
        record TEXT PRIMARY KEY, pseudonym INTEGER NOT NULL, title TEXT NOT NULL, filename TEXT,
        media_type TEXT, category TEXT NOT NULL, fhir_type TEXT, record_date TEXT,
        size INTEGER NOT NULL, cipher_size INTEGER NOT NULL, imported_at INTEGER NOT NULL,
        status TEXT NOT NULL, original TEXT, anchor_tx TEXT);
    CREATE INDEX records_by_original ON records(original);
    CREATE TABLE grants (
        consent TEXT PRIMARY KEY, pseudonym INTEGER NOT NULL, institution TEXT NOT NULL,
        institution_name TEXT NOT NULL, records TEXT NOT NULL, purpose TEXT NOT NULL,
        not_before INTEGER NOT NULL, expires_at INTEGER NOT NULL, envelope TEXT,
        revoked_at INTEGER, created_at INTEGER NOT NULL);
    CREATE TABLE events (
        tx TEXT PRIMARY KEY, kind TEXT NOT NULL, record TEXT NOT NULL, requester TEXT NOT NULL,
        requester_name TEXT, consent TEXT, purpose TEXT NOT NULL, reason TEXT NOT NULL,
        height INTEGER NOT NULL, time INTEGER NOT NULL, verified INTEGER NOT NULL, seen INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 1 -> 2: block hashes this wallet verified, to notice a node whose history changed
    """
    CREATE TABLE headers (height INTEGER PRIMARY KEY, hash TEXT NOT NULL) WITHOUT ROWID;
    """,
    # 2 -> 3: the label a patient chose to show the desk in a grant's code (never on the ledger)
    """
    ALTER TABLE grants ADD COLUMN label TEXT;
    """,
    # 3 -> 4: a keyed fingerprint of each record's content, so importing it again adds nothing
    """
    ALTER TABLE records ADD COLUMN fingerprint TEXT;
    CREATE INDEX records_by_fingerprint ON records(fingerprint);
    """,
    # 4 -> 5: SMART Health Links the patient made (their secrets derive from the seed by idx)
    """
    CREATE TABLE shlinks (
        idx INTEGER PRIMARY KEY, link TEXT NOT NULL UNIQUE, pseudonym INTEGER NOT NULL, url TEXT NOT NULL,
        label TEXT NOT NULL, flags TEXT NOT NULL, expires_at INTEGER NOT NULL, max_uses INTEGER NOT NULL,
        max_attempts INTEGER NOT NULL, files INTEGER NOT NULL, summary INTEGER NOT NULL,
        created_at INTEGER NOT NULL, create_tx TEXT NOT NULL, revoked_at INTEGER);
    """,
    # 5 -> 6: limited-use consents: the reads allowed (NULL: unlimited) and the ledger's count of those left
    """
    ALTER TABLE grants ADD COLUMN max_reads INTEGER;
    ALTER TABLE grants ADD COLUMN reads_left INTEGER;
    """,
]
# Steps that alter a table only where it exists (a database cut down to its meta table still opens).
NEEDS_TABLE = {2: "grants", 3: "records", 5: "grants"}
SCHEMA_VERSION = len(MIGRATIONS)


class DatabaseError(WalletError):
    """The wallet's database is damaged or from a newer Medwallet. Restore from the recovery phrase."""

    code = "database"


class WalletDB:
    """Thread-safe access to ``wallet.sqlite`` (one connection, one lock)."""

    def __init__(self, path: Path, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the storage key is 32 bytes")
        self.path = path
        self._lock = threading.RLock()
        try:
            encrypt_plain_database(path, key)
            private_file(path)  # created 0600 whatever the umask, before the first page is written
            conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.execute(_key_pragma(key))
            self.conn = cast(sqlite3.Connection, conn)  # the same DB-API as sqlite3
            self.conn.row_factory = cast(Any, sqlcipher3.Row)
            self._check_key()
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA secure_delete=ON")  # deleted or rewritten values are zeroed, not left
            self._migrate()
        except sqlcipher3.DatabaseError as exc:
            raise DatabaseError(detail=str(exc)) from None

    def _check_key(self) -> None:
        try:
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            self.conn.close()
            raise DatabaseError(detail="the wallet database does not open with this wallet's key "
                                       "(another wallet's file, or damaged)") from None

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise DatabaseError(detail=f"schema version {version} is newer than {SCHEMA_VERSION}")
        for target in range(version, SCHEMA_VERSION):
            with self.transaction() as conn:
                table = NEEDS_TABLE.get(target)
                present = table is None or conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
                for statement in MIGRATIONS[target].split(";") if present else []:
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version={target + 1}")

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Commit on clean exit, roll back on error."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(row) for row in self.conn.execute(sql, params).fetchall()]

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        with self.transaction() as conn:
            conn.execute(sql, params)

    def upsert(self, table: str, row: dict[str, Any]) -> None:
        """Insert or replace one row (values that are lists or dicts are stored as JSON)."""
        cols = list(row)
        values = tuple(json.dumps(v) if isinstance(v, (list, dict)) else v for v in row.values())
        self.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                     values)

    def wipe_freed(self) -> None:
        """Leave no earlier value of a rewritten row on the disk: with ``secure_delete`` the
        freed space of the database is zeroed; the write-ahead log (which holds older page
        images) is checkpointed into it and truncated to nothing."""
        with self._lock:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.one("SELECT value FROM meta WHERE key=?", (key,))
        return row["value"] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""  # a raw 256-bit key: no passphrase derivation


def is_plain_database(path: Path) -> bool:
    """True if ``path`` is an unencrypted SQLite file (an encrypted one starts with random bytes)."""
    try:
        with open(path, "rb") as src:
            return src.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def encrypt_plain_database(path: Path, key: bytes) -> bool:
    """Convert a plain wallet database to an encrypted one in place; False if it was not plain.

    The export goes to a file beside it (0600), made durable, then renamed over the plain
    one; the plain write-ahead log is checkpointed first and removed after.
    """
    staging = path.with_name(path.name + ".encrypting")
    staging.unlink(missing_ok=True)  # a conversion that a crash interrupted
    if not is_plain_database(path):
        return False
    private_file(staging)
    plain = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(staging),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    with open(staging, "rb") as done:
        os.fsync(done.fileno())
    os.replace(staging, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return True
