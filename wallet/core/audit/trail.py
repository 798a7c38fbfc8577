"""The audit trail: every read and refusal of the patient's records, and every deletion,
each verified.

Which pseudonyms have new events is learnt from the blocks' compact filters, and each
such pseudonym's events (reads and refusals from the nodes' index, deletions from its
record entries: a retired record names its ``retire_record`` transaction) are fetched by
that pseudonym alone on a connection of its own (:mod:`.scan`), so no node learns which
pseudonyms belong together. None is believed on its word: each is accepted only with a
Merkle inclusion proof of its transaction against a header chain verified from genesis,
and its content is read from that proven transaction (the requester's own signed request
inside it, or the deletion signed by the wallet's own pseudonym), not from the index.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ledger_client.access import parse_access_request
from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import IntegrityError, LedgerError
from ledger_client.light import ProvenTx

from .. import events as wallet_events
from ..pool import POOL_ROLE
from ..texts import english
from ..wallet import Wallet
from . import scan
from .history import check_history


@dataclass(frozen=True)
class AuditEvent:
    tx: str
    kind: str  # "access", "refusal", "deletion", or an emergency step ("emergency_request", ...)
    record: str
    requester: str
    requester_name: str
    consent: str | None
    purpose: str
    reason: str
    height: int
    time: int
    verified: bool


def refresh(wallet: Wallet, spread: float = scan.SPREAD,
            progress: Callable[[str, int, int], None] | None = None) -> list[AuditEvent]:
    """Fetch, verify and store new events of the pseudonyms the new blocks touch; returns the new ones.

    ``progress("audit", pseudonyms fetched, pseudonyms)`` as each one's events arrive."""
    check_history(wallet)  # a node that rewrote its history is refused before any event is read
    active, height = scan.active_pseudonyms(wallet)
    # A pool pseudonym not taken yet has no records, so nothing to read or delete: its only
    # transaction is its own registration. Fetching it beside the others would tie it to them
    # in time (a refresh's fetches fall within seconds), undoing what registering it apart did.
    waiting = {row["idx"] for row in wallet.pseudonyms() if row["role"] == POOL_ROLE}
    active = [index for index in active if index not in waiting]
    known = {row["tx"] for row in wallet.db.query("SELECT tx FROM events WHERE verified=1")}
    names = _names(wallet) if active else {}
    own = {row["public"] for row in wallet.pseudonyms()}

    idx_of = {row["public"]: row["idx"] for row in wallet.pseudonyms()}
    progress_lock, fetched = threading.Lock(), [0]

    def fetch(client: LedgerClient, key: SigningKey) -> tuple[str, list[ProvenTx], list[ProvenTx]]:
        entries = [e for e in client.my_events(key) if e["tx"] not in known]
        deletions = [r["retired_tx"] for r in client.my_records(key)
                     if r.get("retired_tx") and r["retired_tx"] not in known]
        light = wallet.network.light
        result = (key.public, [light.prove(e["tx"], via=client) for e in entries],
                  [light.prove(tx_id, via=client) for tx_id in deletions])
        if progress:
            with progress_lock:  # each pseudonym is fetched in a thread of its own
                fetched[0] += 1
                progress("audit", fetched[0], len(active))
        return result
    fresh: list[AuditEvent] = []
    openings: list[ProvenTx] = []
    if progress:
        progress("audit", 0, len(active))
    for public, proven_events, proven_deletions in scan.each_privately(
            wallet, [wallet.signing_key(i) for i in active], fetch, spread):
        for proven in proven_deletions:
            if proven.tx.id not in known:
                event = _deletion(proven, public)
                wallet.db.upsert("events", {**event.__dict__, "seen": 0})
                known.add(event.tx)
                fresh.append(event)
        for proven in proven_events:
            if proven.tx.id in known:
                continue
            event = _event(wallet, proven, names, own, idx_of.get(public, -1))
            wallet.db.upsert("events", {**event.__dict__, "seen": 0})
            known.add(event.tx)
            fresh.append(event)
            if event.kind == "access" and event.purpose == LINK_PURPOSE:
                openings.append(proven)
    for opening in openings:  # after the loop: the attempt an opening names may come later in the list
        _settle_attempt(wallet, opening)
    scan.mark_scanned(wallet, height)
    if fresh:
        wallet_events.publish("access_seen", wallet, fresh)
    return fresh


def _names(wallet: Wallet) -> dict[str, str]:
    try:
        return {inst["sign_key"]: inst["name"] for inst in wallet.network.client.institutions()}
    except LedgerError:
        return {}


LINK_PURPOSE = "shlink"  # the purpose column of a SMART Health Link event


