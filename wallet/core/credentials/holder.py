"""Anonymous credentials in the patient's wallet (Hyperledger AnonCreds): the holder's side.

* Obtaining one: the issuer's offer file → :func:`request_credential` (a request file
  for the issuer, bound to the wallet's link secret) → the issuer's credential file →
  :func:`store_credential` (checked against the ledger's definition, stored encrypted).
* Showing them: :func:`list_credentials` (issuer, attributes, valid or revoked on the ledger)
  for the Credentials view.
* Selective disclosure: :func:`describe_request` says who asks (an institution registered
  on the ledger, whose signature the request carries, see :mod:`.requests`) and exactly
  what; :func:`present` proves exactly that (revealed attributes and predicates such as
  ``birth_year < 2008``) and nothing else, under a nonce the wallet derives itself.

Admitting a pseudonym with a proof is :mod:`.admission`; the documents are :mod:`.documents`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ledger_client import credentials as ledger_creds
from ledger_client.anoncreds_lib import anoncreds
from ledger_client.credentials import CredentialDocs
from ledger_client.errors import LedgerError

from ..errors import WalletError
from ..keys import sodium
from ..wallet import Wallet
from .documents import DOC_VERSION, CredentialProblem, check_doc, ledger_docs, tails_hash
from .requests import ProofRequest, RequestRefused, parse_request, predicate_words, registered_verifier
from .store import CredentialStore, link_secret

Accept = Callable[[dict[str, Any], CredentialDocs], bool]
LINK_SECRET_ID = "medwallet"
MAX_TAILS_BYTES = 16 * 1024 * 1024
STATUS_LABELS = {"valid": "Valid", "revoked": "Revoked by the issuer", "unknown": "Status unknown (offline)"}


class NoUsableCredential(WalletError):
    """This network admits new pseudonyms only with a valid credential from an issuer it accepts.
    Obtain one from such an issuer (see Credentials) and try again."""

    code = "no_usable_credential"


class CredentialRevoked(WalletError):
    """Your credential was revoked by its issuer, so it can no longer be used. Ask the issuer for a new one."""

    code = "credential_revoked"


@dataclass(frozen=True)
class CredentialInfo:
    """One credential as the Credentials view shows it."""

    id: str
    cred_def_id: str
    issuer: str  # the issuing institution's key on the ledger
    issuer_name: str
    schema_name: str
    attributes: dict[str, str]
    status: str  # "valid", "revoked" or "unknown"
    received_at: int

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class RequestSummary:
    """What an institution asks to see, in the patient's terms, before anything is shown.

    ``verifier`` is the institution's name as the ledger registered it (never a name the
    request claims); ``predicate_texts`` say each predicate in words.
    """

    verifier: str
    reveal: list[str]
    predicates: list[tuple[str, str, int]]
    credential: CredentialInfo | None = None
    missing: list[str] = field(default_factory=list)
    verifier_key: str = ""
    verifier_kind: str = ""
    expires_at: int = 0

    @property
    def predicate_texts(self) -> list[str]:
        return [predicate_words(*p) for p in self.predicates]


def store(wallet: Wallet) -> CredentialStore:
    """The wallet's credential files."""
    return CredentialStore(wallet.dir / "credentials", wallet.keys.seed)


# --- obtaining a credential -------------------------------------------------------

def request_credential(wallet: Wallet, offer_doc: object) -> dict[str, Any]:
    """Answer an issuer's offer with a credential request bound to this wallet's link secret."""
    offer = check_doc(offer_doc, "medwallet/credential-offer")
    if offer.get("chain_id") != wallet.network.chain_id:
        raise CredentialProblem("This offer is for another Medwallet network than the one this wallet uses.")
    inner = offer.get("offer")
    if (not isinstance(inner, dict) or not isinstance(offer.get("cred_def_id"), str)
            or not str(inner.get("nonce")).isdigit()):
        raise CredentialProblem(detail="malformed offer")
    docs = ledger_docs(wallet.network, offer["cred_def_id"])
    if docs.issuer != offer.get("issuer") or inner.get("cred_def_id") != docs.cred_def_id:
        raise CredentialProblem("The offer does not match the issuer's definition on the ledger.")
    try:
        request, meta = anoncreds.CredentialRequest.create(
            sodium.random_bytes(16).hex(), None, json.dumps(docs.cred_def), link_secret(wallet.keys.seed),
            LINK_SECRET_ID, anoncreds.CredentialOffer.load(json.dumps(offer["offer"])))
    except anoncreds.AnoncredsError as exc:
        raise CredentialProblem(detail=str(exc)) from None
    nonce = offer["offer"]["nonce"]
    store(wallet).save_pending(nonce, {"offer": offer, "meta": json.loads(meta.to_json()), "at": int(time.time())})
    return {"type": "medwallet/credential-request", "v": DOC_VERSION, "cred_def_id": docs.cred_def_id,
            "offer_nonce": nonce, "request": json.loads(request.to_json())}


