"""``medwallet-node``: make, run and verify a Medwallet ledger node.

What every command shares (``--version``, ``--json``, errors as one line or one JSON object,
the exit codes by error class, progress) is :mod:`ledger_client.console`'s, as in ``medwallet``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import PROTOCOL_VERSION, console, crypto
from ..console import CommandLineError
from ..errors import MalformedError
from ..keyfile import load_key, write_key
from .datadir import init_datadir, load_genesis

DEFAULT_PORT = 8765


def _cmd_init(args: argparse.Namespace) -> int:
    genesis = init_datadir(Path(args.data), args.network, require_credential=args.require_credential,
                           accepted_issuers=args.accept_issuer)
    _out(args, {"network": genesis.network, "genesis_hash": genesis.hash, "data": args.data},
         f"Created network {genesis.network!r} in {args.data}\ngenesis hash (chain id): {genesis.hash}")
    return 0


def _out(args: argparse.Namespace, doc: Any, text: str) -> None:
    """A command's outcome: ``doc`` as JSON under ``--json``, else ``text``."""
    if args.json:
        console.emit_json(doc)
    else:
        print(text)



RUN_DEFAULTS = {"host": "127.0.0.1", "port": DEFAULT_PORT, "block_interval": 0.005, "max_block_txs": 5000,
                "max_pending": 100_000, "log_level": "warning", "log_format": "text", "data": None,
                "genesis_hash": None, "etcd": None, "peers": None, "tls_cert": None, "tls_key": None,
                "peer_ca": None, "etcd_ca": None, "etcd_cert": None, "etcd_key": None, "metrics_allow": None,
                "limits_exempt": None, "mempool_share": 0.05}


def _cmd_init_cluster(args: argparse.Namespace) -> int:
    from .datadir import init_cluster
    genesis = init_cluster(Path(args.out), args.nodes, args.network, require_credential=args.require_credential)
    _out(args, {"network": genesis.network, "genesis_hash": genesis.hash,
                "data": [str(Path(args.out) / f"node{i}") for i in range(args.nodes)]},
         f"Created network {genesis.network!r} with {args.nodes} nodes in {args.out}/node0..{args.nodes - 1}\n"
         f"genesis hash (chain id): {genesis.hash}\n"
         "Run each with: medwallet-node run --data DIR --etcd URL[,URL...] --port N")
    return 0


def _urls(items: list[str] | None) -> list[str]:
    return [u.strip() for item in (items or []) for u in item.split(",") if u.strip()]


