"""The audit trail: every read and refusal of the patient's records, each verified.

Which pseudonyms have new events is learnt from the blocks' compact filters, and each
such pseudonym's events are fetched by that pseudonym alone on a connection of its own
(:mod:`.scan`), so no node learns which pseudonyms belong together. None is believed on its
word: each is accepted only with a Merkle inclusion proof of its transaction against
a header chain verified from genesis, and its content is read from that proven
transaction (the requester's own signed request inside it), not from the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ledger_client.access import parse_access_request
from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import LedgerError
from ledger_client.light import ProvenTx

from .. import events as wallet_events
from ..wallet import Wallet
from . import scan
from .history import check_history


@dataclass(frozen=True)
class AuditEvent:
    tx: str
    kind: str  # "access" or "refusal"
    record: str
    requester: str
    requester_name: str
    consent: str | None
    purpose: str
    reason: str
    height: int
    time: int
    verified: bool


def refresh(wallet: Wallet, spread: float = scan.SPREAD) -> list[AuditEvent]:
    """Fetch, verify and store new events of the pseudonyms the new blocks touch; returns the new ones."""
    check_history(wallet)  # a node that rewrote its history is refused before any event is read
    active, height = scan.active_pseudonyms(wallet)
    known = {row["tx"] for row in wallet.db.query("SELECT tx FROM events WHERE verified=1")}
    names = _names(wallet) if active else {}
    own = {row["public"] for row in wallet.pseudonyms()}

    def fetch(client: LedgerClient, key: SigningKey) -> list[tuple[dict[str, Any], ProvenTx]]:
        entries = [e for e in client.my_events(key) if e["tx"] not in known]
        return [(entry, wallet.network.light.prove(entry["tx"], via=client)) for entry in entries]
    fresh = []
    for proven_entries in scan.each_privately(wallet, [wallet.signing_key(i) for i in active], fetch, spread):
        for _, proven in proven_entries:
            if proven.tx.id in known:
                continue
            event = _event(wallet, proven, names, own)
            wallet.db.upsert("events", {**event.__dict__, "seen": 0})
            known.add(event.tx)
            fresh.append(event)
    scan.mark_scanned(wallet, height)
    if fresh:
        wallet_events.publish("access_seen", wallet, fresh)
    return fresh


def _names(wallet: Wallet) -> dict[str, str]:
    try:
        return {inst["sign_key"]: inst["name"] for inst in wallet.network.client.institutions()}
    except LedgerError:
        return {}


def _event(wallet: Wallet, proven: ProvenTx, names: dict[str, str], own: set[str]) -> AuditEvent:
    tx = proven.tx
    request = parse_access_request(tx.payload["request"], wallet.network.chain_id)
    kind = "access" if tx.type == "access_event" else "refusal"
    reason = tx.payload.get("reason", "consent" if request.consent else "owner")
    name = "You (this wallet)" if request.requester in own else names.get(request.requester, "Unknown requester")
    return AuditEvent(tx=tx.id, kind=kind, record=request.record, requester=request.requester, requester_name=name,
                      consent=request.consent, purpose=request.purpose, reason=reason, height=proven.height,
                      time=proven.block_time, verified=True)


def events(wallet: Wallet, *, record: str | None = None, outcome: str | None = None) -> list[dict[str, Any]]:
    """Stored events, newest first, with the record's title and, for copies, the original."""
    rows = wallet.db.query(
        "SELECT e.*, COALESCE(r.original, e.record) AS original_record, r.title AS title FROM events e "
        "LEFT JOIN records r ON r.record = e.record ORDER BY e.height DESC, e.tx")
    if record:
        rows = [r for r in rows if r["original_record"] == record or r["record"] == record]
    if outcome:
        rows = [r for r in rows if r["kind"] == outcome]
    return rows


def mark_seen(wallet: Wallet) -> None:
    wallet.db.execute("UPDATE events SET seen=1 WHERE seen=0")
