"""``medwallet-node``: make, run and verify a Medwallet ledger node."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

from .. import crypto
from ..errors import LedgerError
from ..keyfile import load_key, write_key
from .datadir import init_datadir, load_genesis

DEFAULT_PORT = 8765


def _cmd_init(args: argparse.Namespace) -> int:
    genesis = init_datadir(Path(args.data), args.network, require_credential=args.require_credential,
                           accepted_issuers=args.accept_issuer)
    print(f"Created network {genesis.network!r} in {args.data}")
    print(f"genesis hash (chain id): {genesis.hash}")
    return 0


RUN_DEFAULTS = {"host": "127.0.0.1", "port": DEFAULT_PORT, "block_interval": 0.05, "max_block_txs": 5000,
                "log_level": "warning", "data": None, "genesis_hash": None, "etcd": None, "peers": None}


def _cmd_init_cluster(args: argparse.Namespace) -> int:
    from .datadir import init_cluster
    genesis = init_cluster(Path(args.out), args.nodes, args.network, require_credential=args.require_credential)
    print(f"Created network {genesis.network!r} with {args.nodes} nodes in {args.out}/node0..{args.nodes - 1}")
    print(f"genesis hash (chain id): {genesis.hash}")
    print("Run each with: medwallet-node run --data DIR --etcd URL[,URL...] --port N")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app
    from .config import load_config, merge
    from .ledger import LedgerNode, NodeConfig

    if args.config:
        merge(args, load_config(Path(args.config)), RUN_DEFAULTS)
    if not args.data:
        raise LedgerError("give the data directory with --data or in the configuration file", code="usage")
    data = Path(args.data)
    genesis = load_genesis(data, args.genesis_hash)
    etcd = [u for item in (args.etcd or []) for u in item.split(",") if u.strip()] or None
    node = LedgerNode(genesis, load_key(data / "node.key"), data,
                      NodeConfig(block_interval=args.block_interval, max_block_txs=args.max_block_txs), etcd=etcd,
                      peers=[u for item in (args.peers or []) for u in item.split(",") if u.strip()])
    print(f"medwallet-node: network {genesis.network!r} ({genesis.hash[:16]}…) on http://{args.host}:{args.port}",
          flush=True)
    uvicorn.run(create_app(node), host=args.host, port=args.port, log_level=args.log_level,
                access_log=args.log_level == "debug", timeout_graceful_shutdown=5)
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .verify import verify_datadir

    data = Path(args.data)
    started = time.perf_counter()
    report = verify_datadir(load_genesis(data, args.genesis_hash), data, check_blobs=args.blobs)
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps({"ok": report.ok, "blocks": report.blocks, "txs": report.txs,
                          "state_hash": report.state_hash, "blobs_checked": report.blobs_checked,
                          "problems": report.problems}))
    else:
        print(f"checked {report.blocks} blocks, {report.txs} transactions in {elapsed:.2f} s")
        print(f"state hash {report.state_hash}")
        if args.blobs:
            print(f"checked {report.blobs_checked} blobs")
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
        print("OK" if report.ok else "FAILED: this ledger does not verify")
    return 0 if report.ok else 1


def _cmd_register(args: argparse.Namespace) -> int:
    """Governance registers an institution (on a network made locally by ``init``)."""
    from ..client import LedgerClient

    data = Path(args.data)
    gov = load_key(data / "governance.key")
    client = LedgerClient([args.node])
    payload = {"name": args.name, "kind": args.kind, "sign_key": args.sign_key, "box_key": args.box_key}
    result = client.submit_signed(gov, "register_institution", payload, wait=True)
    print(f"registered {args.name!r} in transaction {result['id']}")
    return 0


def _cmd_keygen(args: argparse.Namespace) -> int:
    key = crypto.SigningKey.generate()
    write_key(Path(args.out), key)
    print(key.public)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medwallet-node", description="Run a Medwallet ledger node.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", help="create a new local network (genesis and keys) in a data directory")
    p.add_argument("--data", required=True, help="data directory")
    p.add_argument("--network", default="medwallet-local", help="network name")
    p.add_argument("--require-credential", action="store_true", help="admit pseudonyms only with a credential proof")
    p.add_argument("--accept-issuer", action="append", help="accepted credential definition id or issuer key "
                   "(repeatable; none: institutions registered as kind 'issuer')")
    p.set_defaults(func=_cmd_init)
    p = sub.add_parser("init-cluster", help="create a multi-node network: genesis and one data directory per node")
    p.add_argument("--out", required=True, help="directory to create node0, node1, ... in")
    p.add_argument("--nodes", type=int, default=3)
    p.add_argument("--network", default="medwallet-cluster")
    p.add_argument("--require-credential", action="store_true")
    p.set_defaults(func=_cmd_init_cluster)
    p = sub.add_parser("run", help="serve the ledger over HTTP")
    p.add_argument("--config", help="TOML configuration file (see ledger_client/node/config.py)")
    p.add_argument("--data")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--genesis-hash", help="refuse to start unless the genesis has this hash")
    p.add_argument("--block-interval", type=float, default=0.05, help="seconds between blocks")
    p.add_argument("--max-block-txs", type=int, default=5000)
    p.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    p.add_argument("--etcd", action="append",
                   help="etcd endpoint(s) for multi-node ordering (comma-separated or repeated)")
    p.add_argument("--peer", action="append", dest="peers",
                   help="URL of another node of the network (blob replication)")
    p.set_defaults(func=_cmd_run)
    p = sub.add_parser("verify", help="re-check every block, signature and Merkle root and replay the state")
    p.add_argument("--data", required=True)
    p.add_argument("--genesis-hash")
    p.add_argument("--blobs", action="store_true", help="also re-hash every stored blob")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_verify)
    p = sub.add_parser("register-institution", help="register an institution with the local governance key")
    p.add_argument("--data", required=True)
    p.add_argument("--node", default=f"http://127.0.0.1:{DEFAULT_PORT}")
    p.add_argument("--name", required=True)
    p.add_argument("--kind", default="clinic")
    p.add_argument("--sign-key", required=True)
    p.add_argument("--box-key", required=True)
    p.set_defaults(func=_cmd_register)
    p = sub.add_parser("keygen", help="write a new Ed25519 key seed to a file and print its public key")
    p.add_argument("--out", required=True)
    p.set_defaults(func=_cmd_keygen)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=os.environ.get("MEDWALLET_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except LedgerError as exc:
        print(f"medwallet-node: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
