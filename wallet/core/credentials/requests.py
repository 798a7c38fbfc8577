"""Proof requests: what an institution asks a patient to prove, signed by it, bound to one
network and to its purpose.

Document, as it travels (file or QR)::

    {"type": "medwallet/proof-request", "v": 2, "request": body, "sig": hex}
    body = {"chain_id": genesis hash, "verifier": the institution's signing key,
            "challenge": 32 random bytes (hex), "created": unix s, "expires_at": unix s,
            "accept": [credential definition id, ...],
            "reveal": [attribute, ...], "predicates": [{"name": attribute, "op": "<", "value": int}, ...]}
    sig  = Ed25519(verifier, DOMAIN_PROOF_REQUEST || SHA-256(canonical(body)))

A wallet answers only a request it can attribute: the signature must verify over the whole
body, the verifier must be an institution registered on the wallet's network (its name is
the one the ledger holds, never one the request claims), the body must name that network
and be within its validity window, and it must ask for something (an attribute or a
predicate; only an admission proves a credential and nothing else, and the wallet makes
those for its own pseudonyms only). The AnonCreds proof request is never read from the
document: the wallet and the verifier both build it from the body (:meth:`ProofRequest.anoncreds`)
with the nonce derived from the network, the verifier and its challenge
(:func:`ledger_client.credentials.study_nonce`), so no verifier can choose a nonce.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ledger_client import credentials as ledger_creds
from ledger_client.crypto import DOMAIN_PROOF_REQUEST, SigningKey, sha256, verify
from ledger_client.encoding import canonical
from ledger_client.errors import MalformedError, NotFound, SignatureError
from ledger_client.schema import HASH, KEY, SIG, TIME, Enum, Int, ListOf, Obj, Text

from ..keys import sodium
from ..network import Network
from .documents import CredentialProblem

KIND = "medwallet/proof-request"
VERSION = 2
MAX_TTL_S = 30 * 86400
CLOCK_SLACK_S = 300
_ATTRIBUTE = re.compile(r"\A[a-z][a-z0-9_]{0,63}\Z")
OPERATOR_WORDS = {"<": "less than", "<=": "at most", ">": "greater than", ">=": "at least"}

_BODY = Obj({
    "chain_id": HASH, "verifier": KEY, "challenge": HASH, "created": TIME, "expires_at": TIME,
    "accept": ListOf(Text(200), 1, 16), "reveal": ListOf(Text(64), 0, 16),
    "predicates": ListOf(Obj({"name": Text(64), "op": Enum(tuple(OPERATOR_WORDS)),
                              "value": Int(-2**31, 2**31 - 1)}), 0, 16),
})
_DOCUMENT = Obj({"type": Enum((KIND,)), "v": Int(VERSION, VERSION), "request": _BODY, "sig": SIG})


class RequestRefused(CredentialProblem):
    """Medwallet does not answer this proof request. Ask the institution for a new one."""

    code = "request_refused"


@dataclass(frozen=True)
class ProofRequest:
    """A checked request: who asks (a key the ledger may name), on which network, for what."""

    chain_id: str
    verifier: str
    challenge: str
    created: int
    expires_at: int
    accept: tuple[str, ...]
    reveal: tuple[str, ...]
    predicates: tuple[tuple[str, str, int], ...]

    @property
    def nonce(self) -> str:
        return ledger_creds.study_nonce(self.chain_id, self.verifier, self.challenge)

    def anoncreds(self) -> dict[str, Any]:
        """The AnonCreds proof request both sides build: this body's ask, the derived nonce."""
        return ledger_creds.proof_request("medwallet-study", self.nonce, self.accept, reveal=self.reveal,
                                          predicates=self.predicates, not_after=self.expires_at)


def predicate_words(name: str, op: str, value: int) -> str:
    """A predicate as the patient reads it: ``birth_year is less than 2008``."""
    return f"{name} is {OPERATOR_WORDS[op]} {value}"


