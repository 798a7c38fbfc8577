"""What importing a file means, decided once for every face (the window and the command line).

* A FHIR Bundle (JSON naming ``resourceType: Bundle`` near its start, or FHIR XML) is read
  and checked entry by entry and stored whole, byte for byte (the default), or split into
  one record per resource (:mod:`.fhir.bundle_import`); invalid entries are reported,
  never a reason to refuse the whole file. A Bundle too large to parse is stored whole unread.
* An NDJSON file (FHIR Bulk Data: one resource per line) is checked line by line and
  stored like a Bundle.
* A single FHIR resource is one record, plus one per inline attachment (a Binary, a
  Media, a DocumentReference's content), its SHA-1 checked; ``split`` changes nothing.
* Any other file is stored as one record.

Content already in the wallet is not stored again: every record carries a keyed
fingerprint of its content (:func:`.records.pipeline.fingerprint`), and a file, or a
Bundle entry, whose fingerprint the patient's records already hold is reported as a
duplicate (with the record it duplicates) instead of becoming a second record.

FHIR is validated as the network's release (:func:`fhir_release`: strict R4 unless the
genesis policy names R4B). Errors name the file they are about.

Storing goes through the one record pipeline (:mod:`.records.pipeline`); the vault
pseudonym is registered first, as its own step (:mod:`.pseudonyms`), once the file is
known to be importable. :func:`resume_pending` finishes what an interruption left
(imports and the copies made for consents alike).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import pseudonyms
from .errors import FileTooLarge, UnreadableFile
from .fhir import sources
from .fhir.bundle_import import BundlePlan, plan_source
from .fhir.validate import MAX_FHIR_JSON_BYTES, R4, RELEASES, InvalidFhir, Problem
from .records import pipeline
from .records.pipeline import Cancel, ImportResult, PlannedRecord, Progress
from .wallet import Wallet


@dataclass
class ImportReport:
    """What importing one file did: the records stored and, for FHIR, the entries left out and why."""

    path: Path
    records: list[ImportResult]
    bundle_type: str | None = None  # None: not imported as FHIR entries ("" for NDJSON or a single resource)
    entries: int = 0
    split: bool = False
    problems: list[Problem] = field(default_factory=list)  # invalid entries
    skipped: list[Problem] = field(default_factory=list)  # entries with nothing to import
    duplicates: list[Problem] = field(default_factory=list)  # already in the wallet: (where, "record <id>")
    kind: str | None = None  # sources.BUNDLE, RESOURCE, NDJSON, XML; None: not FHIR
    notes: list[str] = field(default_factory=list)  # what splitting this kind of Bundle means

    @property
    def is_bundle(self) -> bool:
        return self.bundle_type is not None

    @property
    def record(self) -> str:
        """The id of the one record the file became (a plain file, or a Bundle kept whole)."""
        if len(self.records) != 1:
            raise ValueError(f"{self.path.name} became {len(self.records)} records, not one")
        return self.records[0].record

    def to_json(self) -> dict[str, Any]:
        """An import as the command line prints it (``--json``)."""
        return {"bundle_type": self.bundle_type or "", "format": self.kind or "", "entries": self.entries,
                "split": self.split, "records": [r.__dict__ for r in self.records],
                "problems": [p.__dict__ for p in self.problems], "skipped": [p.__dict__ for p in self.skipped],
                "duplicates": [p.__dict__ for p in self.duplicates], "notes": list(self.notes)}


def fhir_release(wallet: Wallet) -> str:
    """The FHIR release this wallet's network exchanges: ``R4`` unless its genesis policy says ``R4B``."""
    release = wallet.network.genesis.policy.get("fhir_release", R4)
    return release if release in RELEASES else R4


def import_file(wallet: Wallet, path: Path, *, split: bool = False, title: str | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None) -> ImportReport:
    """Import ``path`` (see the module docstring); errors name the file."""
    path = Path(path)
    try:
        return _import(wallet, path, split, title, progress, cancel)
    except (InvalidFhir, UnreadableFile, FileTooLarge) as exc:
        raise type(exc)(f"{path.name}: {exc.message}", detail=exc.detail) from None