def store_credential(wallet: Wallet, cred_doc: object) -> CredentialInfo:
    """Check an issued credential against its request and the ledger, and keep it (encrypted)."""
    doc = check_doc(cred_doc, "medwallet/credential")
    creds = store(wallet)
    nonce = str(doc.get("offer_nonce", ""))
    pending = creds.load_pending(nonce) if nonce.isdigit() and len(nonce) <= 80 else None
    if pending is None:
        raise CredentialProblem("This credential answers no request made by this wallet.")
    offer = pending["offer"]
    docs = ledger_docs(wallet.network, offer["cred_def_id"])
    tails = _tails(doc, docs)
    try:
        cred = anoncreds.Credential.load(json.dumps(doc["credential"])).process(
            json.dumps(pending["meta"]), link_secret(wallet.keys.seed), json.dumps(docs.cred_def),
            json.dumps(docs.rev_reg_def))
    except (anoncreds.AnoncredsError, KeyError, TypeError) as exc:
        raise CredentialProblem("The issuer's signature on this credential does not verify.",
                                detail=str(exc)[:200]) from None
    values = json.loads(cred.to_json())["values"]
    raw = {name: value["raw"] for name, value in values.items()}
    encoded = anoncreds.encode_credential_attributes(raw)
    if (cred.cred_def_id != docs.cred_def_id or cred.rev_reg_id != docs.rev_reg_def_id
            or any(encoded[name] != value["encoded"] for name, value in values.items())):
        raise CredentialProblem("This credential does not match the issuer's definition on the ledger.")
    cred_id = hashlib.sha256(cred.to_json().encode()).hexdigest()[:32]
    creds.save_tails(tails[0], tails[1])
    record = {"id": cred_id, "cred_def_id": docs.cred_def_id, "issuer": docs.issuer,
              "issuer_name": offer.get("issuer_name", ""), "schema_name": docs.schema_name,
              "attributes": raw, "rev_reg_index": cred.rev_reg_index,
              "tails_hash": tails[0], "credential": json.loads(cred.to_json()), "received_at": int(time.time())}
    creds.save(cred_id, record)
    creds.drop_pending(nonce)
    return _info(record, docs)


def _tails(doc: dict[str, Any], docs: CredentialDocs) -> tuple[str, bytes]:
    expected = docs.rev_reg_def["value"]["tailsHash"] if docs.rev_reg_def else None
    try:
        data = base64.b64decode(doc.get("tails", ""), validate=True)
    except (binascii.Error, TypeError, ValueError):
        data = b""
    if expected is None or len(data) > MAX_TAILS_BYTES or tails_hash(data) != expected:
        raise CredentialProblem("The credential's revocation data (tails file) is missing or damaged.")
    return expected, data


# --- the Credentials view ---------------------------------------------------------

def list_credentials(wallet: Wallet, refresh: bool = True) -> list[CredentialInfo]:
    """Every credential in the wallet with its status on the ledger (``unknown`` offline)."""
    records = store(wallet).all()
    docs = _docs_by_id(wallet, {r["cred_def_id"] for r in records}) if refresh else {}
    return [_info(r, docs.get(r["cred_def_id"])) for r in records]


def delete_credential(wallet: Wallet, cred_id: str) -> None:
    store(wallet).delete(cred_id)


def _docs_by_id(wallet: Wallet, ids: set[str]) -> dict[str, CredentialDocs]:
    out = {}
    for cred_def_id in ids:
        try:
            out[cred_def_id] = ledger_docs(wallet.network, cred_def_id)
        except (LedgerError, WalletError):
            continue
    return out


def _info(record: dict[str, Any], docs: CredentialDocs | None) -> CredentialInfo:
    if docs is None:
        status = "unknown"
    else:
        status = "revoked" if docs.is_revoked(record["rev_reg_index"]) else "valid"
    return CredentialInfo(record["id"], record["cred_def_id"], record["issuer"], record["issuer_name"],
                          record["schema_name"], dict(record["attributes"]), status, record["received_at"])


# --- proofs -----------------------------------------------------------------------
#
# Two kinds of presentation, each with its request built here from its purpose and never
# taken from outside: the admission of one of this wallet's own pseudonyms (one hidden
# attribute, nothing revealed, nothing proven: the request every node rebuilds) and the
# answer to an institution's signed request (which always reveals or proves something).

def prove_admission(wallet: Wallet, record: dict[str, Any], docs: CredentialDocs, index: int) -> dict[str, Any]:
    """The presentation that admits this wallet's pseudonym ``index`` on its network."""
    request = ledger_creds.admission_request(wallet.network.chain_id, wallet.signing_key(index).public, docs)
    return _presentation(wallet, record, docs, request, hidden=[ledger_creds.ADMISSION_REFERENT])


