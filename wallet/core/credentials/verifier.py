"""A verifier's side of selective disclosure: an institution (a research study) asks a patient
to prove, say, "insured" and "born before 2008" and learns that and nothing else.

The institution signs its request with its registered key (:meth:`StudyVerifier.request`,
format in :mod:`.requests`); the patient's wallet shows the institution's name as the
ledger holds it and exactly what is asked, and answers with a presentation
(:func:`wallet.core.credentials.holder.present`) under the nonce both sides derive from the
network, the institution's key and the request's challenge. :meth:`StudyVerifier.verify`
rebuilds the same AnonCreds request from its own signed request and checks the
presentation against the documents on the ledger (issuer keys, the revocation status list
in force) with :func:`ledger_client.credentials.verify_presentation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ledger_client import credentials as ledger_creds
from ledger_client.credentials import VerifiedPresentation
from ledger_client.crypto import SigningKey
from ledger_client.errors import CredentialRefused

from ..errors import WalletError
from ..network import Network
from .documents import check_doc, ledger_docs
from .requests import make_request, parse_request

DEFAULT_TTL_S = 3600


class ProofRejected(WalletError):
    """The patient's proof was not accepted. The reason is shown."""

    code = "proof_rejected"

    def __init__(self, exc: CredentialRefused) -> None:
        super().__init__(f"The proof was not accepted: {exc.message}", detail=exc.code)
        self.reason = exc.code


class NotOurRequest(WalletError):
    """This proof request was signed by another institution: verify proofs of your own requests only."""

    code = "not_our_request"


class StudyVerifier:
    """An institution (``key``, registered on ``network``) asking for proofs of some credential definitions."""

    def __init__(self, network: Network, key: SigningKey, accepted: list[str]) -> None:
        if not accepted:
            raise ValueError("name at least one trusted credential definition")
        self.network, self.key, self.accepted = network, key, sorted(set(accepted))

    def request(self, *, reveal: Sequence[str] = (), predicates: Sequence[tuple[str, str, int]] = (),
                ttl: int = DEFAULT_TTL_S) -> dict[str, Any]:
        """A signed proof request document to hand to the patient (file or QR)."""
        return make_request(self.key, self.network.chain_id, self.accepted, reveal=reveal, predicates=predicates,
                            ttl=ttl)

    def verify(self, request_doc: object, presentation_doc: object) -> VerifiedPresentation:
        """Check a presentation against this institution's own request; :class:`ProofRejected` if not."""
        request = parse_request(request_doc, self.network.chain_id)
        if request.verifier != self.key.public:
            raise NotOurRequest()
        presentation = check_doc(presentation_doc, "medwallet/presentation").get("presentation")
        docs = {}
        for cred_def_id in set(self.accepted) & set(request.accept):
            try:
                docs[cred_def_id] = ledger_docs(self.network, cred_def_id)
            except (WalletError, CredentialRefused):  # not (or no longer validly) on the ledger
                continue
        try:
            return ledger_creds.verify_presentation(request.anoncreds(), presentation, docs)
        except CredentialRefused as exc:
            raise ProofRejected(exc) from None
