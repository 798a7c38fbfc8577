"""The access log as FHIR R4 AuditEvents following IHE Basic Audit Log Patterns (BALP).

Each verified read of a record is an AuditEvent of the ``IHE.BasicAudit.PatientRead``
pattern: ``type`` audit-event-type#rest, ``subtype`` restful-interaction#read, ``action``
R, ``recorded`` (the block time), ``outcome`` 0, and the agents as BALP defines them
for a read — the client (the requester's application) DCM#110152 *Destination Role ID*
(the data flows to it), the server (the ledger node that served and recorded the read)
DCM#110153 *Source Role ID*, each with ``who`` and ``network``, and the requester as the
information recipient (v3-ParticipationType#IRCP, ``requestor`` true, purpose of use).
Entities: the data (the record, by the SHA-256 of its ciphertext, object-role#4), the
Patient (the owning pseudonym, object-role#1) and the consent used (object-role#13).

A refusal follows the same pattern with ``outcome`` 4 (refused by the consent rules) or
8 (the node could not serve the data) and ``outcomeDesc`` the reason; it does not claim
the PatientRead profile, which fixes the outcome to success.

The ledger records no IP address, so a client's ``network`` is the Medwallet network it
used (type URI); a server's is the node's URL when known. Each event carries the
``ledger-anchor`` extension (transaction id and block height) to be checked against the
ledger; with ``prove`` the serving node and block hash come from a fresh inclusion proof.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledger_client.client import LedgerClient
from ledger_client.contract import REASON_TEXT
from ledger_client.errors import LedgerError

from ..audit import trail
from ..wallet import VAULT_PSEUDONYM, Wallet
from .bundle_export import collection_bundle, write_json
from .codes import (
    ACT_REASON,
    AUDIT_ENTITY_TYPE,
    AUDIT_EVENT_TYPE,
    BALP_PATIENT_READ,
    DCM,
    NETWORK_TYPE_URI,
    OBJECT_ROLE,
    PARTICIPATION,
    RESOURCE_TYPES,
    RESTFUL_INTERACTION,
    SOURCE_TYPE,
    SYS_INSTITUTION,
    SYS_LEDGER_TX,
    SYS_NETWORK,
    SYS_NODE,
    SYS_PSEUDONYM,
    SYS_RECORD,
    instant,
    ledger_anchor,
    purpose_coding,
    ref,
)
from .validate import require_valid

SERVER_SIDE_REASONS = {"blob_unavailable"}


@dataclass
class _Context:
    chain_id: str
    network_name: str
    own: dict[str, int]  # pseudonym public key -> index
    owners: dict[str, int]  # record or envelope -> owning pseudonym index
    publics: dict[int, str]
    node_urls: dict[str, str] = field(default_factory=dict)
    emergency: int | None = None  # the emergency set's pseudonym index, if the wallet has one


def _context(wallet: Wallet, prove: bool) -> _Context:
    pseudonyms = wallet.pseudonyms()
    owners = {r["record"]: r["pseudonym"] for r in wallet.db.query("SELECT record, pseudonym FROM records")}
    for g in wallet.db.query("SELECT consent, envelope, pseudonym FROM grants"):
        owners.setdefault(g["consent"], g["pseudonym"])
        if g["envelope"]:
            owners.setdefault(g["envelope"], g["pseudonym"])
    ctx = _Context(wallet.network.chain_id, wallet.settings.network_name or "",
                   {p["public"]: p["idx"] for p in pseudonyms}, owners, {p["idx"]: p["public"] for p in pseudonyms})
    ctx.emergency = max((p["idx"] for p in pseudonyms if p["role"] == "emergency"), default=None)
    if prove:
        ctx.node_urls = node_urls(wallet.settings.nodes)
    return ctx


def node_urls(urls: list[str]) -> dict[str, str]:
    """Which configured URL each reachable node key answers on."""
    found = {}
    for url in urls:
        client = LedgerClient([url], retries=1)
        try:
            found[client.status()["node_key"]] = url.rstrip("/")
        except (LedgerError, KeyError):
            pass
        finally:
            client.close()
    return found


def _coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"system": system, "code": code, "display": display}


def _requester(ctx: _Context, event: dict[str, Any]) -> dict[str, Any]:
    key = event["requester"]
    if key in ctx.own:
        return ref(SYS_PSEUDONYM, key, "Patient")
    return ref(SYS_INSTITUTION, key, "Organization", event.get("requester_name") or None)


def is_emergency(event: dict[str, Any]) -> bool:
    """A step of break-glass access, or a read under an emergency request."""
    return str(event["kind"]).startswith("emergency_") or event["reason"] == "emergency"


# v3-ActReason: break the glass (what every emergency step and read is exported with)
BTG = {"system": ACT_REASON, "code": "BTG", "display": "break the glass"}
EMERGENCY_TX = {"emergency_request": "emergency_request", "emergency_approve": "emergency_decide",
                "emergency_veto": "emergency_decide", "emergency_release": "emergency_release"}
EMERGENCY_TEXT = {"emergency_request": "an institution asked for emergency (break-glass) access",
                  "emergency_approve": "the patient approved the emergency request",
                  "emergency_veto": "the patient vetoed the emergency request",
                  "emergency_release": "a node released its key share of the emergency set"}
GUARDIAN_TEXT = {"emergency_approve": "approved by the patient's guardian (a delegate) for the patient",
                 "emergency_veto": "vetoed by the patient's guardian (a delegate) for the patient"}


def _owner(ctx: _Context, event: dict[str, Any]) -> str:
    if is_emergency(event) and ctx.emergency is not None:
        return ctx.publics[ctx.emergency]
    index = ctx.owners.get(event["record"], ctx.owners.get(event.get("consent") or "", VAULT_PSEUDONYM))
    return ctx.publics.get(index) or ctx.publics.get(VAULT_PSEUDONYM, "")


def _outcome(event: dict[str, Any]) -> str:
    if event["kind"] == "access" or event["kind"] in EMERGENCY_TX:
        return "0"
    return "8" if event["reason"] in SERVER_SIDE_REASONS else "4"


def audit_event_resource(ctx: _Context, event: dict[str, Any], node: str | None = None,
                         block_hash: str | None = None) -> dict[str, Any]:
    """One stored access or refusal event (a row of :func:`trail.events`) as a BALP AuditEvent."""
    if event["kind"] == "deletion":
        return deletion_event_resource(ctx, event, node, block_hash)
    tx_type = EMERGENCY_TX.get(event["kind"]) or ("access_event" if event["kind"] == "access" else "refusal_event")
    purpose = BTG if is_emergency(event) else purpose_coding(event["purpose"])
    network_urn = f"urn:medwallet:{ctx.chain_id}"
    node_ref = ref(SYS_NODE, node, "Device", "Medwallet ledger node") if node else \
        ref(SYS_NETWORK, ctx.chain_id, "Device", "Medwallet ledger")
    server_address = ctx.node_urls.get(node or "") or (f"urn:medwallet:{ctx.chain_id}:node:{node}" if node
                                                        else network_urn)
    requester = _requester(ctx, event)
    user = {"type": {"coding": [_coding(PARTICIPATION, "IRCP", "information recipient")]}, "who": requester,
            "requestor": True, "purposeOfUse": [{"coding": [purpose]}]}
    if event.get("consent"):
        user["policy"] = [f"urn:medwallet:{ctx.chain_id}:tx:{event['consent']}"]
    doc: dict[str, Any] = {
        "resourceType": "AuditEvent", "id": event["tx"],
        "extension": [ledger_anchor(ctx.chain_id, event["tx"], tx_type, event["height"], block_hash)],
        "type": _coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"),
        "subtype": [_coding(RESTFUL_INTERACTION, "read", "read")],
        "action": "R", "recorded": instant(event["time"]), "outcome": _outcome(event),
        "purposeOfEvent": [{"coding": [purpose]}],
        "agent": [
            {"type": {"coding": [_coding(DCM, "110152", "Destination Role ID")]}, "who": requester,
             "requestor": False, "network": {"address": network_urn, "type": NETWORK_TYPE_URI}},
            {"type": {"coding": [_coding(DCM, "110153", "Source Role ID")]}, "who": node_ref,
             "requestor": False, "network": {"address": server_address, "type": NETWORK_TYPE_URI}},
            user,
        ],
        "source": {"site": ctx.network_name or ctx.chain_id[:16], "observer": node_ref,
                   "type": [_coding(SOURCE_TYPE, "4", "Application Server")]},
        "entity": _entities(ctx, event),
    }
    if event["kind"] == "access":
        doc["meta"] = {"profile": [BALP_PATIENT_READ]}
    elif event["kind"] in EMERGENCY_TX:
        doc["outcomeDesc"] = EMERGENCY_TEXT[event["kind"]]
        if event.get("requester_name") == trail.EMERGENCY_GUARDIAN:
            doc["outcomeDesc"] = GUARDIAN_TEXT[event["kind"]]
    else:
        doc["outcomeDesc"] = f"{REASON_TEXT.get(event['reason'], event['reason'])} ({event['reason']})"
    return require_valid(doc)


def deletion_event_resource(ctx: _Context, event: dict[str, Any], node: str | None = None,
                            block_hash: str | None = None) -> dict[str, Any]:
    """A deletion by the patient as an AuditEvent of BALP's delete pattern: restful-interaction#delete,
    action D, the patient (the owning pseudonym) the requesting agent, purpose patient request."""
    node_ref = ref(SYS_NODE, node, "Device", "Medwallet ledger node") if node else \
        ref(SYS_NETWORK, ctx.chain_id, "Device", "Medwallet ledger")
    patient = ref(SYS_PSEUDONYM, event["requester"], "Patient")
    purpose = {"system": ACT_REASON, "code": "PATRQT", "display": "patient requested"}
    doc: dict[str, Any] = {
        "resourceType": "AuditEvent", "id": event["tx"],
        "extension": [ledger_anchor(ctx.chain_id, event["tx"], "retire_record", event["height"], block_hash)],
        "type": _coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"),
        "subtype": [_coding(RESTFUL_INTERACTION, "delete", "delete")],
        "action": "D", "recorded": instant(event["time"]), "outcome": "0",
        "purposeOfEvent": [{"coding": [purpose]}],
        "agent": [
            {"type": {"coding": [_coding(DCM, "110153", "Source Role ID")]}, "who": patient, "requestor": True,
             "network": {"address": f"urn:medwallet:{ctx.chain_id}", "type": NETWORK_TYPE_URI}},
            {"type": {"coding": [_coding(DCM, "110152", "Destination Role ID")]}, "who": node_ref,
             "requestor": False, "network": {"address": ctx.node_urls.get(node or "") or
                                             f"urn:medwallet:{ctx.chain_id}", "type": NETWORK_TYPE_URI}},
        ],
        "source": {"site": ctx.network_name or ctx.chain_id[:16], "observer": node_ref,
                   "type": [_coding(SOURCE_TYPE, "4", "Application Server")]},
        "entity": _entities(ctx, event),
    }
    return require_valid(doc)


def _entities(ctx: _Context, event: dict[str, Any]) -> list[dict[str, Any]]:
    data: dict[str, Any] = {"what": ref(SYS_RECORD, event["record"]),
                            "type": _coding(AUDIT_ENTITY_TYPE, "2", "System Object"),
            "role": _coding(OBJECT_ROLE, "4", "Domain Resource")}
    original = event.get("original_record")
    if original and original != event["record"]:
        data["detail"] = [{"type": "original-record-sha256", "valueString": original}]
    entities = [data, {"what": ref(SYS_PSEUDONYM, _owner(ctx, event), "Patient"),
                       "type": _coding(AUDIT_ENTITY_TYPE, "1", "Person"), "role": _coding(OBJECT_ROLE, "1", "Patient")}]
    if event.get("consent"):
        entities.append({"what": ref(SYS_LEDGER_TX, event["consent"], "Consent"),
                         "type": _coding(RESOURCE_TYPES, "Consent", "Consent"),
                         "role": _coding(OBJECT_ROLE, "13", "Security Resource")})
    return entities


def export_audit(wallet: Wallet, *, prove: bool = True, refresh: bool = True, record: str | None = None,
                 outcome: str | None = None, bundle_type: str = "collection") -> dict[str, Any]:
    """The verified access log (filtered like :func:`trail.events`) as one Bundle of AuditEvents.

    ``refresh`` fetches and verifies new events first; ``prove`` re-proves each event to
    name the node that recorded it and its block hash (one request per event).
    """
    if refresh:
        trail.refresh(wallet)
    ctx = _context(wallet, prove)
    resources = []
    for event in trail.events(wallet, record=record, outcome=outcome):
        node = block_hash = None
        if prove:
            proven = wallet.network.light.prove(event["tx"])
            node, block_hash = proven.tx.signer, proven.block_hash
        resources.append(audit_event_resource(ctx, event, node, block_hash))
    return collection_bundle(resources, bundle_type)


def write_audit(wallet: Wallet, dst: Path, **kwargs: Any) -> Path:
    """:func:`export_audit` into a file (atomic, 0600)."""
    return write_json(export_audit(wallet, **kwargs), dst)
