"""Online backup and restore of a node's data directory.

``backup`` takes a consistent snapshot while the node runs: the database through SQLite's
online backup API (a single read transaction, so the copy holds whole blocks only, as of
one instant; the running node is not paused), then every stored blob (blobs are
immutable once stored, so each copy is the blob; a blob stored after the snapshot is an
extra, never a loss). A manifest records the snapshot's height, head hash and the
database's SHA-256. The node key is copied only on request (``include_key``): a backup
that holds it must be kept as secret as the node itself.

``restore`` copies a backup into a new data directory, checks the database against the
manifest and runs the full verification (every block, the replayed state, every blob)
before declaring it good.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from .. import crypto
from ..errors import StorageError
from ..keyfile import write_private
from .blobs import BlobStore
from .datadir import load_genesis
from .store import SCHEMA_VERSION, Store
from .verify import VerifyReport, verify_datadir

MANIFEST = "backup.json"


def _empty_target(path: Path) -> None:
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise StorageError(f"{path} already exists and is not empty; choose a new directory")


def _file_sha256(path: Path) -> str:
    hasher = crypto.new_hasher()
    with open(path, "rb") as src:
        while chunk := src.read(1 << 20):
            hasher.update(chunk)
    return hasher.hexdigest()


def snapshot_database(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (the online backup API)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        dst.close()
        src.close()


def backup(data: Path, out: Path, include_key: bool = False) -> dict[str, Any]:
    """Back up ``data`` (running or not) into the new directory ``out``; returns the manifest."""
    genesis = load_genesis(data)
    _empty_target(out)
    work = out.with_name(out.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    (work / "blobs").mkdir(parents=True)
    os.chmod(work, 0o700)
    shutil.copyfile(data / "genesis.json", work / "genesis.json")
    if include_key:
        write_private(work / "node.key", (data / "node.key").read_bytes())
    snapshot_database(data / "ledger.sqlite", work / "ledger.sqlite")
    store = Store(work / "ledger.sqlite", genesis.chain_id, upgrade=False)
    try:
        height, head, _ = store.head()
        txs = store.tx_count()
    finally:
        store.close()
    count = 0
    for path, _ in BlobStore(data / "blobs").stored():
        relative = Path(path).relative_to(data / "blobs")
        (work / "blobs" / relative).parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(path, work / "blobs" / relative)
        except FileNotFoundError:
            continue  # deleted (a retired record) since the listing
        count += 1
    manifest = {"v": 1, "created": int(time.time()), "chain_id": genesis.chain_id, "schema_version": SCHEMA_VERSION,
                "height": height, "head": head, "txs": txs, "blobs": count, "node_key": include_key,
                "ledger_sha256": _file_sha256(work / "ledger.sqlite")}
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    if out.exists():
        out.rmdir()
    os.replace(work, out)
    return manifest


def restore(source: Path, data: Path) -> VerifyReport:
    """Restore the backup ``source`` into the new data directory ``data`` and verify it."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError):
        raise StorageError(f"{source} is not a Medwallet node backup (no readable {MANIFEST})") from None
    _empty_target(data)
    if _file_sha256(source / "ledger.sqlite") != manifest.get("ledger_sha256"):
        raise StorageError("the backup's database does not match its manifest: the backup is damaged")
    data.mkdir(parents=True, exist_ok=True)
    os.chmod(data, 0o700)
    shutil.copytree(source / "blobs", data / "blobs", dirs_exist_ok=True)
    shutil.copyfile(source / "genesis.json", data / "genesis.json")
    shutil.copyfile(source / "ledger.sqlite", data / "ledger.sqlite")
    if (source / "node.key").exists():
        write_private(data / "node.key", (source / "node.key").read_bytes())
    genesis = load_genesis(data)
    if genesis.chain_id != manifest.get("chain_id"):
        raise StorageError("the backup's genesis is not the network its manifest names")
    report = verify_datadir(genesis, data, check_blobs=True)
    if report.ok and report.blocks != manifest["height"]:
        report.problems.append(f"the backup holds {report.blocks} blocks, its manifest says {manifest['height']}")
    return report
