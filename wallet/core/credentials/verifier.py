"""A verifier's side of selective disclosure: a research study asks a patient to prove, say,
"insured" and "born before 2008" and learns that and nothing else.

The study makes a proof request (:meth:`StudyVerifier.request`) with a fresh random nonce
naming the credential definitions it trusts; the patient's wallet answers with a
presentation (:func:`wallet.core.credentials.holder.present`); :meth:`StudyVerifier.verify`
checks it against the documents on the ledger (issuer keys, the revocation status list
in force), with :func:`ledger_client.credentials.verify_presentation`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from ledger_client import credentials as ledger_creds
from ledger_client.anoncreds_lib import anoncreds
from ledger_client.credentials import VerifiedPresentation
from ledger_client.errors import CredentialRefused

from ..errors import WalletError
from ..network import Network
from .documents import DOC_VERSION, check_doc, ledger_docs

DEFAULT_TTL_S = 3600


class ProofRejected(WalletError):
    """The patient's proof was not accepted. The reason is shown."""

    code = "proof_rejected"

    def __init__(self, exc: CredentialRefused) -> None:
        super().__init__(f"The proof was not accepted: {exc.message}", detail=exc.code)
        self.reason = exc.code


class StudyVerifier:
    """A verifier (e.g. a research study) on one network, trusting some credential definitions."""

    def __init__(self, network: Network, name: str, accepted: list[str]) -> None:
        if not accepted:
            raise ValueError("name at least one trusted credential definition")
        self.network, self.name, self.accepted = network, name, sorted(set(accepted))

    def request(self, *, reveal: Sequence[str] = (), predicates: Sequence[tuple[str, str, int]] = (),
                ttl: int = DEFAULT_TTL_S) -> dict[str, Any]:
        """A proof request document to hand to the patient (file or QR)."""
        now = int(time.time())
        request = ledger_creds.proof_request(self.name, anoncreds.generate_nonce(), self.accepted, reveal=list(reveal),
                                             predicates=list(predicates), not_after=now + ttl)
        return {"type": "medwallet/proof-request", "v": DOC_VERSION, "chain_id": self.network.chain_id,
                "verifier": self.name, "expires_at": now + ttl, "request": request}

    def verify(self, request_doc: dict[str, Any], presentation_doc: object) -> VerifiedPresentation:
        """Check a presentation against this verifier's own request; :class:`ProofRejected` if not."""
        request_doc = check_doc(request_doc, "medwallet/proof-request")
        presentation = check_doc(presentation_doc, "medwallet/presentation").get("presentation")
        if request_doc["expires_at"] < time.time():
            raise WalletError("This proof request has expired: ask again with a new one.")
        docs = {}
        for cred_def_id in self.accepted:
            try:
                docs[cred_def_id] = ledger_docs(self.network, cred_def_id)
            except (WalletError, CredentialRefused):  # not (or no longer validly) on the ledger
                continue
        try:
            return ledger_creds.verify_presentation(request_doc["request"], presentation, docs)
        except CredentialRefused as exc:
            raise ProofRejected(exc) from None
