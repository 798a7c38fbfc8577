"""Safety commands: revoke-all (and re-key), the consent preview, alerts over the verified audit trail."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import asdict

from ..core.audit import alerts, checker, trail
from ..core.consent import grants, preview, revoke_all
from ..core.paths import wallet_dir
from ..core.records import library
from ..core.wallet import Wallet
from .common import UsageError, emit_json, parse_expiry, table, unlock, when


def _open(args) -> Wallet:
    return unlock(Wallet.open, wallet_dir(args.wallet_dir), args)


def cmd_revoke_all(args) -> int:
    wallet = _open(args)
    rows = revoke_all.in_force(wallet)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("Revoking every consent cannot be undone; add --yes to confirm.")
        names = ", ".join(sorted({r["institution_name"] for r in rows})) or "no institution"
        if input(f"Revoke all {len(rows)} consent(s) in force ({names})? Type 'revoke all': ").strip() != "revoke all":
            return 1
    result = revoke_all.revoke_all(wallet, rekey=not args.keep_pseudonyms)
    if args.json:
        emit_json({"revoked": result.revoked, "institutions": result.institutions,
                   "transactions": result.transactions, "retired_pseudonyms": result.retired})
        return 0
    print(f"Revoked {len(result.revoked)} consent(s) in one batch; every next read under them will be refused.")
    if result.retired:
        print("From now on every institution gets a fresh pseudonym and fresh copies of your records.")
    print(revoke_all.PHRASE_ADVICE)
    return 0


def cmd_alerts(args) -> int:
    wallet = _open(args)
    if args.background:
        entry = checker.set_enabled(wallet, args.background == "on")
        print(f"Background alert checker on (starts at login: {entry})." if entry else
              "Background alert checker off.")
        return 0
    if args.watch:
        why = checker.watch(wallet, _notify, interval=args.interval)
        print(f"Background alert checker {why}.")
        return 0
    if not args.offline:
        trail.refresh(wallet)
    found = alerts.for_wallet(wallet, trail.events(wallet))
    new = {a.id for a in alerts.unseen(wallet, found)}
    shown = found if args.all else [a for a in found if a.id in new]
    alerts.mark_seen(wallet, shown)
    if args.json:
        emit_json([{"rule": a.rule, "text": a.text, "tx": a.tx, "requester": a.requester,
                    "requester_name": a.requester_name, "time": a.time, "count": a.count, "new": a.id in new}
                   for a in reversed(shown)])
        return 0
    if not shown:
        print("No new alerts." if not args.all else "No alerts.")
        return 0
    table([(when(a.time), a.rule, a.text, "NEW" if a.id in new else "") for a in reversed(shown)],
          ["WHEN", "RULE", "ALERT", ""])
    return 0


def cmd_preview(args) -> int:
    from .patient_cmds import _institution

    wallet = _open(args)
    chosen = [library.find_record(wallet, r)["record"] for r in args.record]
    shown = preview.preview(wallet, _institution(wallet, args.to), chosen, args.purpose, parse_expiry(args.expires))
    if args.json:
        emit_json(asdict(shown))
        return 0
    print(f"{shown.institution_name} will receive:")
    for record in shown.records:
        kinds = ", ".join(f"{k} x{n}" for k, n in record.resource_types.items())
        print(f"  - {record.title} ({record.category}{', ' + record.record_date if record.record_date else ''})"
              + (f"; FHIR: {kinds}" if kinds else ""))
    for title, lines in ((f"{shown.institution_name} will learn:", shown.institution_learns),
                         ("The ledger will learn:", shown.ledger_learns),
                         ("The ledger will not learn:", shown.ledger_never_learns)):
        print(title)
        for line in lines:
            print(f"  - {line}")
    print("Nothing was signed. Run 'medwallet grant' with the same choices to give this consent.")
    return 0


def _notify(found: list[alerts.Alert]) -> None:
    """A line per alert on stdout, and one desktop notification where the desktop has them."""
    for alert in found:
        print(f"{when(alert.time)}  ALERT  {alert.text}", flush=True)
    sender = shutil.which("notify-send")
    if sender:
        body = "; ".join(dict.fromkeys(a.text for a in found))
        subprocess.run([sender, "--app-name=Medwallet", "Medwallet: alert", body], check=False, timeout=10)


def _add(sub, name: str, func, help_text: str, json_out: bool = False) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(func=func)
    p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
    p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
    if json_out:
        p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def register(sub) -> None:
    p = _add(sub, "revoke-all", cmd_revoke_all,
             "revoke every consent in force in one batch and share from fresh pseudonyms from now on", json_out=True)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--keep-pseudonyms", action="store_true",
                   help="revoke only; keep sharing from the same pseudonyms")
    p = _add(sub, "preview", cmd_preview, "before granting: what the institution will receive and learn, and "
             "what the ledger will learn (nothing is signed)", json_out=True)
    p.add_argument("--to", required=True, help="institution name or id")
    p.add_argument("--record", action="append", required=True, help="record id (repeat for several)")
    p.add_argument("--purpose", required=True, choices=sorted(grants.PURPOSE_LABELS))
    p.add_argument("--expires", required=True, help="e.g. 30d, 12h, 2026-12-31")
    p = _add(sub, "alerts", cmd_alerts, "alerts over your verified access log: first reads by an institution, "
             "unusual hours, bursts, repeated refusals, emergency access (new ones by default)", json_out=True)
    p.add_argument("--all", action="store_true", help="every alert, not only the new ones")
    p.add_argument("--offline", action="store_true", help="use the stored log, without refreshing")
    p.add_argument("--watch", action="store_true", help="keep checking and notify (the background checker)")
    p.add_argument("--interval", type=float, default=checker.DEFAULT_INTERVAL, help="seconds between checks")
    p.add_argument("--background", choices=["on", "off"],
                   help="turn the background checker on (started at login) or off")

