"""Transactions: the signed facts the ledger records.

A transaction is a JSON object ``{"tx": body, "sig": hex}``. The body holds ``v``,
``type``, ``chain_id`` (the genesis hash of the network, so a transaction can never be
replayed on another network), ``signer`` (Ed25519 public key), ``seq`` (the signer's
sequence number: exactly one more than its previous transaction, so a transaction can
never be replayed or reordered), ``time`` (unix seconds) and a type-specific
``payload``. The id is the SHA-256 of the body's canonical bytes; the signature is over
``DOMAIN_TX || id``. Nothing medical and no patient identity is ever in a transaction:
records appear only as hashes of ciphertext, patients only as pseudonymous keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import crypto
from .delegation import payloads as delegation_payloads
from .emergency import payloads as emergency_payloads
from .encoding import canonical, check_domain, parse_json, reject_constant, reject_float
from .errors import LedgerError, MalformedError, SignatureError, WrongNetwork
from .schema import BOX_KEY, HASH, KEY, NONCE, SIG, TIME, AnyObject, Enum, Int, ListOf, Nullable, Obj, Text
from .shlinks import PAYLOADS as LINK_PAYLOADS

TX_VERSION = 1
MAX_READS = 1000  # the most reads a limited-use consent may allow (ledger_client.contract.MAX_READS)
MAX_TX_BYTES = 64 * 1024

PURPOSES = ("treatment", "emergency", "research", "insurance", "operations")
CATEGORIES = ("document", "image", "fhir", "lab", "imaging", "prescription", "note", "deidentified", "other")
INSTITUTION_KINDS = ("clinic", "hospital", "lab", "pharmacy", "insurer", "research", "issuer", "other")
REFUSAL_REASONS = (
    "unknown_record", "record_retired", "envelope_retired", "unknown_consent", "no_consent", "wrong_grantee",
    "not_in_scope", "wrong_purpose", "consent_revoked", "consent_expired", "consent_used_up",
    "consent_not_yet_valid", "unknown_requester", "blob_unavailable",
    "emergency_not_open", "emergency_wrong_requester", "emergency_not_in_set",  # reads under an emergency request
)

ACCESS_REQUEST = Obj({
    "v": Int(1, 1), "chain_id": HASH, "requester": KEY, "record": HASH,
    "consent": Nullable(HASH), "purpose": Enum(PURPOSES), "time": TIME, "nonce": NONCE,
})
SIGNED_ACCESS_REQUEST = Obj({"req": ACCESS_REQUEST, "sig": SIG})

PAYLOADS: dict[str, Obj] = {
    "register_institution": Obj(
        {"name": Text(120), "kind": Enum(INSTITUTION_KINDS), "sign_key": KEY, "box_key": BOX_KEY},
        {"node_key": KEY, "url": Text(200)},
    ),
    "register_pseudonym": Obj({"box_key": BOX_KEY}, {"proof": AnyObject()}),
    "anchor_record": Obj({"record": HASH, "size": Int(0, 2**44), "category": Enum(CATEGORIES)}),
    "retire_record": Obj({"record": HASH}),
    "grant_consent": Obj(
        {"grantee": KEY, "records": ListOf(HASH, 1, 1000), "purpose": Enum(PURPOSES),
         "not_before": TIME, "expires_at": TIME},
        {"envelope": HASH, "max_reads": Int(1, MAX_READS)},  # max_reads: a limited-use consent (1: one-time)
    ),
    "revoke_consent": Obj({"consent": HASH}),
    "narrow_consent": Obj({"consent": HASH, "records": ListOf(HASH, 1, 1000)}, {"envelope": HASH}),
    "access_event": Obj({"request": SIGNED_ACCESS_REQUEST}),
    "refusal_event": Obj({"request": SIGNED_ACCESS_REQUEST, "reason": Enum(REFUSAL_REASONS)}),
    "publish_credential_def": Obj({"cred_def_id": Text(200), "document": AnyObject()}, {"revocation": AnyObject()}),
    "publish_revocation_status": Obj({"cred_def_id": Text(200), "status_list": AnyObject()}),
    **LINK_PAYLOADS,  # SMART Health Links served by the nodes (see ledger_client.shlinks)
    **delegation_payloads(PURPOSES, INSTITUTION_KINDS, CATEGORIES),  # delegates (see ledger_client.delegation)
    **emergency_payloads(INSTITUTION_KINDS),  # break-glass emergency access (see ledger_client.emergency)
}
TX_TYPES = tuple(PAYLOADS)
# Types whose payload may hold free-form JSON (the schema does not bound its keys, numbers
# or depth): only for these is the general domain check still needed on a canonical leaf.
_FREE_FORM = frozenset(name for name, spec in PAYLOADS.items()
                       if any(isinstance(s, AnyObject) for s in (*spec.required.values(), *spec.optional.values())))

TX_BODY = Obj({
    "v": Int(TX_VERSION, TX_VERSION), "type": Enum(TX_TYPES), "chain_id": HASH, "signer": KEY,
    "seq": Int(1), "time": TIME, "payload": AnyObject(),
})
SIGNED_TX = Obj({"tx": TX_BODY, "sig": SIG})


@dataclass(frozen=True, slots=True)
class SignedTx:
    """A transaction whose format and signature have been checked."""

    body: dict[str, Any]
    sig: str
    id: str
    leaf: bytes  # canonical bytes of the whole signed envelope: the Merkle leaf data

    @property
    def type(self) -> str:
        return self.body["type"]

    @property
    def signer(self) -> str:
        return self.body["signer"]

    @property
    def seq(self) -> int:
        return self.body["seq"]

    @property
    def time(self) -> int:
        return self.body["time"]

    @property
    def payload(self) -> dict[str, Any]:
        return self.body["payload"]

    def to_json(self) -> dict[str, Any]:
        return {"tx": self.body, "sig": self.sig}


def tx_id(body: dict[str, Any]) -> str:
    """The id of a transaction body: SHA-256 of its canonical bytes, hex."""
    return crypto.sha256_hex(canonical(body))


def validate_body(body: Any) -> None:
    """Check the structure of a transaction body and its type's payload."""
    TX_BODY.check(body, "tx")
    PAYLOADS[body["type"]].check(body["payload"], "tx.payload")