def _presentation(wallet: Wallet, record: dict[str, Any], docs: CredentialDocs, request: dict[str, Any], *,
                  reveal: Sequence[str] = (), hidden: Sequence[str] = (),
                  predicates: Sequence[str] = ()) -> dict[str, Any]:
    """An AnonCreds presentation of one credential, non-revocation shown against the ledger's list."""
    try:
        cred = anoncreds.Credential.load(json.dumps(record["credential"]))
        rev_state = anoncreds.CredentialRevocationState.create(
            anoncreds.RevocationRegistryDefinition.load(json.dumps(docs.rev_reg_def)),
            anoncreds.RevocationStatusList.load(json.dumps(docs.status_list)), record["rev_reg_index"],
            str(store(wallet).tails_path(record["tails_hash"])))
        chosen = anoncreds.PresentCredentials()
        stamp = docs.status_timestamp
        for referent in reveal:
            chosen.add_attributes(cred, referent, reveal=True, timestamp=stamp, rev_state=rev_state)
        for referent in hidden:
            chosen.add_attributes(cred, referent, reveal=False, timestamp=stamp, rev_state=rev_state)
        for referent in predicates:
            chosen.add_predicates(cred, referent, timestamp=stamp, rev_state=rev_state)
        presentation = anoncreds.Presentation.create(
            anoncreds.PresentationRequest.load(json.dumps(request)), chosen, {}, link_secret(wallet.keys.seed),
            {docs.schema_id: json.dumps(docs.schema)}, {docs.cred_def_id: json.dumps(docs.cred_def)})
    except anoncreds.AnoncredsError as exc:
        raise CredentialProblem("This credential cannot prove what is asked.", detail=str(exc)[:200]) from None
    return json.loads(presentation.to_json())


def usable_credential(wallet: Wallet, accept: Accept) -> tuple[dict[str, Any], CredentialDocs]:
    """The newest stored credential that ``accept(record, docs)`` takes and that is not revoked."""
    records = store(wallet).all()
    docs = _docs_by_id(wallet, {r["cred_def_id"] for r in records})
    revoked = False
    for record in reversed(records):
        found = docs.get(record["cred_def_id"])
        if found is None or not found.revocable or not accept(record, found):
            continue
        if found.is_revoked(record["rev_reg_index"]):
            revoked = True
            continue
        return record, found
    raise CredentialRevoked() if revoked else NoUsableCredential()


def check_request(wallet: Wallet, request_doc: object) -> tuple[ProofRequest, dict[str, Any]]:
    """A request this wallet may answer, and the ledger's entry of the institution that signed it.

    :class:`~.requests.RequestRefused` for a request that cannot be attributed (unsigned, a
    signature that does not match, a key the ledger does not know as an institution), that
    is for another network, expired, or that asks for nothing.
    """
    request = parse_request(request_doc, wallet.network.chain_id)
    return request, registered_verifier(wallet.network, request)


def describe_request(wallet: Wallet, request_doc: object) -> RequestSummary:
    """Who asks (the institution's name on the ledger) and exactly what, and which credential would answer."""
    request, institution = check_request(wallet, request_doc)
    reveal, preds = list(request.reveal), list(request.predicates)
    summary = RequestSummary(institution["name"], reveal, preds, verifier_key=request.verifier,
                             verifier_kind=institution.get("kind", ""), expires_at=request.expires_at)
    try:
        record, docs = usable_credential(wallet, _fits(request.anoncreds()))
    except (NoUsableCredential, CredentialRevoked):
        return replace(summary, missing=reveal + [p[0] for p in preds])
    return replace(summary, credential=_info(record, docs))


def present(wallet: Wallet, request_doc: object) -> dict[str, Any]:
    """Prove what an institution's signed request asks (revealed attributes, predicates) and nothing else."""
    request, _institution = check_request(wallet, request_doc)
    anon = request.anoncreds()
    reveal, predicates = list(anon["requested_attributes"]), list(anon["requested_predicates"])
    if not reveal and not predicates:  # parse_request refuses these; an admission-shaped proof is never made here
        raise RequestRefused(detail="empty request")
    record, docs = usable_credential(wallet, _fits(anon))
    presentation = _presentation(wallet, record, docs, anon, reveal=reveal, predicates=predicates)
    return {"type": "medwallet/presentation", "v": DOC_VERSION, "presentation": presentation}


def _fits(request: dict[str, Any]) -> Accept:
    """A credential fits a request if its definition is allowed and its values satisfy the predicates."""
    allowed = _allowed_ids(request)

    def accept(record: dict[str, Any], docs: CredentialDocs) -> bool:
        values = record["attributes"]
        if allowed is not None and docs.cred_def_id not in allowed:
            return False
        if any(info.get("name") not in values for info in request.get("requested_attributes", {}).values()):
            return False
        return all(_holds(values.get(p.get("name")), p.get("p_type"), p.get("p_value"))
                   for p in request.get("requested_predicates", {}).values())
    return accept


def _allowed_ids(request: dict[str, Any]) -> set[str] | None:
    ids: set[str] = set()
    infos = [*request.get("requested_attributes", {}).values(), *request.get("requested_predicates", {}).values()]
    for info in infos:
        restriction = info.get("restrictions") or {}
        for item in restriction.get("$or", [restriction]):
            if "cred_def_id" in item:
                ids.add(item["cred_def_id"])
    return ids or None


def _holds(raw: str | None, op: str, bound: int) -> bool:
    try:
        value = int(raw or "")
    except ValueError:
        return False
    return {">=": value >= bound, ">": value > bound, "<=": value <= bound, "<": value < bound}.get(op, False)
