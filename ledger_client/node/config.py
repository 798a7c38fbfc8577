"""``medwallet-node run --config node.toml``: a node's settings in one file.

Keys (all optional except ``data``)::

    data = "/var/lib/medwallet-node"     # data directory (genesis, keys, database, blobs)
    host = "127.0.0.1"
    port = 8765
    genesis_hash = "…"                   # refuse to start on any other network
    block_interval = 0.05                # seconds
    max_block_txs = 5000
    log_level = "warning"
    etcd = ["http://10.0.0.1:2379"]      # multi-node ordering (see README)
    peers = ["https://node-b.example"]   # other nodes, for blob replication

Command-line options override the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ..errors import MalformedError

_TYPES: dict[str, type | tuple[type, ...]] = {
    "data": str, "host": str, "port": int, "genesis_hash": str, "block_interval": (int, float),
    "max_block_txs": int, "log_level": str, "etcd": list, "peers": list,
}


def load_config(path: Path) -> dict[str, Any]:
    """Read and type-check a node configuration file."""
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise MalformedError(f"cannot read the configuration file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise MalformedError(f"{path} is not valid TOML: {exc}") from None
    for key, value in doc.items():
        if key not in _TYPES:
            raise MalformedError(f"{path}: unknown setting {key!r}")
        if not isinstance(value, _TYPES[key]) or isinstance(value, bool):
            raise MalformedError(f"{path}: setting {key!r} has the wrong type")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise MalformedError(f"{path}: setting {key!r} must be a list of strings")
    if "port" in doc and not 1 <= doc["port"] <= 65535:
        raise MalformedError(f"{path}: port must be 1..65535")
    return doc


def merge(args: Any, config: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Fill ``args`` from the file where the command line kept its default."""
    for key, value in config.items():
        attr = key.replace("-", "_")
        if getattr(args, attr, None) in (None, defaults.get(attr)):
            setattr(args, attr, value)
