"""Break-glass emergency access: ``medwallet emergency set|status|approve|veto|withdraw|card``
(the patient) and ``medwallet clinic emergency request|status|read`` (an institution the
network's policy allows)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core import texts
from ..core.emergency import patient as emergency
from ..core.emergency import requester
from ..core.paths import wallet_dir
from ..core.texts import tr as _
from ..core.wallet import Wallet
from .common import UsageError, emit_json, report, shared_option, table, unlock, when


def _open(args) -> Wallet:
    return unlock(Wallet.open, wallet_dir(args.wallet_dir), args)


def _policy_lines(rules: dict[str, Any] | None) -> list[str]:
    if rules is None:
        return [_("This network has no emergency-access policy yet.")]
    who = [*rules["institution_names"], *(_("any {kind}").format(kind=kind) for kind in rules["kinds"])] or \
        [_("no one")]
    return [_("Who may ask: {who}").format(who=", ".join(who)),
            _("Opens after: {delay} s unless you approve sooner or veto (then open for {open_for} s)").format(
                delay=rules["delay"], open_for=rules["open_for"]),
            _("Key split:   {t} of {n} nodes needed").format(t=rules["threshold"], n=len(rules["nodes"]))]


def cmd_set(args) -> int:
    wallet = _open(args)
    marked = emergency.mark(wallet, list(args.record or []), summary=not args.no_summary)
    report(args, {**marked.__dict__, "card": emergency.card_text(wallet)},
           _("Emergency set published ({n} file(s), version {version}).").format(
               n=len(marked.records), version=marked.version) + "\n" +
           _("Emergency card: {card}").format(card=emergency.card_text(wallet)))
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
        print(_("You have no emergency set: 'medwallet emergency set' makes one."))
        return 0
    state = (_("withdrawn {when}").format(when=when(the_set["withdrawn_at"])) if the_set["withdrawn_at"]
             else _("active"))
    print(_("Your set: {n} file(s), version {version}, {state}").format(
        n=len(the_set["records"]), version=the_set["version"], state=state))
    print(_("Emergency card: {card}").format(card=the_set["card"]))
    table([(r["request"][:12], texts.party_name(r["requester_name"]), when(r["time"]), when(r["opens_at"]),
            texts.emergency_status(r["status"]), r["justification"]) for r in seen["requests"]],
          [_("ID"), _("INSTITUTION"), _("ASKED"), _("OPENS"), _("STATUS"), _("WHY")])
    return 0


def _request_id(wallet: Wallet, prefix: str) -> str:
    found = [r["request"] for r in emergency.requests_of(wallet) if r["request"].startswith(prefix.lower())]
    if len(found) != 1:
        raise UsageError(_("No such emergency request on your set.") if not found else
                         _("Several emergency requests start so: give more characters."))
    return found[0]


def _decide(args, decision: str) -> int:
    wallet = _open(args)
    request = _request_id(wallet, args.request)
    tx = emergency.decide(wallet, request, decision)
    text = (_("Approved: the request is open now.") if decision == "approve"
            else _("Vetoed: the request will never open."))
    report(args, {"request": request, "decision": decision, "tx": tx}, text)
    return 0


def cmd_approve(args) -> int:
    return _decide(args, "approve")


def cmd_veto(args) -> int:
    return _decide(args, "veto")


def cmd_withdraw(args) -> int:
    tx = emergency.withdraw(_open(args))
    report(args, {"withdrawn": True, "tx": tx}, _("Emergency set withdrawn: no request on it will open."))
    return 0


def cmd_card(args) -> int:
    card = emergency.card_text(_open(args))
    report(args, {"card": card}, card)
    return 0


def register(sub) -> None:
    parent = sub.add_parser("emergency", help=_("your break-glass emergency set and the requests on it"),
                            description=_("Your break-glass emergency set: records a hospital allowed by the "
                                          "network may read when you cannot answer. Alone: the status."))
    parent.set_defaults(func=cmd_status)
    children = parent.add_subparsers(dest="emergency_command")

    def add(name: str, func, text: str) -> argparse.ArgumentParser:
        p = children.add_parser(name, help=text, description=text)
        p.set_defaults(func=func)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help=_("wallet folder"))
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help=_("read the passphrase from this file"))
        return p

    p = add("set", cmd_set, _("publish (or replace) the emergency set: a patient summary and chosen FHIR records"))
    p.add_argument("--record", action="append", help=_("a FHIR record to include (repeat for several)"))
    p.add_argument("--no-summary", action="store_true", help=_("leave the International Patient Summary out"))
    add("status", cmd_status, _("the policy (who may ask, delay), your set and the requests on it"))
    for name, func, text in (("approve", cmd_approve, _("open an emergency request now")),
                             ("veto", cmd_veto, _("refuse an emergency request for good"))):
        add(name, func, text).add_argument("request", help=_("request id (or its first characters)"))
    add("withdraw", cmd_withdraw, _("withdraw the emergency set"))
    add("card", cmd_card, _("the emergency card text to carry (names the set, holds no health data)"))


# --- the institution's side ------------------------------------------------------------------

def _desk(args):
    from .clinic_cmds import open_desk
    return open_desk(args)


def cmd_request(args) -> int:
    request = requester.request(_desk(args), args.card, args.why)
    report(args, {"request": request}, _("Emergency request {request} made; 'medwallet clinic emergency status "
                                         "{short}' shows when it opens.").format(request=request, short=request[:12]))
    return 0


def cmd_request_status(args) -> int:
    entry = requester.status(_desk(args), args.request)
    report(args, entry, _("{request}: {status} ({status_text}); opens {opens}").format(
        request=entry["request"][:12], status=entry["status"], status_text=texts.emergency_status(entry["status"]),
        opens=when(entry["opens_at"])))
    return 0


def cmd_read(args) -> int:
    got = requester.read(_desk(args), args.request, Path(args.out))
    report(args, {"request": got.request, "files": [str(p) for p in got.files], "releases": got.release_events,
                  "reads": got.read_events},
           "\n".join([_("Emergency set read ({n} file(s)), every step on the ledger:").format(n=len(got.files)),
                      *("  " + _("saved {file}").format(file=p) for p in got.files)]))
    return 0


def _clinic_usage(args) -> int:
    raise UsageError(_("Say what to do: medwallet clinic emergency request|status|read."))


def register_clinic(clinic_sub, desk_help: str) -> None:
    parent = clinic_sub.add_parser("emergency", help=_("break-glass access to a patient's emergency set"),
                                   description=_("Break-glass access to a patient's emergency set (reason BTG)."))
    parent.set_defaults(func=_clinic_usage)
    children = parent.add_subparsers(dest="clinic_emergency_command")

    def add(name: str, func, text: str) -> argparse.ArgumentParser:
        p = children.add_parser(name, help=text, description=text)
        p.set_defaults(func=func)
        shared_option(p, "--clinic-dir", help=desk_help)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help=_("read the passphrase from this file"))
        return p

    p = add("request", cmd_request, _("ask for emergency access with the patient's emergency card"))
    p.add_argument("card", help=_("the emergency card text (or the set's key)"))
    p.add_argument("--why", required=True, help=_("the justification recorded on the ledger (no patient names)"))
    add("status", cmd_request_status, _("whether an emergency request is open")).add_argument("request")
    p = add("read", cmd_read, _("gather the key shares and save the emergency set's files"))
    p.add_argument("request")
    p.add_argument("--out", required=True, help=_("folder for the decrypted files"))
