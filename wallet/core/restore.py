"""Restore: rebuild a wallet from its 24 words alone by scanning the ledger.

Pseudonym keys are derived from the seed by index, so the wallet walks indices
0, 1, 2... and asks the ledger about each; it stops after ``gap_limit`` consecutive
unused ones (as HD wallets do). For every pseudonym found it fetches the records it
anchored (downloading each as its owner, unwrapping the record key with the seed and
reading the encrypted metadata), the consents it gave, and the audit trail.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ledger_client.errors import LedgerError, NotFound

from . import pseudonyms
from .audit import trail
from .errors import WalletError
from .keys.sodium import Argon2Limits
from .records import pipeline
from .records.blob import open_record, unwrap_key
from .records.library import ensure_local_blob
from .records.pipeline import Cancel, Progress
from .wallet import Wallet

GAP_LIMIT = 5


def rediscover(wallet: Wallet, *, gap_limit: int = GAP_LIMIT, progress: Progress | None = None,
               cancel: Cancel | None = None) -> dict[str, int]:
    """Find this seed's pseudonyms, records, grants and events; returns counts."""
    client = wallet.network.client
    found: list[tuple[int, str, dict[str, Any]]] = []
    gap, index = 0, 0
    while gap < gap_limit:
        if cancel and cancel():
            break
        if progress:
            progress("scan", index, 0)  # pseudonym indices looked at so far (no known total)
        key = wallet.signing_key(index)
        try:
            entry = client.pseudonym(key.public)
        except NotFound:
            gap += 1
            index += 1
            continue
        gap = 0
        found.append((index, key.public, entry))
        index += 1
    grants_by_pseudonym = {i: client.consents(grantor=public) for i, public, _ in found}
    institution_of = {i: items[0]["grantee"] for i, items in grants_by_pseudonym.items() if items}
    current = {inst: i for i, inst in sorted(institution_of.items())}  # the newest serves; older ones were re-keyed
    for i, public, entry in found:
        role = pseudonyms.role_of(i)
        if i in institution_of and current[institution_of[i]] != i:
            role = pseudonyms.RETIRED_ROLE
        wallet.db.upsert("pseudonyms", {"idx": i, "public": public, "role": role,
                                        "institution": institution_of.get(i), "registered_tx": entry["tx"]})
    records = sum(_restore_records(wallet, i, public, progress, cancel) for i, public, _ in found)
    grants = sum(_restore_grants(wallet, i, items) for i, items in grants_by_pseudonym.items())
    events = len(trail.refresh(wallet))
    return {"pseudonyms": len(found), "records": records, "grants": grants, "events": events}


def _restore_records(wallet: Wallet, index: int, public: str, progress: Progress | None, cancel: Cancel | None) -> int:
    count = 0
    for rec in wallet.network.client.records(public):
        if rec.get("retired") is not None or wallet.db.one("SELECT 1 FROM records WHERE record=?", (rec["record"],)):
            continue
        pipeline.insert(wallet, [pipeline.new_row(rec["record"], rec["size"], {"title": "(restoring)",
                                                  "category": rec["category"], "size": 0}, index,
                                                  status="anchored", anchor_tx=rec["tx"], imported_at=rec["time"])])
        try:
            path = ensure_local_blob(wallet, rec["record"], progress, cancel)
            key, original = unwrap_key(path, wallet.wrap_key())
            meta = open_record(path, key, None)
        except (LedgerError, WalletError):
            wallet.db.execute("DELETE FROM records WHERE record=?", (rec["record"],))
            raise
        wallet.db.execute(
            "UPDATE records SET title=?, filename=?, media_type=?, fhir_type=?, record_date=?, size=?, original=? "
            "WHERE record=?", (meta.get("title") or "Record", meta.get("filename"), meta.get("media_type"),
                               meta.get("fhir_type"), meta.get("record_date"), int(meta.get("size") or 0),
                               original, rec["record"]))
        count += 1
    return count


def _restore_grants(wallet: Wallet, index: int, consents: list[dict[str, Any]]) -> int:
    names: dict[str, str] = {}
    for consent in consents:
        grantee = consent["grantee"]
        if grantee not in names:
            try:
                names[grantee] = wallet.network.client.institution(grantee)["name"]
            except LedgerError:
                names[grantee] = "Unknown institution"
        originals = []
        for copy in consent["records"]:
            row = wallet.db.one("SELECT original FROM records WHERE record=?", (copy,))
            originals.append(row["original"] if row and row["original"] else copy)
        wallet.db.upsert("grants", {"consent": consent["consent"], "pseudonym": index, "institution": grantee,
                                    "institution_name": names[grantee], "records": json.dumps(sorted(originals)),
                                    "purpose": consent["purpose"], "not_before": consent["not_before"],
                                    "expires_at": consent["expires_at"], "envelope": consent.get("envelope"),
                                    "revoked_at": consent.get("revoked_at"), "created_at": consent.get("time", 0)})
    return len(consents)


def restore(directory: Path, phrase: str, *, nodes: list[str], genesis_hash: str | None = None,
            passphrase: str | None = None, use_keyring: bool = True, kdf_limits: Argon2Limits | None = None,
            progress: Progress | None = None, cancel: Cancel | None = None) -> tuple[Wallet, dict[str, Any]]:
    """Create a wallet from ``phrase`` in a new directory and rediscover everything."""
    wallet, _ = Wallet.create(directory, phrase=phrase, passphrase=passphrase, use_keyring=use_keyring,
                              nodes=nodes, genesis_hash=genesis_hash, kdf_limits=kdf_limits)
    started = time.monotonic()
    summary: dict[str, Any] = dict(rediscover(wallet, progress=progress, cancel=cancel))
    summary["seconds"] = round(time.monotonic() - started, 2)
    return wallet, summary
