"""The consent contract: deterministic rules every node applies to every transaction.

Pure functions over a :class:`~ledger_client.state.StateView`: no clock, no I/O, no
randomness. ``apply_tx`` validates one transaction against the state at a block
(height and time) and writes its effects into an overlay; ``execute_block`` runs an
ordered list and keeps the valid ones; ``may_access`` answers whether a read is
allowed, and if not, why. Replaying the same blocks therefore rebuilds the same state.

Admission proofs (anonymous credentials) are checked by an :data:`AdmissionVerifier` the
caller passes in (a node passes :func:`ledger_client.credentials.verify_admission`); with
none, a network that requires a credential admits no pseudonym. This module does not load
the credential library itself, so the wallet can use its rules without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import delegation, emergency, shlinks
from . import state_keys as sk
from .access import AccessRequest, parse_access_request
from .errors import ContractError, LedgerError, WrongNetwork, refusal
from .genesis import Genesis
from .state import Overlay, StateView
from .tx import MAX_READS, SignedTx

# Checks the proof of a ``register_pseudonym`` under a credential policy; raises to refuse it.
AdmissionVerifier = Callable[[Genesis, StateView, SignedTx], None]

MAX_CONSENT_SECONDS = 10 * 366 * 86400


@dataclass(frozen=True, slots=True)
class BlockContext:
    """Where a transaction is applied: the block's height and time."""

    height: int
    time: int


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer of :func:`may_access`: allowed, or the reason it is not."""

    allowed: bool
    reason: str
    consent: str | None = None
    owner: str | None = None

    @property
    def message(self) -> str:
        return REASON_TEXT.get(self.reason, self.reason)


REASON_TEXT = {
    "owner": "the owner reads their own record",
    "consent": "allowed by the patient's consent",
    "unknown_record": "no such record on the ledger",
    "record_retired": "the patient deleted this record",
    "envelope_retired": "the patient deleted a record this key envelope opens",
    "no_consent": "no consent was given for this read",
    "unknown_consent": "no such consent on the ledger",
    "wrong_grantee": "the consent was given to another institution",
    "not_in_scope": "the consent does not cover this record",
    "wrong_purpose": "the consent does not cover this purpose",
    "consent_revoked": "the patient revoked this consent",
    "consent_expired": "the consent has expired",
    "consent_used_up": "the consent's reads are used up (the patient allowed only so many)",
    "consent_not_yet_valid": "the consent is not valid yet",
    "blob_unavailable": "the node does not hold this record's data",
    "envelope_of_another": "the key envelope belongs to another patient's consent",
    **emergency.REASON_TEXT,
}


def reject(code: str, message: str) -> ContractError:
    """A contract refusal with a stable code (typed where :mod:`.errors` has a class for it)."""
    return refusal(code, message)


# --- access decisions -------------------------------------------------------------

def may_access(state: StateView, requester: str, record: str, purpose: str, time: int,
               consent_id: str | None = None) -> Decision:
    """May ``requester`` read ``record`` for ``purpose`` at ``time`` (under ``consent_id``)?

    A record is either an anchored record or the key envelope of a consent (the
    record keys sealed to the grantee), which is released under the same rules, and
    never once a record it holds the key of was deleted: not the envelope a consent had
    before it was narrowed (``retired_envelopes``), nor the current one while the
    consent still names a deleted record.
    """
    rec = state.get(sk.record(record))
    consent = state.get(sk.consent(consent_id)) if consent_id else None
    if rec is None:
        bound = state.get(sk.envelope(record))
        if bound is None or consent is None or not _is_envelope_of(consent, record):
            return Decision(False, "unknown_record", consent_id)
        owner = bound["grantor"]  # the envelope's owner is who bound it, never the naming consent
    else:
        owner = rec["owner"]
        if rec.get("retired") is not None:
            return Decision(False, "record_retired", consent_id, owner)
        if requester == owner:
            return Decision(True, "owner", None, owner)
    if consent is None and consent_id is not None and rec is not None:  # an emergency request in a consent's place
        emergency_read = emergency.read_decision(state, requester, record, purpose, time, consent_id, owner)
        if emergency_read is not None:
            return Decision(*emergency_read, consent_id, owner)
    decision = _consent_decision(consent, consent_id, requester, record, purpose, time, owner)
    if decision.allowed and rec is None and consent is not None and (
            record != consent.get("envelope") or any(_is_retired(state, r) for r in consent["records"])):
        return Decision(False, "envelope_retired", consent_id, owner)  # it holds a deleted record's key
    return decision


def _is_envelope_of(consent: dict[str, Any], record: str) -> bool:
    """``record`` is the consent's key envelope, now or before the consent was narrowed."""
    return record == consent.get("envelope") or record in consent.get("retired_envelopes", ())


