"""Each grant as a FHIR R4 Consent following IHE Privacy Consent on FHIR (PCF).

It claims PCF's *intermediate* profile, the one that allows ``provision.data`` (the
records are listed). The mapping, element by element:

* ``status`` active (also before the window opens), inactive once revoked or expired;
* ``scope`` consentscope#patient-privacy; ``category`` LOINC 59284-0 (consent);
* ``patient`` and ``performer``: the pseudonym that signed the grant, by identifier —
  never a name; for a consent a delegate gave for the patient, the delegate too (a
  ``RelatedPerson`` by its ledger key, with the name the patient gave it, if any);
  ``organization``: the Medwallet network that enforces the consent;
* ``dateTime``: when the grant was committed (its block time);
* ``sourceReference``: the signed grant transaction; ``policy.uri``: the network's
  consent contract;
* ``provision``: ``permit``, ``period`` = the validity window, one ``actor`` with role
  v3-ParticipationType#IRCP = the grantee institution, ``purpose`` as v3-ActReason
  (TREAT, ETREAT, HRESCH, HPAYMT, HOPERAT), and ``data`` = each shared record by the
  SHA-256 of its ciphertext — the copies the ledger's consent names, so a checker
  compares them with the transaction directly;
* ``identifier`` and the ``ledger-anchor`` extension carry the transaction id and the
  block height (and the revocation's, if revoked), proven against verified headers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger_client.errors import NotFound

from ..consent.grants import list_grants
from ..delegation.audit import proven_delegation
from ..delegation.patient import label_of
from ..wallet import Wallet
from .bundle_export import collection_bundle, write_json
from .codes import (
    CONSENT_SCOPE,
    LOINC,
    PARTICIPATION,
    PCF_PROFILE,
    SYS_INSTITUTION,
    SYS_LEDGER_TX,
    SYS_NETWORK,
    SYS_PSEUDONYM,
    SYS_RECORD,
    identifier,
    instant,
    ledger_anchor,
    purpose_coding,
    ref,
)
from .validate import require_valid

SYS_DELEGATE = "urn:medwallet:delegate-key"  # a delegate's signing key on the ledger (RFC 8141 URN)


@dataclass(frozen=True)
class LedgerFacts:
    """What the ledger proves about a grant (None fields when exported offline)."""

    signer: str
    records: list[str]
    height: int | None = None
    block_hash: str | None = None
    time: int | None = None
    revoked_tx: str | None = None
    revoked_height: int | None = None
    delegate: str | None = None  # the delegate's key, for a consent a delegate gave for the patient
    grant_type: str = "grant_consent"


def policy_uri(chain_id: str) -> str:
    """The policy every consent on a network is enforced under: its consent contract."""
    return f"urn:medwallet:{chain_id}:consent-contract"


def ledger_facts(wallet: Wallet, grant: dict[str, Any], prove: bool = True) -> LedgerFacts:
    """The grant as the ledger has it: proven transaction, block, revocation."""
    if not prove:
        return _local_facts(wallet, grant)
    network = wallet.network
    key = wallet.signing_key(grant["pseudonym"])
    client = network.client_for(key)  # everything about this grant on its grantor's own connection
    proven = network.light.prove(grant["consent"], via=client)
    revoked_tx = revoked_height = None
    try:
        revoked_tx = client.consent(grant["consent"], signed_by=key).get("revoked_tx")
        if revoked_tx:
            revoked_height = network.light.prove(revoked_tx, via=client).height
    except NotFound:
        pass
    signer, delegate = proven.tx.signer, None
    if proven.tx.type == "delegated_grant":  # the grantor signed the delegation it names; the delegate, the grant
        signer, delegate = proven_delegation(network.light, proven, via=client).tx.signer, proven.tx.signer
    return LedgerFacts(signer, sorted(proven.tx.payload["records"]), proven.height, proven.block_hash,
                       proven.block_time, revoked_tx, revoked_height, delegate, proven.tx.type)


def _local_facts(wallet: Wallet, grant: dict[str, Any]) -> LedgerFacts:
    """From the wallet database alone: the copies made for the grant's pseudonym."""
    originals = grant["records"] if isinstance(grant["records"], list) else json.loads(grant["records"])
    marks = ",".join("?" * len(originals))
    rows = wallet.db.query(f"SELECT record FROM records WHERE original IN ({marks}) AND pseudonym=?",
                           (*originals, grant["pseudonym"]))
    return LedgerFacts(wallet.signing_key(grant["pseudonym"]).public, sorted(r["record"] for r in rows))


