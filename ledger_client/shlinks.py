"""SMART Health Links served by the ledger's nodes: the link's formats and its rules.

A patient shares with someone who has no desk (a carer, a doctor abroad) through a
SMART Health Link (``shlink:/…``). The link's secret id (32 random bytes, the last part
of its manifest URL) and its decryption key exist only in the link itself; the ledger
knows the link as :func:`link_hash` of the id, its files as anchored records (JWE
ciphertext the node cannot read), and the rules below. Every rule is decided by the
contract from ledger state, so every node decides alike:

* ``create_link`` (by a registered pseudonym, owner of the files): the files and their
  content types, the expiry, how many times the link may be used, how many wrong
  passcodes lock it, and, for a ``P`` link, the passcode verifier;
* ``revoke_link`` (its owner);
* ``link_attempt`` (by a node): a passcode guess, recorded *before* the node checks it and
  counted as wrong until a ``link_access`` settles it, accepted only while the link is
  active, so no node can check more guesses than the link allows, whatever the
  concurrency or the number of nodes;
* ``link_access`` (by a node): one use, accepted only while the link is active (not
  revoked, not expired, not used up, not locked); for a ``P`` link it settles the
  attempt whose passcode was right (that attempt no longer counts as wrong).

Passcodes: the verifier is Argon2id of the passcode under a salt derived from the link's
*secret* id (:func:`passcode_salt`), so whoever holds the ledger but not the link cannot
even start guessing offline; whoever holds the link can only guess online, a few times.
That a passcode is right is the node's word (the passcode never reaches the ledger); that
a node's count is right is the contract's.

Recipients: the name a viewer gives is sealed by the node to the owner's box key (only the
patient reads it) beside a commitment (:func:`recipient_commitment`) that the patient can
open in an evidence bundle. The ledger sees neither the name nor the files' content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import crypto
from . import state_keys as sk
from .errors import refusal
from .genesis import Genesis
from .schema import HASH, TIME, Enum, Hex, Int, ListOf, Obj
from .state import Overlay, StateView

if TYPE_CHECKING:
    from .contract import BlockContext
    from .tx import SignedTx

MAX_LINK_SECONDS = 366 * 86400
LINK_FLAGS = ("", "P", "U")  # L (long-term, changing content) is not offered: a link's files are fixed
CONTENT_TYPES = ("application/fhir+json", "application/smart-health-card")
LINK_REASONS = ("unknown_link", "link_revoked", "link_expired", "link_used_up", "link_locked")
REASON_TEXT = {
    "active": "the link is active",
    "unknown_link": "no such link",
    "link_revoked": "the patient revoked this link",
    "link_expired": "this link has expired",
    "link_used_up": "this link was used as many times as the patient allowed",
    "link_locked": "too many wrong passcodes: this link is locked",
    "wrong_passcode": "the passcode is not correct",
}
RECIPIENT = Obj({"commitment": HASH, "sealed": Hex(256, "sealed box of the recipient's name, padded")})
PAYLOADS: dict[str, Obj] = {
    "create_link": Obj({"link": HASH, "files": ListOf(HASH, 1, 20),
                        "types": ListOf(Enum(CONTENT_TYPES), 1, 20, unique=False),
                        "expires_at": TIME, "max_uses": Int(1, 1000), "max_attempts": Int(1, 20),
                        "flags": Enum(LINK_FLAGS)},
                       {"passcode": HASH}),
    "revoke_link": Obj({"link": HASH}),
    "link_attempt": Obj({"link": HASH, "recipient": RECIPIENT}),
    "link_access": Obj({"link": HASH, "recipient": RECIPIENT}, {"attempt": HASH}),
}
SEALED_NAME_BYTES = 256 - 48  # the padded name JSON inside a sealed box of 256 bytes
MAX_RECIPIENT_CHARS = 100


def link_hash(link_id: bytes) -> str:
    """How the ledger names a link: SHA-256 of the domain tag and the link's secret id (hex)."""
    return crypto.sha256_hex(crypto.DOMAIN_LINK + link_id)


def passcode_salt(link_id: bytes) -> bytes:
    """The 16-byte salt of a link's passcode verifier, derived from the secret id."""
    return crypto.sha256(crypto.DOMAIN_LINK_SALT + link_id)[:16]


def passcode_verifier(link_id: bytes, passcode: str) -> str:
    """The verifier a ``create_link`` carries for a ``P`` link (Argon2id, hex)."""
    return crypto.passcode_hash(passcode, passcode_salt(link_id)).hex()


def passcode_matches(link_id: bytes, passcode: str, verifier: str) -> bool:
    """Whether ``passcode`` is the link's (constant-time comparison; Argon2id, so slow by design)."""
    return crypto.constant_time_equal(crypto.passcode_hash(passcode, passcode_salt(link_id)), bytes.fromhex(verifier))