def _consent_decision(consent: dict[str, Any] | None, consent_id: str | None, requester: str, record: str,
                      purpose: str, time: int, owner: str) -> Decision:
    if consent_id is None:
        return Decision(False, "no_consent", None, owner)
    if consent is None:
        return Decision(False, "unknown_consent", consent_id, owner)
    if consent["grantor"] != owner:
        return Decision(False, "not_in_scope", consent_id, owner)
    if consent["grantee"] != requester:
        return Decision(False, "wrong_grantee", consent_id, owner)
    if record not in consent["records"] and not _is_envelope_of(consent, record):
        return Decision(False, "not_in_scope", consent_id, owner)
    if consent["purpose"] != purpose:
        return Decision(False, "wrong_purpose", consent_id, owner)
    if consent.get("revoked_at") is not None:
        return Decision(False, "consent_revoked", consent_id, owner)
    if time < consent["not_before"]:
        return Decision(False, "consent_not_yet_valid", consent_id, owner)
    if time >= consent["expires_at"]:
        return Decision(False, "consent_expired", consent_id, owner)
    if _reads_of(consent, record) >= consent.get("max_reads", MAX_READS + 1):
        return Decision(False, "consent_used_up", consent_id, owner)
    return Decision(True, "consent", consent_id, owner)


# --- limited-use consents -----------------------------------------------------------
#
# A consent may carry ``max_reads`` (1 to MAX_READS; absent: unlimited). A desk reads a
# consent as its key envelope and then each record, so the count is kept per item:
# ``reads`` maps each record (and envelope) of the consent to the number of committed
# access events under this consent, and an item is refused (``consent_used_up``) once it
# was read ``max_reads`` times. Only the contract writes ``reads`` (in ``access_event``),
# in the consent's own state: no other consent's count, no re-submitted grant and no
# narrowing changes it. One read of the consent uses one of every item, so the reads left
# are ``max_reads`` less the most-read item's count, and the consent is ``used_up`` when
# none are left; an interrupted last read may still fetch the items it had not fetched.

def _reads_of(consent: dict[str, Any], item: str) -> int:
    return int(consent.get("reads", {}).get(item, 0))


def reads_left(consent: dict[str, Any]) -> int | None:
    """Whole reads of a limited-use consent not yet started (None: unlimited)."""
    limit = consent.get("max_reads")
    if limit is None:
        return None
    return max(0, int(limit) - max((int(n) for n in consent.get("reads", {}).values()), default=0))


def is_used_up(consent: dict[str, Any]) -> bool:
    """No new read of a limited-use consent can start (its most-read item reached the limit).
    A read that was interrupted may still fetch the items it had not fetched yet."""
    return reads_left(consent) == 0


def _count_read(state: Overlay, consent_id: str, record: str) -> None:
    consent = state.get(sk.consent(consent_id))
    if consent is None or consent.get("max_reads") is None:
        return  # unlimited: nothing to count
    reads = dict(consent.get("reads", {}))
    reads[record] = reads.get(record, 0) + 1
    state.put(sk.consent(consent_id), {**consent, "reads": reads})


