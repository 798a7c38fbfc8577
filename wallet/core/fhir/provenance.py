"""The Provenance a clinic desk writes beside each FHIR record it reads.

The record file itself is the patient's original resource (or Bundle), byte for byte;
where it came from is said beside it, in ``<name>.provenance.json``, an R4 Provenance:

* ``target``: the resource in the file (``Type/id`` when it has an id) and the record
  by the SHA-256 of its ciphertext;
* ``policy``: the consent it was read under (URI of the grant transaction) and
  ``reason``: the purpose of use (v3-ActReason);
* ``activity``: ISO 21089 *receive*; ``occurredDateTime`` / ``recorded``: the access
  event's block time;
* ``agent``: the patient's pseudonym as custodian, the reading institution as
  information recipient (IRCP), the node that served it as assembler;
* ``entity``: the ledger record, role *source*;
* two ``ledger-anchor`` extensions: the consent (grant transaction id, block height)
  and the access event (transaction id, block height, block hash). The Provenance's id
  is the access event's transaction id.

The clinic desk (:meth:`wallet.core.desks.clinic.ClinicDesk.read`) writes it after each read.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .codes import (
    LIFECYCLE,
    PARTICIPATION,
    PROVENANCE_AGENT,
    SYS_INSTITUTION,
    SYS_NODE,
    SYS_PSEUDONYM,
    SYS_RECORD,
    identifier,
    instant,
    ledger_anchor,
    purpose_coding,
    ref,
    tx_urn,
)
from .validate import MAX_FHIR_JSON_BYTES, require_valid

SUFFIX = ".provenance.json"


def fhir_header(path: Path) -> tuple[str, str | None] | None:
    """(resourceType, id) of a FHIR JSON file, or None when it is not one."""
    try:
        if path.stat().st_size > MAX_FHIR_JSON_BYTES:
            return None
        with open(path, "rb") as src:
            if not src.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                return None
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("resourceType"), str):
        return None
    rid = doc.get("id")
    return doc["resourceType"], rid if isinstance(rid, str) else None


def provenance_resource(*, chain_id: str, record: str, resource_type: str, resource_id: str | None,
                        consent: str, consent_height: int | None, grantor: str, purpose: str,
                        reader: str, reader_name: str, event: str, event_height: int | None = None,
                        event_time: int | None = None, block_hash: str | None = None,
                        node: str | None = None) -> dict[str, Any]:
    """The Provenance of one record a clinic read under a consent."""
    target: dict[str, Any] = {"type": resource_type, "identifier": identifier(SYS_RECORD, record)}
    if resource_id:
        target["reference"] = f"{resource_type}/{resource_id}"
    when = instant(event_time if event_time is not None else time.time())
    agents = [
        {"type": {"coding": [{"system": PROVENANCE_AGENT, "code": "custodian", "display": "Custodian"}]},
         "who": ref(SYS_PSEUDONYM, grantor, "Patient")},
        {"role": [{"coding": [{"system": PARTICIPATION, "code": "IRCP", "display": "information recipient"}]}],
         "who": ref(SYS_INSTITUTION, reader, "Organization", reader_name or None)},
    ]
    if node:
        agents.append({"type": {"coding": [{"system": PROVENANCE_AGENT, "code": "assembler", "display": "Assembler"}]},
                       "who": ref(SYS_NODE, node, "Device", "Medwallet ledger node")})
    anchors = [ledger_anchor(chain_id, consent, "grant_consent", consent_height)]
    if event:  # a node always names the access event; an old one might not
        anchors.append(ledger_anchor(chain_id, event, "access_event", event_height, block_hash))
    doc = {
        "resourceType": "Provenance", **({"id": event} if event else {}), "extension": anchors,
        "target": [target], "occurredDateTime": when, "recorded": when,
        "policy": [tx_urn(chain_id, consent)],
        "reason": [{"coding": [purpose_coding(purpose)]}],
        "activity": {"coding": [{"system": LIFECYCLE, "code": "receive", "display": "Receive Record Lifecycle Event"}]},
        "agent": agents,
        "entity": [{"role": "source", "what": ref(SYS_RECORD, record, display="Encrypted record on the ledger")}],
    }
    return require_valid(doc)


def provenance_path(path: Path) -> Path:
    """Where the Provenance of ``path`` goes: ``<stem>.provenance.json`` beside it."""
    candidate = path.with_name(path.stem + SUFFIX)
    return candidate if not candidate.exists() else path.with_name(path.name + SUFFIX)
