"""Patient commands: init, restore, import, records, export, delete, institutions,
grant, grants, revoke, qr, audit, resume, phrase, passphrase.

A wallet is on a care network (``--node`` or ``MEDWALLET_NODES`` at ``init``) or, by
default, on the embedded network of this computer, as the window makes it; every command on
such a wallet serves that network itself when no window is running it."""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path
from typing import Any

from ledger_client import console
from ledger_client.tx import MAX_READS

from ..core import backup, deletion, importing, protection, restore
from ..core.audit import trail
from ..core.consent import grants
from ..core.consent.qr import qr_size, render_svg, save_png
from ..core.errors import WalletError
from ..core.keys.seed import validate_phrase
from ..core.paths import wallet_dir
from ..core.records import library
from ..core.texts import N_, party_name, trn
from ..core.texts import tr as _
from ..core.wallet import Wallet
from . import fhir_cmds
from .common import (
    NothingImported,
    PhraseCheckFailed,
    ProgressPrinter,
    UsageError,
    creating,
    emit_json,
    owner_passphrase,
    parse_expiry,
    passphrase,
    report,
    shared_option,
    table,
    unlock,
    when,
)

ENV_NODES = "MEDWALLET_NODES"


def delete_warning() -> str:
    return _(
    "Deleting removes this record and every copy you shared from every node of the network, narrows or ends "
    "every consent that covers it (the ledger never releases its key to anyone again), records the deletion "
    "in your access log, and makes this wallet forget its title, file name, size and dates.\n"
    "It is not crypto-shredding: a copy of the encrypted data taken earlier (a backup of a node, a copy of "
    "your wallet folder) still opens with your recovery phrase. Institutions that already read the record "
    "keep what they read; the ledger keeps the fact that a record existed and who read it, never its content.")



def _nodes(args) -> list[str]:
    """A care network's nodes (--node, else $MEDWALLET_NODES); none: the embedded network."""
    nodes = list(getattr(args, "node", None) or [])
    if not nodes and os.environ.get(ENV_NODES):
        nodes = [n.strip() for n in os.environ[ENV_NODES].split(",") if n.strip()]
    return nodes


def _open(args) -> Wallet:
    return unlock(Wallet.open, wallet_dir(args.wallet_dir), args)


def _where(settings) -> str:
    if settings.local_node:
        return _("the network of this computer ({name}, at {url})").format(name=settings.network_name,
                                                                           url=settings.local_node_url)
    return _("network {name!r}").format(name=settings.network_name)


def cmd_init(args) -> int:
    directory = wallet_dir(args.wallet_dir)
    nodes, secret = _nodes(args), passphrase(args, new=True)
    wallet, phrase = creating(lambda: Wallet.create(directory, passphrase=secret, use_keyring=not args.no_keyring,
                                                    nodes=nodes, genesis_hash=args.genesis_hash, embedded=not nodes))
    args.closing.callback(wallet.close)
    if args.json:
        emit_json({"wallet_dir": str(directory), "phrase": phrase, "network": wallet.settings.network_name,
                   "genesis_hash": wallet.settings.genesis_hash, "keystore": wallet.keystore.unlocked_by,
                   "local_node": wallet.settings.local_node})
        return 0
    print(_("Created a wallet in {folder} on {network}.").format(folder=directory, network=_where(wallet.settings))
          + "\n")
    print(_("Your recovery phrase. Write these 24 words down, in order, and keep them safe."))
    print(_("Anyone with them can read your records; without them a lost computer means lost records.") + "\n")
    words = phrase.split()
    for row in range(6):
        print("   ".join(f"{i + 1:2d}. {words[i]:<10}" for i in range(row, 24, 6)))
    if sys.stdin.isatty():
        _check_back(words)
        backup.phrase_confirmed(wallet)
    return 0


def _check_back(words: list[str]) -> None:
    print()
    for position in sorted(random.sample(range(24), 3)):
        answer = input(_("Word number {n}? ").format(n=position + 1)).strip().lower()
        if answer != words[position]:
            raise PhraseCheckFailed(key="phrase_check_failed.word", params={"position": position + 1})
    print(_("Correct. Keep the words safe."))


