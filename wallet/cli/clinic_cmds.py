"""Clinic desk commands: ``medwallet clinic init|info|scan|read``.

With no ``--node`` (and no ``MEDWALLET_NODES``) a desk is made on the embedded network of
this computer, as a patient's window or ``medwallet init`` makes a wallet, and registered
at once with that network's governance key (it is on this computer)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.desks.clinic import ClinicDesk
from ..core.desks.local_desk import register_desk
from ..core.paths import clinic_dir
from .common import NoWindow, UsageError, creating, emit_json, passphrase, shared_option, unlock, when
from .patient_cmds import _nodes


def open_desk(args) -> ClinicDesk:
    """The institution desk in ``--clinic-dir`` (clinic, hospital, research...), unlocked."""
    return unlock(ClinicDesk.open, clinic_dir(getattr(args, "clinic_dir", None)), args, noun="desk")


def cmd_init(args) -> int:
    from ..core.local_node import LocalNode

    nodes, secret = _nodes(args), passphrase(args, new=True, noun="desk")
    desk = creating(lambda: ClinicDesk.create(clinic_dir(args.clinic_dir), args.name, args.kind, nodes,
                                              genesis_hash=args.genesis_hash, passphrase=secret,
                                              use_keyring=not args.no_keyring, embedded=not nodes), noun="desk")
    args.closing.callback(desk.close)
    registered = register_desk(desk, Path(args.governance_key) if args.governance_key else None, LocalNode())
    info = {"name": desk.name, "institution_id": desk.key.public, **desk.registration_payload(),
            "registered": registered}
    if args.json:
        emit_json(info)
    else:
        print(f"Clinic desk {desk.name!r} created. Institution id: {desk.key.public}")
        if registered:
            print(f"It is registered on network {desk.settings.network_name!r}: patients can share with it now.")
        else:
            print("Ask the network's governance to register it with these keys:")
            print(f"  sign key {info['sign_key']}\n  box key  {info['box_key']}")
    return 0


def cmd_info(args) -> int:
    desk = open_desk(args)
    info = {**desk.registration_payload(), "registered": desk.is_registered(), "network": desk.settings.network_name}
    if args.json:
        emit_json(info)
    else:
        for key, value in info.items():
            print(f"{key:12s} {value}")
    return 0


def _grant(desk: ClinicDesk, args):
    if args.image:
        return desk.scan_image(args.image)
    text = args.code if args.code else (sys.stdin.readline() if not sys.stdin.isatty() else input("Scan the code: "))
    if not text.strip():
        raise UsageError("No grant code given: scan one, or pass --image FILE.")
    return desk.scan_text(text)


def cmd_scan(args) -> int:
    desk = open_desk(args)
    view = desk.consent(_grant(desk, args))
    if args.json:
        emit_json(view.__dict__)
        return 0
    print(f"Consent {view.consent[:12]} ({view.status})")
    print(f"  purpose   {view.purpose}\n  valid     {when(view.not_before)} to {when(view.expires_at)}")
    print(f"  records   {len(view.records)}\n  on ledger block {view.height} (proof verified)")
    if view.max_reads is not None:
        print(f"  reads     {view.reads_left} left of {view.max_reads} (counted by the ledger)")
    return 0


def cmd_read(args) -> int:
    desk = open_desk(args)
    result = desk.read(_grant(desk, args), Path(args.out), purpose=args.purpose, progress=None)
    if args.json:
        emit_json({"files": [str(p) for p in result.files], "titles": result.titles, "events": result.events,
                   "provenance": [str(p) if p else None for p in result.provenance], "reads_left": result.reads_left})
        return 0
    for path, title, prov in zip(result.files, result.titles, result.provenance, strict=True):
        print(f"{title}: {path}" + (f"  (FHIR Provenance: {prov.name})" if prov else ""))
    if result.reads_left is not None:
        print("This consent allows no further read." if result.reads_left == 0 else
              f"Reads left under this consent: {result.reads_left}.")
    return 0


def cmd_receipt(args) -> int:
    from ..core.consent.receipts import write_receipt

    desk = open_desk(args)
    out = write_receipt(desk, _grant(desk, args), Path(args.out))
    print(f"Countersigned consent (FHIR Bundle: Consent + signed Provenance) written to {out}: give it to the patient")
    return 0


def cmd_window(args) -> int:
    """``medwallet clinic`` alone: the desk's window, where the desktop GUI is installed."""
    try:
        from ..gui.app import run_clinic_gui
    except ImportError:
        raise NoWindow("The desk window needs PySide6; use 'medwallet clinic scan' or 'read'.") from None
    return run_clinic_gui(args)


def register(sub) -> None:
    clinic = sub.add_parser("clinic", help="clinic desk: read what a patient's QR grant allows",
                            description="Clinic desk: read what a patient's QR grant allows. "
                                        "Without a subcommand it opens the desk window.")
    clinic.set_defaults(func=cmd_window)
    desk_help = "desk folder (default: $MEDWALLET_CLINIC_DIR or the user data folder)"
    shared_option(clinic, "--clinic-dir", family=True, help=desk_help)
    clinic_sub = clinic.add_subparsers(dest="clinic_command")

    def add(name: str, func, text: str):
        p = clinic_sub.add_parser(name, help=text, description=text)
        p.set_defaults(func=func)
        shared_option(p, "--clinic-dir", help=desk_help)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
        shared_option(p, "--json", action="store_true", help="machine-readable output")
        return p

    p = add("init", cmd_init, "create the desk's institution keys")
    p.add_argument("--name", required=True, help="institution name shown to patients")
    p.add_argument("--kind", default="clinic")
    p.add_argument("--node", action="append", help="node URL of the network (default: $MEDWALLET_NODES, else the "
                   "embedded network of this computer, where the desk is registered at once)")
    p.add_argument("--genesis-hash")
    p.add_argument("--no-keyring", action="store_true")
    p.add_argument("--governance-key", help="register with this governance key file (a network you run yourself)")
    add("info", cmd_info, "show the desk's keys and registration")
    for name, func, text in (("scan", cmd_scan, "check a grant code and show the consent"),
                             ("read", cmd_read, "fetch and decrypt the records a grant allows"),
                             ("receipt", cmd_receipt, "countersign the scanned consent (a signed FHIR Consent)")):
        p = add(name, func, text)
        p.add_argument("code", nargs="?", help="grant code text (default: read a line from the scanner/stdin)")
        p.add_argument("--image", help="read the QR code from this image")
        if name == "receipt":
            p.add_argument("--out", required=True, help="the receipt file to write (FHIR JSON)")
        if name == "read":
            p.add_argument("--out", required=True, help="folder for the decrypted records")
            p.add_argument("--purpose", help="purpose of the read (default: the consent's)")
    from .emergency_cmds import register_clinic
    register_clinic(clinic_sub, desk_help)
