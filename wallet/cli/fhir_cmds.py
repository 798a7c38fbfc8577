"""The FHIR side of the patient commands (flags of import, export, grants, audit).

``medwallet import FILE... [--fhir-split]``: a FHIR Bundle (JSON or XML) or an NDJSON
export is validated entry by entry and kept whole (default) or split into one record per
resource; invalid entries are listed, content already in the wallet is not added again.
``medwallet export --fhir --out FILE [RECORD...]``: records as one FHIR Bundle.
``medwallet grants --fhir [--out FILE]``: consents as IHE PCF Consents.
``medwallet audit --fhir [--out FILE]``: the access log as IHE BALP AuditEvents.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core.fhir import audit_export, bundle_export, consent_export
from ..core.importing import ImportReport
from ..core.records import library
from ..core.wallet import Wallet
from .common import ProgressPrinter, UsageError


def report_bundle(outcome: ImportReport, args: argparse.Namespace) -> dict[str, Any]:
    """Print what a Bundle import did (unless --json); returns it as JSON."""
    path = outcome.path
    if not args.json:
        how = "split into" if outcome.split else "kept whole, byte for byte, as"
        what = _what(outcome)
        if outcome.records:
            print(f"{path.name}: {what}, {how} {len(outcome.records)} record(s), stored and anchored")
        elif outcome.duplicates and not outcome.problems:
            print(f"{path.name}: {what}, already in your wallet; nothing added")
        for note in outcome.notes:
            print(f"  note: {note}")
        for problem in outcome.problems:
            label = "invalid (kept in the whole file as it is)" if not outcome.split else "invalid, left out"
            print(f"  {label}: {problem}", file=sys.stderr)
        if outcome.duplicates and outcome.records:
            print(f"  {len(outcome.duplicates)} already in your wallet, not added again (first: "
                  f"{outcome.duplicates[0]})")
        if outcome.skipped:
            n = len(outcome.skipped)
            entries = f"{n} entr{'y' if n == 1 else 'ies'} without patient data"
            print(f"  {entries} {'left out' if outcome.split else 'kept in the file, not checked'}", file=sys.stderr)
    return {"file": str(path), **outcome.to_json()}


def _what(outcome: ImportReport) -> str:
    """The kind of FHIR file, in words: no XML is called JSON, no resource a bundle."""
    if outcome.kind == "ndjson":
        return f"FHIR NDJSON (Bulk Data) file of {outcome.entries} resources"
    if outcome.kind == "resource" or (outcome.kind == "xml" and not outcome.bundle_type):
        return f"FHIR {'XML' if outcome.kind == 'xml' else 'JSON'} resource"
    form = "XML" if outcome.kind == "xml" else "JSON"
    return f"FHIR {form} {outcome.bundle_type or ''} bundle of {outcome.entries} entries".replace("  ", " ")


def export_bundle(wallet: Wallet, args) -> int:
    """``export --fhir``: the chosen records (default: all) as one collection Bundle."""
    out = Path(args.out)
    if out.is_dir():
        out = out / "medwallet-records.fhir.json"
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; use --force to overwrite.")
    chosen = [library.find_record(wallet, r)["record"] for r in args.record] or None
    count = bundle_export.export_records(wallet, chosen, out, progress=ProgressPrinter())
    print(f"Wrote a FHIR Bundle of {count} entries to {out} (each record's integrity verified).")
    return 0


def _emit(doc: dict, out: str | None) -> None:
    if out:
        bundle_export.write_json(doc, Path(out))
        print(f"Wrote a FHIR Bundle of {len(doc.get('entry', []))} resources to {out}.")
    else:
        print(json.dumps(doc, indent=2, ensure_ascii=False))


def grants(wallet: Wallet, args) -> int:
    """``grants --fhir``: every consent as an IHE PCF Consent, in one Bundle."""
    _emit(consent_export.export_consents(wallet, prove=not args.offline), args.out)
    return 0


def audit(wallet: Wallet, args, record: str | None) -> int:
    """``audit --fhir``: the verified access log as IHE BALP AuditEvents, in one Bundle."""
    doc = audit_export.export_audit(wallet, prove=not args.offline, refresh=not args.offline, record=record,
                                    outcome=args.outcome)
    _emit(doc, args.out)
    return 0


def add_output_flags(parser, what: str) -> None:
    parser.add_argument("--fhir", action="store_true", help=f"output {what} as a FHIR R4 Bundle (JSON)")
    parser.add_argument("--out", help="with --fhir: write to this file instead of standard output")