def cmd_restore(args) -> int:
    if args.phrase_file:
        text = Path(args.phrase_file).read_text("utf-8")
    elif sys.stdin.isatty():
        text = input(_("Type your 24 words, separated by spaces: "))
    else:
        text = sys.stdin.readline()
    phrase = validate_phrase(text)
    nodes, secret = _nodes(args), passphrase(args, new=True)
    progress = ProgressPrinter()
    wallet, summary = creating(lambda: restore.restore(wallet_dir(args.wallet_dir), phrase, nodes=nodes,
                                                       genesis_hash=args.genesis_hash, passphrase=secret,
                                                       use_keyring=not args.no_keyring, progress=progress))
    progress.done()
    args.closing.callback(wallet.close)
    backup.phrase_confirmed(wallet)  # the patient typed it
    if args.json:
        emit_json(summary)
    else:
        print(_("Restored {records} records, {grants} consents and {events} audit events from {pseudonyms} "
                "pseudonyms.").format(**summary))
    return 0


def cmd_import(args) -> int:
    """Import each file; a file that cannot be imported is reported and the others go on."""
    wallet = _open(args)
    results: list[Any] = []
    failed: list[str] = []
    progress = ProgressPrinter()
    for name in args.files:
        try:
            outcome = importing.import_file(wallet, Path(name), split=bool(args.fhir_split), title=args.title,
                                            progress=progress)
        except WalletError as exc:
            progress.done()
            failed.append(name)
            message = exc.message if Path(name).name in exc.message else f"{name}: {exc.message}"
            console.report_error("medwallet", console.error_code(exc), message, as_json=bool(args.json))
            continue
        progress.done()
        if outcome.is_bundle or outcome.kind:
            results.append(fhir_cmds.report_bundle(outcome, args))
            continue
        if not outcome.records:
            results.append(fhir_cmds.report_bundle(outcome, args))
            continue
        result = outcome.records[0]
        results.append(result)
        if not args.json:
            print(_("{id}  {title}  stored and anchored").format(id=result.record[:12], title=result.title))
    if args.json:
        emit_json([r if isinstance(r, dict) else r.__dict__ for r in results])
    # A bundle of which nothing could be imported is a failure, not an empty success (a file
    # that was all duplicates is not: it is in the wallet already).
    empty = [r["file"] for r in results if isinstance(r, dict) and not r.get("records") and not r.get("duplicates")]
    if failed and len(args.files) > 1 and not args.json:
        print("medwallet: " + _("{n} of {total} files could not be imported: {files}").format(
            n=len(failed), total=len(args.files), files=", ".join(failed)), file=sys.stderr)
    if empty:
        raise NothingImported(_("nothing was imported from {files}: no valid entry").format(files=", ".join(empty)))
    return 1 if failed else 0


def cmd_records(args) -> int:
    rows = library.list_records(_open(args), include_copies=args.all)
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(_("No records yet. Import one with 'medwallet import FILE'."))
    table([(r["record"][:12], r["title"], r["fhir_type"] or r["media_type"], r["record_date"] or "",
            _size(r["size"]), r["status"]) for r in rows],
          [_("ID"), _("TITLE"), _("TYPE"), _("DATE"), _("SIZE"), _("STATUS")])
    return 0


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def cmd_export(args) -> int:
    wallet = _open(args)
    if args.fhir:
        return fhir_cmds.export_bundle(wallet, args)
    if len(args.record) != 1:
        raise UsageError(_("Give one record id (or --fhir to export several as one FHIR Bundle)."))
    row = library.find_record(wallet, args.record[0])
    out = Path(args.out)
    if out.is_dir():
        out = out / (row["filename"] or f"{row['record'][:12]}.bin")
    if out.exists() and not args.force:
        raise UsageError(_("{file} exists; use --force to overwrite.").format(file=out))
    progress = ProgressPrinter()
    meta = library.export_record(wallet, row["record"], out, progress=progress)
    progress.done()
    report(args, {"record": row["record"], "file": str(out), "title": meta.get("title"), "verified": True},
           _("Decrypted {title!r} to {file} (integrity verified).").format(title=meta.get("title"), file=out))
    return 0


def cmd_delete(args) -> int:
    wallet = _open(args)
    row = library.find_record(wallet, args.record)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(_("Deleting cannot be undone; add --yes to confirm."))
        print(delete_warning())
        if input(_("Delete {title!r} for good? Type 'delete': ").format(title=row["title"])).strip() != "delete":
            print(_("Not deleted."))
            return 1
    done = deletion.delete_record(wallet, row["record"])
    text = trn("Deleted {title!r}: removed from every node ({n} copy retired on the ledger) and forgotten by this "
               "wallet.", "Deleted {title!r}: removed from every node ({n} copies retired on the ledger) and "
               "forgotten by this wallet.", len(done.retired)).format(title=row["title"], n=len(done.retired))
    if done.narrowed or done.ended:
        text += "\n" + _("Consents: {narrowed} narrowed to the records they still cover, {ended} ended (they "
                         "covered nothing else).").format(narrowed=len(done.narrowed), ended=len(done.ended))
    text += "\n" + _("A copy taken earlier (a backup of a node or of this wallet folder) still opens with your "
                     "recovery phrase. Institutions that already read it keep what they read.")
    report(args, {"record": row["record"], "deleted": True, "retired_copies": len(done.retired),
                  "narrowed": done.narrowed, "ended": done.ended}, text)
    return 0


