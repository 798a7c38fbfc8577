"""The patient's emergency set: mark it, replace or withdraw it, see and decide requests.

The set lives under a pseudonym of its own (role ``emergency``), used for nothing else, so
the ledger cannot link it to the patient's other pseudonyms. Its copies are an International
Patient Summary made from the wallet's FHIR records (as a SMART Health Link's) and any
FHIR records the patient picks, each padded and encrypted under a fresh emergency key that
is split t of n among the policy's nodes (:mod:`ledger_client.emergency_shares`). The key
is never stored: a replacement makes a new one.

An institution finds the set by its *emergency card* (:func:`card_text`): the set
pseudonym's key, which the patient carries (printed, or on the phone's lock screen).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from ledger_client import crypto, emergency
from ledger_client.emergency_shares import seal_shares
from ledger_client.errors import LedgerError, NotFound

from .. import pseudonyms
from ..consent.references import own_resources
from ..errors import WalletError
from ..fhir.ips import build_ips
from ..shl.link import FHIR_JSON
from ..texts import english
from ..wallet import Wallet
from .copies import seal_copy

EMERGENCY_ROLE = "emergency"
CARD_PREFIX = "medwallet-emergency:"


class EmergencyError(WalletError):
    """The emergency set could not be changed."""

    code = "emergency_error"


class NoEmergencyPolicy(EmergencyError):
    """This network has no emergency-access policy yet: its governance has not said who may ask."""

    code = "no_emergency_policy"


class NoEmergencySet(EmergencyError):
    """This wallet has no emergency set on the ledger."""

    code = "no_emergency_set"


@dataclass(frozen=True)
class EmergencySet:
    pseudonym: str
    records: list[str]
    version: int
    tx: str


def policy(wallet: Wallet) -> dict[str, Any]:
    """The network's emergency policy, with the names of the institutions it allows."""
    try:
        rules: dict[str, Any] = wallet.network.client.get_json("/v1/emergency/policy")
    except NotFound:
        raise NoEmergencyPolicy() from None
    try:
        names = {i["sign_key"]: i["name"] for i in wallet.network.client.institutions()}
    except LedgerError:
        names = {}
    return {**rules, "institution_names": [names.get(k, k[:16] + "…") for k in rules["institutions"]]}


def set_index(wallet: Wallet) -> int | None:
    row = wallet.db.one("SELECT idx FROM pseudonyms WHERE role=? ORDER BY idx DESC LIMIT 1", (EMERGENCY_ROLE,))
    return int(row["idx"]) if row else None


def files_for(wallet: Wallet, records: list[str], *, summary: bool = True) -> list[tuple[str, bytes]]:
    """The set's files: the patient summary (IPS) and the chosen FHIR records, as JSON."""
    chosen = {item["record"]: item["resource"] for item in own_resources(wallet)}
    missing = [r for r in records if r not in chosen]
    if missing:
        raise EmergencyError(key="emergency_error.not_fhir", params={"record": missing[0][:12]})
    files = []
    if summary:
        document = build_ips(list(chosen.values()))
        files.append((FHIR_JSON, json.dumps(document, ensure_ascii=False).encode("utf-8")))
    files += [(FHIR_JSON, json.dumps(chosen[r], ensure_ascii=False).encode("utf-8")) for r in records]
    if not files or len(files) > 20:
        raise EmergencyError(key="emergency_error.size")
    return files


def mark(wallet: Wallet, records: list[str], *, summary: bool = True) -> EmergencySet:
    """Publish (or replace) the emergency set: the summary and ``records``, sealed for the policy's nodes."""
    rules = policy(wallet)
    files = files_for(wallet, records, summary=summary)
    index = set_index(wallet)
    if index is None:
        index = pseudonyms.fresh(wallet, EMERGENCY_ROLE)
    signer = pseudonyms.register(wallet, index, EMERGENCY_ROLE)
    network = wallet.network
    old = _ledger_set(wallet, index)
    key = os.urandom(32)
    blobs = []
    client = network.client_for(signer)
    for content_type, data in files:
        blob = seal_copy(key, content_type, data)
        record = crypto.sha256_hex(blob)
        client.put_blob(signer, network.chain_id, record, blob)
        blobs.append({"record": record, "size": len(blob), "category": "fhir"})
    network.submit_batch(signer, "anchor_record", blobs)
    copies = [str(b["record"]) for b in blobs]
    shares = seal_shares(key, signer.public, rules["nodes"], rules["threshold"])
    tx = network.submit(signer, "emergency_set", {"policy": rules["version"], "records": copies, "shares": shares})
    for record in (old or {}).get("records", []):  # the replaced copies: no request can open them again
        _retire(wallet, index, record)
    entry = _ledger_set(wallet, index)
    return EmergencySet(signer.public, copies, entry["version"] if entry else 1, tx)


