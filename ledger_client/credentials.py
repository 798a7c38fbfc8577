"""Anonymous credentials on the ledger: the documents, and the checks every node makes.

Hyperledger AnonCreds (CL signatures) through the ``anoncreds`` package. Everything here
is pure and deterministic: a verdict depends only on the transaction and the ledger
state it is applied to, so every node, and every replay, reaches the same one.

Ledger documents. An issuer publishes a credential definition with
``publish_credential_def``::

    cred_def_id = "medwallet:cdef/<issuer key>/<tag>"
    document    = {"v": 1, "schema_id": str, "schema": AnonCreds Schema,
                   "cred_def": AnonCreds CredentialDefinition}
    revocation  = {"rev_reg_def_id": str, "rev_reg_def": AnonCreds RevocationRegistryDefinition,
                   "status_list": AnonCreds RevocationStatusList}

and replaces the status list with ``publish_revocation_status`` (the contract keeps its
timestamp strictly increasing). Ids are URIs naming the issuing institution's signing
key (``medwallet:issuer/<key>``); a definition's id and its ``issuerId`` must name the
institution that published it, so an id listed in a genesis cannot be taken by another.

Admission. Under the genesis policy ``require_credential`` a ``register_pseudonym``
carries ``proof = {"v": 1, "type": "anoncreds-admission", "presentation": ...}``. The
proof request is never transmitted: each node rebuilds it from the ledger, so the
prover cannot choose it:

* nonce = the first 10 bytes (80 bits, AnonCreds' nonce size) of
  SHA-256("medwallet/admission/v1" || chain id || pseudonym key), as a decimal
  integer. The proof is bound to the key that signs the registration and to this
  network: replayed for another pseudonym, or on another network, it does not verify.
* one hidden attribute of a credential of the named definition, revealing nothing,
  and a non-revocation proof against exactly the status list the ledger holds now
  (``non_revoked`` from = to = its timestamp). A proof made against an older list is
  refused (``revocation_list_outdated``): a credential revoked on the ledger can never
  prove itself valid, and no node consults anything but the ledger.
* the definition's issuer must be accepted by the policy: ``accepted_issuers`` lists
  credential definition ids or institution keys; an empty list accepts institutions
  that governance registered with kind ``issuer``.
* the presentation must prove exactly that request and nothing else: its labels name the
  one hidden referent, and its sub-proof reveals no attribute and proves no predicate.
  A presentation the patient made for anyone else (a study that asked for a predicate or
  an attribute, even one that chose the admission nonce of a key of its own) is refused,
  however its ``requested_proof`` labels are rewritten (:func:`_check_sub_proofs`; the same
  exactness holds for every verifier).

Every presentation's nonce is derived under a tag of its purpose, never taken from a
verifier: an admission's as above (below 2^80); a study's by :func:`study_nonce` from the
network, the requesting institution's key and its challenge, with its top bit set (at
least 2^255). The two ranges do not meet, so no verifier can make a wallet prove anything
under the admission nonce of a key, and a study's proof answers that study only.

:func:`verify_admission` is the contract's :data:`~ledger_client.contract.AdmissionVerifier`:
a node passes it to the contract (every node does by default, however it is built).
Refusals are :class:`~ledger_client.errors.CredentialRefused`, their code says why.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from . import state_keys as sk
from .anoncreds_lib import anoncreds
from .encoding import canonical
from .errors import CredentialRefused, refusal
from .genesis import Genesis
from .state import StateView
from .tx import SignedTx

ADMISSION_DOMAIN = b"medwallet/admission/v1"
STUDY_DOMAIN = b"medwallet/study-proof/v1"
STUDY_NONCE_FLOOR = 1 << 255  # every study nonce is at least this; every admission nonce is below 2^80
PROOF_TYPE = "anoncreds-admission"
PROOF_VERSION = 1
DOCUMENT_VERSION = 1
ADMISSION_REFERENT = "credential"
PREDICATES = {">=": "ge", ">": "gt", "<=": "le", "<": "lt"}
MAX_SUB_PROOFS = 8
_CACHE_SIZE = 256
T = TypeVar("T")


def refuse(code: str, message: str) -> CredentialRefused:
    """A credential refusal (:class:`CredentialRefused` or the subclass its code names)."""
    error = refusal(code, message)
    if not isinstance(error, CredentialRefused):
        raise TypeError(f"{code!r} is not a credential refusal code")
    return error


# --- identifiers ------------------------------------------------------------------

def issuer_uri(institution: str) -> str:
    """The AnonCreds issuer id of a registered institution (its signing key)."""
    return f"medwallet:issuer/{institution}"


def schema_id_for(institution: str, name: str, version: str) -> str:
    return f"medwallet:schema/{institution}/{name}/{version}"


def cred_def_id_for(institution: str, tag: str) -> str:
    return f"medwallet:cdef/{institution}/{tag}"


def rev_reg_id_for(institution: str, tag: str) -> str:
    return f"medwallet:revreg/{institution}/{tag}"


# --- the documents on the ledger --------------------------------------------------

@dataclass(frozen=True)
class CredentialDocs:
    """A credential definition as the ledger holds it, checked for consistency."""

    cred_def_id: str
    issuer: str
    schema_id: str
    schema: dict[str, Any]
    cred_def: dict[str, Any]
    rev_reg_def_id: str | None
    rev_reg_def: dict[str, Any] | None
    status_list: dict[str, Any] | None
    version: tuple[str, str | None]  # (publish tx, last status tx): changes with the documents

    @property
    def revocable(self) -> bool:
        return self.status_list is not None

    @property
    def status_timestamp(self) -> int | None:
        return self.status_list["timestamp"] if self.status_list else None

    @property
    def attr_names(self) -> list[str]:
        return sorted(self.schema["attrNames"])

    @property
    def schema_name(self) -> str:
        return self.schema["name"]

    def is_revoked(self, index: int) -> bool:
        """Whether credential number ``index`` of the registry is revoked now."""
        bits = self.status_list["revocationList"] if self.status_list else []
        return 0 <= index < len(bits) and bits[index] == 1


def credential_def_payload(cred_def_id: str, schema_id: str, schema: dict[str, Any], cred_def: dict[str, Any],
                           rev_reg_def_id: str, rev_reg_def: dict[str, Any],
                           status_list: dict[str, Any]) -> dict[str, Any]:
    """The ``publish_credential_def`` payload for AnonCreds documents (as JSON objects)."""
    return {"cred_def_id": cred_def_id,
            "document": {"v": DOCUMENT_VERSION, "schema_id": schema_id, "schema": schema, "cred_def": cred_def},
            "revocation": {"rev_reg_def_id": rev_reg_def_id, "rev_reg_def": rev_reg_def, "status_list": status_list}}


def docs_from_entry(cred_def_id: str, entry: Mapping[str, Any]) -> CredentialDocs:
    """Check a ``cdef/<id>`` state entry (or the node's answer for it) and type it."""
    try:
        doc, issuer = entry["document"], entry["issuer"]
        schema_id, schema, cred_def = doc["schema_id"], doc["schema"], doc["cred_def"]
        ok = (cred_def_id.startswith(cred_def_id_for(issuer, ""))  # the id names its publisher: no squatting
              and doc.get("v") == DOCUMENT_VERSION and isinstance(schema, dict) and isinstance(cred_def, dict)
              and cred_def.get("issuerId") == issuer_uri(issuer) and cred_def.get("schemaId") == schema_id
              and isinstance(schema.get("attrNames"), list) and schema["attrNames"]
              and isinstance(schema.get("name"), str))
        rev = entry.get("revocation")
        rev_id = rev_def = status = None
        if rev:
            rev_id, rev_def, status = rev["rev_reg_def_id"], rev["rev_reg_def"], rev["status_list"]
            ok = ok and (rev_def.get("credDefId") == cred_def_id and status.get("revRegDefId") == rev_id
                         and type(status.get("timestamp")) is int and isinstance(status.get("revocationList"), list))
    except (KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise refuse("bad_credential_def", f"the credential definition {cred_def_id} on the ledger is malformed")
    return CredentialDocs(cred_def_id, issuer, schema_id, schema, cred_def, rev_id, rev_def, status,
                          (entry.get("tx", ""), entry.get("status_tx")))


def lookup_docs(state: StateView, cred_def_id: object) -> CredentialDocs:
    """The documents of ``cred_def_id`` (as a proof names it: anything) in ``state``."""
    entry = state.get(sk.cred_def(cred_def_id)) if isinstance(cred_def_id, str) and len(cred_def_id) <= 200 else None
    if entry is None or not isinstance(cred_def_id, str):
        raise refuse("unknown_credential_def", "the proof names a credential definition that is not on the ledger")
    return docs_from_entry(cred_def_id, entry)


def is_accepted(genesis: Genesis, docs: CredentialDocs, institution: Mapping[str, Any] | None) -> bool:
    """Does the network's policy accept credentials of this definition?"""
    if institution is None:
        return False
    accepted = genesis.policy.get("accepted_issuers") or []
    if accepted:
        return docs.cred_def_id in accepted or docs.issuer in accepted
    return institution.get("kind") == "issuer"


# --- proof requests ---------------------------------------------------------------

def admission_nonce(chain_id: str, pseudonym: str) -> str:
    """The admission proof's nonce, bound to the pseudonym key and the network."""
    digest = hashlib.sha256(ADMISSION_DOMAIN + bytes.fromhex(chain_id) + bytes.fromhex(pseudonym)).digest()
    return str(int.from_bytes(digest[:10], "big"))


def study_nonce(chain_id: str, verifier: str, challenge: str) -> str:
    """The nonce of a presentation for institution ``verifier``'s request with ``challenge`` (hex)."""
    digest = hashlib.sha256(STUDY_DOMAIN + bytes.fromhex(chain_id) + bytes.fromhex(verifier)
                            + bytes.fromhex(challenge)).digest()
    return str(STUDY_NONCE_FLOOR | int.from_bytes(digest, "big"))


def admission_request(chain_id: str, pseudonym: str, docs: CredentialDocs) -> dict[str, Any]:
    """The proof request every node rebuilds for a pseudonym's admission."""
    stamp = docs.status_timestamp
    return {"name": "medwallet-admission", "version": "1", "nonce": admission_nonce(chain_id, pseudonym),
            "requested_attributes": {ADMISSION_REFERENT: {"name": docs.attr_names[0],
                                                          "restrictions": {"cred_def_id": docs.cred_def_id}}},
            "requested_predicates": {},
            "non_revoked": {"from": stamp, "to": stamp}}


def admission_proof(presentation: dict[str, Any]) -> dict[str, Any]:
    """The ``proof`` object of a ``register_pseudonym`` payload."""
    return {"v": PROOF_VERSION, "type": PROOF_TYPE, "presentation": presentation}


def predicate_referent(attr: str, op: str, value: int) -> str:
    return f"{attr}_{PREDICATES[op]}_{value}"


def proof_request(name: str, nonce: str, cred_def_ids: Iterable[str], *, reveal: Iterable[str] = (),
                  predicates: Iterable[tuple[str, str, int]] = (), not_after: int | None = None) -> dict[str, Any]:
    """A selective-disclosure request: reveal ``reveal``, prove ``predicates`` (attr, op, int), nothing else.

    Only credentials of ``cred_def_ids`` are accepted; with ``not_after`` the credential
    must be shown unrevoked by a status list no later than that time.
    """
    ids = sorted(set(cred_def_ids))
    if not ids:
        raise ValueError("name at least one accepted credential definition")
    restriction = {"cred_def_id": ids[0]} if len(ids) == 1 else {"$or": [{"cred_def_id": i} for i in ids]}
    attrs = {attr: {"name": attr, "restrictions": restriction} for attr in reveal}
    preds = {}
    for attr, op, value in predicates:
        if op not in PREDICATES or type(value) is not int:
            raise ValueError(f"unsupported predicate {attr} {op} {value!r}")
        preds[predicate_referent(attr, op, value)] = {"name": attr, "p_type": op, "p_value": value,
                                                      "restrictions": restriction}
    if not attrs and not preds:
        raise ValueError("ask for at least one attribute or predicate")
    request = {"name": name, "version": "1", "nonce": nonce, "requested_attributes": attrs,
               "requested_predicates": preds}
    if not_after is not None:
        request["non_revoked"] = {"to": not_after}
    return request


# --- verification -----------------------------------------------------------------

@dataclass(frozen=True)
class VerifiedPresentation:
    """What a verified presentation established."""

    revealed: dict[str, str]  # attribute name -> raw value
    predicates: list[tuple[str, str, int]]
    cred_def_ids: list[str]
    issuers: list[str]


def _untrusted(fn: Callable[..., T]) -> Callable[..., T]:
    """Whatever shape an untrusted proof has, it is refused with a :class:`CredentialRefused`:
    any other exception would escape the contract, which refuses only with ledger errors."""
    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> T:
        try:
            return fn(*args, **kwargs)
        except CredentialRefused:
            raise
        except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError, OverflowError):
            raise refuse("bad_proof", "the credential proof is malformed") from None
    return guarded


@_untrusted
def verify_presentation(request: dict[str, Any], presentation: Any,
                        docs: Mapping[str, CredentialDocs]) -> VerifiedPresentation:
    """Verify ``presentation`` against ``request`` and the ledger's ``docs`` (by cred def id).

    Raises :class:`CredentialRefused`: ``bad_proof``, ``unknown_credential_def``,
    ``not_revocable``, ``revocation_list_outdated`` or ``proof_invalid``.
    """
    identifiers, requested = _structure(presentation)
    used = []
    for ident in identifiers:
        found = docs.get(cast(str, ident.get("cred_def_id")))  # untrusted: a bad shape is refused (bad_proof)
        if found is None:
            raise refuse("unknown_credential_def", "the proof uses a credential definition that is not accepted here")
        if ident.get("schema_id") != found.schema_id:
            raise refuse("proof_invalid", "the proof names another schema than its credential definition")
        if not found.revocable:
            raise refuse("not_revocable", "credentials of this definition cannot be checked for revocation")
        if ident.get("rev_reg_id") != found.rev_reg_def_id or ident.get("timestamp") != found.status_timestamp:
            raise refuse("revocation_list_outdated",
                         "the proof was made against another revocation status list than the ledger's current one")
        used.append(found)
    revealed = _check_revealed(request, requested)
    _check_sub_proofs(request, presentation)
    _crypto_verify(request, presentation, used)
    predicates = [(p["name"], p["p_type"], p["p_value"]) for p in request.get("requested_predicates", {}).values()]
    return VerifiedPresentation(revealed, predicates, [d.cred_def_id for d in used], [d.issuer for d in used])


def _structure(presentation: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    ok = (isinstance(presentation, dict) and isinstance(presentation.get("identifiers"), list)
          and 0 < len(presentation["identifiers"]) <= MAX_SUB_PROOFS
          and all(isinstance(i, dict) for i in presentation["identifiers"])
          and isinstance(presentation.get("requested_proof"), dict) and isinstance(presentation.get("proof"), dict))
    if not ok:
        raise refuse("bad_proof", "the credential proof is not an AnonCreds presentation")
    requested = presentation["requested_proof"]
    if requested.get("self_attested_attrs"):
        raise refuse("bad_proof", "self-attested values are not accepted")
    return presentation["identifiers"], requested


def _check_revealed(request: dict[str, Any], requested: dict[str, Any]) -> dict[str, str]:
    """Revealed raw values must be what the proof's encoded values encode.

    AnonCreds proves the encoded values only; a raw value it does not check could
    otherwise be anything the prover likes.
    """
    revealed: dict[str, str] = {}
    pairs = []
    for referent, info in (requested.get("revealed_attrs") or {}).items():
        pairs.append((request["requested_attributes"].get(referent, {}).get("name"), info))
    for group in (requested.get("revealed_attr_groups") or {}).values():
        pairs.extend((name, info) for name, info in (group.get("values") or {}).items())
    for name, info in pairs:
        raw, encoded = (info.get("raw"), info.get("encoded")) if isinstance(info, dict) else (None, None)
        if not isinstance(name, str) or not isinstance(raw, str) or not isinstance(encoded, str):
            raise refuse("bad_proof", "a revealed attribute is malformed or was not asked for")
        if anoncreds.encode_credential_attributes({"v": raw})["v"] != encoded:
            raise refuse("proof_invalid", f"the revealed value of {name!r} does not match its proof")
        revealed[name] = raw
    return revealed


_P_TYPES = {">=": "GE", ">": "GT", "<=": "LE", "<": "LT"}
_REQUESTED_PROOF_KEYS = {"revealed_attrs", "revealed_attr_groups", "unrevealed_attrs", "self_attested_attrs",
                         "predicates"}


def _attr_key(name: str) -> str:
    """AnonCreds' canonical form of an attribute name (as its proofs spell it)."""
    return name.replace(" ", "").lower()


def _check_sub_proofs(request: dict[str, Any], presentation: dict[str, Any]) -> None:
    """The proof proves exactly what the request asks, in the sub-proof the labels name.

    AnonCreds (0.2) checks the cryptography of what a proof contains, not that it is what
    the request asked: it builds the predicates it verifies from the proof itself (so a
    proof of ``birth_year < 3000`` would pass a request for ``birth_year < 2008``) and it
    accepts sub-proofs that reveal or prove more than asked. ``requested_proof`` is only a
    label map the prover writes, so a proof made for one request could be relabelled to
    answer another with the same nonce. Here the whole proof is held to the request: the
    labels name exactly the request's referents, and each sub-proof reveals exactly the
    attributes and proves exactly the predicates labelled to it, and shows non-revocation.
    """
    proofs = presentation["proof"].get("proofs")
    identifiers = presentation["identifiers"]
    if not isinstance(proofs, list) or len(proofs) != len(identifiers):
        raise refuse("bad_proof", "the credential proof does not match its identifiers")
    requested = presentation["requested_proof"]
    if not set(requested) <= _REQUESTED_PROOF_KEYS or set(presentation) != {"identifiers", "proof",
                                                                             "requested_proof"}:
        raise refuse("bad_proof", "the credential proof has fields an AnonCreds presentation does not have")
    wanted_revealed: list[set[str]] = [set() for _ in proofs]
    wanted_predicates: list[set[tuple[str, str, int]]] = [set() for _ in proofs]
    attrs = request.get("requested_attributes", {})
    labels = {**(requested.get("revealed_attrs") or {}), **(requested.get("unrevealed_attrs") or {}),
              **(requested.get("revealed_attr_groups") or {})}
    if set(labels) != set(attrs) or len(labels) != sum(len(requested.get(k) or {}) for k in
                                                       ("revealed_attrs", "unrevealed_attrs", "revealed_attr_groups")):
        raise refuse("proof_invalid", "the proof answers other attributes than the request asks for")
    if set(requested.get("predicates") or {}) != set(request.get("requested_predicates", {})):
        raise refuse("proof_invalid", "the proof answers other predicates than the request asks for")
    for referent, info in (requested.get("revealed_attrs") or {}).items():
        wanted_revealed[_index(info, len(proofs))].add(_attr_key(attrs[referent]["name"]))
    for referent, group in (requested.get("revealed_attr_groups") or {}).items():
        names = attrs[referent].get("names") or []
        if set(group.get("values") or {}) != set(names):
            raise refuse("proof_invalid", "a revealed attribute group does not match the request")
        wanted_revealed[_index(group, len(proofs))].update(_attr_key(n) for n in names)
    for referent in (requested.get("unrevealed_attrs") or {}):
        _index(requested["unrevealed_attrs"][referent], len(proofs))
    for referent, info in request.get("requested_predicates", {}).items():
        index = _index(requested["predicates"][referent], len(proofs))
        wanted_predicates[index].add((_attr_key(info["name"]), _P_TYPES[info["p_type"]], info["p_value"]))
    for proof, revealed, predicates in zip(proofs, wanted_revealed, wanted_predicates, strict=True):
        if not isinstance(proof.get("non_revoc_proof"), dict):
            raise refuse("bad_proof", "the credential proof does not show that the credential is unrevoked")
        primary = proof["primary_proof"]
        shown = [(g["predicate"]["attr_name"], g["predicate"]["p_type"], g["predicate"]["value"])
                 for g in primary["ge_proofs"]]
        if len(shown) != len(set(shown)) or set(shown) != predicates:
            raise refuse("proof_invalid", "the proof does not prove exactly the predicates asked for")
        if set(primary["eq_proof"]["revealed_attrs"]) != revealed:
            raise refuse("proof_invalid", "the proof reveals other attributes than the request asks for")


def _index(label: Any, count: int) -> int:
    """The sub-proof a ``requested_proof`` label points to."""
    index = label["sub_proof_index"] if isinstance(label, dict) else None
    if type(index) is not int or not 0 <= index < count:
        raise refuse("bad_proof", "the credential proof labels a sub-proof that does not exist")
    return index


def _crypto_verify(request: dict[str, Any], presentation: dict[str, Any], used: list[CredentialDocs]) -> None:
    objects = [_objects(d) for d in used]
    schemas = {d.schema_id: o[0] for d, o in zip(used, objects, strict=True)}
    cred_defs = {d.cred_def_id: o[1] for d, o in zip(used, objects, strict=True)}
    rev_defs = {d.rev_reg_def_id: o[2] for d, o in zip(used, objects, strict=True)}
    lists = list({d.rev_reg_def_id: o[3] for d, o in zip(used, objects, strict=True)}.values())
    try:
        pres = anoncreds.Presentation.load(json.dumps(presentation))
        req = anoncreds.PresentationRequest.load(json.dumps(request))
    except anoncreds.AnoncredsError as exc:
        raise refuse("bad_proof", f"the credential proof is malformed: {exc}") from None
    try:
        valid = pres.verify(req, schemas, cred_defs, rev_defs, lists)
    except anoncreds.AnoncredsError as exc:
        raise refuse("proof_invalid", f"the credential proof does not verify: {exc}") from None
    if not valid:
        raise refuse("proof_invalid", "the credential proof does not verify: it is forged, made for another "
                                      "pseudonym or request, or its credential is revoked")


_OBJECTS: OrderedDict[tuple[Any, ...], tuple[Any, ...]] = OrderedDict()


def _objects(docs: CredentialDocs) -> tuple[Any, ...]:
    """Parsed AnonCreds objects of ``docs`` (cached by the documents' ledger version)."""
    key = (docs.cred_def_id, docs.version, canonical(docs.status_list))
    if key in _OBJECTS:
        _OBJECTS.move_to_end(key)
        return _OBJECTS[key]
    try:
        parsed = (anoncreds.Schema.load(json.dumps(docs.schema)),
                  anoncreds.CredentialDefinition.load(json.dumps(docs.cred_def)),
                  anoncreds.RevocationRegistryDefinition.load(json.dumps(docs.rev_reg_def)),
                  anoncreds.RevocationStatusList.load(json.dumps(docs.status_list)))
    except anoncreds.AnoncredsError:
        raise refuse("bad_credential_def",
                     f"the credential definition {docs.cred_def_id} on the ledger is malformed") from None
    _OBJECTS[key] = parsed
    if len(_OBJECTS) > _CACHE_SIZE:
        _OBJECTS.popitem(last=False)
    return parsed


# --- the admission hook -----------------------------------------------------------

_ADMITTED: OrderedDict[tuple[Any, ...], None] = OrderedDict()


def admission_presentation(proof: Any) -> dict[str, Any]:
    """The presentation inside a ``register_pseudonym`` proof object."""
    if not (isinstance(proof, dict) and proof.get("v") == PROOF_VERSION and proof.get("type") == PROOF_TYPE
            and isinstance(proof.get("presentation"), dict) and len(proof) == 3):
        raise refuse("bad_proof",
                     f"the admission proof must be {{v: {PROOF_VERSION}, type: {PROOF_TYPE!r}, presentation}}")
    return proof["presentation"]


@_untrusted
def verify_admission(genesis: Genesis, state: StateView, tx: SignedTx) -> None:
    """The contract's admission verifier: raises :class:`CredentialRefused` to refuse ``tx``."""
    presentation = admission_presentation(tx.payload.get("proof"))
    identifiers, requested = _structure(presentation)
    if len(identifiers) != 1:
        raise refuse("bad_proof", "an admission proof shows exactly one credential")
    if requested.get("revealed_attrs") or requested.get("revealed_attr_groups") or requested.get("predicates"):
        raise refuse("bad_proof", "an admission proof must reveal nothing")
    docs = lookup_docs(state, identifiers[0].get("cred_def_id"))
    if not is_accepted(genesis, docs, state.get(sk.institution(docs.issuer))):
        raise refuse("issuer_not_accepted", "this network does not accept credentials from this issuer")
    # A verdict depends only on the transaction and the documents' ledger version, so a
    # node that checked the same pair on admission to its mempool need not check it again.
    key = (tx.id, docs.cred_def_id, docs.version)
    if key in _ADMITTED:
        return
    verify_presentation(admission_request(genesis.chain_id, tx.signer, docs), presentation, {docs.cred_def_id: docs})
    _ADMITTED[key] = None
    if len(_ADMITTED) > 4 * _CACHE_SIZE:
        _ADMITTED.popitem(last=False)


__all__ = [
    "CredentialDocs", "VerifiedPresentation", "admission_nonce", "admission_proof", "admission_request",
    "cred_def_id_for", "credential_def_payload", "docs_from_entry", "is_accepted", "issuer_uri", "lookup_docs",
    "proof_request", "rev_reg_id_for", "schema_id_for", "study_nonce", "verify_admission", "verify_presentation",
]