def make_tx(key: crypto.SigningKey, chain_id: str, tx_type: str, seq: int, time: int,
            payload: dict[str, Any]) -> SignedTx:
    """Build and sign a transaction."""
    body = {"v": TX_VERSION, "type": tx_type, "chain_id": chain_id, "signer": key.public,
            "seq": seq, "time": time, "payload": payload}
    check_domain(body)
    validate_body(body)
    ident = tx_id(body)
    sig = key.sign(crypto.DOMAIN_TX, bytes.fromhex(ident))
    return _assemble(body, sig, ident)


def parse_tx(doc: Any, chain_id: str | None = None) -> SignedTx:
    """Validate an untrusted transaction document and verify its signature."""
    check_domain(doc)
    if isinstance(doc, dict) and "tx" in doc and "sig" not in doc:
        raise SignatureError("$.sig: missing field: the transaction is not signed")
    SIGNED_TX.check(doc, "$")
    body = doc["tx"]
    PAYLOADS[body["type"]].check(body["payload"], "tx.payload")
    if chain_id is not None and body["chain_id"] != chain_id:
        raise WrongNetwork("transaction is for another network (chain_id differs)")
    ident = tx_id(body)
    crypto.verify(body["signer"], crypto.DOMAIN_TX, bytes.fromhex(ident), doc["sig"])
    return _assemble(body, doc["sig"], ident)


def parse_tx_bytes(data: bytes, chain_id: str | None = None) -> SignedTx:
    """Parse and verify a transaction from its JSON bytes."""
    if len(data) > MAX_TX_BYTES:
        raise MalformedError(f"transaction larger than {MAX_TX_BYTES} bytes")
    return parse_tx(parse_json(data), chain_id)


_SIG_PREFIX = b'{"sig":"'
_BODY_AT = len(_SIG_PREFIX) + 128 + len(b'","tx":')


def parse_stored_leaf(leaf: bytes, chain_id: str) -> SignedTx:
    """Parse and verify a transaction the node stored (a Merkle leaf), which must be in
    canonical form: every check of :func:`parse_tx_bytes`, and the bytes must be exactly
    the canonical ones.

    The fast path of ``verify`` and the start-up check: a canonical leaf needs no
    duplicate-key hook (duplicates cannot round-trip), no second encoding (the body's
    canonical bytes are a slice of the leaf's) and, where the schema bounds every field
    (keys, integer ranges, depth), no general domain walk, so the Ed25519 verify is most
    of the cost.
    On any failure the full parser runs to name the fault.
    """
    try:
        if len(leaf) > MAX_TX_BYTES:
            raise ValueError
        doc = json.loads(leaf, parse_constant=reject_constant, parse_float=reject_float)
        if canonical(doc) != leaf:  # also refuses duplicate keys and unpaired surrogates
            raise ValueError
        SIGNED_TX.check(doc, "$")
        body, sig = doc["tx"], doc["sig"]
        PAYLOADS[body["type"]].check(body["payload"], "tx.payload")
        if body["type"] in _FREE_FORM:
            check_domain(doc)
        if body["chain_id"] != chain_id or leaf[len(_SIG_PREFIX):_BODY_AT - 7] != sig.encode():
            raise ValueError
        ident = crypto.sha256_hex(leaf[_BODY_AT:-1])
        crypto.verify(body["signer"], crypto.DOMAIN_TX, bytes.fromhex(ident), sig)
    except (LedgerError, ValueError, UnicodeError, RecursionError):
        tx = parse_tx_bytes(leaf, chain_id)  # raises the precise error
        if tx.leaf != leaf:
            raise MalformedError("the transaction is not stored in its canonical form") from None
        return tx
    return SignedTx(body=body, sig=sig, id=ident, leaf=leaf)


def _assemble(body: dict[str, Any], sig: str, ident: str) -> SignedTx:
    leaf = canonical({"tx": body, "sig": sig})
    if len(leaf) > MAX_TX_BYTES:
        raise MalformedError(f"transaction larger than {MAX_TX_BYTES} bytes")
    return SignedTx(body=body, sig=sig, id=ident, leaf=leaf)


def payload_schema(tx_type: str) -> dict[str, Any]:
    """JSON Schema of one transaction type's payload (for the OpenAPI description)."""
    return PAYLOADS[tx_type].json_schema()


__all__ = [
    "ACCESS_REQUEST",
    "CATEGORIES",
    "INSTITUTION_KINDS",
    "PAYLOADS",
    "PURPOSES",
    "REFUSAL_REASONS",
    "SIGNED_ACCESS_REQUEST",
    "SIGNED_TX",
    "TX_TYPES",
    "SignedTx",
    "make_tx",
    "parse_stored_leaf",
    "parse_tx",
    "parse_tx_bytes",
    "payload_schema",
    "tx_id",
    "validate_body",
]
