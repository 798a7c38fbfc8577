"""Break-glass emergency access: ``medwallet emergency set|status|approve|veto|withdraw|card``
(the patient) and ``medwallet clinic emergency request|status|read`` (an institution the
network's policy allows)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.emergency import patient as emergency
from ..core.emergency import requester
from ..core.paths import wallet_dir
from ..core.wallet import Wallet
from .common import UsageError, emit_json, report, shared_option, table, unlock, when


def _open(args) -> Wallet:
    return unlock(Wallet.open, wallet_dir(args.wallet_dir), args)


def _policy_lines(rules: dict[str, Any] | None) -> list[str]:
    if rules is None:
        return ["This network has no emergency-access policy yet."]
    who = [*rules["institution_names"], *(f"any {kind}" for kind in rules["kinds"])] or ["no one"]
    return [f"Who may ask: {', '.join(who)}",
            f"Opens after: {rules['delay']} s unless you approve sooner or veto "
            f"(then open for {rules['open_for']} s)",
            f"Key split:   {rules['threshold']} of {len(rules['nodes'])} nodes needed"]


def cmd_set(args) -> int:
    wallet = _open(args)
    marked = emergency.mark(wallet, list(args.record or []), summary=not args.no_summary)
    report(args, {**marked.__dict__, "card": emergency.card_text(wallet)},
           f"Emergency set published ({len(marked.records)} file(s), version {marked.version}).\n"
           f"Emergency card: {emergency.card_text(wallet)}")
    return 0


def cmd_status(args) -> int:
    wallet = _open(args)
    seen = emergency.status(wallet)
    if args.json:
        emit_json(seen)
        return 0
    for line in _policy_lines(seen["policy"]):
        print(line)
    the_set = seen["set"]
    if the_set is None:
        print("You have no emergency set: 'medwallet emergency set' makes one.")
        return 0
    state = f"withdrawn {when(the_set['withdrawn_at'])}" if the_set["withdrawn_at"] else "active"
    print(f"Your set: {len(the_set['records'])} file(s), version {the_set['version']}, {state}")
    print(f"Emergency card: {the_set['card']}")
    table([(r["request"][:12], r["requester_name"], when(r["time"]), when(r["opens_at"]), r["status"],
            r["justification"]) for r in seen["requests"]],
          ["ID", "INSTITUTION", "ASKED", "OPENS", "STATUS", "WHY"])
    return 0


def _request_id(wallet: Wallet, prefix: str) -> str:
    found = [r["request"] for r in emergency.requests_of(wallet) if r["request"].startswith(prefix.lower())]
    if len(found) != 1:
        raise UsageError("No such emergency request on your set." if not found else
                         "Several emergency requests start so: give more characters.")
    return found[0]


def _decide(args, decision: str) -> int:
    wallet = _open(args)
    request = _request_id(wallet, args.request)
    tx = emergency.decide(wallet, request, decision)
    text = ("Approved: the request is open now." if decision == "approve"
            else "Vetoed: the request will never open.")
    report(args, {"request": request, "decision": decision, "tx": tx}, text)
    return 0


def cmd_approve(args) -> int:
    return _decide(args, "approve")


def cmd_veto(args) -> int:
    return _decide(args, "veto")


def cmd_withdraw(args) -> int:
    tx = emergency.withdraw(_open(args))
    report(args, {"withdrawn": True, "tx": tx}, "Emergency set withdrawn: no request on it will open.")
    return 0


def cmd_card(args) -> int:
    card = emergency.card_text(_open(args))
    report(args, {"card": card}, card)
    return 0


def register(sub) -> None:
    parent = sub.add_parser("emergency", help="your break-glass emergency set and the requests on it",
                            description="Your break-glass emergency set: records a hospital allowed by the "
                                        "network may read when you cannot answer. Alone: the status.")
    parent.set_defaults(func=cmd_status)
    children = parent.add_subparsers(dest="emergency_command")

    def add(name: str, func, text: str) -> argparse.ArgumentParser:
        p = children.add_parser(name, help=text, description=text)
        p.set_defaults(func=func)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
        return p

    p = add("set", cmd_set, "publish (or replace) the emergency set: a patient summary and chosen FHIR records")
    p.add_argument("--record", action="append", help="a FHIR record to include (repeat for several)")
    p.add_argument("--no-summary", action="store_true", help="leave the International Patient Summary out")
    add("status", cmd_status, "the policy (who may ask, delay), your set and the requests on it")
    for name, func, text in (("approve", cmd_approve, "open an emergency request now"),
                             ("veto", cmd_veto, "refuse an emergency request for good")):
        add(name, func, text).add_argument("request", help="request id (or its first characters)")
    add("withdraw", cmd_withdraw, "withdraw the emergency set")
    add("card", cmd_card, "the emergency card text to carry (names the set, holds no health data)")


# --- the institution's side ------------------------------------------------------------------

def _desk(args):
    from .clinic_cmds import open_desk
    return open_desk(args)


def cmd_request(args) -> int:
    request = requester.request(_desk(args), args.card, args.why)
    report(args, {"request": request}, f"Emergency request {request} made; "
                                       f"'medwallet clinic emergency status {request[:12]}' shows when it opens.")
    return 0


def cmd_request_status(args) -> int:
    entry = requester.status(_desk(args), args.request)
    report(args, entry, f"{entry['request'][:12]}: {entry['status']} ({entry['status_text']}); "
                        f"opens {when(entry['opens_at'])}")
    return 0


def cmd_read(args) -> int:
    got = requester.read(_desk(args), args.request, Path(args.out))
    report(args, {"request": got.request, "files": [str(p) for p in got.files], "releases": got.release_events,
                  "reads": got.read_events},
           "\n".join([f"Emergency set read ({len(got.files)} file(s)), every step on the ledger:",
                      *(f"  saved {p}" for p in got.files)]))
    return 0


def _clinic_usage(args) -> int:
    raise UsageError("Say what to do: medwallet clinic emergency request|status|read.")


def register_clinic(clinic_sub, desk_help: str) -> None:
    parent = clinic_sub.add_parser("emergency", help="break-glass access to a patient's emergency set",
                                   description="Break-glass access to a patient's emergency set (reason BTG).")
    parent.set_defaults(func=_clinic_usage)
    children = parent.add_subparsers(dest="clinic_emergency_command")

    def add(name: str, func, text: str) -> argparse.ArgumentParser:
        p = children.add_parser(name, help=text, description=text)
        p.set_defaults(func=func)
        shared_option(p, "--clinic-dir", help=desk_help)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
        return p

    p = add("request", cmd_request, "ask for emergency access with the patient's emergency card")
    p.add_argument("card", help="the emergency card text (or the set's key)")
    p.add_argument("--why", required=True, help="the justification recorded on the ledger (no patient names)")
    add("status", cmd_request_status, "whether an emergency request is open").add_argument("request")
    p = add("read", cmd_read, "gather the key shares and save the emergency set's files")
    p.add_argument("request")
    p.add_argument("--out", required=True, help="folder for the decrypted files")
