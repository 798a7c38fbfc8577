"""``medwallet delegates ...`` (the patient's delegates) and ``medwallet delegate ...`` (acting for someone).

Thin calls into :mod:`wallet.core.delegation`; the contract holds the delegate to the limits.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from ledger_client.tx import CATEGORIES, INSTITUTION_KINDS, PURPOSES

from ..core.consent.qr import render_svg, save_png
from ..core.delegation import acting, audit, patient
from ..core.durations import parse_duration
from ..core.records import library
from .common import UsageError, confirm, parse_expiry, report, shared_option, table, when
from .patient_cmds import _institution, _open


def _read_code(args) -> str:
    if args.code_file:
        return Path(args.code_file).read_text("utf-8")
    if not args.code:
        raise UsageError("Give the delegate's code, or --code-file FILE.")
    return str(args.code)


def _seconds(text: str) -> int:
    """A duration (``90d``, ``3mo``) as seconds from now."""
    now = datetime.now(UTC)
    return int((parse_duration(text).after(now) - now).total_seconds())


def cmd_add(args) -> int:
    wallet = _open(args)
    limits = patient.Limits(
        purposes=tuple(args.purpose), expires_at=parse_expiry(args.expires),
        max_grant_seconds=_seconds(args.longest),
        institutions=tuple(_institution(wallet, text) for text in args.institution or ()),
        institution_kinds=tuple(args.institution_kind or ()), categories=tuple(args.kind or ()),
        revoke_others=bool(args.may_revoke_others))
    chosen = [library.find_record(wallet, r)["record"] for r in args.record or ()]
    added = patient.add(wallet, _read_code(args), args.name, chosen, limits)
    report(args, added.__dict__, f"{added.label} is now your delegate ({added.delegation[:12]}) for "
                                 f"{len(added.records)} record(s). Check the fingerprint with them: "
                                 f"{added.fingerprint}")
    return 0


def cmd_list(args) -> int:
    wallet = _open(args)
    rows = patient.list_delegations(wallet, refresh=not getattr(args, "offline", False))
    if getattr(args, "json", False):
        report(args, rows, "")
        return 0
    table([(r["delegation"][:12], r["label"], ",".join(r["purposes"]), len(r["records"]), when(r["expires_at"]),
            r["status"]) for r in rows], ["ID", "DELEGATE", "PURPOSES", "RECORDS", "ENDS", "STATUS"])
    return 0


def cmd_revoke(args) -> int:
    wallet = _open(args)
    row = patient.find(wallet, args.delegate)
    confirm(args, f"End {row['label']}'s delegation{' and every consent they gave' if args.with_grants else ''}? "
                  "[y/N] ", declined="The delegation goes on.")
    outcome = patient.revoke(wallet, row["delegation"], with_grants=args.with_grants)
    kept = "" if args.with_grants else " The consents they gave stay until they end or you revoke them."
    report(args, outcome, f"{row['label']} can no longer act for you; {len(outcome['grants_revoked'])} consent(s) "
                          f"revoked.{kept}")
    return 0


def cmd_audit(args) -> int:
    wallet = _open(args)
    shown = audit.events(wallet)
    if getattr(args, "json", False):
        report(args, [e.to_json() for e in shown], "")
        return 0
    table([(when(e.time), e.text, e.consent[:12], "yes" if e.verified else "no") for e in shown],
          ["WHEN", "WHAT", "CONSENT", "VERIFIED"])
    return 0


def cmd_code(args) -> int:
    wallet = _open(args)
    row, code = acting.new_code(wallet, args.for_whom)
    if args.png:
        save_png(code.text(), args.png)
    if args.svg:
        Path(args.svg).write_text(render_svg(code.text()), "utf-8")
    report(args, {"for": row["label"], "code": code.text(), "fingerprint": code.fingerprint},
           f"Give this code to {row['label']} (they add you with 'medwallet delegates add'):\n{code.text()}\n"
           f"Fingerprint to read back: {code.fingerprint}")
    return 0


def cmd_status(args) -> int:
    wallet = _open(args)
    rows = acting.status(wallet)
    if getattr(args, "json", False):
        report(args, rows, "")
        return 0
    table([(r["label"], r["status"], ",".join(r.get("purposes", [])), when(r.get("expires_at")), r["fingerprint"])
           for r in rows], ["FOR", "STATUS", "PURPOSES", "ENDS", "FINGERPRINT"])
    return 0


def cmd_records(args) -> int:
    wallet = _open(args)
    _, shared = acting.records(wallet, acting.find(wallet, args.for_whom))
    if args.json:
        report(args, [r.describe() for r in shared], "")
        return 0
    table([(r.record[:12], r.title, r.category, r.date or "") for r in shared], ["ID", "TITLE", "KIND", "DATE"])
    return 0


def cmd_grant(args) -> int:
    wallet = _open(args)
    institution = _institution(wallet, args.to)
    given = acting.grant(wallet, args.for_whom, institution, list(args.record or ()), args.purpose,
                         parse_expiry(args.expires), label=args.label)
    if args.qr_png:
        save_png(given.code, args.qr_png)
    report(args, given.__dict__, f"Consent {given.consent[:12]} given for {args.for_whom} to {given.institution_name} "
                                 f"for {args.purpose}.\nGrant code: {given.code}")
    return 0


def cmd_delegate_revoke(args) -> int:
    wallet = _open(args)
    consent = acting.find_grant(wallet, args.for_whom, args.consent)
    tx = acting.revoke(wallet, args.for_whom, consent)
    report(args, {"consent": consent, "tx": tx, "revoked": True, "at": int(time.time())},
           f"Consent {consent[:12]} revoked for {args.for_whom}.")
    return 0


def _family(sub, name: str, text: str, default, dest: str):
    parser = sub.add_parser(name, help=text, description=text)
    parser.set_defaults(func=default)
    parser.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
    parser.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
    shared_option(parser, "--json", action="store_true", help="machine-readable output")
    children = parser.add_subparsers(dest=dest)

    def add(child: str, func, child_text: str):
        p = children.add_parser(child, help=child_text, description=child_text)
        p.set_defaults(func=func)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
        shared_option(p, "--json", action="store_true", help="machine-readable output")
        return p
    return add


def register(sub) -> None:
    add = _family(sub, "delegates", "people who may grant and revoke for you (a parent, a carer)", cmd_list,
                  "delegates_command")
    p = add("add", cmd_add, "make someone your delegate, from their code, within limits you sign")
    p.add_argument("code", nargs="?", help="the delegate's code (medwallet-delegate:1:...)")
    p.add_argument("--code-file", help="read the delegate's code from this file")
    p.add_argument("--name", required=True, help="what you call the delegate (kept in your wallet only)")
    p.add_argument("--record", action="append", help="a record they may share (repeat; default: every one of --kind)")
    p.add_argument("--kind", action="append", choices=CATEGORIES, help="kinds of record they may share (repeat)")
    p.add_argument("--purpose", action="append", required=True, choices=PURPOSES, help="allowed purpose (repeat)")
    p.add_argument("--institution", action="append", help="only this institution, by name or id (repeat)")
    p.add_argument("--institution-kind", action="append", choices=INSTITUTION_KINDS,
                   help="only institutions of this kind (repeat)")
    p.add_argument("--longest", default="90d", help="longest validity of one consent they give (default 90d)")
    p.add_argument("--expires", required=True, help="end of the delegation, e.g. 1y, 6mo or 2027-12-31")
    p.add_argument("--may-revoke-others", action="store_true",
                   help="they may also revoke consents under this delegation they did not give")
    p = add("list", cmd_list, "list your delegates and their limits")
    p.add_argument("--offline", action="store_true", help="do not refresh from the ledger")
    p = add("revoke", cmd_revoke, "end a delegate's delegation (one transaction)")
    p.add_argument("delegate", help="the delegate's name or delegation id")
    p.add_argument("--with-grants", action="store_true", help="also revoke every consent they gave")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add("audit", cmd_audit, "consents your delegates gave or revoked for you, verified on the ledger")

    add = _family(sub, "delegate", "act for someone who made you their delegate", cmd_status, "delegate_command")
    p = add("code", cmd_code, "a new code to give to the person you will act for")
    p.add_argument("for_whom", metavar="FOR", help="the person's name (kept in your wallet only)")
    p.add_argument("--png", help="also write the code as a QR PNG")
    p.add_argument("--svg", help="also write the code as a QR SVG")
    add("status", cmd_status, "whom you act for, and within which limits")
    p = add("records", cmd_records, "the records you may share for someone")
    p.add_argument("for_whom", metavar="FOR")
    p = add("grant", cmd_grant, "give an institution access for someone, within their limits")
    p.add_argument("for_whom", metavar="FOR")
    p.add_argument("--to", required=True, help="institution name or id")
    p.add_argument("--record", action="append", help="record id or title (repeat; default: every one you may share)")
    p.add_argument("--purpose", required=True, choices=PURPOSES)
    p.add_argument("--expires", required=True, help="e.g. 7d, 1mo or 2026-12-31 (within the delegation's limit)")
    p.add_argument("--label", help="a name or initials the desk shows (only in the code, never on the ledger)")
    p.add_argument("--qr-png", help="also write the grant's QR code as PNG")
    p = add("revoke", cmd_delegate_revoke, "revoke, for someone, a consent you gave")
    p.add_argument("for_whom", metavar="FOR")
    p.add_argument("consent", help="consent id (or its first characters)")