def _event(wallet: Wallet, proven: ProvenTx, names: dict[str, str], own: set[str], pseudonym: int) -> AuditEvent:
    tx = proven.tx
    if tx.type in ("link_access", "link_attempt"):
        return _link_event(wallet, proven, pseudonym)
    if tx.type in EMERGENCY_KINDS:
        return _emergency_event(proven, names)
    request = parse_access_request(tx.payload["request"], wallet.network.chain_id)
    kind = "access" if tx.type == "access_event" else "refusal"
    reason = tx.payload.get("reason", "consent" if request.consent else "owner")
    if kind == "access" and request.purpose == "emergency" and _is_emergency_pseudonym(wallet, pseudonym):
        reason = "emergency"  # a read under an emergency request, not under a consent
    name = english("party.you") if request.requester in own else \
        names.get(request.requester, english("party.unknown_requester"))
    return AuditEvent(tx=tx.id, kind=kind, record=request.record, requester=request.requester, requester_name=name,
                      consent=request.consent, purpose=request.purpose, reason=reason, height=proven.height,
                      time=proven.block_time, verified=True)


EMERGENCY_KINDS = ("emergency_request", "emergency_decide", "emergency_release")
EMERGENCY_PURPOSE = "emergency"
EMERGENCY_SET = "your emergency set"
EMERGENCY_GUARDIAN = english("party.guardian")


def _is_emergency_pseudonym(wallet: Wallet, index: int) -> bool:
    row = wallet.db.one("SELECT role FROM pseudonyms WHERE idx=?", (index,))
    return bool(row and row["role"] == "emergency")


def _emergency_event(proven: ProvenTx, names: dict[str, str]) -> AuditEvent:
    """A step of break-glass access to the patient's emergency set, from its proven transaction:
    an institution's request, the patient's approval or veto, a node's release of its key share."""
    tx = proven.tx
    if tx.type == "emergency_request":
        kind, request, requester, reason = "emergency_request", tx.id, tx.signer, tx.payload["reason"]
    elif tx.type == "emergency_decide":
        kind, request, requester = "emergency_" + tx.payload["decision"], tx.payload["request"], tx.signer
        reason = tx.payload["decision"]
    else:
        release = tx.payload["release"]["release"]
        kind, request, requester, reason = "emergency_release", tx.payload["request"], release["requester"], "BTG"
    if kind in ("emergency_approve", "emergency_veto"):
        # a guardian's decision names the delegation it acts under; never shown as the patient's own
        name = EMERGENCY_GUARDIAN if tx.payload.get("delegation") else english("party.you")
    else:
        name = names.get(requester, english("party.unknown_institution"))
    return AuditEvent(tx=tx.id, kind=kind, record=request, requester=requester, requester_name=name,
                      consent=request, purpose=EMERGENCY_PURPOSE, reason=reason, height=proven.height,
                      time=proven.block_time, verified=True)


DELETION_PURPOSE = "patient_request"


def _deletion(proven: ProvenTx, pseudonym: str) -> AuditEvent:
    """A record's deletion, from its proven ``retire_record`` transaction signed by ``pseudonym``."""
    tx = proven.tx
    if tx.type != "retire_record" or tx.signer != pseudonym:
        raise IntegrityError("the node named as a record's deletion a transaction that is not one")
    return AuditEvent(tx=tx.id, kind="deletion", record=tx.payload["record"], requester=pseudonym,
                      requester_name=english("party.you"), consent=None, purpose=DELETION_PURPOSE,
                      reason="deleted", height=proven.height, time=proven.block_time, verified=True)


def _link_event(wallet: Wallet, proven: Any, pseudonym: int) -> AuditEvent:
    """An opening of (or a passcode attempt on) one of the patient's SMART Health Links."""
    from ..shl.sharing import opened_by

    tx = proven.tx
    link = tx.payload["link"]
    row = wallet.db.one("SELECT label FROM shlinks WHERE link=?", (link,))
    recipient = tx.payload["recipient"]
    name = opened_by(wallet, pseudonym, recipient["sealed"], recipient["commitment"])
    label = f"“{row['label']}”" if row and row["label"] else link[:12]
    if tx.type == "link_access":
        kind, reason, who = "access", "link", f"{name} (SMART Health Link {label})"
    else:  # counted wrong until an opening names it (see _settle_attempt)
        kind, reason, who = "refusal", "wrong_passcode", f"{name} (passcode for SMART Health Link {label})"
    return AuditEvent(tx=tx.id, kind=kind, record=link, requester=tx.signer, requester_name=who, consent=None,
                      purpose=LINK_PURPOSE, reason=reason, height=proven.height, time=proven.block_time,
                      verified=True)


