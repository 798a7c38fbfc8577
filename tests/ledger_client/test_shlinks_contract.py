"""The contract's rules for SMART Health Links, against a node that would serve past them:
each refusal leaves the state unchanged (``MemChain.refuse``)."""

from __future__ import annotations

import pytest

from ledger_client import shlinks

from .chain import PRODUCER, MemChain, fresh_key

LINK_ID = bytes(range(32))
RECIPIENT = {"commitment": "11" * 32, "sealed": "22" * 256}


@pytest.fixture
def chain():
    return MemChain()


def _link(chain, owner, *, passcode=False, **extra):
    record = chain.record(owner)
    payload = {"link": shlinks.link_hash(LINK_ID), "files": [record], "types": ["application/fhir+json"],
               "expires_at": chain.time + 600, "max_uses": 2, "max_attempts": 2, "flags": "P" if passcode else "",
               **extra}
    if passcode:
        payload["passcode"] = "33" * 32
    chain.accept(owner, "create_link", payload)
    return payload["link"]


def _use(chain, link, signer=PRODUCER, **extra):
    return chain.tx(signer, "link_access", {"link": link, "recipient": RECIPIENT, **extra})


def test_no_use_past_the_limit_and_none_after_expiry_or_revocation(chain):
    owner = chain.patient()
    link = _link(chain, owner)
    chain.block(_use(chain, link))
    chain.block(_use(chain, link))
    assert chain.refuse(_use(chain, link)).code == "link_inactive"  # used up: a node cannot serve a third time
    assert chain.state.get(f"link/{link}")["uses"] == 2
    other = MemChain()
    owner2 = other.patient()
    link2 = _link(other, owner2)
    other.time += 601
    assert other.refuse(_use(other, link2)).code == "link_inactive"
    third = MemChain()
    owner3 = third.patient()
    link3 = _link(third, owner3)
    third.accept(owner3, "revoke_link", {"link": link3})
    assert third.refuse(_use(third, link3)).code == "link_inactive"
    assert third.refuse(third.tx(fresh_key(), "revoke_link", {"link": link3})).code in ("not_owner", "already_revoked")


def test_only_nodes_record_link_events_and_only_owners_make_links(chain):
    owner, stranger = chain.patient(), chain.patient()
    link = _link(chain, owner)
    assert chain.refuse(_use(chain, link, signer=stranger)).code == "not_a_node"
    foreign = chain.record(owner)
    payload = {"link": "44" * 32, "files": [foreign], "types": ["application/fhir+json"],
               "expires_at": chain.time + 600, "max_uses": 1, "max_attempts": 1, "flags": ""}
    assert chain.refuse(chain.tx(stranger, "create_link", payload)).code == "not_owner"
    assert chain.refuse(chain.tx(owner, "create_link", {**payload, "expires_at": chain.time})).code == "already_expired"
    assert chain.refuse(chain.tx(owner, "create_link", {**payload, "flags": "P"})).code == "bad_link"


def test_a_passcode_link_is_used_only_through_a_counted_attempt(chain):
    owner = chain.patient()
    link = _link(chain, owner, passcode=True)
    assert chain.refuse(_use(chain, link)).code == "bad_link_event"  # no attempt: the passcode was never checked
    attempt = chain.tx(PRODUCER, "link_attempt", {"link": link, "recipient": RECIPIENT})
    chain.block(attempt)
    assert chain.state.get(f"link/{link}")["failures"] == 1  # counted wrong until settled
    chain.block(_use(chain, link, attempt=attempt.id))
    entry = chain.state.get(f"link/{link}")
    assert entry["failures"] == 0 and entry["uses"] == 1
    assert chain.refuse(_use(chain, link, attempt=attempt.id)).code == "bad_link_event"  # settled once only


def test_wrong_attempts_lock_the_link_for_every_node(chain):
    owner = chain.patient()
    link = _link(chain, owner, passcode=True)
    first = chain.next_seq(PRODUCER)
    attempts = [chain.tx(PRODUCER, "link_attempt", {"link": link, "recipient": RECIPIENT}, seq=first + n)
                for n in range(3)]
    accepted, rejected = chain.block(*attempts)
    assert len(accepted) == 2 and rejected[0][1].code == "link_inactive"  # the limit holds within one block too
    late = chain.tx(PRODUCER, "link_attempt", {"link": link, "recipient": RECIPIENT})
    assert chain.refuse(late).code == "link_inactive"
    assert shlinks.link_decision(chain.state, link, chain.time).reason == "link_locked"
    assert chain.replay() == chain.hash()
