"""Break-glass emergency access that needs no patient online: the formats and the rules.

A patient marks an *emergency set*: a few records (an International Patient Summary,
allergies, medications) encrypted under a fresh emergency key, anchored as records of a
pseudonym used for nothing else. The key is split t of n (Shamir, see
:mod:`ledger_client.emergency_shares`) among the nodes the network's policy names, each
share sealed to one node's X25519 key (derived from its Ed25519 node key), so no node alone
can open the set. Every rule below is decided by the contract from ledger state:

* ``emergency_policy`` (governance, as ``register_institution``): which institutions, by key
  or by kind, may ask; the delay before a request opens (0 allowed); how long an opened
  request stays open; the threshold t and the n nodes that hold shares. A new policy
  replaces the old one (its ``version`` counts up); a set names the version it was sealed for;
* ``emergency_set`` (the set's pseudonym): the records, one sealed share per policy node;
  sent again, it replaces the set (requests made against the old one never open);
* ``emergency_withdraw`` (the set's pseudonym): the set is gone, no request on it opens;
* ``emergency_request`` (an institution the policy allows): reason ``BTG`` (v3-ActReason
  *break the glass*) and a free-text justification; it opens at request time + delay;
* ``emergency_decide`` (the set's pseudonym, or a guardian: the delegate of an active
  delegation the set's pseudonym signed with ``emergency`` true, naming it): ``approve``
  opens the request at once, ``veto`` closes it for good (also after it opened); a guardian's
  decision records the delegate and the delegation;
* ``emergency_release`` (a node of the set): one share handed out, recorded *before* the
  node returns it, for a release request the requester signed for that node and request.

Reads of the set's records go through the ordinary audited read, with the emergency
request's id in place of a consent and purpose ``emergency`` (:func:`read_decision`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import crypto
from . import state_keys as sk
from .delegation import emergency_guardian
from .encoding import canonical, check_domain
from .errors import MalformedError, WrongNetwork, refusal
from .genesis import Genesis
from .schema import HASH, KEY, NONCE, SIG, TIME, Enum, Hex, Int, ListOf, Obj, Text
from .state import Overlay, StateView

if TYPE_CHECKING:
    from .contract import BlockContext
    from .tx import SignedTx

MAX_DELAY_SECONDS = 30 * 86400
MAX_OPEN_SECONDS = 7 * 86400
MAX_NODES = 64
ACT_REASONS = ("BTG",)  # HL7 v3-ActReason: break the glass
SHARE_PLAIN_BYTES = 32 + 1 + 32  # the set's pseudonym, the share's x coordinate, the 32-byte share
SEALED_SHARE_BYTES = SHARE_PLAIN_BYTES + 48  # a libsodium sealed box adds 48 bytes
DECISIONS = ("approve", "veto")

REASON_TEXT = {
    "emergency": "an open emergency (break-glass) request",
    "emergency_not_open": "the emergency request is not open (not yet, vetoed, closed, or its set was replaced)",
    "emergency_wrong_requester": "the emergency request was made by another institution",
    "emergency_not_in_set": "the record is not in the emergency set the request names",
}
STATUS_TEXT = {
    "open": "open",
    "pending": "waiting for the delay to pass or the patient to approve",
    "vetoed": "the patient vetoed it",
    "closed": "it was open, and its time is over",
    "set_withdrawn": "the patient withdrew the emergency set",
    "set_replaced": "the patient replaced the emergency set since",
}
SHARE = Obj({"node": KEY, "sealed": Hex(SEALED_SHARE_BYTES, "sealed box of one key share")})
RELEASE_REQUEST = Obj({"v": Int(1, 1), "chain_id": HASH, "requester": KEY, "request": HASH, "node": KEY,
                       "time": TIME, "nonce": NONCE})
SIGNED_RELEASE = Obj({"release": RELEASE_REQUEST, "sig": SIG})


def payloads(institution_kinds: tuple[str, ...]) -> dict[str, Obj]:
    """The payload schemas of the emergency transactions (``tx.PAYLOADS`` merges them)."""
    return {
        "emergency_policy": Obj({"institutions": ListOf(KEY, 0, 1000), "kinds": ListOf(Enum(institution_kinds), 0, 16),
                                 "delay": Int(0, MAX_DELAY_SECONDS), "open_for": Int(60, MAX_OPEN_SECONDS),
                                 "threshold": Int(1, MAX_NODES), "nodes": ListOf(KEY, 1, MAX_NODES)}),
        "emergency_set": Obj({"policy": Int(1), "records": ListOf(HASH, 1, 20),
                              "shares": ListOf(SHARE, 1, MAX_NODES)}),
        "emergency_withdraw": Obj({}),
        "emergency_request": Obj({"set": KEY, "reason": Enum(ACT_REASONS), "justification": Text(500)}),
        "emergency_decide": Obj({"request": HASH, "decision": Enum(DECISIONS)}, {"delegation": HASH}),
        "emergency_release": Obj({"set": KEY, "request": HASH, "release": SIGNED_RELEASE}),
    }


# --- the node keys that hold shares -------------------------------------------------------

def node_box_key(node_key: str) -> str:
    """The X25519 key a node's share is sealed to: its Ed25519 node key converted (libsodium)."""
    return crypto.box_key_of(node_key)


