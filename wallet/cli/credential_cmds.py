"""Patient credential commands (``medwallet credentials request|store|list|prove``), the
research verifier (``medwallet study request|verify``) and ``medwallet share-deidentified``."""

from __future__ import annotations

import argparse
import re
import sys
import time

from ..core.consent import research
from ..core.credentials import holder
from ..core.credentials.verifier import StudyVerifier
from ..core.records.library import find_record
from . import clinic_cmds
from .common import NoCredentialAnswers, UsageError, confirm, emit_json, parse_expiry, shared_option, table, when
from .issuer_cmds import read_json, write_json
from .patient_cmds import _institution, _open

_PREDICATE = re.compile(r"^\s*(\w+)\s*(>=|<=|>|<)\s*(-?\d+)\s*$")


def cmd_request(args) -> int:
    doc = holder.request_credential(_open(args), read_json(args.offer))
    write_json(args.out, doc)
    print(f"Request written to {args.out}: give it to the issuer.")
    return 0


def cmd_store(args) -> int:
    info = holder.store_credential(_open(args), read_json(args.credential))
    print(f"Stored a credential from {info.issuer_name or info.issuer[:12]}: "
          + ", ".join(f"{k}={v}" for k, v in sorted(info.attributes.items())))
    return 0


def cmd_list(args) -> int:
    items = holder.list_credentials(_open(args), refresh=not args.offline)
    if args.json:
        emit_json([{**item.__dict__, "status_label": item.status_label} for item in items])
        return 0
    if not items:
        print("No credentials yet. Ask an issuer for an offer.")
    table([(i.id[:12], i.issuer_name, i.schema_name, ", ".join(f"{k}={v}" for k, v in sorted(i.attributes.items())),
            when(i.received_at), i.status_label) for i in items],
          ["ID", "ISSUER", "KIND", "ATTRIBUTES", "RECEIVED", "STATUS"])
    return 0


def cmd_prove(args) -> int:
    wallet = _open(args)
    request = read_json(args.request)
    summary = holder.describe_request(wallet, request)
    for line in request_lines(summary):
        print(line)
    if summary.missing:
        raise NoCredentialAnswers()
    confirm(args, "Prove this? [y/N] ", declined="Declined: nothing was proven and no file was written.")
    write_json(args.out, holder.present(wallet, request))
    print(f"Proof written to {args.out}.")
    return 0


def request_lines(summary: holder.RequestSummary) -> list[str]:
    """What the patient reads before consenting: who asks (as the ledger names it) and exactly what."""
    lines = [f"{summary.verifier} asks to see: {', '.join(summary.reveal) or 'no attribute'}"]
    for (name, op, value), words in zip(summary.predicates, summary.predicate_texts, strict=True):
        lines.append(f"  and a proof that {name} {op} {value} ({words}; the value itself stays hidden)")
    kind = f"a registered {summary.verifier_kind} institution" if summary.verifier_kind else "a registered institution"
    lines.append(f"  {summary.verifier} is {kind} on this network (key {summary.verifier_key[:16]}…); "
                 f"its request is signed and valid until {when(summary.expires_at)}.")
    if summary.credential is not None:
        lines.append(f"  Your credential from {summary.credential.issuer_name or 'its issuer'} answers it; "
                     "nothing else about you is shown.")
    return lines


def _verifier(args) -> StudyVerifier:
    desk = clinic_cmds.open_desk(args)
    return StudyVerifier(desk.network, desk.key, args.accept)


def cmd_study_request(args) -> int:
    predicates = []
    for text in args.predicate or []:
        match = _PREDICATE.match(text)
        if not match:
            raise UsageError(f"Write a predicate like 'birth_year<2008', not {text!r}.")
        predicates.append((match.group(1), match.group(2), int(match.group(3))))
    ttl = parse_expiry(args.expires) - int(time.time())
    write_json(args.out, _verifier(args).request(reveal=args.reveal or [], predicates=predicates, ttl=ttl))
    print(f"Proof request written to {args.out}.")
    return 0


def cmd_study_verify(args) -> int:
    result = _verifier(args).verify(read_json(args.request), read_json(args.presentation))
    if args.json:
        emit_json(result.__dict__)
        return 0
    print("Proof verified against the ledger.")
    for name, value in sorted(result.revealed.items()):
        print(f"  {name} = {value}")
    for name, op, bound in result.predicates:
        print(f"  {name} {op} {bound}: proven")
    return 0