def _retire(wallet: Wallet, index: int, record: str) -> None:
    try:
        wallet.network.submit(wallet.signing_key(index), "retire_record", {"record": record})
    except LedgerError:
        pass  # already deleted


def _ledger_set(wallet: Wallet, index: int) -> dict[str, Any] | None:
    """The set as the ledger has it, asked by its pseudonym alone on its own connection (no URL names it)."""
    key = wallet.signing_key(index)
    try:
        entry: dict[str, Any] = wallet.network.client_for(key).get_json("/v1/my/emergency", signed_by=key)
    except NotFound:
        return None
    return entry


def withdraw(wallet: Wallet) -> str:
    """Withdraw the set: no request on it opens any more, and its copies are deleted."""
    index = set_index(wallet)
    entry = _ledger_set(wallet, index) if index is not None else None
    if index is None or entry is None or entry.get("withdrawn_at") is not None:
        raise NoEmergencySet()
    signer = wallet.signing_key(index)
    tx = wallet.network.submit(signer, "emergency_withdraw", {})
    for record in entry["records"]:
        _retire(wallet, index, record)
    return tx


def card_text(wallet: Wallet) -> str:
    """What an emergency card carries: the network and the set's pseudonym (no health data)."""
    index = set_index(wallet)
    if index is None:
        raise NoEmergencySet()
    return f"{CARD_PREFIX}{wallet.network.chain_id[:16]}:{wallet.signing_key(index).public}"


def status(wallet: Wallet) -> dict[str, Any]:
    """The set as the ledger has it, the policy, and every request on it with its status now."""
    index = set_index(wallet)
    entry = _ledger_set(wallet, index) if index is not None else None
    out: dict[str, Any] = {"set": None, "requests": []}
    try:
        out["policy"] = policy(wallet)
    except NoEmergencyPolicy:
        out["policy"] = None
    if index is None or entry is None:
        return out
    key = wallet.signing_key(index)
    out["set"] = {"pseudonym": key.public, "records": entry["records"], "version": entry["version"],
                  "withdrawn_at": entry.get("withdrawn_at"), "time": entry["time"], "card": card_text(wallet)}
    out["requests"] = requests_of(wallet)
    return out


def requests_of(wallet: Wallet) -> list[dict[str, Any]]:
    """Every emergency request on the wallet's set, newest first, with its status and requester's name."""
    index = set_index(wallet)
    if index is None:
        return []
    key = wallet.signing_key(index)
    client = wallet.network.client_for(key)
    ids = [e["request"] for e in client.my_events(key) if e.get("kind") == "emergency_request"]
    try:
        names = {i["sign_key"]: i["name"] for i in client.institutions()}
    except LedgerError:
        names = {}
    out = []
    for request in reversed(ids):
        entry = client.get_json(f"/v1/emergency/requests/{request}", signed_by=key)
        out.append({**entry, "requester_name": names.get(entry["requester"], english("party.unknown_institution"))})
    return out


def decide(wallet: Wallet, request: str, decision: str) -> str:
    """Approve (opens at once) or veto (never opens, or closes) an emergency request on the set."""
    if decision not in emergency.DECISIONS:
        raise EmergencyError(key="emergency_error.decision")
    index = set_index(wallet)
    if index is None:
        raise NoEmergencySet()
    return wallet.network.submit(wallet.signing_key(index), "emergency_decide",
                                 {"request": request, "decision": decision})