# --- signed release requests --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReleaseRequest:
    """A verified request for one node's share of one emergency request."""

    release: dict[str, Any]
    sig: str
    hash: str

    @property
    def requester(self) -> str:
        return self.release["requester"]

    @property
    def request(self) -> str:
        return self.release["request"]

    @property
    def node(self) -> str:
        return self.release["node"]

    @property
    def time(self) -> int:
        return self.release["time"]

    def to_json(self) -> dict[str, Any]:
        return {"release": self.release, "sig": self.sig}


def make_release_request(key: crypto.SigningKey, chain_id: str, request: str, node: str, time: int) -> ReleaseRequest:
    """Sign a request for ``node``'s share of emergency request ``request``."""
    body = {"v": 1, "chain_id": chain_id, "requester": key.public, "request": request, "node": node,
            "time": time, "nonce": os.urandom(16).hex()}
    RELEASE_REQUEST.check(body, "release")
    digest = crypto.sha256(canonical(body))
    return ReleaseRequest(body, key.sign(crypto.DOMAIN_EMERGENCY, digest), digest.hex())


def parse_release_request(doc: Any, chain_id: str | None = None) -> ReleaseRequest:
    """Validate and verify an untrusted signed release request."""
    check_domain(doc)
    SIGNED_RELEASE.check(doc, "release")
    body = doc["release"]
    if chain_id is not None and body["chain_id"] != chain_id:
        raise WrongNetwork("the release request is for another network")
    digest = crypto.sha256(canonical(body))
    crypto.verify(body["requester"], crypto.DOMAIN_EMERGENCY, digest, doc["sig"])
    return ReleaseRequest(body, doc["sig"], digest.hex())


# --- decisions ----------------------------------------------------------------------------

def policy(state: StateView) -> dict[str, Any] | None:
    return state.get(sk.emergency_policy())


def may_ask(state: StateView, requester: str) -> tuple[bool, str]:
    """May ``requester`` ask for emergency access under the policy in force? (and why not)"""
    rules = policy(state)
    if rules is None:
        return False, "this network has no emergency-access policy"
    inst = state.get(sk.institution(requester))
    if inst is None:
        return False, "the requester is not a registered institution"
    if requester in rules["institutions"] or inst["kind"] in rules["kinds"]:
        return True, "allowed by the network's emergency policy"
    return False, (f"the network's emergency policy does not allow this institution (a {inst['kind']}) "
                   "to ask for emergency access")


def request_status(state: StateView, request: dict[str, Any], time: int) -> str:
    """``open``, ``pending``, ``vetoed``, ``closed``, ``set_withdrawn`` or ``set_replaced`` at ``time``."""
    entry = state.get(sk.emergency_set(request["set"]))
    if entry is None or entry.get("withdrawn_at") is not None:
        return "set_withdrawn"
    if entry["version"] != request["version"]:
        return "set_replaced"
    if request["decision"] == "veto":
        return "vetoed"
    opens = request["decided_at"] if request["decision"] == "approve" else request["opens_at"]
    if time < opens:
        return "pending"
    if time >= opens + request["open_for"]:
        return "closed"
    return "open"