def cmd_share_deidentified(args) -> int:
    wallet = _open(args)
    record = find_record(wallet, args.record)["record"]
    expires_at = parse_expiry(args.expires)
    preview = research.preview_deidentified(wallet, record, _institution(wallet, args.to))
    for line in deidentified_lines(preview):
        print(line, file=sys.stderr if args.json else sys.stdout)  # --json keeps stdout for the result
    confirm(args, "Share this de-identified copy? [y/N] ", declined="Declined: nothing was shared.")
    result = research.grant_deidentified(wallet, record, preview.institution, expires_at, preview=preview)
    if args.json:
        emit_json({**result.__dict__, "kept": preview.summary.kept, "removed": preview.summary.removed,
                   "resource_types": preview.summary.resource_types})
        return 0
    print(f"De-identified copy shared with {result.institution_name} for research (consent {result.consent[:12]}).")
    print(f"Grant code: {result.code}")
    return 0


def deidentified_lines(preview: research.Preview) -> list[str]:
    """What the patient reads before a de-identified copy leaves: who receives it, what it keeps and removes."""
    summary = preview.summary
    types = ", ".join(f"{n} {t}" for t, n in summary.resource_types.items())
    lines = [f"{preview.institution_name} (a registered research institution) would receive a de-identified "
             f"copy ({types}) under a new pseudonym used for nothing else.", "  The copy keeps:"]
    lines += [f"    - {item}" for item in summary.kept]
    lines.append("  It removes:")
    lines += [f"    - {item}" for item in summary.removed]
    if summary.free_texts_removed:
        lines.append(f"  {summary.free_texts_removed} free text(s) of the record are not sent as written.")
    return lines


def register(sub) -> None:
    def add(parent, name: str, func, text: str):
        p = parent.add_parser(name, help=text, description=text)
        p.set_defaults(func=func)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
        shared_option(p, "--json", action="store_true", help="machine-readable output")
        return p

    creds = sub.add_parser("credentials", help="your anonymous credentials",
                           description="Your anonymous credentials: obtain, list, prove.")
    creds_sub = creds.add_subparsers(dest="credentials_command", required=True)
    p = add(creds_sub, "request", cmd_request, "answer an issuer's offer file with a request file")
    p.add_argument("offer")
    p.add_argument("--out", required=True)
    p = add(creds_sub, "store", cmd_store, "store the credential file the issuer sent")
    p.add_argument("credential")
    p = add(creds_sub, "list", cmd_list, "list your credentials and their status")
    p.add_argument("--offline", action="store_true")
    p = add(creds_sub, "prove", cmd_prove, "answer a verifier's proof request (selective disclosure)")
    p.add_argument("request")
    p.add_argument("--out", required=True)
    p.add_argument("--yes", action="store_true",
                   help="do not ask for confirmation (without it and without a terminal: exit code 2)")

    study = sub.add_parser("study", help="verifier side: ask for and check credential proofs",
                           description="Verifier side: a registered institution (its desk, made with "
                                       "'medwallet clinic init', e.g. --kind research) signs proof requests "
                                       "and checks the proofs patients send back. Patients see the "
                                       "institution's name as the ledger registered it.")
    desk_help = "the requesting institution's desk folder (default: $MEDWALLET_CLINIC_DIR or the user data folder)"
    shared_option(study, "--clinic-dir", family=True, help=desk_help)
    study_sub = study.add_subparsers(dest="study_command", required=True)
    for name, func, text in (("request", cmd_study_request, "write a proof request signed by the institution"),
                             ("verify", cmd_study_verify, "verify a patient's proof against the ledger")):
        p = add(study_sub, name, func, text)
        shared_option(p, "--clinic-dir", help=desk_help)
        p.add_argument("--accept", action="append", required=True, help="trusted credential definition id (repeat)")
        if name == "request":
            p.add_argument("--reveal", action="append", help="attribute to reveal (repeat)")
            p.add_argument("--predicate", action="append", help="e.g. 'birth_year<2008' (repeat)")
            p.add_argument("--expires", default="1h", help="how long the patient may answer (default: %(default)s)")
            p.add_argument("--out", required=True)
        else:
            p.add_argument("request")
            p.add_argument("presentation")

    p = add(sub, "share-deidentified", cmd_share_deidentified,
            "share a de-identified copy of a FHIR record with a research institution")
    p.add_argument("record", help="record id (or its first characters)")
    p.add_argument("--to", required=True, help="research institution name or id")
    p.add_argument("--expires", required=True, help="e.g. 90d, 2026-12-31")
    p.add_argument("--yes", action="store_true",
                   help="share without asking after the preview (without it and without a terminal: exit code 2)")
