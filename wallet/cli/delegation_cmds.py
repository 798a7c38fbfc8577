"""``medwallet delegates ...`` (the patient's delegates) and ``medwallet delegate ...`` (acting for someone).

Thin calls into :mod:`wallet.core.delegation`; the contract holds the delegate to the limits.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from ledger_client.tx import CATEGORIES, INSTITUTION_KINDS, PURPOSES

from ..core import texts
from ..core.consent.qr import render_svg, save_png
from ..core.delegation import acting, audit, patient
from ..core.durations import parse_duration
from ..core.records import library
from ..core.texts import tr as _
from .common import UsageError, confirm, parse_expiry, report, shared_option, table, when
from .patient_cmds import _institution, _open


def _read_code(args) -> str:
    if args.code_file:
        return Path(args.code_file).read_text("utf-8")
    if not args.code:
        raise UsageError(_("Give the delegate's code, or --code-file FILE."))
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
    report(args, added.__dict__, _("{label} is now your delegate ({delegation}) for {n} record(s). Check the "
                                   "fingerprint with them: {fingerprint}").format(
        label=added.label, delegation=added.delegation[:12], n=len(added.records), fingerprint=added.fingerprint))
    return 0


def cmd_list(args) -> int:
    wallet = _open(args)
    rows = patient.list_delegations(wallet, refresh=not getattr(args, "offline", False))
    if getattr(args, "json", False):
        report(args, rows, "")
        return 0
    table([(r["delegation"][:12], r["label"], ",".join(r["purposes"]), len(r["records"]), when(r["expires_at"]),
            texts.delegation_status(r["status"])) for r in rows],
          [_("ID"), _("DELEGATE"), _("PURPOSES"), _("RECORDS"), _("ENDS"), _("STATUS")])
    return 0


def cmd_revoke(args) -> int:
    wallet = _open(args)
    row = patient.find(wallet, args.delegate)
    question = (_("End {label}'s delegation and every consent they gave?") if args.with_grants
                else _("End {label}'s delegation?")).format(label=row["label"])
    confirm(args, question + " [y/N] ", declined=_("The delegation goes on."))
    outcome = patient.revoke(wallet, row["delegation"], with_grants=args.with_grants)
    kept = "" if args.with_grants else " " + _("The consents they gave stay until they end or you revoke them.")
    report(args, outcome, _("{label} can no longer act for you; {n} consent(s) revoked.").format(
        label=row["label"], n=len(outcome["grants_revoked"])) + kept)
    return 0


def cmd_audit(args) -> int:
    wallet = _open(args)
    shown = audit.events(wallet)
    if getattr(args, "json", False):
        report(args, [e.to_json() for e in shown], "")
        return 0
    table([(when(e.time), e.shown(), e.consent[:12], _("yes") if e.verified else _("no")) for e in shown],
          [_("WHEN"), _("WHAT"), _("CONSENT"), _("VERIFIED")])
    return 0


def cmd_code(args) -> int:
    wallet = _open(args)
    row, code = acting.new_code(wallet, args.for_whom)
    if args.png:
        save_png(code.text(), args.png)
    if args.svg:
        Path(args.svg).write_text(render_svg(code.text()), "utf-8")
    report(args, {"for": row["label"], "code": code.text(), "fingerprint": code.fingerprint},
           _("Give this code to {label} (they add you with 'medwallet delegates add'):").format(label=row["label"])
           + f"\n{code.text()}\n" + _("Fingerprint to read back: {fingerprint}").format(fingerprint=code.fingerprint))
    return 0


def cmd_status(args) -> int:
    wallet = _open(args)
    rows = acting.status(wallet)
    if getattr(args, "json", False):
        report(args, rows, "")
        return 0
    table([(r["label"], texts.delegation_status(r["status"]), ",".join(r.get("purposes", [])),
            when(r.get("expires_at")), r["fingerprint"]) for r in rows],
          [_("FOR"), _("STATUS"), _("PURPOSES"), _("ENDS"), _("FINGERPRINT")])
    return 0


def cmd_records(args) -> int:
    wallet = _open(args)
    _row, shared = acting.records(wallet, acting.find(wallet, args.for_whom))
    if args.json:
        report(args, [r.describe() for r in shared], "")
        return 0
    table([(r.record[:12], r.title, r.category, r.date or "") for r in shared],
          [_("ID"), _("TITLE"), _("KIND"), _("DATE")])
    return 0


def cmd_grant(args) -> int:
    wallet = _open(args)
    institution = _institution(wallet, args.to)
    given = acting.grant(wallet, args.for_whom, institution, list(args.record or ()), args.purpose,
                         parse_expiry(args.expires), label=args.label)
    if args.qr_png:
        save_png(given.code, args.qr_png)
    report(args, given.__dict__, _("Consent {consent} given for {whom} to {institution} for {purpose}.").format(
        consent=given.consent[:12], whom=args.for_whom, institution=given.institution_name, purpose=args.purpose)
           + "\n" + _("Grant code: {code}").format(code=given.code))
    return 0


def cmd_delegate_revoke(args) -> int:
    wallet = _open(args)
    consent = acting.find_grant(wallet, args.for_whom, args.consent)
    tx = acting.revoke(wallet, args.for_whom, consent)
    report(args, {"consent": consent, "tx": tx, "revoked": True, "at": int(time.time())},
           _("Consent {consent} revoked for {whom}.").format(consent=consent[:12], whom=args.for_whom))
    return 0


def _family(sub, name: str, text: str, default, dest: str):
    parser = sub.add_parser(name, help=text, description=text)
    parser.set_defaults(func=default)
    parser.add_argument("--wallet-dir", default=argparse.SUPPRESS, help=_("wallet folder"))
    parser.add_argument("--passphrase-file", default=argparse.SUPPRESS, help=_("read the passphrase from this file"))
    shared_option(parser, "--json", action="store_true", help=_("machine-readable output"))
    children = parser.add_subparsers(dest=dest)

    def add(child: str, func, child_text: str):
        p = children.add_parser(child, help=child_text, description=child_text)
        p.set_defaults(func=func)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help=_("wallet folder"))
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help=_("read the passphrase from this file"))
        shared_option(p, "--json", action="store_true", help=_("machine-readable output"))
        return p
    return add


def register(sub) -> None:
    add = _family(sub, "delegates", _("people who may grant and revoke for you (a parent, a carer)"), cmd_list,
                  "delegates_command")
    p = add("add", cmd_add, _("make someone your delegate, from their code, within limits you sign"))
    p.add_argument("code", nargs="?", help=_("the delegate's code (medwallet-delegate:1:...)"))
    p.add_argument("--code-file", help=_("read the delegate's code from this file"))
    p.add_argument("--name", required=True, help=_("what you call the delegate (kept in your wallet only)"))
    p.add_argument("--record", action="append",
                   help=_("a record they may share (repeat; default: every one of --kind)"))
    p.add_argument("--kind", action="append", choices=CATEGORIES, help=_("kinds of record they may share (repeat)"))
    p.add_argument("--purpose", action="append", required=True, choices=PURPOSES, help=_("allowed purpose (repeat)"))
    p.add_argument("--institution", action="append", help=_("only this institution, by name or id (repeat)"))
    p.add_argument("--institution-kind", action="append", choices=INSTITUTION_KINDS,
                   help=_("only institutions of this kind (repeat)"))
    p.add_argument("--longest", default="90d", help=_("longest validity of one consent they give (default 90d)"))
    p.add_argument("--expires", required=True, help=_("end of the delegation, e.g. 1y, 6mo or 2027-12-31"))
    p.add_argument("--may-revoke-others", action="store_true",
                   help=_("they may also revoke consents under this delegation they did not give"))
    p = add("list", cmd_list, _("list your delegates and their limits"))
    p.add_argument("--offline", action="store_true", help=_("do not refresh from the ledger"))
    p = add("revoke", cmd_revoke, _("end a delegate's delegation (one transaction)"))
    p.add_argument("delegate", help=_("the delegate's name or delegation id"))
    p.add_argument("--with-grants", action="store_true", help=_("also revoke every consent they gave"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    add("audit", cmd_audit, _("consents your delegates gave or revoked for you, verified on the ledger"))

    add = _family(sub, "delegate", _("act for someone who made you their delegate"), cmd_status, "delegate_command")
    p = add("code", cmd_code, _("a new code to give to the person you will act for"))
    p.add_argument("for_whom", metavar="FOR", help=_("the person's name (kept in your wallet only)"))
    p.add_argument("--png", help=_("also write the code as a QR PNG"))
    p.add_argument("--svg", help=_("also write the code as a QR SVG"))
    add("status", cmd_status, _("whom you act for, and within which limits"))
    p = add("records", cmd_records, _("the records you may share for someone"))
    p.add_argument("for_whom", metavar="FOR")
    p = add("grant", cmd_grant, _("give an institution access for someone, within their limits"))
    p.add_argument("for_whom", metavar="FOR")
    p.add_argument("--to", required=True, help=_("institution name or id"))
    p.add_argument("--record", action="append", help=_("record id or title (repeat; default: every one you may share)"))
    p.add_argument("--purpose", required=True, choices=PURPOSES)
    p.add_argument("--expires", required=True, help=_("e.g. 7d, 1mo or 2026-12-31 (within the delegation's limit)"))
    p.add_argument("--label", help=_("a name or initials the desk shows (only in the code, never on the ledger)"))
    p.add_argument("--qr-png", help=_("also write the grant's QR code as PNG"))
    p = add("revoke", cmd_delegate_revoke, _("revoke, for someone, a consent you gave"))
    p.add_argument("for_whom", metavar="FOR")
    p.add_argument("consent", help=_("consent id (or its first characters)"))
