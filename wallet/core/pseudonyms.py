"""The wallet's pseudonyms: which one serves whom, and their registration on the ledger.

A pseudonym is a key pair derived from the seed by index (:meth:`Wallet.signing_key`):
index 0 anchors the patient's own records (the vault), each institution gets one of its
own (so no two institutions can link what they hold), and each de-identified research
copy a fresh one used for nothing else. The ledger knows a pseudonym once its
``register_pseudonym`` transaction is committed; on a network whose genesis requires a
credential, that transaction carries a zero-knowledge admission proof
(:mod:`wallet.core.credentials.admission`).

Registering is its own step: importing, granting and resuming call :func:`register`
before they sign with a pseudonym; nothing registers behind a caller's back.
"""

from __future__ import annotations

from ledger_client.crypto import SigningKey
from ledger_client.errors import NotFound

from .credentials.admission import register_admitted
from .wallet import VAULT_PSEUDONYM, Wallet

VAULT_ROLE = "vault"
RELATIONSHIP_ROLE = "relationship"
RETIRED_ROLE = "retired"  # a relationship no new consent is given from (after a revoke-all)


def register(wallet: Wallet, index: int, role: str, institution: str | None = None) -> SigningKey:
    """The signing key of pseudonym ``index``, registered on the ledger if it was not yet.

    ``role`` and ``institution`` describe a pseudonym the wallet has not recorded yet; a
    recorded one keeps what it was given.
    """
    key = wallet.signing_key(index)
    row = wallet.db.one("SELECT role, institution, registered_tx FROM pseudonyms WHERE idx=?", (index,))
    if row and row["registered_tx"]:
        return key
    network = wallet.network
    try:
        tx_id: str = network.client_for(key).my_pseudonym(key)["tx"]
    except NotFound:
        if network.genesis.require_credential:  # admitted by an anonymous-credential proof
            tx_id = register_admitted(wallet, index)
        else:
            tx_id = network.submit(key, "register_pseudonym", {"box_key": wallet.box_public(index)})
    if row:
        role, institution = row["role"], row["institution"]
    wallet.db.upsert("pseudonyms", {"idx": index, "public": key.public, "role": role, "institution": institution,
                                    "registered_tx": tx_id})
    return key


def register_vault(wallet: Wallet) -> SigningKey:
    """The vault pseudonym's key (it anchors the patient's own records), registered."""
    return register(wallet, VAULT_PSEUDONYM, VAULT_ROLE)


def relationship(wallet: Wallet, institution: str) -> int:
    """The pseudonym index used with one institution (a new one the first time).

    Each institution sees a different key, and the records shared with it are copies
    under that key, so no two institutions can link what they hold.
    """
    row = wallet.db.one("SELECT idx FROM pseudonyms WHERE role=? AND institution=? ORDER BY idx DESC",
                        (RELATIONSHIP_ROLE, institution))
    if row:
        index: int = row["idx"]
        return index
    return fresh(wallet, RELATIONSHIP_ROLE, institution)


def fresh(wallet: Wallet, role: str, institution: str | None = None) -> int:
    """A pseudonym index never used before, recorded (not yet registered) for ``role``."""
    top = wallet.db.one("SELECT MAX(idx) AS top FROM pseudonyms")
    index = max(VAULT_PSEUDONYM, top["top"] if top and top["top"] is not None else 0) + 1
    wallet.db.upsert("pseudonyms", {"idx": index, "public": wallet.signing_key(index).public, "role": role,
                                    "institution": institution, "registered_tx": None})
    return index


def role_of(index: int) -> str:
    """The role of a pseudonym the wallet has not recorded (a resume after a lost database row)."""
    return VAULT_ROLE if index == VAULT_PSEUDONYM else RELATIONSHIP_ROLE