def _status(grant: dict[str, Any]) -> str:
    ended = grant.get("status") in ("revoked", "expired", "used_up") or grant.get("revoked_at")
    return "inactive" if ended else "active"


def consent_resource(wallet: Wallet, grant: dict[str, Any], facts: LedgerFacts) -> dict[str, Any]:
    """One grant (a row of :func:`..consent.grants.list_grants`) as a PCF Consent."""
    chain_id, consent = wallet.network.chain_id, grant["consent"]
    patient = ref(SYS_PSEUDONYM, facts.signer, "Patient")
    anchors = [ledger_anchor(chain_id, consent, facts.grant_type, facts.height, facts.block_hash)]
    if facts.revoked_tx:
        anchors.append(ledger_anchor(chain_id, facts.revoked_tx, "revoke_consent", facts.revoked_height))
    doc = {
        "resourceType": "Consent", "id": consent, "meta": {"profile": [PCF_PROFILE]}, "extension": anchors,
        "identifier": [identifier(SYS_LEDGER_TX, consent)], "status": _status(grant),
        "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy", "display": "Privacy Consent"}]},
        "category": [{"coding": [{"system": LOINC, "code": "59284-0", "display": "Consent"}]}],
        "patient": patient, "dateTime": instant(facts.time or grant["created_at"]), "performer": [patient],
        "organization": [ref(SYS_NETWORK, chain_id, "Organization",
                             f"Medwallet network {wallet.settings.network_name or chain_id[:12]}")],
        "sourceReference": ref(SYS_LEDGER_TX, consent, display=f"Signed {facts.grant_type} transaction on the ledger"),
        "policy": [{"uri": policy_uri(chain_id)}],
        "provision": {
            "type": "permit",
            "period": {"start": instant(grant["not_before"]), "end": instant(grant["expires_at"])},
            "actor": [{"role": {"coding": [{"system": PARTICIPATION, "code": "IRCP",
                                            "display": "information recipient"}]},
                       "reference": ref(SYS_INSTITUTION, grant["institution"], "Organization",
                                        grant.get("institution_name") or None)}],
            "purpose": [purpose_coding(grant["purpose"])],
        },
    }
    if facts.delegate:  # given by the patient's delegate, for the patient: both are performers
        label = label_of(wallet, grant["pseudonym"])
        doc["performer"].append(ref(SYS_DELEGATE, facts.delegate, "RelatedPerson",
                                    f"{label} (delegate of the patient)" if label else "delegate of the patient"))
    if facts.records:
        doc["provision"]["data"] = [{"meaning": "instance", "reference": ref(SYS_RECORD, record)}
                                    for record in facts.records]
    return require_valid(doc)


def export_consents(wallet: Wallet, *, prove: bool = True, consents: list[str] | None = None,
                    bundle_type: str = "collection") -> dict[str, Any]:
    """Every grant of this wallet (or those named) as a Bundle of PCF Consents.

    With ``prove`` (the default) each grant is proven on the ledger first, which gives
    its block height; offline, the Consents carry the transaction ids only.
    """
    grants = list_grants(wallet, refresh=prove)
    if consents is not None:
        grants = [g for g in grants if g["consent"] in set(consents)]
    resources = []
    for grant in grants:
        try:
            facts = ledger_facts(wallet, grant, prove)
        except NotFound:  # not committed (yet): say so by leaving the height out
            facts = _local_facts(wallet, grant)
        resources.append(consent_resource(wallet, grant, facts))
    return collection_bundle(resources, bundle_type)


def write_consents(wallet: Wallet, dst: Path, **kwargs: Any) -> Path:
    """:func:`export_consents` into a file (atomic, 0600)."""
    return write_json(export_consents(wallet, **kwargs), dst)