def _is_retired(state: StateView, record: str) -> bool:
    rec = state.get(sk.record(record))
    return rec is not None and rec.get("retired") is not None


def consent_status(consent: dict[str, Any], time: int, state: StateView | None = None) -> str:
    """``active``, ``revoked``, ``expired`` or ``pending`` at ``time``; with the ledger's
    ``state``, ``deleted`` once every record the consent covers was deleted."""
    if state is not None and all(_is_retired(state, record) for record in consent["records"]):
        return "deleted"
    if consent.get("revoked_at") is not None:
        return "revoked"
    if time >= consent["expires_at"]:
        return "expired"
    if time < consent["not_before"]:
        return "pending"
    if is_used_up(consent):
        return "used_up"
    return "active"


# --- transaction application ------------------------------------------------------

def apply_tx(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext, *,
             admission: AdmissionVerifier | None = None) -> None:
    """Validate ``tx`` at ``ctx`` and write its effects into ``state``.

    ``tx`` must come from :func:`~ledger_client.tx.parse_tx` (signature verified). On
    any refusal a :class:`ContractError` is raised and ``state`` is left unchanged.
    ``admission`` checks the proofs of pseudonym registrations (see the module docstring).
    """
    if tx.body["chain_id"] != genesis.chain_id:
        raise WrongNetwork("transaction is for another network (chain_id differs)")
    if abs(tx.time - ctx.time) > genesis.max_skew:
        raise reject("stale", f"transaction time is more than {genesis.max_skew} s away from the ledger's clock")
    account = state.get(sk.account(tx.signer))
    last = account["seq"] if account else 0
    if tx.seq <= last:
        raise reject("replayed", f"sequence number {tx.seq} was already used (last is {last})")
    if tx.seq != last + 1:
        raise reject("out_of_order", f"sequence number {tx.seq} skips ahead: the next one is {last + 1}")
    scratch = Overlay(state)
    if tx.type == "register_pseudonym":  # the one rule that needs the caller's proof verifier
        _register_pseudonym(scratch, genesis, tx, ctx, admission)
    else:
        HANDLERS[tx.type](scratch, genesis, tx, ctx)
    scratch.put(sk.account(tx.signer), {"seq": tx.seq})
    scratch.merge_into(state)


def execute_block(base: StateView, genesis: Genesis, txs: list[SignedTx], ctx: BlockContext, *,
                  admission: AdmissionVerifier | None = None
                  ) -> tuple[Overlay, list[SignedTx], list[tuple[SignedTx, LedgerError]]]:
    """Apply ``txs`` in order; returns the writes, the accepted and the rejected ones."""
    state = Overlay(base)
    accepted: list[SignedTx] = []
    rejected: list[tuple[SignedTx, LedgerError]] = []
    for tx in txs:
        try:
            apply_tx(state, genesis, tx, ctx, admission=admission)
        except LedgerError as exc:
            rejected.append((tx, exc))
        else:
            accepted.append(tx)
    return state, accepted, rejected


