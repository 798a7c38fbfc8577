"""The wallet's local SQLite database: record metadata, pseudonyms, grants and the
cached, verified audit trail. It holds no secret: record keys live inside the
encrypted blobs (wrapped under a key derived from the seed) and in the vault.

The schema is versioned with ``PRAGMA user_version``; ``MIGRATIONS[n]`` upgrades a
database from version ``n`` to ``n + 1`` inside one transaction.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import WalletError

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
    # 2 -> 3: a keyed fingerprint of each record's content, so importing it again adds nothing
    """
    ALTER TABLE records ADD COLUMN fingerprint TEXT;
    CREATE INDEX records_by_fingerprint ON records(fingerprint);
    """,
    # 3 -> 4: SMART Health Links the patient made (their secrets derive from the seed by idx)
    """
    CREATE TABLE shlinks (
        idx INTEGER PRIMARY KEY, link TEXT NOT NULL UNIQUE, pseudonym INTEGER NOT NULL, url TEXT NOT NULL,
        label TEXT NOT NULL, flags TEXT NOT NULL, expires_at INTEGER NOT NULL, max_uses INTEGER NOT NULL,
        max_attempts INTEGER NOT NULL, files INTEGER NOT NULL, summary INTEGER NOT NULL,
        created_at INTEGER NOT NULL, create_tx TEXT NOT NULL, revoked_at INTEGER);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class DatabaseError(WalletError):
    """The wallet's database is damaged or from a newer Medwallet. Restore from the recovery phrase."""

    code = "database"


class WalletDB:
    """Thread-safe access to ``wallet.sqlite`` (one connection, one lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(detail=str(exc)) from None

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise DatabaseError(detail=f"schema version {version} is newer than {SCHEMA_VERSION}")
        for target in range(version, SCHEMA_VERSION):
            with self.transaction() as conn:
                for statement in MIGRATIONS[target].split(";"):
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

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.one("SELECT value FROM meta WHERE key=?", (key,))
        return row["value"] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
