"""Admission: a pseudonym registered with a zero-knowledge proof of a valid credential.

On a network whose policy requires a credential, every pseudonym is registered with an
AnonCreds proof bound to its key and to the network (see :mod:`ledger_client.credentials`):
it reveals nothing about the patient and cannot be linked to the others. Registering is
its own step, taken through :func:`wallet.core.pseudonyms.register`.
"""

from __future__ import annotations

from typing import Any

from ledger_client import credentials as ledger_creds
from ledger_client.credentials import CredentialDocs
from ledger_client.errors import CredentialRefused, LedgerError, NotFound, RevocationListOutdated

from ..errors import WalletError
from ..wallet import Wallet
from .documents import ledger_docs
from .holder import Accept, prove_admission, store, usable_credential

ATTEMPTS = 3


class AdmissionRefused(WalletError):
    """The network refused the credential proof for a new pseudonym."""

    code = "admission_refused"

    def __init__(self, exc: LedgerError) -> None:
        super().__init__(f"The network refused the credential proof: {exc.message}", detail=exc.code)
        self.reason = exc.code


def _accepted_by_network(wallet: Wallet) -> Accept:
    genesis = wallet.network.genesis

    def accept(record: dict[str, Any], docs: CredentialDocs) -> bool:
        try:
            institution = wallet.network.client.institution(docs.issuer)
        except NotFound:
            return False
        return ledger_creds.is_accepted(genesis, docs, institution)
    return accept


def admission_payload(wallet: Wallet, index: int, *, credential_id: str | None = None) -> dict[str, Any]:
    """The ``register_pseudonym`` payload of pseudonym ``index`` with its admission proof.

    The proof is made for this pseudonym's key and this network only; with
    ``credential_id`` that credential is used even if the wallet believes it unusable
    (the ledger decides).
    """
    if credential_id is None:
        record, docs = usable_credential(wallet, _accepted_by_network(wallet))
    else:
        record = store(wallet).load(credential_id)
        docs = ledger_docs(wallet.network, record["cred_def_id"])
    presentation = prove_admission(wallet, record, docs, index)
    return {"box_key": wallet.box_public(index), "proof": ledger_creds.admission_proof(presentation)}


def register_admitted(wallet: Wallet, index: int) -> str:
    """Register pseudonym ``index`` with an admission proof; returns the transaction id.

    A proof is made against the revocation list in force; if the issuer publishes a new
    one before the registration is committed, the proof is made again.
    """
    key = wallet.signing_key(index)
    for attempt in range(ATTEMPTS):
        payload = admission_payload(wallet, index)
        try:
            return wallet.network.submit(key, "register_pseudonym", payload)
        except RevocationListOutdated as exc:
            if attempt == ATTEMPTS - 1:
                raise AdmissionRefused(exc) from None
        except CredentialRefused as exc:
            raise AdmissionRefused(exc) from None
    raise AssertionError("unreachable")
