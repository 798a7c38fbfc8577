"""SMART Health Link commands: ``shl-open`` (read one, at a desk or anywhere), ``share-link``,
``links`` and ``unshare-link`` (the patient's links served by the node); and ``evidence``
(a bundle of access events for a regulator, checked by ``medwallet-evidence``) and
``keep-receipt`` (a clinic-countersigned consent); ``print`` (PDF access log and summary)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from ..core.consent.qr import decode_image, save_png
from ..core.paths import wallet_dir
from ..core.records import library
from ..core.shl import reader, sharing
from ..core.wallet import Wallet
from .common import UsageError, emit_json, shared_option, table, unlock, when


def _passcode(args, *, needed: bool) -> str | None:
    if getattr(args, "passcode_file", None):
        try:
            return Path(args.passcode_file).read_text("utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(f"Cannot read the passcode file: {exc.strerror}.") from None
    if needed and sys.stdin.isatty():
        return getpass.getpass("Passcode of the link: ")
    return None


def _link_text(args) -> str:
    if args.image:
        found = [t for t in decode_image(args.image) if "shlink:/" in t]
        if not found:
            raise UsageError("No SMART Health Link (shlink:/) in that image.")
        return found[0]
    if args.link:
        return str(args.link)
    text = sys.stdin.readline() if not sys.stdin.isatty() else input("Scan or paste the shlink:/ code: ")
    if not text.strip():
        raise UsageError("No link given: pass it, scan it, or give --image FILE.")
    return text


def cmd_open(args) -> int:
    from ..core.shl.link import parse

    text = _link_text(args)
    link = parse(text)
    contents = reader.open_link(text, args.recipient, _passcode(args, needed=link.needs_passcode))
    files = [{"content_type": f.content_type, "items": reader.describe_file(f)} for f in contents.files]
    doc: dict[str, Any] = {"label": link.label, "expires": link.exp, "event": contents.event, "files": files}
    if args.save:
        out = Path(args.save)
        out.mkdir(parents=True, exist_ok=True)
        saved = []
        for n, item in enumerate(contents.files):
            path = out / f"shl-{n + 1}.{'json' if 'json' in item.content_type else 'bin'}"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # health data: private, never overwritten
            with os.fdopen(fd, "wb") as dst:
                dst.write(item.data)
            saved.append(str(path))
        doc["saved"] = saved
    if args.keep:
        wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
        doc["kept"] = sum(len(r.records) for r in reader.keep(wallet, contents))
    if args.json:
        emit_json(doc)
        return 0
    print(f"SMART Health Link{f' “{link.label}”' if link.label else ''}: {len(contents.files)} file(s)")
    for shown in files:
        print(f"  {shown['content_type']}")
        for line in shown["items"][:200]:
            print(f"    {line}")
    for path in doc.get("saved", []):
        print(f"saved {path}")
    if "kept" in doc:
        print(f"kept in your wallet as {doc['kept']} record(s)")
    return 0


def cmd_share(args) -> int:
    wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
    passcode = None if args.no_passcode else _passcode(args, needed=True)
    if not args.no_passcode and not passcode:
        raise UsageError("Give the link a passcode (--passcode-file FILE, or type it), or say --no-passcode.")
    options = {"label": args.label, "passcode": passcode, "days": args.days, "max_uses": args.uses,
               "max_attempts": args.attempts}
    if args.summary:
        shared = sharing.share_summary(wallet, **options)
    elif args.record:
        shared = sharing.share_records(wallet, [library.find_record(wallet, r)["record"] for r in args.record],
                                       **options)
    else:
        raise UsageError("Share --summary (an International Patient Summary) or --record ID (repeat).")
    if args.qr_png:
        save_png(shared.text, args.qr_png)
    if args.json:
        emit_json({"index": shared.index, "link": shared.link, "shlink": shared.text, "expires": shared.expires_at,
                   "tx": shared.tx})
    else:
        print(shared.text)
        print(f"Link {shared.index}: expires {when(shared.expires_at)}, {args.uses} use(s), "
              f"{'passcode, ' + str(args.attempts) + ' attempt(s)' if passcode else 'no passcode'}")
    return 0


def cmd_links(args) -> int:
    wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
    rows = sharing.links(wallet)
    if args.json:
        emit_json(rows)
        return 0
    table([(r["idx"], r["label"], when(r["expires_at"]), f"{r.get('uses')}/{r['max_uses']}",
            r.get("failures"), r.get("status")) for r in rows],
          ["#", "label", "expires", "uses", "wrong passcodes", "status"])
    return 0


def cmd_unshare(args) -> int:
    wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
    tx = sharing.revoke(wallet, args.index)
    print(f"Link {args.index} revoked (transaction {tx[:16]}…).")
    return 0


def cmd_evidence(args) -> int:
    from ..core.audit.evidence import institution_evidence, patient_evidence

    if args.clinic:
        from ..core.desks.clinic import ClinicDesk
        from ..core.paths import clinic_dir

        desk = unlock(ClinicDesk.open, clinic_dir(args.clinic_dir), args)
        report = institution_evidence(desk, Path(args.out), since=args.since)
    else:
        wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
        report = patient_evidence(wallet, Path(args.out), since=args.since)
    if args.json:
        emit_json({"out": args.out, "events": len(report.events), "first": report.first["size"],
                   "second": report.second["size"], "chain_id": report.chain_id})
    else:
        print(f"Evidence of {len(report.events)} event(s), blocks {report.first['size']} to {report.second['size']}, "
              f"written to {args.out} (check it with: medwallet-evidence {args.out} --chain-id {report.chain_id})")
    return 0


def cmd_keep_receipt(args) -> int:
    from ..core.consent.receipts import keep_receipt

    wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
    report = keep_receipt(wallet, Path(args.file))
    print(f"Receipt checked (signed by the institution you gave the consent to) and kept as record "
          f"{report.records[0].record[:12] if report.records else '(already kept)'}")
    return 0


def cmd_print(args) -> int:
    from ..core import printing

    if not (args.access_log or args.summary):
        raise UsageError("Say what to print: --access-log FILE.pdf and/or --summary FILE.pdf.")
    wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
    if args.access_log:
        print(f"access log: {printing.access_log_pdf(wallet, Path(args.access_log), refresh=not args.offline)}")
    if args.summary:
        print(f"records summary: {printing.records_summary_pdf(wallet, Path(args.summary))}")
    return 0


def register(sub) -> None:
    def add(name: str, func, help_text: str):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
        shared_option(p, "--json", action="store_true", help="machine-readable output")
        return p

    p = add("shl-open", cmd_open, "read a SMART Health Link (shlink:/): fetch, decrypt, show, save or keep")
    p.add_argument("link", nargs="?", help="the shlink:/ text (or a viewer URL holding it)")
    p.add_argument("--image", help="read the link from a QR code image")
    p.add_argument("--recipient", required=True, help="who is opening it (the server records the name)")
    p.add_argument("--passcode-file", help="read the link's passcode from this file")
    p.add_argument("--save", help="write each decrypted file into this folder")
    p.add_argument("--keep", action="store_true", help="import the FHIR it holds into your wallet")
    p = add("share-link", cmd_share, "share as a SMART Health Link served by the node (for someone with no desk)")
    p.add_argument("--summary", action="store_true", help="an International Patient Summary of your FHIR records")
    p.add_argument("--record", action="append", help="a FHIR record to share (repeat)")
    p.add_argument("--label", default="", help="a short label shown to the viewer (at most 80 characters)")
    p.add_argument("--passcode-file", help="read the passcode from this file")
    p.add_argument("--no-passcode", action="store_true", help="anyone holding the link can open it")
    p.add_argument("--days", type=float, default=sharing.DEFAULT_DAYS, help="how long it lasts (default 14)")
    p.add_argument("--uses", type=int, default=5, help="how many times it may be opened (default 5)")
    p.add_argument("--attempts", type=int, default=5, help="wrong passcodes before it locks (default 5)")
    p.add_argument("--qr-png", help="also write the link as a QR code PNG")
    add("links", cmd_links, "your SMART Health Links and their state on the ledger")
    p = add("evidence", cmd_evidence, "write an evidence bundle of the access events (for a regulator or a court)")
    p.add_argument("--out", required=True, help="the bundle file to write")
    p.add_argument("--since", type=int, help="the earlier checkpoint's block count (default: the first event's)")
    p.add_argument("--clinic", action="store_true", help="the clinic desk's reads instead of your wallet's events")
    p.add_argument("--clinic-dir", help="clinic desk folder (with --clinic)")
    p = add("print", cmd_print, "PDF for printing: the access log and/or a records summary")
    p.add_argument("--access-log", help="write the access log as this PDF")
    p.add_argument("--summary", help="write a records summary as this PDF")
    p.add_argument("--offline", action="store_true", help="the access log as stored, without refreshing")
    p = add("keep-receipt", cmd_keep_receipt, "check a clinic-countersigned consent receipt and keep it")
    p.add_argument("file")
    p = add("unshare-link", cmd_unshare, "revoke one of your SMART Health Links")
    p.add_argument("index", type=int)
