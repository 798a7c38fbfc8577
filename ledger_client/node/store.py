"""SQLite storage for blocks, transactions, state and the persisted mempool.

WAL mode; a block commits in one SQLite transaction (``write_batch``), so after a crash
the store holds whole blocks only. The state table is a pure function of the blocks
(``medwallet-node verify`` checks that); the mempool and rejection tables are local
bookkeeping outside consensus.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import state_keys as sk
from ..block import Header
from ..encoding import canonical
from ..errors import StorageError
from ..folders import private_file, tighten

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
STATE_CACHE_ROWS = 100_000
REJECTION_DAYS = 30  # how long the node remembers why a transaction was refused

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blocks (
    height INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, header TEXT NOT NULL, signatures TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS txs (
    id TEXT PRIMARY KEY, height INTEGER NOT NULL, idx INTEGER NOT NULL, leaf BLOB NOT NULL) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS txs_by_position ON txs (height, idx);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mempool (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, leaf BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS rejections (
    id TEXT PRIMARY KEY, code TEXT NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rejections_by_time ON rejections (at);
"""


def _v1_to_v2(db: sqlite3.Connection) -> None:
    """Version 2 stamps each rejection with the time it was made, so that years of refused
    spam can be forgotten after :data:`REJECTION_DAYS` (kept: from the upgrade on)."""
    db.execute("ALTER TABLE rejections ADD COLUMN at INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE rejections SET at=?", (int(time.time()),))
    db.execute("CREATE INDEX IF NOT EXISTS rejections_by_time ON rejections (at)")


def _v2_to_v3(db: sqlite3.Connection) -> None:
    """Version 3 holds the contract's key-envelope bindings (``env/<envelope>``): each envelope
    belongs to the grantor whose consent named it first, in ledger order, as a replay binds it."""
    rows = db.execute("SELECT s.key, s.value, t.height, t.idx FROM state s JOIN txs t ON t.id = substr(s.key, 6) "
                      "WHERE s.key >= ? AND s.key < ? ORDER BY t.height, t.idx",
                      (sk.CONSENTS, sk.CONSENTS[:-1] + "0")).fetchall()
    bound: dict[str, dict[str, str]] = {}
    for key, value, _height, _idx in rows:
        consent = json.loads(value)
        envelope = consent.get("envelope")
        if envelope and envelope not in bound:
            bound[envelope] = {"grantor": consent["grantor"], "consent": key[len(sk.CONSENTS):]}
    db.executemany("INSERT OR IGNORE INTO state(key, value) VALUES (?, ?)",
                   [(sk.envelope(envelope), canonical(entry).decode()) for envelope, entry in bound.items()])


def _v3_to_v4(db: sqlite3.Connection) -> None:
    """Version 4 names, in each retired record's entry, the ``retire_record`` transaction that
    retired it (``retired_tx``: a wallet proves its deletions from it), as a replay writes it."""
    for (leaf,) in db.execute("SELECT leaf FROM txs ORDER BY height, idx").fetchall():
        tx = json.loads(leaf)["tx"]
        if tx.get("type") != "retire_record":
            continue
        key = sk.record(tx["payload"]["record"])
        row = db.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        if row is None:
            continue
        entry = json.loads(row[0])
        if "retired_tx" not in entry:
            tx_id = db.execute("SELECT id FROM txs WHERE leaf=?", (leaf,)).fetchone()[0]
            value = canonical({**entry, "retired_tx": tx_id}).decode()
            db.execute("UPDATE state SET value=? WHERE key=?", (value, key))


