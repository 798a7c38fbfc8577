"""Delegates: a parent or a carer who grants and revokes for a patient, within limits the patient signs.

The patient's wallet makes a *delegation pseudonym* P for the delegate (a fresh pseudonym of
its own, admitted like any other), anchors under P a fresh copy of every record in scope,
and P signs a ``delegate`` transaction naming the delegate's own keys and the limits:

* ``purposes``: the purposes a delegated consent may have;
* ``institutions`` / ``institution_kinds``: which institutions (by key), or which kinds of
  institution, may receive one (empty: any registered institution);
* ``categories``: which kinds of record (empty: every record P holds);
* ``max_grant_seconds``: the longest validity of one consent; ``expires_at``: the end of the
  delegation (no delegated consent outlives it);
* ``revoke_others``: whether the delegate may revoke consents under P it did not give
  (the patient's own, or another delegate's under the same P);
* ``emergency`` (optional, default false): whether the delegate (a guardian) may approve or
  veto emergency requests for P's emergency set (:mod:`ledger_client.emergency`). Such a
  delegation is signed by the emergency set's own pseudonym, so the ledger learns only that
  this set has a guardian, never which other pseudonyms of the patient there are.

The records in scope are exactly the records P owns: only the patient holds P's key, so
only the patient can put a record there. The delegate never holds a key of the patient:
it signs ``delegated_grant`` and ``delegated_revoke`` with its own key, each naming the
delegation, and every rule below is decided here, by every node alike, from ledger state.
A delegated consent's grantor is P, so reads under it are the patient's events, it is
revoked by the patient like any consent, and it stays when the delegation is revoked
(``revoke_delegation``) or expires, until the patient or its own end ends it.

Key layout: ``dlg/<delegation>`` (the delegation, id = its transaction id),
``dkey/<delegate key>`` (a delegate key serves one delegation, for ever) and
``ix/dlg/<P>/<delegation>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import state_keys as sk
from .errors import refusal
from .genesis import Genesis
from .schema import BOX_KEY, HASH, KEY, TIME, Bool, Enum, Int, ListOf, Obj
from .state import Overlay, StateView

if TYPE_CHECKING:
    from .contract import BlockContext
    from .tx import SignedTx

MAX_DELEGATION_SECONDS = 10 * 366 * 86400
MIN_GRANT_SECONDS = 3600
REASON_TEXT = {
    "active": "the delegation is active",
    "unknown_delegation": "no such delegation on the ledger",
    "not_delegate": "the signer is not the delegate of this delegation",
    "delegation_revoked": "the patient revoked this delegation",
    "delegation_expired": "this delegation has expired",
    "purpose_not_delegated": "the delegation does not allow consents for this purpose",
    "institution_not_delegated": "the delegation does not allow consents to this institution",
    "record_not_delegated": "the delegation does not cover this record",
    "grant_too_long": "the consent lasts longer than the delegation allows",
    "outlives_delegation": "the consent would end after the delegation",
    "revoke_not_delegated": "the delegation does not allow revoking this consent",
    "delegate_in_use": "this delegate key already serves a delegation or is a registered party",
    "emergency_not_delegated": "the delegation does not allow deciding emergency requests for this set",
}
REASONS = tuple(code for code in REASON_TEXT if code != "active")


def payloads(purposes: tuple[str, ...], kinds: tuple[str, ...], categories: tuple[str, ...]) -> dict[str, Obj]:
    """The payload schemas of the delegation transactions (the vocabularies come from :mod:`.tx`)."""
    return {
        "delegate": Obj({"delegate": KEY, "delegate_box": BOX_KEY, "purposes": ListOf(Enum(purposes), 1, len(purposes)),
                         "institutions": ListOf(KEY, 0, 100), "institution_kinds": ListOf(Enum(kinds), 0, len(kinds)),
                         "categories": ListOf(Enum(categories), 0, len(categories)),
                         "max_grant_seconds": Int(MIN_GRANT_SECONDS, MAX_DELEGATION_SECONDS), "expires_at": TIME,
                         "revoke_others": Bool(), "package": HASH}, {"emergency": Bool()}),
        "revoke_delegation": Obj({"delegation": HASH}),
        "delegated_grant": Obj({"delegation": HASH, "grantee": KEY, "records": ListOf(HASH, 1, 1000),
                                "purpose": Enum(purposes), "not_before": TIME, "expires_at": TIME},
                               {"envelope": HASH}),
        "delegated_revoke": Obj({"delegation": HASH, "consent": HASH}),
    }


def delegation_key(delegation_id: str) -> str:
    return f"dlg/{delegation_id}"


def delegate_key(key: str) -> str:
    return f"dkey/{key}"


def by_grantor(pseudonym: str, delegation_id: str | None = None) -> str:
    prefix = f"ix/dlg/{pseudonym}/"
    return prefix if delegation_id is None else prefix + delegation_id


@dataclass(frozen=True, slots=True)
class DelegationDecision:
    """Whether a delegation may act now, and if not, why."""

    active: bool
    reason: str
    delegation: dict[str, Any] | None = None

    @property
    def message(self) -> str:
        return REASON_TEXT.get(self.reason, self.reason)


def delegation_decision(state: StateView, delegation_id: str, signer: str | None, time: int) -> DelegationDecision:
    """May ``signer`` act under delegation ``delegation_id`` at ``time``? (None: anyone may ask its status)"""
    entry = state.get(delegation_key(delegation_id))
    if entry is None:
        return DelegationDecision(False, "unknown_delegation")
    if signer is not None and entry["delegate"] != signer:
        return DelegationDecision(False, "not_delegate", entry)
    if entry.get("revoked_at") is not None:
        return DelegationDecision(False, "delegation_revoked", entry)
    if time >= entry["expires_at"]:
        return DelegationDecision(False, "delegation_expired", entry)
    return DelegationDecision(True, "active", entry)


def delegation_status(entry: dict[str, Any], time: int) -> str:
    """``active``, ``revoked`` or ``expired`` at ``time``."""
    if entry.get("revoked_at") is not None:
        return "revoked"
    return "expired" if time >= entry["expires_at"] else "active"


def emergency_guardian(state: StateView, delegation_id: str, signer: str, set_key: str,
                       time: int) -> DelegationDecision:
    """May ``signer`` decide emergency requests for the set ``set_key`` under ``delegation_id`` at ``time``?"""
    decision = delegation_decision(state, delegation_id, signer, time)
    if decision.active and decision.delegation is not None and (
            not decision.delegation.get("emergency") or decision.delegation["grantor"] != set_key):
        return DelegationDecision(False, "emergency_not_delegated", decision.delegation)
    return decision


def is_active_delegate(state: StateView, key: str, time: int) -> bool:
    """``key`` is the delegate of a delegation active at ``time`` (it may upload key envelopes)."""
    entry = state.get(delegate_key(key))
    return entry is not None and delegation_decision(state, entry["delegation"], key, time).active


# --- contract rules (called by :func:`ledger_client.contract.apply_tx`) -----------------

def _delegate(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    p = tx.payload
    if state.get(sk.pseudonym(tx.signer)) is None:
        raise refusal("unknown_pseudonym", "only a registered pseudonym delegates")
    key = p["delegate"]
    if (state.get(delegate_key(key)) or state.get(sk.pseudonym(key)) or state.get(sk.institution(key))
            or key in genesis.producers or state.get(sk.node(key)) or key == tx.signer):
        raise refusal("delegate_in_use", REASON_TEXT["delegate_in_use"] + ": the delegate needs a fresh key")
    if p["expires_at"] <= ctx.time:
        raise refusal("already_expired", "the delegation's expiry is in the past")
    if p["expires_at"] - ctx.time > MAX_DELEGATION_SECONDS:
        raise refusal("bad_window", "a delegation may last at most ten years")
    for institution in p["institutions"]:
        if state.get(sk.institution(institution)) is None:
            raise refusal("unknown_institution", f"institution {institution[:16]}… is not registered")
    state.put(delegation_key(tx.id), {**p, "grantor": tx.signer, "revoked_at": None, "height": ctx.height,
                                      "time": ctx.time, "tx": tx.id})
    state.put(delegate_key(key), {"delegation": tx.id})
    state.put(by_grantor(tx.signer, tx.id), {"height": ctx.height})


def _revoke_delegation(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    delegation_id = tx.payload["delegation"]
    entry = state.get(delegation_key(delegation_id))
    if entry is None:
        raise refusal("unknown_delegation", REASON_TEXT["unknown_delegation"])
    if entry["grantor"] != tx.signer:
        raise refusal("not_grantor", "only the patient who delegated can revoke the delegation")
    if entry["revoked_at"] is not None:
        raise refusal("already_revoked", "this delegation was already revoked")
    state.put(delegation_key(delegation_id), {**entry, "revoked_at": ctx.time, "revoked_tx": tx.id})


def _acting(state: StateView, tx: SignedTx, ctx: BlockContext) -> dict[str, Any]:
    decision = delegation_decision(state, tx.payload["delegation"], tx.signer, ctx.time)
    if not decision.active:
        raise refusal(decision.reason, decision.message)
    assert decision.delegation is not None
    return decision.delegation


def _check_institution(state: StateView, entry: dict[str, Any], grantee: str) -> None:
    institution = state.get(sk.institution(grantee))
    if institution is None:
        raise refusal("unknown_institution", "the grantee is not a registered institution")
    if entry["institutions"] and grantee not in entry["institutions"]:
        raise refusal("institution_not_delegated", REASON_TEXT["institution_not_delegated"])
    if entry["institution_kinds"] and institution["kind"] not in entry["institution_kinds"]:
        raise refusal("institution_not_delegated", REASON_TEXT["institution_not_delegated"] + " (its kind)")


def _check_records(state: StateView, entry: dict[str, Any], records: list[str]) -> None:
    for record in records:
        rec = state.get(sk.record(record))
        if (rec is None or rec["owner"] != entry["grantor"] or rec.get("retired") is not None
                or (entry["categories"] and rec["category"] not in entry["categories"])):
            raise refusal("record_not_delegated", f"{REASON_TEXT['record_not_delegated']}: {record[:16]}…")


def _check_window(entry: dict[str, Any], p: dict[str, Any], now: int) -> None:
    if p["expires_at"] <= p["not_before"]:
        raise refusal("bad_window", "the consent must expire after it starts")
    if p["expires_at"] <= now:
        raise refusal("already_expired", "the consent's expiry is in the past")
    if p["expires_at"] - max(p["not_before"], now) > entry["max_grant_seconds"]:
        raise refusal("grant_too_long", REASON_TEXT["grant_too_long"])
    if p["expires_at"] > entry["expires_at"]:
        raise refusal("outlives_delegation", REASON_TEXT["outlives_delegation"])


def _bind_envelope(state: Overlay, grantor: str, consent_id: str, envelope: str) -> None:
    """As :func:`ledger_client.contract._bind_envelope`, for the delegation's pseudonym."""
    if state.get(sk.record(envelope)):
        raise refusal("bad_envelope", "the key envelope must not be an anchored record")
    bound = state.get(sk.envelope(envelope))
    if bound is not None and bound["grantor"] != grantor:
        raise refusal("envelope_of_another", "the key envelope was bound to another pseudonym's consent")
    if bound is None:
        state.put(sk.envelope(envelope), {"grantor": grantor, "consent": consent_id})