def recipient_commitment(salt: bytes, name: str) -> str:
    """SHA-256 commitment to a recipient's name under a random 16-byte salt (hex)."""
    return crypto.sha256_hex(crypto.DOMAIN_RECIPIENT + salt + name.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """Whether a link may be used now, and if not, why."""

    active: bool
    reason: str
    link: dict[str, Any] | None = None

    @property
    def message(self) -> str:
        return REASON_TEXT.get(self.reason, self.reason)

    @property
    def remaining_attempts(self) -> int:
        return max(0, self.link["max_attempts"] - self.link["failures"]) if self.link else 0


def link_decision(state: StateView, link: str, time: int) -> LinkDecision:
    """Is the link named ``link`` active at ``time``? (the one rule every use and refusal obeys)"""
    entry = state.get(sk.link(link))
    if entry is None:
        return LinkDecision(False, "unknown_link")
    if entry.get("revoked_at") is not None:
        return LinkDecision(False, "link_revoked", entry)
    if time >= entry["expires_at"]:
        return LinkDecision(False, "link_expired", entry)
    if entry["failures"] >= entry["max_attempts"]:
        return LinkDecision(False, "link_locked", entry)
    if entry["uses"] >= entry["max_uses"]:
        return LinkDecision(False, "link_used_up", entry)
    return LinkDecision(True, "active", entry)


# --- contract rules (called by :func:`ledger_client.contract.apply_tx`) -----------------

def _create_link(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    p, time, height = tx.payload, ctx.time, ctx.height
    if state.get(sk.pseudonym(tx.signer)) is None:
        raise refusal("unknown_pseudonym", "the signer is not a registered pseudonym")
    if state.get(sk.link(p['link'])) is not None:
        raise refusal("link_exists", "a link with this id already exists")
    if len(p["types"]) != len(p["files"]) or len(set(p["files"])) != len(p["files"]):
        raise refusal("bad_link", "a link names each file once, with one content type per file")
    for record in p["files"]:
        rec = state.get(sk.record(record))
        if rec is None or rec["owner"] != tx.signer or rec.get("retired") is not None:
            raise refusal("not_owner", f"file {record[:16]}… is not an anchored record of the link's owner")
    if p["expires_at"] <= time:
        raise refusal("already_expired", "the link's expiry is in the past")
    if p["expires_at"] - time > MAX_LINK_SECONDS:
        raise refusal("bad_window", "a link may last at most a year")
    if ("P" in p["flags"]) != ("passcode" in p):
        raise refusal("bad_link", "a P link carries a passcode verifier, and only a P link does")
    if p["flags"] == "U" and len(p["files"]) != 1:
        raise refusal("bad_link", "a U (direct file) link holds exactly one file")
    state.put(sk.link(p['link']), {**p, "passcode": p.get("passcode"), "owner": tx.signer, "uses": 0,
                                    "failures": 0, "revoked_at": None, "height": height, "time": time, "tx": tx.id})
    state.put(sk.by_link_owner(tx.signer, p['link']), {"height": height})


def _revoke_link(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    entry, time = state.get(sk.link(tx.payload['link'])), ctx.time
    if entry is None:
        raise refusal("unknown_link", "no such link on the ledger")
    if entry["owner"] != tx.signer:
        raise refusal("not_owner", "only the patient who made a link can revoke it")
    if entry["revoked_at"] is not None:
        raise refusal("already_revoked", "this link was already revoked")
    state.put(sk.link(tx.payload['link']), {**entry, "revoked_at": time, "revoked_tx": tx.id})


def _node_event(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext, kind: str) -> None:
    if tx.signer not in genesis.producers and state.get(sk.node(tx.signer)) is None:
        raise refusal("not_a_node", "only ledger nodes record link events")
    link, time, height = tx.payload["link"], ctx.time, ctx.height
    entry = state.get(sk.link(link))
    attempt = tx.payload.get("attempt")
    if entry is not None and kind == "link_access":
        if (entry["passcode"] is not None) != (attempt is not None):
            raise refusal("bad_link_event", "a use of a P link names the attempt whose passcode was right, "
                                            "and only such a use does")
        if attempt is not None:
            pending = state.get(sk.link_attempt(attempt))
            if pending is None or pending["link"] != link or pending["node"] != tx.signer or pending["settled"]:
                raise refusal("bad_link_event", "the attempt is not an open attempt of this link by this node")
            state.put(sk.link_attempt(attempt), {**pending, "settled": tx.id})
            entry = {**entry, "failures": entry["failures"] - 1}
            state.put(sk.link(link), entry)
    decision = link_decision(state, link, time)
    if not decision.active:
        raise refusal("link_inactive", f"the link cannot be used: {decision.message}")
    entry = decision.link
    assert entry is not None
    if kind == "link_attempt" and entry["passcode"] is None:
        raise refusal("bad_link_event", "this link has no passcode to attempt")
    counter = "uses" if kind == "link_access" else "failures"
    state.put(sk.link(link), {**entry, counter: entry[counter] + 1})
    if kind == "link_attempt":
        state.put(sk.link_attempt(tx.id), {"link": link, "node": tx.signer, "settled": None})
    event = {"kind": kind, "tx": tx.id, "height": height, "time": time, "node": tx.signer, "link": link,
             "attempt": attempt, "recipient": tx.payload["recipient"]["commitment"]}
    state.put(sk.events("owner", entry["owner"], height, tx.id), event)
    state.put(sk.events("link", link, height, tx.id), event)


def _link_attempt(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    _node_event(state, genesis, tx, ctx, "link_attempt")


def _link_access(state: Overlay, genesis: Genesis, tx: SignedTx, ctx: BlockContext) -> None:
    _node_event(state, genesis, tx, ctx, "link_access")


RULES = {"create_link": _create_link, "revoke_link": _revoke_link, "link_attempt": _link_attempt,
         "link_access": _link_access}
