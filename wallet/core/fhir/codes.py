"""Code systems, identifier systems and URNs shared by the FHIR exports.

Medwallet has no published implementation guide yet, so its own identifier systems and
extension URLs are URNs under ``urn:medwallet:``; change them here, and only here, when
one is published. Everything else is the published FHIR R4 / IHE vocabulary.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

# --- Medwallet's own systems -------------------------------------------------------
SYS_RECORD = "urn:medwallet:record-sha256"  # value: hex SHA-256 of the record's ciphertext
SYS_LEDGER_TX = "urn:medwallet:ledger-tx"  # value: hex transaction id
SYS_PSEUDONYM = "urn:medwallet:pseudonym"  # value: hex Ed25519 public key of a pseudonym
SYS_INSTITUTION = "urn:medwallet:institution"  # value: hex signing key of an institution
SYS_NODE = "urn:medwallet:node"  # value: hex signing key of a ledger node
SYS_NETWORK = "urn:medwallet:chain"  # value: the network's chain id (genesis hash)
EXT_LEDGER_ANCHOR = "urn:medwallet:fhir:ledger-anchor"  # complex extension, see ledger_anchor()

# --- published vocabulary ----------------------------------------------------------
ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
LOINC = "http://loinc.org"
DCM = "http://dicom.nema.org/resources/ontology/DCM"
AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type"
RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction"
AUDIT_ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role"
SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type"
NETWORK_TYPE_URI = "5"  # http://hl7.org/fhir/network-type: 5 = URI
RESOURCE_TYPES = "http://hl7.org/fhir/resource-types"
PROVENANCE_AGENT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle"

PCF_PROFILE = "https://profiles.ihe.net/ITI/PCF/StructureDefinition/IHE.PCF.consentIntermediate"
BALP_PATIENT_READ = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead"

# Ledger purposes as v3-ActReason purposes of use. An emergency consent given by the
# patient is emergency treatment (ETREAT); BTG is for overriding a refusal, which the
# ledger never does.
PURPOSE_OF_USE = {
    "treatment": ("TREAT", "treatment"),
    "emergency": ("ETREAT", "Emergency Treatment"),
    "research": ("HRESCH", "healthcare research"),
    "insurance": ("HPAYMT", "healthcare payment"),
    "operations": ("HOPERAT", "healthcare operations"),
}


def purpose_coding(purpose: str) -> dict[str, Any]:
    """The v3-ActReason coding of a ledger purpose."""
    code, display = PURPOSE_OF_USE[purpose]
    return {"system": ACT_REASON, "code": code, "display": display}


def identifier(system: str, value: str) -> dict[str, Any]:
    return {"system": system, "value": value}


def ref(system: str, value: str, rtype: str | None = None, display: str | None = None) -> dict[str, Any]:
    """A logical Reference (by identifier): the exports point at ledger facts, not servers."""
    out: dict[str, Any] = {"identifier": identifier(system, value)}
    if rtype:
        out["type"] = rtype
    if display:
        out["display"] = display
    return out


def tx_urn(chain_id: str, tx_id: str) -> str:
    """A URI naming one ledger transaction of one network."""
    return f"urn:medwallet:{chain_id}:tx:{tx_id}"


def ledger_anchor(chain_id: str, tx_id: str, tx_type: str, height: int | None,
                  block_hash: str | None = None) -> dict[str, Any]:
    """The extension that lets anyone check a resource against the ledger: network,
    transaction id and type, and the block it was committed in."""
    parts: list[dict[str, Any]] = [{"url": "chain", "valueString": chain_id}, {"url": "tx", "valueString": tx_id},
             {"url": "type", "valueCode": tx_type}]
    if height is not None:
        parts.append({"url": "height", "valueUnsignedInt": height})
    if block_hash:
        parts.append({"url": "block", "valueString": block_hash})
    return {"url": EXT_LEDGER_ANCHOR, "extension": parts}


def instant(ts: int | float) -> str:
    """A FHIR instant (UTC, seconds)."""
    return datetime.fromtimestamp(int(ts), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