def _register_institution(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    p = tx.payload
    if tx.signer not in genesis.governance_keys:
        raise reject("not_governance", "only the network's governance keys can register institutions")
    if state.get(sk.institution(p["sign_key"])) or state.get(sk.pseudonym(p["sign_key"])):
        raise reject("already_registered", "this signing key is already registered")
    node_key = p.get("node_key")
    if node_key and (node_key in genesis.producers or state.get(sk.node(node_key))):
        raise reject("already_registered", "this node key is already registered")
    entry = {**p, "height": ctx.height, "tx": tx.id}
    state.put(sk.institution(p["sign_key"]), entry)
    if node_key:
        state.put(sk.node(node_key), {"institution": p["sign_key"]})


def _register_pseudonym(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext,
                        admission: AdmissionVerifier | None) -> None:
    if state.get(sk.pseudonym(tx.signer)) or state.get(sk.institution(tx.signer)):
        raise reject("already_registered", "this key is already registered")
    proof = tx.payload.get("proof")
    if genesis.require_credential:
        if proof is None:
            raise reject("credential_required",
                         "this network admits pseudonyms only with an anonymous-credential proof")
        if admission is None:
            raise reject("credential_unverifiable", "this node cannot verify anonymous-credential proofs")
        admission(genesis, state, tx)
    state.put(sk.pseudonym(tx.signer), {"box_key": tx.payload["box_key"], "admitted": proof is not None,
                                    "height": ctx.height, "tx": tx.id})


def _require_pseudonym(state: StateView, key: str) -> dict[str, Any]:
    entry = state.get(sk.pseudonym(key))
    if entry is None:
        raise reject("unknown_pseudonym", "the signer is not a registered pseudonym")
    return entry


def _anchor_record(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    _require_pseudonym(state, tx.signer)
    p = tx.payload
    if state.get(sk.record(p["record"])):
        raise reject("record_exists", "a record with this hash is already anchored")
    state.put(sk.record(p["record"]), {"owner": tx.signer, "size": p["size"], "category": p["category"],
                                     "height": ctx.height, "time": ctx.time, "tx": tx.id, "retired": None})
    state.put(sk.by_owner(tx.signer, p["record"]), {"height": ctx.height})


def _owned_record(state: StateView, owner: str, record: str) -> dict[str, Any]:
    rec = state.get(sk.record(record))
    if rec is None:
        raise reject("unknown_record", f"record {record[:16]}… is not anchored on the ledger")
    if rec["owner"] != owner:
        raise reject("not_owner", f"record {record[:16]}… belongs to another pseudonym")
    if rec.get("retired") is not None:
        raise reject("record_retired", f"record {record[:16]}… was deleted")
    return rec


def _retire_record(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    record = tx.payload["record"]
    rec = _owned_record(state, tx.signer, record)
    state.put(sk.record(record), {**rec, "retired": ctx.height, "retired_tx": tx.id})


def _grant_consent(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    _require_pseudonym(state, tx.signer)
    p = tx.payload
    if state.get(sk.institution(p["grantee"])) is None:
        raise reject("unknown_institution", "the grantee is not a registered institution")
    for record in p["records"]:
        _owned_record(state, tx.signer, record)
    if p["expires_at"] <= p["not_before"]:
        raise reject("bad_window", "the consent must expire after it starts")
    if p["expires_at"] <= ctx.time:
        raise reject("already_expired", "the consent's expiry is in the past")
    if p["expires_at"] - p["not_before"] > MAX_CONSENT_SECONDS:
        raise reject("bad_window", "a consent may last at most ten years")
    if p.get("envelope"):
        _bind_envelope(state, tx, p["envelope"])
    state.put(sk.consent(tx.id), {**p, "grantor": tx.signer, "revoked_at": None,
                                "height": ctx.height, "time": ctx.time})
    state.put(sk.by_grantor(tx.signer, tx.id), {"height": ctx.height})
    state.put(sk.by_grantee(p["grantee"], tx.id), {"height": ctx.height})


def _bind_envelope(state: Overlay, tx: SignedTx, envelope: str) -> None:
    """Tie a key envelope to the grantor whose consent names it first; refuse anyone else's.

    A consent could otherwise name another patient's envelope (any blob not anchored as a
    record) and have the node release it as the grantee's read, outside the victim's audit.
    """
    if state.get(sk.record(envelope)):
        raise reject("bad_envelope", "the key envelope must not be an anchored record")
    bound = state.get(sk.envelope(envelope))
    if bound is not None and bound["grantor"] != tx.signer:
        raise reject("envelope_of_another", "the key envelope was bound to another pseudonym's consent; "
                                            "only the grantor's own envelope can be named")
    if bound is None:
        state.put(sk.envelope(envelope), {"grantor": tx.signer, "consent": tx.id})


def _revoke_consent(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    consent_id = tx.payload["consent"]
    consent = state.get(sk.consent(consent_id))
    if consent is None:
        raise reject("unknown_consent", "no such consent on the ledger")
    if consent["grantor"] != tx.signer:
        raise reject("not_grantor", "only the patient who gave a consent can revoke it")
    if consent["revoked_at"] is not None:
        raise reject("already_revoked", "this consent was already revoked")
    state.put(sk.consent(consent_id), {**consent, "revoked_at": ctx.time, "revoked_tx": tx.id})


def _narrow_consent(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    """The grantor takes records out of a consent, with a new key envelope for those left.

    What deleting one of several shared records does: the consent goes on for the others,
    and its old envelope (which holds the deleted record's key) is never released again.
    """
    p = tx.payload
    consent = state.get(sk.consent(p["consent"]))
    if consent is None:
        raise reject("unknown_consent", "no such consent on the ledger")
    if consent["grantor"] != tx.signer:
        raise reject("not_grantor", "only the patient who gave a consent can narrow it")
    if consent["revoked_at"] is not None:
        raise reject("already_revoked", "this consent was revoked; it cannot be narrowed")
    if not set(p["records"]) < set(consent["records"]):
        raise reject("bad_narrow", "a narrowed consent covers some, not all, of the records it covered")
    for record in p["records"]:
        if _is_retired(state, record):
            raise reject("record_retired", f"record {record[:16]}… was deleted; leave it out")
    old, new = consent.get("envelope"), p.get("envelope")
    retired = [*consent.get("retired_envelopes", ()), *([old] if old else [])]
    if old and not new:
        raise reject("bad_envelope", "narrowing a consent replaces its key envelope: give the new one")
    if new and (new in retired or state.get(sk.record(new))):
        raise reject("bad_envelope", "the new key envelope must be new and not an anchored record")
    if new:
        _bind_envelope(state, tx, new)
    state.put(sk.consent(p["consent"]), {**consent, "records": list(p["records"]), "envelope": new,
                                       "retired_envelopes": retired, "narrowed_tx": tx.id})


def is_node_key(state: StateView, genesis: Genesis, key: str) -> bool:
    """True for a producer in genesis or a node key registered by governance."""
    return key in genesis.producers or state.get(sk.node(key)) is not None


def _checked_request(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> AccessRequest:
    if not is_node_key(state, genesis, tx.signer):
        raise reject("not_a_node", "only ledger nodes record access events")
    request = parse_access_request(tx.payload["request"], genesis.chain_id)
    if state.get(sk.used_request(request.hash)) is not None:
        raise reject("replayed_request", "this access request was already used")
    if abs(request.time - ctx.time) > genesis.max_skew:
        raise reject("stale_request", "the access request is too old or from the future")
    return request


def _record_event(state: Overlay, tx: SignedTx, ctx: BlockContext, request: AccessRequest,
                  decision: Decision, kind: str, reason: str) -> None:
    event = {"kind": kind, "tx": tx.id, "height": ctx.height, "time": ctx.time, "node": tx.signer,
             "requester": request.requester, "record": request.record, "consent": request.consent,
             "purpose": request.purpose, "reason": reason, "request": request.hash}
    state.put(sk.used_request(request.hash), {"tx": tx.id, "height": ctx.height})
    state.put(sk.events("record", request.record, ctx.height, tx.id), event)
    state.put(sk.events("requester", request.requester, ctx.height, tx.id), event)
    if decision.owner:
        state.put(sk.events("owner", decision.owner, ctx.height, tx.id), event)


def _access_event(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    request = _checked_request(state, genesis, tx, ctx)
    decision = may_access(state, request.requester, request.record, request.purpose, ctx.time, request.consent)
    if not decision.allowed:
        raise reject("access_not_allowed", f"the read is not allowed: {decision.message}")
    _record_event(state, tx, ctx, request, decision, "access", decision.reason)
    if decision.reason == "consent" and request.consent is not None:
        _count_read(state, request.consent, request.record)


def _refusal_event(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    request = _checked_request(state, genesis, tx, ctx)
    decision = may_access(state, request.requester, request.record, request.purpose, ctx.time, request.consent)
    reason = tx.payload["reason"]
    if reason != "blob_unavailable" and (decision.allowed or decision.reason != reason):
        raise reject("refusal_not_justified", "the refusal's reason does not match the consent contract")
    _record_event(state, tx, ctx, request, decision, "refusal", reason)


def _publish_credential_def(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    inst = state.get(sk.institution(tx.signer))
    if inst is None:
        raise reject("unknown_institution", "only registered institutions publish credential definitions")
    cred_def_id = tx.payload["cred_def_id"]
    previous = state.get(sk.cred_def(cred_def_id))
    if previous is not None and previous["issuer"] != tx.signer:
        raise reject("not_issuer", "this credential definition belongs to another institution")
    if previous is not None:
        # Immutable once published: a re-publication could otherwise swap the keys under
        # issued credentials or roll the revocation status list back.
        raise reject("already_published", "this credential definition is already published; publish a new one "
                                          "under another id (its revocation list changes with status updates)")
    state.put(sk.cred_def(cred_def_id), {**tx.payload, "issuer": tx.signer, "height": ctx.height, "tx": tx.id})


def _publish_revocation_status(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    """Replace a credential definition's revocation status list (AnonCreds ``RevocationStatusList``).

    The list is the issuer's word on which credentials are revoked; admission proofs are
    checked against the one in force, so its timestamp only moves forward.
    """
    cred_def_id = tx.payload["cred_def_id"]
    entry = state.get(sk.cred_def(cred_def_id))
    if entry is None:
        raise reject("unknown_credential_def", "no such credential definition on the ledger")
    if entry["issuer"] != tx.signer:
        raise reject("not_issuer", "this credential definition belongs to another institution")
    revocation = entry.get("revocation")
    if not isinstance(revocation, dict) or not isinstance(revocation.get("status_list"), dict):
        raise reject("not_revocable", "this credential definition has no revocation registry")
    old = revocation["status_list"]
    new = tx.payload["status_list"]
    if new.get("revRegDefId") != old.get("revRegDefId"):
        raise reject("wrong_registry", "the status list is for another revocation registry")
    stamp, bits = new.get("timestamp"), new.get("revocationList")
    if type(stamp) is not int or not isinstance(old.get("timestamp"), int) or stamp <= old["timestamp"]:
        raise reject("stale_status_list", "the status list must be newer than the one on the ledger")
    if stamp > ctx.time + genesis.max_skew:
        raise reject("stale_status_list", "the status list's timestamp is in the future")
    if (not isinstance(bits, list) or len(bits) != len(old.get("revocationList") or [])
            or any(type(bit) is not int or bit not in (0, 1) for bit in bits)):
        raise reject("bad_status_list", "the status list must hold one 0 or 1 per credential of the registry")
    state.put(sk.cred_def(cred_def_id), {**entry, "revocation": {**revocation, "status_list": new},
                                      "status_height": ctx.height, "status_tx": tx.id})


# Every transaction type's rule but ``register_pseudonym``'s, which :func:`apply_tx` calls with the verifier.
HANDLERS: dict[str, Callable[[Overlay, Genesis, SignedTx, BlockContext], None]] = {
    "register_institution": _register_institution,
    "anchor_record": _anchor_record,
    "retire_record": _retire_record,
    "grant_consent": _grant_consent,
    "revoke_consent": _revoke_consent,
    "narrow_consent": _narrow_consent,
    "access_event": _access_event,
    "refusal_event": _refusal_event,
    "publish_credential_def": _publish_credential_def,
    "publish_revocation_status": _publish_revocation_status,
    **shlinks.RULES,
    **delegation.RULES,
    **emergency.RULES,
}