# MIGRATIONS[n] upgrades a database from schema version n to n + 1, inside one transaction.
MIGRATIONS = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def stored_version(path: Path) -> int | None:
    """The schema version of the database at ``path`` (None when it has none yet)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        db.close()
    return int(row[0]) if row else None


class Store:
    """The node's SQLite database; every method runs on the caller's thread."""

    def __init__(self, path: Path, chain_id: str, *, upgrade: bool = True) -> None:
        self.path = path
        try:
            tighten(path.parent)  # the data folder 0700, every file in it 0600 (an older node's too)
            private_file(path)  # made 0600 before SQLite writes; its -wal and -shm take the same mode
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
            version = self.meta("schema_version")
            if version is not None and int(version) > SCHEMA_VERSION:
                raise StorageError(f"ledger database {path} has schema version {version}; this node "
                                   f"needs {SCHEMA_VERSION}: it was written by a newer release")
            if version is not None and int(version) < SCHEMA_VERSION:
                self._upgrade(int(version), upgrade)
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot open the ledger database {path}: {exc}") from None
        # State rows as read (JSON text; None: absent), kept in step by commit_block, the only
        # writer: the contract reads the same few rows at admission and again at block time.
        self._rows: dict[str, str | None] = {}
        self._check_meta(chain_id)

    def _check_meta(self, chain_id: str) -> None:
        version = self.meta("schema_version")
        if version is None:
            with self.write_batch():
                self.set_meta("schema_version", str(SCHEMA_VERSION))
                self.set_meta("chain_id", chain_id)
            return
        if int(version) != SCHEMA_VERSION:
            raise StorageError(f"ledger database {self.path} has schema version {version}; this node "
                               f"needs {SCHEMA_VERSION}")
        if self.meta("chain_id") != chain_id:
            raise StorageError(f"ledger database {self.path} belongs to another network")

    def _upgrade(self, version: int, allowed: bool) -> None:
        """Bring an older database to :data:`SCHEMA_VERSION`, all steps in one transaction."""
        if not allowed:
            raise StorageError(f"ledger database {self.path} has schema version {version}; run the node or "
                               f"'medwallet-node upgrade' to bring it to version {SCHEMA_VERSION} first")
        log.warning("upgrading the ledger database %s from schema version %d to %d", self.path, version,
                    SCHEMA_VERSION)
        with self.write_batch(durable=True):
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](self.db)
            self.set_meta("schema_version", str(SCHEMA_VERSION))

    def close(self) -> None:
        self.db.close()

    def prune_rejections(self, now: int | None = None) -> int:
        """Forget rejections older than :data:`REJECTION_DAYS`; returns how many."""
        cutoff = (now or int(time.time())) - REJECTION_DAYS * 86400
        with self.write_batch():
            return self.db.execute("DELETE FROM rejections WHERE at < ?", (cutoff,)).rowcount

    @contextmanager
    def write_batch(self, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One SQLite transaction: committed on clean exit, rolled back on any error."""
        if durable:
            self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            if durable:
                self.db.execute("PRAGMA synchronous=NORMAL")

    # --- meta ---------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # --- state (StateView) ------------------------------------------------------------

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            text = self._rows[key]
        except KeyError:
            row = self.db.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
            text = row[0] if row else None
            if len(self._rows) >= STATE_CACHE_ROWS:
                self._rows.clear()
            self._rows[key] = text
        return json.loads(text) if text is not None else None

    def scan(self, prefix: str, after: str | None = None, limit: int = 1000) -> list[tuple[str, dict[str, Any]]]:
        """State entries whose key starts with ``prefix``, in key order."""
        low = prefix + after if after else prefix
        op = ">" if after else ">="
        rows = self.db.execute(
            f"SELECT key, value FROM state WHERE key {op} ? AND key < ? ORDER BY key LIMIT ?",
            (low, prefix + "\U0010ffff", limit)).fetchall()
        return [(key, json.loads(value)) for key, value in rows]

    def state_items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for key, value in self.db.execute("SELECT key, value FROM state ORDER BY key"):
            yield key, json.loads(value)

    def state_texts(self) -> Iterator[tuple[str, str]]:
        """Every state entry as stored (its value's canonical JSON text), in key order."""
        yield from self.db.execute("SELECT key, value FROM state ORDER BY key")

    # --- blocks -------------------------------------------------------------------

    def head(self) -> tuple[int, str | None, int]:
        """Height, hash and time of the last block (0, None, 0 before the first)."""
        row = self.db.execute("SELECT height, hash, header FROM blocks ORDER BY height DESC LIMIT 1").fetchone()
        if row is None:
            return 0, None, 0
        return row[0], row[1], json.loads(row[2])["time"]

    def commit_block(self, header: Header, leaves: list[tuple[str, bytes]], writes: dict[str, dict[str, Any] | None],
                     done_ids: list[str], rejections: list[tuple[str, str, str]],
                     meta: dict[str, str] | None = None) -> None:
        """Store a block, its transactions, its state writes and ``meta`` atomically."""
        height = header.height
        with self.write_batch(durable=True) as db:
            for key, value in (meta or {}).items():
                self.set_meta(key, value)
            db.execute("INSERT INTO blocks(height, hash, header, signatures) VALUES (?, ?, ?, ?)",
                       (height, header.hash, canonical(header.body).decode(), json.dumps(list(header.signatures))))
            db.executemany("INSERT INTO txs(id, height, idx, leaf) VALUES (?, ?, ?, ?)",
                           [(tx_id, height, idx, leaf) for idx, (tx_id, leaf) in enumerate(leaves)])
            puts = [(k, canonical(v).decode()) for k, v in writes.items() if v is not None]
            dels = [(k,) for k, v in writes.items() if v is None]
            db.executemany("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", puts)
            db.executemany("DELETE FROM state WHERE key=?", dels)
            db.executemany("DELETE FROM mempool WHERE id=?", [(i,) for i in done_ids])
            self._reject(rejections)
        for key, text in puts:
            if key in self._rows:
                self._rows[key] = text
        for (key,) in dels:
            self._rows.pop(key, None)

    def commit_block_rejections(self, done_ids: list[str], rejections: list[tuple[str, str, str]],
                                meta: dict[str, str] | None = None) -> None:
        """Record transactions dropped without a block (and ``meta``, atomically)."""
        with self.write_batch(durable=meta is not None) as db:
            for key, value in (meta or {}).items():
                self.set_meta(key, value)
            db.executemany("DELETE FROM mempool WHERE id=?", [(i,) for i in done_ids])
            self._reject(rejections)

    def _reject(self, rejections: list[tuple[str, str, str]]) -> None:
        now = int(time.time())
        self.db.executemany("INSERT OR REPLACE INTO rejections(id, code, message, at) VALUES (?, ?, ?, ?)",
                            [(*r, now) for r in rejections])

    def header(self, height: int) -> Header | None:
        row = self.db.execute("SELECT header, signatures FROM blocks WHERE height=?", (height,)).fetchone()
        return Header(json.loads(row[0]), tuple(json.loads(row[1]))) if row else None

    def headers(self, start: int, count: int) -> list[Header]:
        rows = self.db.execute("SELECT header, signatures FROM blocks WHERE height >= ? ORDER BY height LIMIT ?",
                               (start, count)).fetchall()
        return [Header(json.loads(h), tuple(json.loads(s))) for h, s in rows]

    def raw_blocks(self) -> Iterator[tuple[int, str, str, str]]:
        """Every block as stored: height, hash, header JSON, signatures JSON."""
        yield from self.db.execute("SELECT height, hash, header, signatures FROM blocks ORDER BY height")

    def all_tx_rows(self) -> Iterator[tuple[int, str, int, bytes]]:
        """Every transaction row in chain order (height, id, position, bytes): one scan."""
        yield from self.db.execute("SELECT height, id, idx, leaf FROM txs ORDER BY height, idx")

    def block_rows(self, height: int) -> list[tuple[str, int, bytes]]:
        """The stored transaction rows of a block: id, position, bytes (in position order)."""
        return self.db.execute("SELECT id, idx, leaf FROM txs WHERE height=? ORDER BY idx", (height,)).fetchall()

    def block_hash(self, height: int) -> str | None:
        row = self.db.execute("SELECT hash FROM blocks WHERE height=?", (height,)).fetchone()
        return row[0] if row else None

    def block_count(self) -> tuple[int, int]:
        """How many blocks are stored and the lowest height (0, 0 when none)."""
        count, low = self.db.execute("SELECT count(*), min(height) FROM blocks").fetchone()
        return count, low or 0

    def txs_outside(self, low: int, high: int) -> bool:
        """Whether any transaction row has a height outside ``low..high``."""
        row = self.db.execute("SELECT 1 FROM txs WHERE height < ? OR height > ? LIMIT 1", (low, high)).fetchone()
        return row is not None

    def tx_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM txs").fetchone()[0]

    def block_leaves(self, height: int) -> list[bytes]:
        rows = self.db.execute("SELECT leaf FROM txs WHERE height=? ORDER BY idx", (height,)).fetchall()
        return [row[0] for row in rows]

    def tx_location(self, tx_id: str) -> tuple[int, int, bytes] | None:
        row = self.db.execute("SELECT height, idx, leaf FROM txs WHERE id=?", (tx_id,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def rejection(self, tx_id: str) -> tuple[str, str] | None:
        row = self.db.execute("SELECT code, message FROM rejections WHERE id=?", (tx_id,)).fetchone()
        return (row[0], row[1]) if row else None

    # --- mempool ------------------------------------------------------------------

    def mempool_add(self, tx_id: str, leaf: bytes) -> None:
        self.db.execute("INSERT OR IGNORE INTO mempool(id, leaf) VALUES (?, ?)", (tx_id, leaf))

    def mempool_add_many(self, items: list[tuple[str, bytes]]) -> None:
        with self.write_batch():
            self.db.executemany("INSERT OR IGNORE INTO mempool(id, leaf) VALUES (?, ?)", items)

    def mempool_items(self) -> list[tuple[str, bytes]]:
        return self.db.execute("SELECT id, leaf FROM mempool ORDER BY n").fetchall()

    def mempool_clear(self, ids: list[str]) -> None:
        with self.write_batch():
            self.db.executemany("DELETE FROM mempool WHERE id=?", [(i,) for i in ids])