def cmd_institutions(args) -> int:
    wallet = _open(args)
    items = wallet.network.client.institutions()
    if args.search:
        items = [i for i in items if args.search.lower() in i["name"].lower()]
    if args.json:
        emit_json(items)
        return 0
    table([(i["sign_key"][:12], i["name"], i["kind"]) for i in items], [_("ID"), _("NAME"), _("KIND")])
    return 0


def _institution(wallet: Wallet, text: str) -> str:
    items = wallet.network.client.institutions()
    text = text.strip()
    exact = [i for i in items if i["sign_key"] == text.lower() or i["name"].lower() == text.lower()]
    matches = exact or [i for i in items if i["sign_key"].startswith(text.lower()) or text.lower() in i["name"].lower()]
    if len(matches) != 1:
        message = _("No institution matches {text!r}; see 'medwallet institutions'.") if not matches else \
            _("More than one institution matches {text!r}; see 'medwallet institutions'.")
        raise UsageError(message.format(text=text))
    return matches[0]["sign_key"]


def cmd_grant(args) -> int:
    wallet = _open(args)
    institution = _institution(wallet, args.to)
    chosen = [library.find_record(wallet, r)["record"] for r in args.record]
    progress = ProgressPrinter()
    max_reads = 1 if args.once else args.reads
    result = grants.grant(wallet, institution, chosen, args.purpose, parse_expiry(args.expires), label=args.label,
                          progress=progress, with_references=not args.only_chosen, max_reads=max_reads)
    progress.done()
    _write_qr(result.code, args.qr_png, args.qr_svg)
    if args.json:
        emit_json({**result.__dict__, "added": [a.__dict__ for a in result.added], "max_reads": max_reads})
        return 0
    if max_reads:
        print(_("Consent {id} given to {institution} for {purpose}, {reads}.").format(
            id=result.consent[:12], institution=result.institution_name, purpose=args.purpose,
            reads=reads_text(max_reads)))
    else:
        print(_("Consent {id} given to {institution} for {purpose}.").format(
            id=result.consent[:12], institution=result.institution_name, purpose=args.purpose))
    for added in result.added:
        print("  " + _("also shared: {title} ({id}), the {because}").format(
            title=added.title, id=added.record[:12], because=added.because))
    print(_("Grant code: {code}").format(code=result.code))
    return 0