def _settle_attempt(wallet: Wallet, opening: ProvenTx) -> None:
    """The attempt a link opening names had the right passcode: it is not a refusal."""
    attempt = opening.tx.payload.get("attempt")
    if attempt:
        wallet.db.execute("UPDATE events SET kind='attempt', reason='passcode_right' WHERE tx=?", (attempt,))


def events(wallet: Wallet, *, record: str | None = None, outcome: str | None = None) -> list[dict[str, Any]]:
    """Stored events, newest first, with the record's title (empty once it was deleted:
    ``record_deleted`` says so) and, for copies, the original."""
    rows = wallet.db.query(
        "SELECT e.*, COALESCE(r.original, e.record) AS original_record, r.title AS title, "
        "r.status = 'deleted' AS record_deleted FROM events e "
        "LEFT JOIN records r ON r.record = e.record ORDER BY e.height DESC, e.tx")
    if record:
        rows = [r for r in rows if r["original_record"] == record or r["record"] == record]
    if outcome:
        rows = [r for r in rows if r["kind"] == outcome]
    return rows


def mark_seen(wallet: Wallet) -> None:
    wallet.db.execute("UPDATE events SET seen=1 WHERE seen=0")


def access_log(wallet: Wallet, *, record: str | None = None, outcome: str | None = None) -> list[dict[str, Any]]:
    """The access log as the patient reads it: one row per read or refusal, newest first.

    A desk reads a consent in one go: first the consent's key envelope (the keys of the
    copies), then each record. The envelope is no record of the patient's, so its fetch is
    folded into the reads it served: each record read carries it (``keys_tx``), a refusal
    at the envelope (the first fetch after a revocation) names the consent's records, and
    keys fetched with no record read after them (an interrupted read) make one row of
    their own (``keys_only``). Every folded event is verified like the others; ``txs``
    lists a row's transactions. A row under a limited-use consent carries ``max_reads`` and
    ``reads_left`` (the consent's, as the grants list last refreshed it). Filters: ``record``
    (an original or a copy id), ``outcome`` ("access" or "refusal").
    """
    grants = {row["consent"]: row for row in wallet.db.query(
        "SELECT consent, envelope, records, max_reads, reads_left FROM grants")}
    envelopes = {row["envelope"]: row["consent"] for row in grants.values() if row["envelope"]}
    titles = {row["record"]: row["title"] for row in wallet.db.query("SELECT record, title FROM records")}

    def covered(event: dict[str, Any]) -> list[str]:
        return list(json.loads(grants[envelopes[event["record"]]]["records"]))

    rows: list[dict[str, Any]] = []
    last_keys: dict[tuple[str | None, str], dict[str, Any]] = {}  # (consent, requester) -> its last envelope fetch
    unused: dict[str, dict[str, Any]] = {}  # envelope fetches no record read followed yet
    for event in reversed(events(wallet)):  # oldest first: an envelope fetch precedes the reads it served
        who = (event["consent"], event["requester"])
        if event["record"] in envelopes:
            if event["kind"] == "access":
                last_keys[who] = unused[event["tx"]] = event
            else:
                rows.append(_row(event, covered(event), titles, None))
            continue
        if str(event["kind"]).startswith("emergency_") or event["reason"] == "emergency":
            rows.append({**_row(event, [], titles, None), "what": EMERGENCY_SET, "title": EMERGENCY_SET,
                         "titles": [EMERGENCY_SET], "emergency": True})
            continue
        served = last_keys.get(who)
        if served is not None:
            unused.pop(served["tx"], None)
        rows.append(_row(event, [event["original_record"]], titles, served))
    rows += [{**_row(event, covered(event), titles, None), "keys_only": True} for event in unused.values()]
    rows.sort(key=lambda r: (r["height"], r["time"], r["tx"]), reverse=True)
    for row in rows:  # a limited-use consent: how many reads it allowed and has left (as last refreshed)
        limited = grants.get(row["consent"] or "")
        if limited is not None and limited["max_reads"] is not None:
            row["max_reads"], row["reads_left"] = limited["max_reads"], limited["reads_left"]
    if record:
        rows = [r for r in rows if record in r["records"] or record == r["record"]]
    if outcome:
        rows = [r for r in rows if r["kind"] == outcome]
    return rows


def _row(event: dict[str, Any], originals: list[str], titles: dict[str, str], served: dict[str, Any] | None
         ) -> dict[str, Any]:
    """One row of the access log: ``event`` and the envelope fetch that served it (if any)."""
    names = [titles.get(r) or "a deleted record" for r in originals]
    folded = [served, event] if served is not None else [event]
    return {**event, "records": originals, "titles": names, "what": ", ".join(names), "title": ", ".join(names),
            "txs": [e["tx"] for e in folded], "verified": all(bool(e["verified"]) for e in folded),
            "keys_tx": served["tx"] if served is not None else None, "keys_only": False}