def read_decision(state: StateView, requester: str, record: str, purpose: str, time: int, request_id: str,
                  owner: str) -> tuple[bool, str] | None:
    """The contract's answer to a read of ``record`` under emergency request ``request_id``
    (None when ``request_id`` names no emergency request)."""
    request = state.get(sk.emergency_request(request_id))
    if request is None:
        return None
    entry = state.get(sk.emergency_set(request["set"]))
    if request["requester"] != requester:
        return False, "emergency_wrong_requester"
    if entry is None or owner != request["set"] or record not in entry["records"]:
        return False, "emergency_not_in_set"
    if purpose != "emergency":
        return False, "wrong_purpose"
    if request_status(state, request, time) != "open":
        return False, "emergency_not_open"
    return True, "emergency"


# --- contract rules (called by :func:`ledger_client.contract.apply_tx`) -------------------

def _is_node(state: StateView, genesis: Genesis, key: str) -> bool:
    return key in genesis.producers or state.get(sk.node(key)) is not None


def _policy(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    p = tx.payload
    if tx.signer not in genesis.governance_keys:
        raise refusal("not_governance", "only the network's governance keys set the emergency-access policy")
    if len(set(p["nodes"])) != len(p["nodes"]) or any(not _is_node(state, genesis, n) for n in p["nodes"]):
        raise refusal("bad_policy", "the emergency policy names each share holder once, and only the network's nodes")
    if p["threshold"] > len(p["nodes"]):
        raise refusal("bad_policy", f"a threshold of {p['threshold']} needs at least as many nodes "
                                    f"(the policy names {len(p['nodes'])})")
    old = policy(state)
    state.put(sk.emergency_policy(), {**p, "version": (old["version"] if old else 0) + 1, "height": ctx.height,
                                      "time": ctx.time, "tx": tx.id})


def _current_policy(state: StateView, version: int) -> dict[str, Any]:
    rules = policy(state)
    if rules is None:
        raise refusal("no_emergency_policy", "this network has no emergency-access policy")
    if rules["version"] != version:
        raise refusal("stale_policy", f"the emergency policy changed (version {rules['version']} is in force); "
                                      "seal the set again for its nodes")
    return rules


def _set(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    p = tx.payload
    if state.get(sk.pseudonym(tx.signer)) is None:
        raise refusal("unknown_pseudonym", "the signer is not a registered pseudonym")
    rules = _current_policy(state, p["policy"])
    if [share["node"] for share in p["shares"]] != rules["nodes"]:
        raise refusal("bad_emergency_set", "the set carries one sealed share for each node of the policy, in its order")
    for record in p["records"]:
        rec = state.get(sk.record(record))
        if rec is None or rec["owner"] != tx.signer or rec.get("retired") is not None:
            raise refusal("not_owner", f"record {record[:16]}… is not an anchored record of the set's pseudonym")
    old = state.get(sk.emergency_set(tx.signer))
    state.put(sk.emergency_set(tx.signer), {**p, "threshold": rules["threshold"],
                                            "version": (old["version"] if old else 0) + 1, "withdrawn_at": None,
                                            "height": ctx.height, "time": ctx.time, "tx": tx.id})


def _withdraw(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    entry = state.get(sk.emergency_set(tx.signer))
    if entry is None or entry.get("withdrawn_at") is not None:
        raise refusal("unknown_emergency_set", "this pseudonym has no emergency set to withdraw")
    state.put(sk.emergency_set(tx.signer), {**entry, "withdrawn_at": ctx.time, "withdrawn_tx": tx.id})


def _event(state: Overlay, tx: SignedTx, ctx: BlockContext, request_id: str, request: dict[str, Any],
           kind: str, **extra: Any) -> None:
    event = {"kind": kind, "tx": tx.id, "height": ctx.height, "time": ctx.time, "requester": request["requester"],
             "set": request["set"], "request": request_id, "reason": request["reason"], **extra}
    state.put(sk.events("owner", request["set"], ctx.height, tx.id), event)
    state.put(sk.events("requester", request["requester"], ctx.height, tx.id), event)


def _request(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    p = tx.payload
    allowed, why = may_ask(state, tx.signer)
    if not allowed:
        raise refusal("emergency_not_allowed", why)
    rules = policy(state)
    assert rules is not None
    entry = state.get(sk.emergency_set(p["set"]))
    if entry is None or entry.get("withdrawn_at") is not None:
        raise refusal("unknown_emergency_set", "no emergency set of this pseudonym on the ledger")
    request = {**p, "requester": tx.signer, "version": entry["version"], "opens_at": ctx.time + rules["delay"],
               "open_for": rules["open_for"], "decision": None, "decided_at": None, "time": ctx.time,
               "height": ctx.height, "tx": tx.id}
    state.put(sk.emergency_request(tx.id), request)
    state.put(sk.by_emergency_set(p["set"], tx.id), {"height": ctx.height})
    _event(state, tx, ctx, tx.id, request, "emergency_request", justification=p["justification"],
           opens_at=request["opens_at"])


def _decide(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    p = tx.payload
    request = state.get(sk.emergency_request(p["request"]))
    if request is None:
        raise refusal("unknown_emergency_request", "no such emergency request on the ledger")
    by: dict[str, Any] = {}
    if p.get("delegation"):
        guardian = emergency_guardian(state, p["delegation"], tx.signer, request["set"], ctx.time)
        if not guardian.active:
            raise refusal(guardian.reason, guardian.message)
        by = {"decided_by": tx.signer, "delegation": p["delegation"]}
    elif request["set"] != tx.signer:
        raise refusal("not_owner", "only the emergency set's pseudonym, or its guardian, decides on a request for it")
    status = request_status(state, request, ctx.time)
    if status in ("vetoed", "set_withdrawn", "set_replaced"):
        raise refusal("emergency_decided", f"the request can no longer be decided: {STATUS_TEXT[status]}")
    if p["decision"] == "approve" and (request["decision"] == "approve" or status != "pending"):
        raise refusal("emergency_decided", f"the request is {STATUS_TEXT[status]}: there is nothing to approve")
    request = {**request, "decision": p["decision"], "decided_at": ctx.time, "decided_tx": tx.id, **by}
    state.put(sk.emergency_request(p["request"]), request)
    _event(state, tx, ctx, p["request"], request, "emergency_" + p["decision"], **by)


def _release(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    p = tx.payload
    if not _is_node(state, genesis, tx.signer):
        raise refusal("not_a_node", "only ledger nodes release emergency shares")
    release = parse_release_request(p["release"], genesis.chain_id)
    check_release(state, genesis, release, tx.signer, ctx.time)
    request = state.get(sk.emergency_request(release.request))
    assert request is not None
    if p["set"] != request["set"] or p["request"] != release.request:
        raise refusal("bad_emergency_release", "the release names another set or request than its signed request")
    state.put(sk.used_request(release.hash), {"tx": tx.id, "height": ctx.height})
    _event(state, tx, ctx, release.request, request, "emergency_release", node=tx.signer,
           release=release.hash)


def check_release(state: StateView, genesis: Genesis, release: ReleaseRequest, node: str, time: int) -> dict[str, Any]:
    """May ``node`` hand its share of the set to the release's signer at ``time``? Returns the
    node's sealed share; raises the refusal otherwise (the node asks the same before it commits)."""
    if state.get(sk.used_request(release.hash)) is not None:
        raise refusal("replayed_request", "this release request was already used; sign a new one")
    if abs(release.time - time) > genesis.max_skew:
        raise refusal("stale_request", "the release request's time is too far from the ledger's clock")
    if release.node != node:
        raise refusal("wrong_node", "the release request was signed for another node")
    request = state.get(sk.emergency_request(release.request))
    if request is None:
        raise refusal("unknown_emergency_request", "no such emergency request on the ledger")
    if request["requester"] != release.requester:
        raise refusal("emergency_wrong_requester", REASON_TEXT["emergency_wrong_requester"])
    status = request_status(state, request, time)
    if status != "open":
        raise refusal("emergency_not_open", f"the emergency request is not open: {STATUS_TEXT[status]}")
    entry = state.get(sk.emergency_set(request["set"]))
    assert entry is not None
    share = next((s for s in entry["shares"] if s["node"] == node), None)
    if share is None:
        raise refusal("no_share", "this node holds no share of the emergency set")
    return share


def split_plain(plain: bytes, set_key: str) -> tuple[int, bytes]:
    """The x coordinate and share inside a node's opened share; refuses a share made for another set."""
    if len(plain) != SHARE_PLAIN_BYTES or plain[:32].hex() != set_key:
        raise MalformedError("the sealed share was made for another emergency set")
    return plain[32], plain[33:]


RULES = {"emergency_policy": _policy, "emergency_set": _set, "emergency_withdraw": _withdraw,
         "emergency_request": _request, "emergency_decide": _decide, "emergency_release": _release}