def _reads(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_READS:
        raise argparse.ArgumentTypeError(f"give a number of reads from 1 to {MAX_READS} (or --once), not {text!r}")
    return value


def reads_text(max_reads: int | None) -> str:
    """``once``, ``3 reads`` or ``any number of reads``, as the faces say it."""
    if max_reads is None:
        return _("any number of reads")
    return _("one read only") if max_reads == 1 else _("{n} reads").format(n=max_reads)


def _write_qr(code: str, png: str | None, svg: str | None) -> None:
    if png:
        save_png(code, png)
    if svg:
        Path(svg).write_text(render_svg(code), "utf-8")


def cmd_grants(args) -> int:
    if args.fhir:
        return fhir_cmds.grants(_open(args), args)
    rows = grants.list_grants(_open(args), refresh=not args.offline)
    if args.json:
        emit_json(rows)
        return 0
    table([(g["consent"][:12], g["institution_name"], g["purpose"], len(g["records"]), when(g["expires_at"]),
            _("any") if g.get("max_reads") is None else _("{left} of {most}").format(left=g["reads_left"],
                                                                                     most=g["max_reads"]),
            g["status"]) for g in rows],
          [_("ID"), _("INSTITUTION"), _("PURPOSE"), _("RECORDS"), _("EXPIRES"), _("READS LEFT"), _("STATUS")])
    return 0


def cmd_revoke(args) -> int:
    wallet = _open(args)
    row = grants.find_grant(wallet, args.consent)
    grants.revoke(wallet, row["consent"])
    report(args, {"consent": row["consent"], "institution": row["institution_name"], "revoked": True},
           _("Consent {id} for {institution} revoked; its next read will be refused.").format(
               id=row["consent"][:12], institution=row["institution_name"]))
    return 0


def cmd_qr(args) -> int:
    wallet = _open(args)
    row = grants.find_grant(wallet, args.consent)
    code = grants.grant_code(wallet, row["consent"])
    _write_qr(code, args.png, args.svg)
    if args.json:
        version, modules = qr_size(code)
        emit_json({"code": code, "qr_version": version, "modules": modules})
    elif not (args.png or args.svg):
        print(code)
    return 0


def cmd_audit(args) -> int:
    wallet = _open(args)
    if not args.offline and not args.fhir:
        progress = ProgressPrinter()
        trail.refresh(wallet, progress=progress)
        progress.done()
    record = library.find_record(wallet, args.record)["record"] if args.record else None
    if args.fhir:
        return fhir_cmds.audit(wallet, args, record)
    rows = trail.access_log(wallet, record=record, outcome=args.outcome)
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(_("No access to your records yet."))
        return 0
    table([(when(e["time"]), party_name(e["requester_name"]), _what(e),
            "-" if e["kind"] == "deletion" else e["purpose"], _outcome(e), _("verified") if e["verified"] else "")
           for e in rows], [_("WHEN"), _("WHO"), _("WHAT"), _("PURPOSE"), _("OUTCOME"), _("PROOF")])
    return 0


OUTCOMES = {"access": N_("READ"), "deletion": N_("DELETED"), "emergency_request": N_("EMERGENCY REQUEST"),
            "emergency_approve": N_("EMERGENCY APPROVED"), "emergency_veto": N_("EMERGENCY VETOED"),
            "emergency_release": N_("EMERGENCY KEY SHARE RELEASED")}


def _outcome(row: dict[str, Any]) -> str:
    if row["kind"] == "access" and row["reason"] == "emergency":
        return _("EMERGENCY READ")
    if row["kind"] not in OUTCOMES:
        return _("REFUSED: {reason}").format(reason=row["reason"])
    text = _(OUTCOMES[row["kind"]])
    if row["kind"] == "access" and row.get("max_reads") is not None:
        text += " " + _("({left} of {most} reads left)").format(left=row["reads_left"], most=row["max_reads"])
    return text


def _what(row: dict[str, Any]) -> str:
    """The records a row is about; a deleted record by its id, since the wallet forgot its title."""
    if row.get("record_deleted"):
        return _("(deleted record {id})").format(id=row["original_record"][:12])
    return str(row["what"])


def cmd_resume(args) -> int:
    wallet = _open(args)
    progress = ProgressPrinter()
    done = importing.resume_pending(wallet, progress=progress)
    progress.done()
    report(args, {"finished": done}, trn("Finished {n} interrupted import.", "Finished {n} interrupted imports.",
                                         len(done)).format(n=len(done)))
    return 0


def cmd_phrase(args) -> int:
    wallet = _open(args)
    phrase = protection.reveal_phrase(wallet, owner_passphrase(args, wallet, "Showing the recovery phrase"))
    report(args, {"phrase": phrase}, phrase)
    return 0


def cmd_passphrase(args) -> int:
    """Change the wallet's passphrase (or set one): the current one, then the new one twice."""
    wallet = _open(args)
    current = passphrase(args) or ""
    if args.new_passphrase_file:
        try:
            new = Path(args.new_passphrase_file).read_text("utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(_("Cannot read the new passphrase file: {reason}.").format(reason=exc.strerror)) from None
        repeat = new
    elif sys.stdin.isatty():
        import getpass

        if wallet.keystore.has_passphrase and not current:
            current = getpass.getpass(_("Current passphrase: "))
        new, repeat = getpass.getpass(_("New passphrase: ")), getpass.getpass(_("Repeat it: "))
    else:
        raise UsageError(_("Give the new passphrase with --new-passphrase-file FILE."))
    protection.change_passphrase(wallet, current, new, repeat)
    report(args, {"changed": True}, _("The passphrase is changed. Use the new one from now on."))
    return 0


def register(sub) -> None:
    def add(name: str, func, help_text: str, json_out: bool = False):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help=_("wallet folder"))
        p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help=_("read the passphrase from this file"))
        if json_out:
            shared_option(p, "--json", action="store_true", help=_("machine-readable output"))
        return p

    for name, func, text in (("init", cmd_init, _("create a new wallet")),
                             ("restore", cmd_restore, _("restore a wallet from its 24-word phrase"))):
        p = add(name, func, text, json_out=True)
        p.add_argument("--node", action="append", help=_("node URL of a care network (repeat for several; "
                                                         "default: $MEDWALLET_NODES, else the embedded network of "
                                                         "this computer)"))
        p.add_argument("--genesis-hash", help=_("refuse any network but this one"))
        p.add_argument("--no-keyring", action="store_true", help=_("protect the wallet with a passphrase only"))
        if name == "restore":
            p.add_argument("--phrase-file", help=_("read the 24 words from this file"))
    p = add("import", cmd_import, _("encrypt, upload and anchor files (PDF, images, FHIR JSON...)"), json_out=True)
    p.add_argument("files", nargs="+")
    p.add_argument("--title", help=_("title to show for the record(s)"))
    p.add_argument("--fhir-split", "--split", action="store_true",
                   help=_("FHIR Bundles: one record per resource (default: the bundle as one record)"))
    p = add("records", cmd_records, _("list your records"), json_out=True)
    p.add_argument("--all", action="store_true", help=_("include the copies shared with institutions"))
    p = add("export", cmd_export, _("decrypt a record to a file"))
    p.add_argument("record", nargs="*", help=_("record id (or its first characters); with --fhir, any number"))
    p.add_argument("--out", required=True, help=_("output file or folder"))
    p.add_argument("--fhir", action="store_true", help=_("export the records (default: all) as one FHIR R4 Bundle"))
    p.add_argument("--force", action="store_true")
    p = add("delete", cmd_delete, _("delete a record for good (crypto-shredding)"))
    p.add_argument("record")
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p = add("institutions", cmd_institutions, _("list the institutions of the network"), json_out=True)
    p.add_argument("--search", help=_("only names containing this text"))
    p = add("grant", cmd_grant, _("give an institution access to records"), json_out=True)
    p.add_argument("--to", required=True, help=_("institution name or id"))
    p.add_argument("--record", action="append", required=True, help=_("record id (repeat for several)"))
    p.add_argument("--purpose", required=True, choices=sorted(grants.PURPOSE_LABELS))
    p.add_argument("--expires", required=True,
                   help=_("e.g. 30d, 6mo, 1y, P6M or 2026-12-31 (a bare m is refused: write mo or min)"))
    p.add_argument("--label", help=_("a name or initials the desk shows for you (only in the code, never on the "
                                     "ledger)"))
    p.add_argument("--qr-png", help=_("also write the QR code as PNG"))
    p.add_argument("--qr-svg", help=_("also write the QR code as SVG"))
    p.add_argument("--only-chosen", action="store_true",
                   help=_("FHIR: do not also share the Patient, Encounter... that the chosen resources refer to"))
    reads = p.add_mutually_exclusive_group()
    reads.add_argument("--reads", type=_reads, metavar="N",
                       help=_("a limited-use consent: the institution may read the records N times, then is refused "
                              "(default: any number of times until it expires)"))
    reads.add_argument("--once", action="store_true", help=_("a one-time consent (the same as --reads 1)"))
    p = add("grants", cmd_grants, _("list the consents you gave"), json_out=True)
    p.add_argument("--offline", action="store_true", help=_("do not refresh from the ledger"))
    fhir_cmds.add_output_flags(p, "the consents (IHE PCF Consent)")
    p = add("revoke", cmd_revoke, _("revoke a consent"))
    p.add_argument("consent", help=_("consent id (or its first characters)"))
    p = add("qr", cmd_qr, _("show or save the QR code of a consent"), json_out=True)
    p.add_argument("consent")
    p.add_argument("--png")
    p.add_argument("--svg")
    p = add("audit", cmd_audit, _("who read your records, verified on the ledger"), json_out=True)
    p.add_argument("--record", help=_("only this record"))
    p.add_argument("--outcome", choices=["access", "refusal", "deletion"])
    p.add_argument("--offline", action="store_true", help=_("show what is stored, without refreshing"))
    fhir_cmds.add_output_flags(p, "the access log (IHE BALP AuditEvent)")
    add("resume", cmd_resume, _("finish imports that were interrupted"))
    add("phrase", cmd_phrase, _("show the 24-word recovery phrase again (asks for the passphrase)"))
    p = add("passphrase", cmd_passphrase, _("change the wallet's passphrase (or set one)"))
    p.add_argument("--new-passphrase-file", help=_("read the new passphrase from this file"))