def _cmd_run(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app
    from .config import load_config, merge
    from .etcd_ordering import EtcdTLS
    from .ledger import LedgerNode, NodeConfig
    from .logs import configure
    from .quotas import DEFAULT_EXEMPT, QuotaConfig, Quotas
    from .tls import check_client_files, check_server_files

    with _settings():
        if args.config:
            merge(args, load_config(Path(args.config)), RUN_DEFAULTS)
        configure(args.log_level, args.log_format)
    if not args.data:
        raise CommandLineError("give the data directory with --data or in the configuration file")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise CommandLineError("give --tls-cert and --tls-key together")
    with _settings():
        if args.tls_cert:
            check_server_files(args.tls_cert, args.tls_key)
        check_client_files("etcd", args.etcd_ca, args.etcd_cert, args.etcd_key)
        check_client_files("peer", args.peer_ca, None, None)
        quotas = Quotas(QuotaConfig(limits=dict(_pair(item) for item in (args.limit or [])),
                                    exempt=DEFAULT_EXEMPT if args.limits_exempt is None else
                                    [n for n in args.limits_exempt if n != "none"],
                                    mempool_share=args.mempool_share))
    data = Path(args.data)
    genesis = load_genesis(data, args.genesis_hash)
    node = LedgerNode(genesis, load_key(data / "node.key"), data,
                      NodeConfig(block_interval=args.block_interval, max_block_txs=args.max_block_txs,
                                 max_pending=args.max_pending),
                      etcd=_urls(args.etcd) or None, peers=_urls(args.peers), quotas=quotas,
                      etcd_tls=EtcdTLS(args.etcd_ca, args.etcd_cert, args.etcd_key), peer_ca=args.peer_ca)
    scheme = "https" if args.tls_cert else "http"
    _out(args, {"network": genesis.network, "genesis_hash": genesis.hash, "url": f"{scheme}://{args.host}:{args.port}"},
         f"medwallet-node: network {genesis.network!r} ({genesis.hash[:16]}…) on {scheme}://{args.host}:{args.port}")
    sys.stdout.flush()
    uvicorn.run(create_app(node, metrics_allow=args.metrics_allow), host=args.host, port=args.port,
                log_level=args.log_level, log_config=None, access_log=args.log_level == "debug",
                timeout_graceful_shutdown=5, ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key,
                proxy_headers=False, server_header=False)
    return 0


@contextlib.contextmanager
def _settings() -> Iterator[None]:
    """A setting the node cannot use (configuration file, TLS files, limits) is a usage error (exit 2).

    The checks raise :class:`MalformedError` as any malformed input does; here, before anything
    started, the input is the operator's command line or configuration, so it exits as usage.
    """
    try:
        yield
    except MalformedError as exc:
        raise CommandLineError(str(exc)) from exc


def _pair(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep:
        raise CommandLineError(f"--limit takes NAME=VALUE (e.g. key_read=10/second), not {item!r}")
    from .quotas import parse_limit
    parse_limit(name.strip(), value.strip())
    return name.strip(), value.strip()


def _cmd_backup(args: argparse.Namespace) -> int:
    from .backup import backup
    manifest = backup(Path(args.data), Path(args.out), include_key=args.include_key)
    _out(args, {**manifest, "out": args.out},
         f"backed up {manifest['height']} blocks ({manifest['txs']} transactions) and {manifest['blobs']} blobs "
         f"to {args.out}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from .backup import restore
    report = restore(Path(args.backup), Path(args.data))
    needs_key = report.ok and not (Path(args.data) / "node.key").exists()
    lines = [f"restored {report.blocks} blocks, {report.txs} transactions, {report.blobs_checked} blobs "
             f"into {args.data}",
             *(f"PROBLEM: {problem}" for problem in report.problems),
             "OK" if report.ok else "FAILED: the restored copy does not verify"]
    if needs_key:
        lines.append(f"the backup holds no node key: copy this node's node.key into {args.data} before starting it")
    _out(args, {"ok": report.ok, "blocks": report.blocks, "txs": report.txs, "blobs_checked": report.blobs_checked,
                "problems": report.problems, "needs_node_key": needs_key}, "\n".join(lines))
    return 0 if report.ok else console.EXIT_INTEGRITY


def _cmd_upgrade(args: argparse.Namespace) -> int:
    from .store import SCHEMA_VERSION, Store, stored_version
    data = Path(args.data)
    genesis = load_genesis(data)
    before = stored_version(data / "ledger.sqlite")
    Store(data / "ledger.sqlite", genesis.chain_id).close()
    _out(args, {"schema_version": SCHEMA_VERSION, "was": before},
         f"ledger database at schema version {SCHEMA_VERSION} (was {before})")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .verify import verify_datadir

    data = Path(args.data)
    started = time.perf_counter()
    progress = console.Progress(as_json=args.json, units={"blocks": "blocks", "blobs": "blobs"})
    report = verify_datadir(load_genesis(data, args.genesis_hash), data, check_blobs=args.blobs, progress=progress)
    progress.done()
    elapsed = time.perf_counter() - started
    if args.json:
        console.emit_json({"ok": report.ok, "blocks": report.blocks, "txs": report.txs,
                           "state_hash": report.state_hash, "blobs_checked": report.blobs_checked,
                           "problems": report.problems})
    else:
        print(f"checked {report.blocks} blocks, {report.txs} transactions in {elapsed:.2f} s")
        print(f"state hash {report.state_hash}")
        if args.blobs:
            print(f"checked {report.blobs_checked} blobs ({report.blobs_missing} anchored records or key envelopes "
                  "not held by this node)")
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
        print("OK" if report.ok else "FAILED: this ledger does not verify")
    return 0 if report.ok else console.EXIT_INTEGRITY


def _cmd_register(args: argparse.Namespace) -> int:
    """Governance registers an institution (on a network made locally by ``init``)."""
    from ..client import LedgerClient

    data = Path(args.data)
    gov = load_key(data / "governance.key")
    client = LedgerClient([args.node])
    payload = {"name": args.name, "kind": args.kind, "sign_key": args.sign_key, "box_key": args.box_key}
    result = client.submit_signed(gov, "register_institution", payload, wait=True)
    _out(args, {"name": args.name, "tx": result["id"]}, f"registered {args.name!r} in transaction {result['id']}")
    return 0


def _cmd_keygen(args: argparse.Namespace) -> int:
    key = crypto.SigningKey.generate()
    write_key(Path(args.out), key)
    _out(args, {"public": key.public, "out": args.out}, key.public)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = console.Parser(prog="medwallet-node", description="Run a Medwallet ledger node.")
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
    p.add_argument("--block-interval", type=float, default=0.005,
                   help="seconds a block gathers transactions after the first one arrives")
    p.add_argument("--max-block-txs", type=int, default=5000)
    p.add_argument("--max-pending", type=int, default=100_000, help="unconfirmed transactions held at most")
    p.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"],
                   help="for the whole node (its own loggers and the HTTP server's)")
    p.add_argument("--log-format", default="text", choices=["text", "json"])
    p.add_argument("--tls-cert", help="serve HTTPS with this PEM certificate (chain)")
    p.add_argument("--tls-key", help="the certificate's PEM private key")
    p.add_argument("--peer-ca", help="verify https peers against this CA (PEM) instead of the system's")
    p.add_argument("--etcd", action="append",
                   help="etcd endpoint(s) for multi-node ordering (comma-separated or repeated)")
    p.add_argument("--etcd-ca", help="CA (PEM) that signed the etcd members' certificates")
    p.add_argument("--etcd-cert", help="this node's client certificate for etcd (mutual TLS)")
    p.add_argument("--etcd-key", help="the etcd client certificate's private key")
    p.add_argument("--peer", action="append", dest="peers",
                   help="URL of another node of the network (blob replication)")
    p.add_argument("--metrics-allow", action="append", help="network allowed to read /metrics (repeatable; "
                   "default loopback)")
    p.add_argument("--limit", action="append", help="NAME=RATE, e.g. key_read=10/second or address=off (repeatable)")
    p.add_argument("--limits-exempt", action="append", help="network the per-address limits do not apply to "
                   "(repeatable; default loopback; 'none' for no exemption)")
    p.add_argument("--mempool-share", type=float, default=0.05, help="the most of the mempool one signer may hold")
    p.set_defaults(func=_cmd_run)
    p = sub.add_parser("backup", help="copy a consistent snapshot of a node's data, even while it runs")
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True, help="a new directory for the backup")
    p.add_argument("--include-key", action="store_true", help="also copy node.key (keep the backup as secret)")
    p.set_defaults(func=_cmd_backup)
    p = sub.add_parser("restore", help="restore a backup into a new data directory and verify it")
    p.add_argument("--backup", required=True)
    p.add_argument("--data", required=True, help="a new or empty data directory")
    p.set_defaults(func=_cmd_restore)
    p = sub.add_parser("upgrade", help="upgrade a stopped node's database to this release's schema")
    p.add_argument("--data", required=True)
    p.set_defaults(func=_cmd_upgrade)
    p = sub.add_parser("verify", help="re-check every block, signature and Merkle root and replay the state")
    p.add_argument("--data", required=True)
    p.add_argument("--genesis-hash")
    p.add_argument("--blobs", action="store_true", help="also re-hash every stored blob")
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
    return finish_parser(parser)


def version() -> str:
    try:
        number = importlib.metadata.version("medwallet")
    except importlib.metadata.PackageNotFoundError:
        number = "unknown"
    return f"medwallet-node {number} (protocol {PROTOCOL_VERSION})"


def finish_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``--version`` on the command; ``--json`` and the exit codes on each of its sub-commands."""
    console.add_version(parser, version())
    json_help = "machine-readable output, and errors as one JSON object on stderr"
    parser.add_argument("--json", action="store_true", help=f"{json_help} (before or after the command)")
    parser.epilog = console.exit_epilog()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                # SUPPRESS: the sub-command's default must not undo ``medwallet-node --json CMD``.
                child.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=json_help)
                child.epilog = console.exit_epilog()
    return parser


def main(argv: list[str] | None = None) -> int:
    items = sys.argv[1:] if argv is None else list(argv)
    return console.run("medwallet-node", items, lambda: _main(items))


def _main(argv: list[str]) -> int:
    console.setup_logging(console.log_level(os.environ.get(console.ENV_LOG)))
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete
        argcomplete.autocomplete(parser)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
