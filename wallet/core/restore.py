"""Restore: rebuild a wallet from its 24 words alone by scanning the ledger.

Pseudonym keys are derived from the seed by index, so the wallet tests indices
0, 1, 2... against the blocks' compact filters (locally: no node learns a candidate);
it stops after ``gap_limit`` consecutive unused ones (as HD wallets do). A pseudonym
registered ahead of time and not used yet (:mod:`.pool`) counts as used here (its
registration is in a block) and is restored into the pool. For every
pseudonym found it fetches the records it anchored (downloading each as its owner,
unwrapping the record key with the seed and reading the encrypted metadata), the consents it gave, and the audit trail.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import LedgerError, NotFound

from . import pseudonyms
from .audit import scan, trail
from .audit.history import check_history
from .errors import WalletError
from .keys.sodium import Argon2Limits
from .pool import POOL_ROLE
from .records import pipeline
from .records.blob import open_record, unwrap_key
from .records.library import fetch_blob
from .records.pipeline import Cancel, Progress
from .texts import english
from .wallet import VAULT_PSEUDONYM, Wallet

GAP_LIMIT = 5


def rediscover(wallet: Wallet, *, gap_limit: int = GAP_LIMIT, progress: Progress | None = None,
               cancel: Cancel | None = None) -> dict[str, int]:
    """Find this seed's pseudonyms, records, grants and events; returns counts.

    Which indices were used is learnt from the blocks' compact filters, tested locally
    against the seed's keys (:mod:`.audit.scan`): no node is told a candidate key. Each
    pseudonym found is then asked about by itself alone, on a connection of its own.
    """
    check_history(wallet)
    used: set[int] = set()
    batch = 0
    while True:  # widen the candidate window until gap_limit unused indices follow the last used one
        if cancel and cancel():
            break
        looked, batch = batch, batch + max(4 * gap_limit, 20)
        if progress:
            for index in range(looked, batch):
                progress("scan", index, 0)  # pseudonym indices looked at so far (no known total)
        keys = {bytes.fromhex(wallet.signing_key(i).public): i for i in range(batch)}
        client = scan.fresh_client(wallet)
        try:
            found, _ = scan.matching_keys(client, keys, 1)
        finally:
            client.close()
        used = {keys[k] for k in found}
        if (max(used) if used else -1) + gap_limit < batch:
            break
    indices = sorted(used)
    fetched = scan.each_privately(wallet, [wallet.signing_key(i) for i in indices], _fetch_pseudonym)
    present = [(i, doc) for i, doc in zip(indices, fetched, strict=True) if doc is not None]
    institution_of = {i: doc["consents"][0]["grantee"] for i, doc in present if doc["consents"]}
    # After a re-key (revoke-all) an institution has several relationship pseudonyms: the
    # newest serves from now on, the older ones are restored as retired.
    current = {inst: i for i, inst in sorted(institution_of.items())}
    for i, doc in present:
        role = pseudonyms.role_of(i)
        if i != VAULT_PSEUDONYM and not doc["consents"] and not doc["records"]:
            role = POOL_ROLE  # registered and never used: a pseudonym of the pool (registered ahead of time)
        elif i in institution_of and current[institution_of[i]] != i:
            role = pseudonyms.RETIRED_ROLE
        wallet.db.upsert("pseudonyms", {"idx": i, "public": doc["pseudonym"]["key"], "role": role,
                                        "institution": institution_of.get(i),
                                        "registered_tx": doc["pseudonym"]["tx"]})
    restored = sum(_restore_records(wallet, i, doc, progress, cancel) for i, doc in present)
    grants = sum(_restore_grants(wallet, i, doc["consents"]) for i, doc in present)
    events = len(trail.refresh(wallet, progress=progress))
    # "records" are the patient's own, as the records list shows them; the copies made for
    # institutions are counted apart (a summary must match the list the patient sees).
    originals = wallet.db.one("SELECT COUNT(*) AS n FROM records WHERE original IS NULL AND status != 'deleted'")
    records = int(originals["n"]) if originals else 0
    return {"pseudonyms": len(present), "records": records, "copies": restored - records, "grants": grants,
            "events": events}


def _fetch_pseudonym(client: LedgerClient, key: SigningKey) -> dict[str, Any] | None:
    """One pseudonym's entry, records and consents, asked by it alone; None for a filter's false match."""
    try:
        entry = client.my_pseudonym(key)
    except NotFound:
        return None
    return {"pseudonym": entry, "records": client.my_records(key), "consents": client.my_consents(key)}


def _restore_records(wallet: Wallet, index: int, doc: dict[str, Any], progress: Progress | None,
                     cancel: Cancel | None) -> int:
    count = 0
    client = scan.fresh_client(wallet)  # this pseudonym's downloads share no connection with another's
    try:
        for rec in doc["records"]:
            count += _restore_record(wallet, client, index, rec, progress, cancel)
    finally:
        client.close()
    return count


def _restore_record(wallet: Wallet, client: LedgerClient, index: int, rec: dict[str, Any],
                    progress: Progress | None, cancel: Cancel | None) -> int:
    if rec.get("retired") is not None or wallet.db.one("SELECT 1 FROM records WHERE record=?", (rec["record"],)):
        return 0
    pipeline.insert(wallet, [pipeline.new_row(rec["record"], rec["size"], {"title": "(restoring)",
                                              "category": rec["category"], "size": 0}, index,
                                              status="anchored", anchor_tx=rec["tx"], imported_at=rec["time"])])
    try:
        path = wallet.blob_path(rec["record"])
        if not path.exists():
            path = fetch_blob(wallet, client, wallet.signing_key(index), rec["record"], progress, cancel)
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
    return 1


def _restore_grants(wallet: Wallet, index: int, consents: list[dict[str, Any]]) -> int:
    names: dict[str, str] = {}
    for consent in consents:
        grantee = consent["grantee"]
        if grantee not in names:
            try:
                names[grantee] = wallet.network.client.institution(grantee)["name"]
            except LedgerError:
                names[grantee] = english("party.unknown_institution")
        originals = []
        for copy in consent["records"]:
            row = wallet.db.one("SELECT original FROM records WHERE record=?", (copy,))
            originals.append(row["original"] if row and row["original"] else copy)
        wallet.db.upsert("grants", {"consent": consent["consent"], "pseudonym": index, "institution": grantee,
                                    "institution_name": names[grantee], "records": json.dumps(sorted(originals)),
                                    "purpose": consent["purpose"], "not_before": consent["not_before"],
                                    "expires_at": consent["expires_at"], "envelope": consent.get("envelope"),
                                    "revoked_at": consent.get("revoked_at"), "created_at": consent.get("time", 0),
                                    "max_reads": consent.get("max_reads"), "reads_left": consent.get("reads_left")})
    return len(consents)


def restore(directory: Path, phrase: str, *, nodes: list[str], genesis_hash: str | None = None,
            passphrase: str | None = None, use_keyring: bool = True, kdf_limits: Argon2Limits | None = None,
            progress: Progress | None = None, cancel: Cancel | None = None) -> tuple[Wallet, dict[str, Any]]:
    """Create a wallet from ``phrase`` in a new directory and rediscover everything
    (no ``nodes``: on the embedded network of this computer)."""
    wallet, _ = Wallet.create(directory, phrase=phrase, passphrase=passphrase, use_keyring=use_keyring,
                              nodes=nodes, genesis_hash=genesis_hash, kdf_limits=kdf_limits, embedded=not nodes)
    started = time.monotonic()
    summary: dict[str, Any] = dict(rediscover(wallet, progress=progress, cancel=cancel))
    summary["seconds"] = round(time.monotonic() - started, 2)
    return wallet, summary
