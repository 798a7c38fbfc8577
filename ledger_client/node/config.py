"""``medwallet-node run --config node.toml``: a node's settings in one file.

Keys (all optional except ``data``)::

    data = "/var/lib/medwallet-node"     # data directory (genesis, keys, database, blobs)
    host = "127.0.0.1"
    port = 8765
    genesis_hash = "…"                   # refuse to start on any other network
    block_interval = 0.005               # seconds a block gathers transactions after the first
    max_block_txs = 5000
    max_pending = 100000                 # unconfirmed transactions held at most
    log_level = "warning"                # for the whole node: debug, info, warning, error
    log_format = "text"                  # or "json" (one object per line)
    tls_cert = "/etc/medwallet/tls/node.pem"    # serve HTTPS with this certificate (chain) ...
    tls_key = "/etc/medwallet/tls/node.key"     # ... and its private key
    peer_ca = "/etc/medwallet/tls/pilot-ca.pem" # verify https peers against this CA only
    etcd = ["https://10.0.0.1:2379"]     # multi-node ordering (see README)
    etcd_ca = "/etc/medwallet/tls/etcd-ca.pem"  # etcd with mutual TLS: the members' CA ...
    etcd_cert = "/etc/medwallet/tls/etcd-client.pem"  # ... and this node's client certificate
    etcd_key = "/etc/medwallet/tls/etcd-client.key"
    peers = ["https://node-b.example"]   # other nodes, for blob replication
    metrics_allow = ["127.0.0.1/32"]     # who may read /metrics (default: loopback)
    limits_exempt = ["10.20.0.0/16"]     # networks the per-address limits do not apply to
    mempool_share = 0.05                 # the most of the mempool one signer may hold

    [limits]                             # see ledger_client/node/quotas.py; "off" disables one
    address = "1000/second"
    key_read = "30/second;1200/minute"

Command-line options override the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ..errors import MalformedError
from .logs import FORMATS, LEVELS
from .quotas import parse_limit

_TYPES: dict[str, type | tuple[type, ...]] = {
    "data": str, "host": str, "port": int, "genesis_hash": str, "block_interval": (int, float),
    "max_block_txs": int, "max_pending": int, "log_level": str, "log_format": str, "etcd": list, "peers": list,
    "tls_cert": str, "tls_key": str, "peer_ca": str, "etcd_ca": str, "etcd_cert": str, "etcd_key": str,
    "metrics_allow": list, "limits_exempt": list, "mempool_share": (int, float), "limits": dict,
}
_CHOICES = {"log_level": LEVELS, "log_format": FORMATS}


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
        if key in _CHOICES and value not in _CHOICES[key]:
            raise MalformedError(f"{path}: {key} must be one of {', '.join(_CHOICES[key])}")
    for name, text in doc.get("limits", {}).items():
        if not isinstance(text, str):
            raise MalformedError(f"{path}: limit {name!r} must be a string such as '100/second'")
        try:
            parse_limit(name, text)
        except MalformedError as exc:
            raise MalformedError(f"{path}: {exc.message}") from None
    if "port" in doc and not 1 <= doc["port"] <= 65535:
        raise MalformedError(f"{path}: port must be 1..65535")
    if ("tls_cert" in doc) != ("tls_key" in doc):
        raise MalformedError(f"{path}: give tls_cert and tls_key together")
    return doc


def merge(args: Any, config: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Fill ``args`` from the file where the command line kept its default."""
    for key, value in config.items():
        attr = key.replace("-", "_")
        if key == "limits":  # command-line NAME=VALUE pairs win over the file's table
            given = dict(item.split("=", 1) for item in (args.limit or []))
            args.limit = [f"{k}={v}" for k, v in {**value, **given}.items()]
        elif getattr(args, attr, None) in (None, defaults.get(attr)):
            setattr(args, attr, value)