def _delegated_grant(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    entry, p = _acting(state, tx, ctx), tx.payload
    if p["purpose"] not in entry["purposes"]:
        raise refusal("purpose_not_delegated", REASON_TEXT["purpose_not_delegated"])
    _check_institution(state, entry, p["grantee"])
    _check_records(state, entry, p["records"])
    _check_window(entry, p, ctx.time)
    grantor = entry["grantor"]
    if p.get("envelope"):
        _bind_envelope(state, grantor, tx.id, p["envelope"])
    consent = {key: value for key, value in p.items() if key != "delegation"}
    state.put(sk.consent(tx.id), {**consent, "grantor": grantor, "delegation": p["delegation"], "delegate": tx.signer,
                                  "revoked_at": None, "height": ctx.height, "time": ctx.time})
    state.put(sk.by_grantor(grantor, tx.id), {"height": ctx.height})
    state.put(sk.by_grantee(p["grantee"], tx.id), {"height": ctx.height})


def _delegated_revoke(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    entry, p = _acting(state, tx, ctx), tx.payload
    consent = state.get(sk.consent(p["consent"]))
    if consent is None:
        raise refusal("unknown_consent", "no such consent on the ledger")
    own = consent.get("delegation") == p["delegation"]
    if consent["grantor"] != entry["grantor"] or not (own or entry["revoke_others"]):
        raise refusal("revoke_not_delegated", REASON_TEXT["revoke_not_delegated"])
    if consent["revoked_at"] is not None:
        raise refusal("already_revoked", "this consent was already revoked")
    state.put(sk.consent(p["consent"]), {**consent, "revoked_at": ctx.time, "revoked_tx": tx.id,
                                         "revoked_by": tx.signer})


RULES = {"delegate": _delegate, "revoke_delegation": _revoke_delegation, "delegated_grant": _delegated_grant,
         "delegated_revoke": _delegated_revoke}