def _import(wallet: Wallet, path: Path, split: bool, title: str | None, progress: Progress | None,
            cancel: Cancel | None) -> ImportReport:
    kind = sources.sniff(path)
    if kind is None or (kind == sources.XML and not split and not _xml_bundle(path)):
        return _import_plain(wallet, path, title, progress, cancel, kind)
    if kind != sources.RESOURCE and not split and path.stat().st_size > MAX_FHIR_JSON_BYTES:
        return _import_plain(wallet, path, title, progress, cancel, kind)  # too large to read: kept whole, unread
    release = fhir_release(wallet)
    plan = plan_source(path, kind, split=split, title=title, limit=pipeline.blob_limit(wallet), progress=progress,
                       release=release)
    if kind == sources.RESOURCE and plan.problems:  # one resource: valid, or refused with its reasons
        shown = "; ".join(p.reason for p in plan.problems[:3])
        raise InvalidFhir(f"This file is not valid FHIR {release}: {shown}."[:600], detail=shown[:600])
    duplicates = _drop_known(wallet, plan.planned)
    stored = _store_plan(wallet, plan, progress, cancel)
    return ImportReport(path, stored, plan.bundle_type, plan.entries, plan.split, plan.problems, plan.skipped,
                        duplicates, kind, plan.notes)


def _xml_bundle(path: Path) -> bool:
    with open(path, "rb") as src:
        head = src.read(4096)
    return b"<Bundle" in head


def _import_plain(wallet: Wallet, path: Path, title: str | None, progress: Progress | None, cancel: Cancel | None,
                  kind: str | None) -> ImportReport:
    planned = pipeline.plan_file(wallet, path, title=title, release=fhir_release(wallet))
    duplicates = _drop_known(wallet, [planned])
    if duplicates:
        return ImportReport(path, [], duplicates=duplicates, kind=kind)
    key = pseudonyms.register_vault(wallet)
    report = ImportReport(path, [pipeline.store_file(wallet, key, planned, progress=progress, cancel=cancel)],
                          kind=kind)
    if kind == sources.BUNDLE:
        report.bundle_type = ""
    return report


def _drop_known(wallet: Wallet, planned: list[PlannedRecord]) -> list[Problem]:
    """Fingerprint each record to store; drop (with what derives from it) those the wallet already holds."""
    for item in planned:
        item.meta["fingerprint"] = pipeline.fingerprint(wallet, item)
    heads = [i for i, item in enumerate(planned) if item.parent is None]
    known = pipeline.known_fingerprints(wallet, [planned[i].meta["fingerprint"] for i in heads])
    seen: dict[str, int] = {}
    dropped: set[int] = set()
    duplicates: list[Problem] = []
    for i in heads:
        fp = planned[i].meta["fingerprint"]
        where = _where(planned[i])
        if fp in known:
            duplicates.append(Problem(where, f"already in your wallet as record {known[fp][:12]}"))
            dropped.add(i)
        elif fp in seen:
            duplicates.append(Problem(where, f"the same resource as {_where(planned[seen[fp]])} of this file"))
            dropped.add(i)
        else:
            seen[fp] = i
    if not dropped:
        return duplicates
    keep = [i for i, item in enumerate(planned) if i not in dropped and (item.parent is None or item.parent not in
                                                                          dropped)]
    renumber = {old: new for new, old in enumerate(keep)}
    kept = [planned[i] for i in keep]
    for item in kept:
        if item.parent is not None:
            item.parent = renumber[item.parent]
    planned[:] = kept
    return duplicates


def _where(item: PlannedRecord) -> str:
    entry = item.meta.get("bundle_entry")
    return f"Bundle.entry[{entry}]" if isinstance(entry, int) else str(item.meta.get("filename") or "file")


def _store_plan(wallet: Wallet, plan: BundlePlan, progress: Progress | None, cancel: Cancel | None
                ) -> list[ImportResult]:
    if not plan.planned:
        return []
    key = pseudonyms.register_vault(wallet)
    return pipeline.store_records(wallet, key, plan.planned, progress=progress, cancel=cancel)


def resume_pending(wallet: Wallet, *, progress: Progress | None = None, cancel: Cancel | None = None) -> list[str]:
    """Finish every import (and consent copy) that was interrupted; returns the records completed.

    Each pseudonym's rows go on from where they stopped, its anchors in batches.
    """
    by_pseudonym: dict[int, list[pipeline.Row]] = {}
    for row in pipeline.pending_rows(wallet):
        by_pseudonym.setdefault(row["pseudonym"], []).append(row)
    done: list[str] = []
    for index, rows in by_pseudonym.items():
        key = pseudonyms.register(wallet, index, pseudonyms.role_of(index))
        pipeline.send(wallet, key, rows, progress=progress, cancel=cancel)
        done.extend(row["record"] for row in rows)
    return done

