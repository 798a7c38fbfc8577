"""Delegated grants and revokes in the patient's audit, each verified like every event.

Nothing is taken on a node's word: for each delegation the wallet made, the consents of its
pseudonym are listed (asked by that pseudonym alone, on its own connection), and each one a
delegate gave is accepted only with Merkle inclusion proofs, against the verified header
chain, of its ``delegated_grant`` and of the ``delegate`` transaction it names (signed by the
patient's own pseudonym, naming the grant's signer as the delegate). A revocation is proven
the same way, and shown as the delegate's or the patient's by who signed it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ledger_client.errors import IntegrityError, LedgerError
from ledger_client.light import LightClient, ProvenTx

from .. import texts
from ..consent.grants import PURPOSE_LABELS
from ..texts import N_
from ..wallet import Wallet
from . import patient

# What an event says, by who acted ({label}: the delegate, {name}: the institution, {purpose})
WORDING = {"granted": N_("granted by {label} for you: {name}, {purpose}"),
           "revoked": N_("revoked by {label} for you: {name}"),
           "revoked_by_other": N_("revoked for you by another delegate: {name}"),
           "revoked_by_you": N_("revoked by you: {name}")}


@dataclass(frozen=True)
class DelegatedEvent:
    """A consent a delegate gave or revoked for the patient (or the patient revoked), proven."""

    tx: str
    kind: str  # "delegated_grant", "delegated_revoke" or "revoke" (the patient's own)
    consent: str
    delegation: str
    delegate_label: str
    grantee: str
    purpose: str
    height: int
    time: int
    text: str  # in English (what JSON output keeps); :meth:`shown` is the translated one
    verified: bool = True
    wording: str = "granted"  # a key of WORDING
    grantee_name: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def shown(self) -> str:
        """What the event says, in the language chosen (:func:`wallet.core.texts.use_language`)."""
        purpose = PURPOSE_LABELS.get(self.purpose)
        return texts.tr(WORDING[self.wording]).format(label=self.delegate_label, name=self.grantee_name,
                                                      purpose=texts.tr(purpose) if purpose else self.purpose)


def _english(wording: str, label: str, name: str, purpose: str) -> str:
    return WORDING[wording].format(label=label, name=name, purpose=purpose)


def proven_delegation(light: LightClient, grant: ProvenTx, via: Any = None) -> ProvenTx:
    """The ``delegate`` transaction a proven ``delegated_grant`` acts under, proven, checked to name
    the grant's signer as its delegate; its signer is the consent's grantor."""
    if grant.tx.type != "delegated_grant":
        raise IntegrityError("the transaction is not a delegated grant")
    delegation = light.prove(grant.tx.payload["delegation"], via=via)
    if delegation.tx.type != "delegate" or delegation.tx.payload["delegate"] != grant.tx.signer:
        raise IntegrityError("the delegated grant names a delegation that is not its signer's")
    return delegation


def events(wallet: Wallet) -> list[DelegatedEvent]:
    """Every verified delegated grant and every revocation of one, newest first."""
    light = wallet.network.light
    names: dict[str, str] = {}
    out: list[DelegatedEvent] = []
    for row in patient._stored(wallet):
        key = wallet.signing_key(row["index"])
        client = wallet.network.client_for(key)
        try:
            consents = [c for c in client.my_consents(key) if c.get("delegation") == row["delegation"]]
        except LedgerError:
            continue
        for consent in consents:
            grant = light.prove(consent["consent"], via=client)
            delegation = proven_delegation(light, grant, via=client)
            if delegation.tx.signer != key.public or delegation.tx.id != row["delegation"]:
                raise IntegrityError("a node named as this delegation's consent one of another delegation")
            p = grant.tx.payload
            name = names.setdefault(p["grantee"], patient._institution_name(wallet, p["grantee"]))
            out.append(DelegatedEvent(grant.tx.id, "delegated_grant", grant.tx.id, row["delegation"], row["label"],
                                      p["grantee"], p["purpose"], grant.height, grant.block_time,
                                      _english("granted", row["label"], name, p["purpose"]),
                                      wording="granted", grantee_name=name))
            if consent.get("revoked_tx"):
                out.append(_revocation(light, client, consent["revoked_tx"], grant, row, key.public, name))
    return sorted(out, key=lambda e: (e.height, e.tx), reverse=True)


def _revocation(light: LightClient, client: Any, tx_id: str, grant: ProvenTx, row: dict[str, Any], patient_key: str,
                name: str) -> DelegatedEvent:
    proven = light.prove(tx_id, via=client)
    tx, consent = proven.tx, grant.tx.id
    if tx.type == "delegated_revoke" and tx.payload["consent"] == consent:
        kind, wording = "delegated_revoke", "revoked" if tx.signer == grant.tx.signer else "revoked_by_other"
    elif tx.type == "revoke_consent" and tx.payload["consent"] == consent and tx.signer == patient_key:
        kind, wording = "revoke", "revoked_by_you"
    else:
        raise IntegrityError("a node named as a consent's revocation a transaction that is not one")
    return DelegatedEvent(tx.id, kind, consent, row["delegation"], row["label"], grant.tx.payload["grantee"],
                          grant.tx.payload["purpose"], proven.height, proven.block_time,
                          _english(wording, row["label"], name, grant.tx.payload["purpose"]), wording=wording,
                          grantee_name=name)
