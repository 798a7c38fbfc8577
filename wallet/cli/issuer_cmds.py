"""Issuer desk commands: ``medwallet issuer init|connect|info|setup|offer|issue|revoke|list``.

An institution issuing anonymous credentials (AnonCreds) to patients. Offers, requests
and credentials travel as JSON files; revocations are published on the ledger.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import platformdirs

from ledger_client.keyfile import load_key

from ..core.desks.issuer import DEFAULT_ATTRIBUTES, DEFAULT_MAX_CREDENTIALS, DEFAULT_TAG, IssuerDesk
from .common import UsageError, emit_json, passphrase, shared_option, table, unlock, when

ENV_ISSUER_DIR = "MEDWALLET_ISSUER_DIR"


def issuer_dir(option: str | None) -> Path:
    """``--issuer-dir``, else ``$MEDWALLET_ISSUER_DIR``, else the user data folder."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(ENV_ISSUER_DIR):
        return Path(os.environ[ENV_ISSUER_DIR]).expanduser()
    return Path(platformdirs.user_data_dir("medwallet", appauthor=False)) / "issuer"


def _open(args) -> IssuerDesk:
    return unlock(IssuerDesk.open, issuer_dir(args.issuer_dir), args)


def read_json(path: str) -> dict:
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except ValueError:
        raise UsageError(f"{path} is not a JSON file.") from None


def write_json(path: str, doc: dict) -> None:
    Path(path).write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", "utf-8")


def cmd_init(args) -> int:
    desk = IssuerDesk.create(issuer_dir(args.issuer_dir), args.name, args.node or None, genesis_hash=args.genesis_hash,
                             passphrase=passphrase(args, new=True), use_keyring=not args.no_keyring)
    if args.governance_key:
        desk.register(load_key(Path(args.governance_key)))
    info = {"name": desk.name, **desk.registration_payload(), "connected": bool(desk.settings.nodes),
            "registered": bool(args.governance_key)}
    if args.json:
        emit_json(info)
    else:
        print(f"Issuer desk {desk.name!r} created. Institution key: {desk.key.public}")
        if not args.governance_key:
            print("Ask the network's governance to register it (kind 'issuer') with these keys:")
            print(f"  sign key {info['sign_key']}\n  box key  {info['box_key']}")
    return 0


def cmd_connect(args) -> int:
    desk = _open(args)
    network = desk.connect(args.node, args.genesis_hash)
    print(f"Connected to network {network.genesis.network!r} ({network.genesis.hash[:16]}…).")
    return 0


def cmd_info(args) -> int:
    desk = _open(args)
    info = {**desk.registration_payload(), "network": desk.settings.network_name,
            "credential_definitions": [desk.cred_def_id(tag) for tag in desk.tags()]}
    if desk.settings.nodes:
        info["registered"] = desk.is_registered()
    if args.json:
        emit_json(info)
    else:
        for key, value in info.items():
            print(f"{key:24s} {value}")
    return 0


def cmd_setup(args) -> int:
    desk = _open(args)
    attributes = tuple(a.strip() for a in args.attributes.split(",") if a.strip())
    cred_def_id = desk.setup(args.tag, attributes, max_credentials=args.max_credentials)
    print(f"Published credential definition {cred_def_id} (attributes: {', '.join(attributes)}).")
    return 0


def cmd_offer(args) -> int:
    write_json(args.out, _open(args).offer(args.tag))
    print(f"Offer written to {args.out}: give it to the patient.")
    return 0


def cmd_issue(args) -> int:
    values = {}
    for item in args.attr or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"Give attributes as name=value, not {item!r}.")
        values[name.strip()] = value.strip()
    doc = _open(args).issue(read_json(args.request), values, label=args.label or "", tag=args.tag)
    write_json(args.out, doc)
    print(f"Credential number {doc['rev_reg_index']} written to {args.out}: give it to the patient.")
    return 0


def cmd_revoke(args) -> int:
    tx_id = _open(args).revoke(args.index, args.tag)
    print(f"Credential number {args.index} revoked; status list published in transaction {tx_id[:16]}.")
    return 0


def cmd_list(args) -> int:
    items = _open(args).issued(args.tag)
    if args.json:
        emit_json([item.__dict__ for item in items])
        return 0
    table([(i.index, i.label, when(i.issued_at), "revoked " + when(i.revoked_at) if i.revoked_at else "valid")
           for i in items], ["NO", "LABEL", "ISSUED", "STATUS"])
    return 0


def register(sub) -> None:
    issuer = sub.add_parser("issuer", help="issuer desk: issue and revoke anonymous credentials",
                            description="Issuer desk: issue and revoke anonymous credentials.")
    desk_help = "desk folder (default: $MEDWALLET_ISSUER_DIR or the user data folder)"
    shared_option(issuer, "--issuer-dir", family=True, help=desk_help)
    issuer_sub = issuer.add_subparsers(dest="issuer_command", required=True)

    def add(name: str, func, text: str, tag: bool = True):
        p = issuer_sub.add_parser(name, help=text, description=text)
        p.set_defaults(func=func)
        shared_option(p, "--issuer-dir", help=desk_help)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
        shared_option(p, "--json", action="store_true", help="machine-readable output")
        if tag:
            p.add_argument("--tag", default=DEFAULT_TAG, help="credential definition (default: %(default)s)")
        return p

    p = add("init", cmd_init, "create the issuing institution's keys", tag=False)
    p.add_argument("--name", required=True, help="institution name shown to patients")
    p.add_argument("--node", action="append", help="node URL (omit to make the keys before the network exists)")
    p.add_argument("--genesis-hash")
    p.add_argument("--no-keyring", action="store_true")
    p.add_argument("--governance-key", help="local networks: register with this governance key file")
    p = add("connect", cmd_connect, "attach the desk to its network", tag=False)
    p.add_argument("--node", action="append", required=True)
    p.add_argument("--genesis-hash")
    add("info", cmd_info, "show the desk's keys, registration and credential definitions", tag=False)
    p = add("setup", cmd_setup, "create and publish a revocable credential definition")
    p.add_argument("--attributes", default=",".join(DEFAULT_ATTRIBUTES), help="comma-separated (default: %(default)s)")
    p.add_argument("--max-credentials", type=int, default=DEFAULT_MAX_CREDENTIALS)
    p = add("offer", cmd_offer, "write a credential offer for a patient")
    p.add_argument("--out", required=True)
    p = add("issue", cmd_issue, "answer a patient's credential request with a credential")
    p.add_argument("request", help="the patient's request file")
    p.add_argument("--attr", action="append", help="attribute value, name=value (repeat for each)")
    p.add_argument("--label", help="your own note on whom it was issued to (kept in the desk only)")
    p.add_argument("--out", required=True)
    p = add("revoke", cmd_revoke, "revoke a credential and publish the new status list")
    p.add_argument("index", type=int, help="credential number (see 'medwallet issuer list')")
    add("list", cmd_list, "list the credentials issued")
