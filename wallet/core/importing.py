"""What importing a file means, decided once for every face (the window and the command line).

* A FHIR Bundle (JSON naming ``resourceType: Bundle`` near its start) is read and checked
  entry by entry and stored whole, byte for byte (the default), or split into one record
  per resource (:mod:`.fhir.bundle_import`); invalid entries are reported, never a reason
  to refuse the whole file. A Bundle too large to parse is stored whole unread.
* Any other file is stored as one record (a single FHIR resource is validated first).

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
from .fhir.bundle_import import BundlePlan, is_bundle, plan_bundle
from .fhir.validate import MAX_FHIR_JSON_BYTES, Problem
from .records import pipeline
from .records.pipeline import Cancel, ImportResult, Progress
from .wallet import Wallet


@dataclass
class ImportReport:
    """What importing one file did: the records stored and, for a FHIR Bundle, its entries
    left out and why."""

    path: Path
    records: list[ImportResult]
    bundle_type: str | None = None  # None: not imported as a FHIR Bundle
    entries: int = 0
    split: bool = False
    problems: list[Problem] = field(default_factory=list)  # invalid entries
    skipped: list[Problem] = field(default_factory=list)  # entries with nothing to import

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
        """A Bundle import as the command line prints it (``--json``)."""
        return {"bundle_type": self.bundle_type or "", "entries": self.entries, "split": self.split,
                "records": [r.__dict__ for r in self.records],
                "problems": [p.__dict__ for p in self.problems], "skipped": [p.__dict__ for p in self.skipped]}


def import_file(wallet: Wallet, path: Path, *, split: bool = False, title: str | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None) -> ImportReport:
    """Import ``path``: a FHIR Bundle whole (or ``split``) with its entries checked, any other file as one record."""
    path = Path(path)
    if split or is_bundle(path):
        return _import_bundle(wallet, path, split, title, progress, cancel)
    planned = pipeline.plan_file(wallet, path, title=title)
    key = pseudonyms.register_vault(wallet)
    return ImportReport(path, [pipeline.store_file(wallet, key, planned, progress=progress, cancel=cancel)])


def _import_bundle(wallet: Wallet, path: Path, split: bool, title: str | None, progress: Progress | None,
                   cancel: Cancel | None) -> ImportReport:
    if not split and path.stat().st_size > MAX_FHIR_JSON_BYTES:
        planned = pipeline.plan_file(wallet, path, title=title)  # too large to read: kept whole, unread
        key = pseudonyms.register_vault(wallet)
        whole = pipeline.store_file(wallet, key, planned, progress=progress, cancel=cancel)
        return ImportReport(path, [whole], bundle_type="")
    plan = plan_bundle(path, split=split, title=title, limit=pipeline.blob_limit(wallet), progress=progress)
    stored = _store_plan(wallet, plan, progress, cancel)
    return ImportReport(path, stored, plan.bundle_type, plan.entries, plan.split, plan.problems, plan.skipped)


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
