"""A node's data directory: genesis, keys, database and blobs.

Layout::

    genesis.json      the network (its hash is the chain id)
    node.key          this node's Ed25519 seed, hex, mode 0600
    governance.key    only on a network made locally by ``init``: the key that registers
                      institutions; a pilot keeps it offline instead
    ledger.sqlite     blocks, transactions, state (WAL)
    blobs/            encrypted blobs by hash
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from .. import crypto
from ..encoding import canonical
from ..errors import StorageError
from ..folders import private_dir, private_file
from ..genesis import Genesis, load_genesis_bytes, make_genesis
from ..keyfile import write_key


def init_datadir(data: Path, network: str = "medwallet-local", *, require_credential: bool = False,
                 accepted_issuers: list[str] | None = None) -> Genesis:
    """Create a new local network in ``data``: keys and genesis. Refuses to overwrite."""
    private_dir(data)
    if (data / "genesis.json").exists():
        raise StorageError(f"{data} already holds a network; use another directory")
    node_key, gov_key = crypto.SigningKey.generate(), crypto.SigningKey.generate()
    genesis = make_genesis(network, [gov_key.public], [node_key.public], int(time.time()),
                           require_credential=require_credential, accepted_issuers=accepted_issuers,
                           nonce=os.urandom(16).hex())
    write_key(data / "node.key", node_key)
    write_key(data / "governance.key", gov_key)
    private_file(data / "genesis.json").write_bytes(canonical(genesis.doc) + b"\n")
    return genesis


def init_cluster(root: Path, count: int, network: str = "medwallet-cluster", *,
                 require_credential: bool = False) -> Genesis:
    """A network of ``count`` nodes: one genesis naming every node key as a producer,
    and ``root/node<i>`` data directories each holding its own key (for a pilot, each
    institution generates its key and sends only the public half)."""
    if count < 1:
        raise StorageError("a network needs at least one node")
    private_dir(root)
    if any(root.iterdir()):
        raise StorageError(f"{root} is not empty; use another directory")
    keys = [crypto.SigningKey.generate() for _ in range(count)]
    gov = crypto.SigningKey.generate()
    genesis = make_genesis(network, [gov.public], [k.public for k in keys], int(time.time()),
                           require_credential=require_credential, nonce=os.urandom(16).hex())
    write_key(root / "governance.key", gov)
    for index, key in enumerate(keys):
        data = root / f"node{index}"
        if data.exists():
            raise StorageError(f"{data} exists already")
        private_dir(data)
        write_key(data / "node.key", key)
        write_key(data / "governance.key", gov)
        private_file(data / "genesis.json").write_bytes(canonical(genesis.doc) + b"\n")
    return genesis


def load_genesis(data: Path, expected_hash: str | None = None) -> Genesis:
    """The network's genesis, optionally pinned to a hash."""
    try:
        raw = (data / "genesis.json").read_bytes()
    except FileNotFoundError:
        raise StorageError(f"{data} holds no network: run 'medwallet-node init --data {data}' first") from None
    return load_genesis_bytes(raw, expected_hash)



def save_genesis(data: Path, doc: dict[str, Any]) -> None:
    """Write a genesis document received from elsewhere (joining a network)."""
    private_dir(data)
    private_file(data / "genesis.json").write_text(json.dumps(doc, sort_keys=True) + "\n")