def make_request(key: SigningKey, chain_id: str, accept: Sequence[str], *, reveal: Sequence[str] = (),
                 predicates: Sequence[tuple[str, str, int]] = (), ttl: int = 3600,
                 now: int | None = None) -> dict[str, Any]:
    """A request signed by institution ``key``: reveal ``reveal``, prove ``predicates``, nothing else."""
    now = int(time.time()) if now is None else now
    if not 0 < ttl <= MAX_TTL_S:
        raise RequestRefused(f"A proof request is valid for a while, at most {MAX_TTL_S // 86400} days.")
    body = {"chain_id": chain_id, "verifier": key.public, "challenge": sodium.random_bytes(32).hex(),
            "created": now, "expires_at": now + ttl, "accept": sorted(set(accept)), "reveal": list(reveal),
            "predicates": [{"name": n, "op": op, "value": v} for n, op, v in predicates]}
    _check_ask(body)
    _BODY.check(body, "request")
    return {"type": KIND, "v": VERSION, "request": body, "sig": key.sign(DOMAIN_PROOF_REQUEST, _digest(body))}


def parse_request(doc: object, chain_id: str, now: int | None = None) -> ProofRequest:
    """Check a received request document: its form, signature, network, time and ask.

    Raises :class:`RequestRefused` (or :class:`CredentialProblem` for a file of another kind)
    with words the patient can act on. The verifier's registration is :func:`registered_verifier`.
    """
    if not isinstance(doc, dict) or doc.get("type") != KIND:
        raise CredentialProblem("This is not a proof request file.")
    if doc.get("v") == 1 or "sig" not in doc:
        raise RequestRefused("This proof request is not signed by an institution, so Medwallet cannot tell who "
                             "asks. It answers only requests signed by an institution registered on your network.")
    if doc.get("v") != VERSION:
        raise CredentialProblem("This proof request comes from a newer Medwallet. Update the application.")
    try:
        _DOCUMENT.check(doc, "request")
    except MalformedError as exc:
        raise RequestRefused("This proof request is damaged or not a Medwallet request.", detail=str(exc)) from None
    body = doc["request"]
    try:
        verify(body["verifier"], DOMAIN_PROOF_REQUEST, _digest(body), doc["sig"])
    except SignatureError:
        raise RequestRefused("This proof request's signature does not match its content: it was changed after "
                             "it was signed, or forged.") from None
    if body["chain_id"] != chain_id:
        raise RequestRefused("This proof request was made for another Medwallet network than yours.")
    now = int(time.time()) if now is None else now
    if body["expires_at"] <= now:
        raise RequestRefused("This proof request has expired.")
    if body["created"] > now + CLOCK_SLACK_S or body["expires_at"] - body["created"] > MAX_TTL_S:
        raise RequestRefused("This proof request's dates are not plausible: check the computer's clock.")
    _check_ask(body)
    return ProofRequest(body["chain_id"], body["verifier"], body["challenge"], body["created"], body["expires_at"],
                        tuple(body["accept"]), tuple(body["reveal"]),
                        tuple((p["name"], p["op"], p["value"]) for p in body["predicates"]))


def registered_verifier(network: Network, request: ProofRequest) -> dict[str, Any]:
    """The ledger's entry of the institution that signed ``request``; refused if it has none."""
    try:
        return network.client.institution(request.verifier)
    except NotFound:
        raise RequestRefused("This proof request is signed by a key that is not a registered institution on your "
                             "network, so Medwallet cannot tell who asks.") from None


def _check_ask(body: dict[str, Any]) -> None:
    names = [*body["reveal"], *(p["name"] for p in body["predicates"])]
    if not names:
        raise RequestRefused("This proof request asks for nothing: it names no attribute to show and no "
                             "statement to prove, so there is nothing to answer.")
    if not all(_ATTRIBUTE.match(name) for name in names):
        raise RequestRefused("This proof request names attributes Medwallet does not know.")


def _digest(body: dict[str, Any]) -> bytes:
    return sha256(canonical(body))
