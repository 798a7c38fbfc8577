"""Safety commands: revoke-all (and re-key), the consent preview, alerts over the verified audit trail."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import asdict

from ..core import durations
from ..core.audit import alerts, checker, trail
from ..core.consent import grants, preview, revoke_all
from ..core.paths import wallet_dir
from ..core.records import library
from ..core.wallet import Wallet
from .common import confirm, emit_json, parse_expiry, report, table, unlock, when


def _interval(text: str) -> float:
    try:
        return durations.parse_interval(text)
    except durations.InvalidDuration as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _open(args) -> Wallet:
    return unlock(Wallet.open, wallet_dir(args.wallet_dir), args)


def cmd_revoke_all(args) -> int:
    wallet = _open(args)
    rows = revoke_all.in_force(wallet)
    names = ", ".join(sorted({r["institution_name"] for r in rows})) or "no institution"
    if not args.yes and sys.stdin.isatty():
        print(revoke_all.WHAT_THE_NETWORK_LEARNS)
    confirm(args, f"Revoke all {len(rows)} consent(s) in force ({names})? Type 'revoke all': ", word="revoke all",
            declined="Nothing was revoked.")
    result = revoke_all.revoke_all(wallet, rekey=not args.keep_pseudonyms)
    text = f"Revoked {len(result.revoked)} consent(s) in one batch; every next read under them will be refused."
    if result.retired:
        text += "\nFrom now on every institution gets a fresh pseudonym and fresh copies of your records."
    report(args, {"revoked": result.revoked, "institutions": result.institutions,
                  "transactions": result.transactions, "retired_pseudonyms": result.retired},
           f"{text}\n{revoke_all.PHRASE_ADVICE}")
    return 0


def cmd_alerts(args) -> int:
    wallet = _open(args)
    if args.background:
        entry = checker.set_enabled(wallet, args.background == "on")
        report(args, {"background": args.background == "on", "autostart_entry": str(entry) if entry else None},
               f"Background alert checker on (starts at login: {entry})." if entry else
               "Background alert checker off.")
        return 0
    if args.watch:
        why = checker.watch(wallet, _notify if not args.json else _notify_json, interval=args.interval)
        report(args, {"stopped": why}, f"Background alert checker {why}.")
        return 0
    if not args.offline:
        trail.refresh(wallet)
    found = alerts.for_wallet(wallet, trail.events(wallet))
    new = {a.id for a in alerts.unseen(wallet, found)}
    shown = found if args.all else [a for a in found if a.id in new]
    alerts.mark_seen(wallet, shown)
    if args.json:
        emit_json([_alert_doc(a, a.id in new) for a in reversed(shown)])
        return 0
    if not shown:
        print("No new alerts." if not args.all else "No alerts.")
        return 0
    table([(when(a.time), a.rule, a.words, "NEW" if a.id in new else "") for a in reversed(shown)],
          ["WHEN", "RULE", "ALERT", ""])
    return 0


def _alert_doc(alert: alerts.Alert, new: bool = True) -> dict[str, object]:
    return {"rule": alert.rule, "text": alert.text, "tx": alert.tx, "requester": alert.requester,
            "requester_name": alert.requester_name, "time": alert.time, "count": alert.count, "new": new}


def cmd_preview(args) -> int:
    from .patient_cmds import _institution

    wallet = _open(args)
    chosen = [library.find_record(wallet, r)["record"] for r in args.record]
    shown = preview.preview(wallet, _institution(wallet, args.to), chosen, args.purpose, parse_expiry(args.expires))
    lines = [f"{shown.institution_name} will receive:"]
    for record in shown.records:
        kinds = ", ".join(f"{k} x{n}" for k, n in record.resource_types.items())
        lines.append(f"  - {record.title} ({record.category}{', ' + record.record_date if record.record_date else ''})"
                     + (f"; FHIR: {kinds}" if kinds else ""))
    for title, items in ((f"{shown.institution_name} will learn:", shown.institution_learns),
                         ("The ledger will learn:", shown.ledger_learns),
                         ("The ledger will not learn:", shown.ledger_never_learns)):
        lines.append(title)
        lines += [f"  - {line}" for line in items]
    lines.append("Nothing was signed. Run 'medwallet grant' with the same choices to give this consent.")
    report(args, asdict(shown), "\n".join(lines))
    return 0


def _notify_json(found: list[alerts.Alert]) -> None:
    """Under --json: one JSON object per alert and line (a stream a script can follow)."""
    for alert in found:
        print(json.dumps(_alert_doc(alert), sort_keys=True), flush=True)


def _notify(found: list[alerts.Alert]) -> None:
    """A line per alert on stdout, and one desktop notification where the desktop has them."""
    for alert in found:
        print(f"{when(alert.time)}  ALERT  {alert.words}", flush=True)
    sender = shutil.which("notify-send")
    if sender:
        body = "; ".join(dict.fromkeys(a.words for a in found))
        subprocess.run([sender, "--app-name=Medwallet", "Medwallet: alert", body], check=False, timeout=10)


def _add(sub, name: str, func, help_text: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(func=func)
    p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
    p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def register(sub) -> None:
    p = _add(sub, "revoke-all", cmd_revoke_all,
             "revoke every consent in force in one batch and share from fresh pseudonyms from now on")
    p.add_argument("--yes", action="store_true", help="confirm beforehand (needed when not on a terminal)")
    p.add_argument("--keep-pseudonyms", action="store_true",
                   help="revoke only; keep sharing from the same pseudonyms")
    p = _add(sub, "preview", cmd_preview, "before granting: what the institution will receive and learn, and "
             "what the ledger will learn (nothing is signed)")
    p.add_argument("--to", required=True, help="institution name or id")
    p.add_argument("--record", action="append", required=True, help="record id (repeat for several)")
    p.add_argument("--purpose", required=True, choices=sorted(grants.PURPOSE_LABELS))
    p.add_argument("--expires", required=True, help=f"how long or until when: {durations.EXAMPLES}")
    p = _add(sub, "alerts", cmd_alerts, "alerts over your verified access log: first reads by an institution, "
             "unusual hours, bursts, repeated refusals, emergency access (new ones by default)")
    p.add_argument("--all", action="store_true", help="every alert, not only the new ones")
    p.add_argument("--offline", action="store_true", help="use the stored log, without refreshing")
    p.add_argument("--watch", action="store_true", help="keep checking and notify (the background checker)")
    p.add_argument("--interval", type=_interval, default=float(checker.DEFAULT_INTERVAL),
                   help="time between checks: 30s, 5min, 1h (a bare number is seconds; default 5min)")
    p.add_argument("--background", choices=["on", "off"],
                   help="turn the background checker on (started at login) or off")

