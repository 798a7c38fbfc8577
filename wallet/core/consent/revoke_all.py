"""Revoke all and re-key: "I lost my laptop", "I think someone has my phrase".

One action, in this order:

1. every consent still in force (active, or not yet valid) is revoked in **one batch** of
   ``revoke_consent`` transactions, each signed by the pseudonym that gave it; the node
   admits the batch all or none, so the patient never ends half-protected. A consent
   another device already revoked is dropped from the batch and the batch is sent again;
2. every relationship pseudonym is retired: the next consent to any institution is given
   by a fresh pseudonym, with fresh copies of the records, so whoever holds the old
   relationship (a stolen laptop's database, a desk's old grant code) learns nothing of
   what is shared from now on.

What the network learns: the batch is one request that names every pseudonym whose consent
it revokes, and its transactions land side by side in one block. So the node that takes
the request, and whoever reads the blocks (the network's nodes and institutions), can tell
that these pseudonyms belong to one patient: the links the per-pseudonym connections and
spaced submissions otherwise deny them. That is the price of revoking all at once, all or
none (spacing one revocation per pseudonym over minutes would leave the patient half
protected while a thief reads); :data:`WHAT_THE_NETWORK_LEARNS` says so in the faces'
confirmation. What the batch does not add: each sequence number is asked by its own
pseudonym on its own connection, and the batch goes on a connection of its own
(:meth:`wallet.core.network.Network.submit_signed_batch`), so no pseudonym's connection
carries another's requests, before or after.

What it cannot do: fresh pseudonyms come from the same seed, so a thief who has the
*phrase* can derive them too. Against a stolen phrase the patient also moves to a new
wallet (a new phrase); :data:`PHRASE_ADVICE` says so in the faces.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ledger_client.errors import AlreadyRevoked

from .. import events, pseudonyms
from ..wallet import Wallet
from .grants import list_grants

IN_FORCE = ("active", "pending", "used_up")  # used up: an interrupted last read could still finish
WHAT_THE_NETWORK_LEARNS = (
    "The revocations reach the network in one request and land side by side in one block, so the network's "
    "nodes, and the institutions that read its blocks, can tell that the pseudonyms that gave these consents "
    "are one patient's. New consents then use new pseudonyms, which that does not link.")
PHRASE_ADVICE = ("If someone may have your recovery phrase, also create a new wallet (a new phrase) and "
                 "import your records into it: new sharing keys come from the same phrase.")


@dataclass(frozen=True)
class RevokeAllResult:
    """What one revoke-all did: the consents revoked (with their institutions) and the
    relationship pseudonyms retired."""

    revoked: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    transactions: list[str] = field(default_factory=list)
    retired: list[int] = field(default_factory=list)


def in_force(wallet: Wallet) -> list[dict[str, Any]]:
    """The consents a revoke-all would revoke (statuses refreshed from the ledger)."""
    return [row for row in list_grants(wallet) if row["status"] in IN_FORCE]


def revoke_all(wallet: Wallet, *, rekey: bool = True) -> RevokeAllResult:
    """Revoke every consent in force in one batch and, with ``rekey``, retire every
    relationship pseudonym so future sharing starts from fresh ones."""
    rows = in_force(wallet)
    transactions: list[str] = []
    while rows:
        items = [(wallet.signing_key(row["pseudonym"]), "revoke_consent", {"consent": row["consent"]}) for row in rows]
        try:
            transactions = wallet.network.submit_signed_batch(items)
            break
        except AlreadyRevoked as exc:  # revoked meanwhile (another device): drop it, send the rest
            if exc.index is None or not 0 <= exc.index < len(rows):
                raise
            _mark_revoked(wallet, rows.pop(exc.index)["consent"])
    for row in rows:
        _mark_revoked(wallet, row["consent"])
    retired = retire_relationships(wallet) if rekey else []
    return RevokeAllResult(revoked=[r["consent"] for r in rows],
                           institutions=sorted({r["institution_name"] for r in rows}),
                           transactions=transactions, retired=retired)


def retire_relationships(wallet: Wallet) -> list[int]:
    """Retire every relationship pseudonym (their consents stay listed); returns their indices."""
    indices = [row["idx"] for row in wallet.db.query("SELECT idx FROM pseudonyms WHERE role=? ORDER BY idx",
                                                     (pseudonyms.RELATIONSHIP_ROLE,))]
    wallet.db.execute("UPDATE pseudonyms SET role=? WHERE role=?",
                      (pseudonyms.RETIRED_ROLE, pseudonyms.RELATIONSHIP_ROLE))
    return indices


def _mark_revoked(wallet: Wallet, consent: str) -> None:
    wallet.db.execute("UPDATE grants SET revoked_at=COALESCE(revoked_at, ?) WHERE consent=?",
                      (int(time.time()), consent))
    events.publish("consent_revoked", wallet, consent)
