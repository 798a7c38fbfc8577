"""The audit trail: every read and refusal of the patient's records, each verified.

Events come from the nodes' index by owner pseudonym, but none is believed on its
word: each is accepted only with a Merkle inclusion proof of its transaction against
a header chain verified from genesis, and its content is read from that proven
transaction (the requester's own signed request inside it), not from the index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ledger_client.access import parse_access_request
from ledger_client.errors import LedgerError

from .. import events as wallet_events
from ..wallet import Wallet
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


def refresh(wallet: Wallet, progress: Callable[[str, int, int], None] | None = None) -> list[AuditEvent]:
    """Fetch, verify and store new events for every pseudonym; returns the new ones.

    ``progress("audit", pseudonyms done, pseudonyms)`` after each pseudonym's events."""
    network = wallet.network
    check_history(wallet)  # a node that rewrote its history is refused before any event is read
    known = {row["tx"] for row in wallet.db.query("SELECT tx FROM events WHERE verified=1")}
    names = _names(wallet)
    own = {row["public"] for row in wallet.pseudonyms()}
    fresh = []
    everyone = wallet.pseudonyms()
    for done, pseudo in enumerate(everyone):
        if progress:
            progress("audit", done, len(everyone))
        for entry in network.client.events(owner=pseudo["public"]):
            if entry["tx"] in known:
                continue
            event = _verify(wallet, entry, names, own)
            wallet.db.upsert("events", {**event.__dict__, "seen": 0})
            known.add(event.tx)
            fresh.append(event)
    if progress:
        progress("audit", len(everyone), len(everyone))
    if fresh:
        wallet_events.publish("access_seen", wallet, fresh)
    return fresh


def _names(wallet: Wallet) -> dict[str, str]:
    try:
        return {inst["sign_key"]: inst["name"] for inst in wallet.network.client.institutions()}
    except LedgerError:
        return {}


def _verify(wallet: Wallet, entry: dict[str, Any], names: dict[str, str], own: set[str]) -> AuditEvent:
    proven = wallet.network.light.prove(entry["tx"])
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
