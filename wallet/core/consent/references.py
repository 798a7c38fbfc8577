"""What a shared FHIR resource refers to, shared with it: the clinic can resolve its references.

A resource split out of a Bundle points at others of the same Bundle: an Observation's
``subject`` (the Patient) and ``encounter``, a MedicationRequest's ``medicationReference``.
Shared alone, those references resolve to nothing the clinic received. Medwallet's choice:
**share what a reference needs**. Before a grant, every FHIR record in scope is read (on
this computer), its references to a patient, encounter, medication or performer are
resolved against the patient's other records (by ``fullUrl`` and ``Type/id`` of the same
source), and the records they name are added to the consent, each with the reason shown
to the patient. The shared copies keep the bytes of the resources as the hospital sent
them (nothing is rewritten, so a signature over them stays valid).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from ledger_client.errors import LedgerError

from ..errors import WalletError
from ..records.blob import decrypt_content, unwrap_key
from ..records.library import ensure_local_blob
from ..wallet import Wallet

# The reference elements a reader needs resolved to make sense of a resource.
FOLLOWED = ("subject", "patient", "encounter", "context", "medicationReference", "beneficiary")
MAX_DEPTH = 2  # an Encounter's own subject is followed too


@dataclass(frozen=True)
class Added:
    """A record added to a grant because a shared record refers to it."""

    record: str
    title: str
    because: str  # e.g. "Observation.subject of “Observation: Hb 13 g/dL”"


def needed(wallet: Wallet, records: list[str]) -> list[Added]:
    """The patient's records that ``records`` refer to (transitively, a little), not already in ``records``."""
    index = _index(wallet)
    if not index:
        return []
    chosen = set(records)
    added: list[Added] = []
    frontier = [r for r in records if r in index.by_record]
    for _ in range(MAX_DEPTH):
        following: list[str] = []
        for record in frontier:
            source = index.by_record[record]
            for element, target in _references(source["resource"]):
                found = index.resolve(target, source)
                if found is None or found in chosen:
                    continue
                chosen.add(found)
                following.append(found)
                added.append(Added(found, index.by_record[found]["title"],
                                   f"{source['resource'].get('resourceType')}.{element} of “{source['title']}”"))
        frontier = following
    return added


class _Index:
    def __init__(self) -> None:
        self.by_record: dict[str, dict[str, Any]] = {}
        self.by_key: dict[tuple[str | None, str], str] = {}

    def add(self, record: str, title: str, meta: dict[str, Any], resource: dict[str, Any]) -> None:
        entry = {"record": record, "title": title, "meta": meta, "resource": resource}
        self.by_record[record] = entry
        # Scoped by source file first; then across files (the same Patient imported from an
        # earlier export is not stored twice, so a later export's references find that one).
        for scope in (meta.get("bundle_sha256"), None):
            if isinstance(meta.get("full_url"), str):
                self.by_key.setdefault((scope, meta["full_url"]), record)
            rid = resource.get("id")
            if isinstance(rid, str):
                self.by_key.setdefault((scope, f"{resource.get('resourceType')}/{rid}"), record)

    def resolve(self, target: str, source: dict[str, Any]) -> str | None:
        scope = source["meta"].get("bundle_sha256")
        if target in ("", "#") or target.startswith("#"):
            return None
        tail = "/".join(target.rstrip("/").split("/")[-2:])
        return (self.by_key.get((scope, target)) or self.by_key.get((scope, tail))
                or self.by_key.get((None, target)) or self.by_key.get((None, tail)))


def own_resources(wallet: Wallet) -> list[dict[str, Any]]:
    """The patient's own split FHIR records, each ``{"record", "title", "meta", "resource"}``."""
    return list(_index(wallet).by_record.values())


def _index(wallet: Wallet) -> _Index:
    """The patient's own FHIR records (split resources) with their content, read locally."""
    index = _Index()
    rows = wallet.db.query("SELECT * FROM records WHERE original IS NULL AND status='anchored' AND category='fhir' "
                           "AND fhir_type IS NOT NULL AND fhir_type != 'Bundle' AND size <= 1048576")
    for row in rows:
        try:
            path = ensure_local_blob(wallet, row["record"])
            key, _ = unwrap_key(path, wallet.wrap_key())
            sink = io.BytesIO()
            meta = decrypt_content(path, key, sink)
            resource = json.loads(sink.getvalue().decode("utf-8-sig"))
        except (OSError, ValueError, UnicodeDecodeError, WalletError, LedgerError):
            continue  # a record that cannot be read now is simply not offered
        if isinstance(resource, dict):
            index.add(row["record"], row["title"], meta, resource)
    return index


def _references(resource: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for element in FOLLOWED:
        value = resource.get(element)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("reference"), str):
                found.append((element, item["reference"]))
    return found
