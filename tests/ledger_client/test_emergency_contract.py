"""The contract's rules for break-glass emergency access, against parties that would go
past them: each refusal leaves the state unchanged (``MemChain.refuse``), a reference model
of a request's status (pending, open, vetoed, closed, set withdrawn or replaced) agrees with
the contract over random sequences, and a replay of the blocks rebuilds the same state."""

from __future__ import annotations

import os
from dataclasses import dataclass

import nacl.public
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ledger_client import emergency
from ledger_client import state_keys as sk
from ledger_client.contract import may_access
from ledger_client.emergency_shares import (
    NotEnoughShares,
    combine_key,
    open_released,
    reseal_for,
    seal_shares,
    split_key,
)
from ledger_client.errors import EmergencyNotAllowed

from .chain import GOV, PRODUCER, MemChain, fixed_key

NODES = [PRODUCER, fixed_key("emg/node/1"), fixed_key("emg/node/2")]
DELAY, OPEN_FOR = 600, 3600


def _world(delay: int = DELAY, threshold: int = 2, kinds=("hospital",)):
    chain = MemChain()
    for i, node in enumerate(NODES[1:]):
        chain.institution("other", key=fixed_key(f"emg/operator/{i}/{os.urandom(4).hex()}"), node_key=node.public)
    chain.accept(GOV, "emergency_policy", {"institutions": [], "kinds": list(kinds), "delay": delay,
                                           "open_for": OPEN_FOR, "threshold": threshold,
                                           "nodes": [n.public for n in NODES]})
    box = nacl.public.PrivateKey.generate()
    hospital = fixed_key(f"emg/hospital/{os.urandom(4).hex()}")
    chain.accept(GOV, "register_institution", {"name": "ER", "kind": "hospital", "sign_key": hospital.public,
                                               "box_key": bytes(box.public_key).hex()})
    patient = chain.patient()
    key = os.urandom(32)
    records = [chain.record(patient, category="fhir")]
    chain.accept(patient, "emergency_set", {"policy": 1, "records": records,
                                            "shares": seal_shares(key, patient.public, [n.public for n in NODES],
                                                                  threshold)})
    return chain, patient, hospital, box, key, records


def _ask(chain, hospital, patient):
    return chain.accept(hospital, "emergency_request", {"set": patient.public, "reason": "BTG",
                                                        "justification": "unconscious in the ER"}).id


def _release(chain, node, requester, request, **extra):
    signed = emergency.make_release_request(requester, chain.chain_id, request, node.public, chain.time)
    entry = chain.state.get(sk.emergency_request(request))
    return chain.tx(node, "emergency_release", {"set": entry["set"] if entry else requester.public,
                                                "request": request, "release": signed.to_json(), **extra}), signed


def _status(chain, request):
    return emergency.request_status(chain.state, chain.state.get(sk.emergency_request(request)), chain.time)


def test_the_key_splits_t_of_n_and_any_t_shares_rebuild_it():
    key = os.urandom(32)
    shares = split_key(key, 3, 5)
    assert combine_key(shares[1:4], 3) == key == combine_key([shares[0], shares[2], shares[4]], 3)
    with pytest.raises(NotEnoughShares, match="2 of the 3"):
        combine_key(shares[:2] + shares[:1], 3)  # a repeated share counts once
    assert combine_key(shares[:1] + shares[3:], 3) == key
    assert combine_key(split_key(key, 1, 2)[1:], 1) == key


def test_approve_opens_at_once_and_the_shares_rebuild_the_key():
    chain, patient, hospital, box, key, records = _world()
    request = _ask(chain, hospital, patient)
    assert _status(chain, request) == "pending"
    tx, _ = _release(chain, NODES[0], hospital, request)
    assert chain.refuse(tx).code == "emergency_not_open"  # before it opens, no node releases
    read = chain.request(hospital, records[0], request, "emergency")
    assert may_access(chain.state, hospital.public, records[0], "emergency", chain.time, request).reason \
        == "emergency_not_open"
    chain.accept(patient, "emergency_decide", {"request": request, "decision": "approve"})
    assert _status(chain, request) == "open"
    decision = may_access(chain.state, hospital.public, records[0], "emergency", chain.time, request)
    assert decision.allowed and decision.reason == "emergency" and decision.owner == patient.public
    chain.block(chain.event(read))  # the read is audited as an emergency access
    released = []
    for node in NODES[:2]:
        tx, _ = _release(chain, node, hospital, request)
        chain.block(tx)
        share = next(s for s in chain.state.get(sk.emergency_set(patient.public))["shares"] if s["node"] == node.public)
        released.append(open_released(box, reseal_for(node, share["sealed"], patient.public,
                                                      bytes(box.public_key).hex()), patient.public))
    assert combine_key(released, 2) == key
    kinds = [e["kind"] for k, e in chain.state.items() if k.startswith(sk.events("owner", patient.public))]
    assert kinds == ["emergency_request", "emergency_approve", "access", "emergency_release", "emergency_release"]
    assert chain.replay() == chain.hash()


def test_veto_never_opens_and_lapse_opens_after_the_delay():
    chain, patient, hospital, *_ = _world()
    vetoed, lapsing = _ask(chain, hospital, patient), _ask(chain, hospital, patient)
    chain.accept(patient, "emergency_decide", {"request": vetoed, "decision": "veto"})
    chain.time += DELAY
    assert _status(chain, vetoed) == "vetoed" and _status(chain, lapsing) == "open"
    assert chain.refuse(_release(chain, NODES[1], hospital, vetoed)[0]).code == "emergency_not_open"
    assert chain.refuse(chain.tx(patient, "emergency_decide", {"request": vetoed, "decision": "approve"})).code \
        == "emergency_decided"
    chain.block(_release(chain, NODES[1], hospital, lapsing)[0])
    chain.time += OPEN_FOR
    assert _status(chain, lapsing) == "closed"
    assert chain.refuse(_release(chain, NODES[1], hospital, lapsing)[0]).code == "emergency_not_open"


def test_delay_zero_opens_at_once():
    chain, patient, hospital, *_ = _world(delay=0)
    request = _ask(chain, hospital, patient)
    assert _status(chain, request) == "open"
    chain.block(_release(chain, NODES[2], hospital, request)[0])


def test_who_may_ask_release_and_decide():
    chain, patient, hospital, _, _, records = _world()
    clinic = chain.institution("clinic")  # the policy allows hospitals only
    error = chain.refuse(chain.tx(clinic, "emergency_request", {"set": patient.public, "reason": "BTG",
                                                                "justification": "x"}))
    assert isinstance(error, EmergencyNotAllowed) and "clinic" in error.message
    assert chain.refuse(chain.tx(patient, "emergency_request", {"set": patient.public, "reason": "BTG",
                                                                "justification": "x"})).code == "emergency_not_allowed"
    request = _ask(chain, hospital, patient)
    stranger = chain.patient()
    assert chain.refuse(chain.tx(stranger, "emergency_decide", {"request": request, "decision": "veto"})).code \
        == "not_owner"
    chain.accept(patient, "emergency_decide", {"request": request, "decision": "approve"})
    other = chain.institution("hospital")
    tx, _ = _release(chain, NODES[0], other, request)  # another requester asks for this request's share
    assert chain.refuse(tx).code == "emergency_wrong_requester"
    assert not may_access(chain.state, other.public, records[0], "emergency", chain.time, request).allowed
    assert may_access(chain.state, hospital.public, records[0], "treatment", chain.time, request).reason \
        == "wrong_purpose"
    assert chain.refuse(_release(chain, hospital, hospital, request)[0]).code == "not_a_node"
    signed = emergency.make_release_request(hospital, chain.chain_id, request, NODES[1].public, chain.time)
    wrong_node = chain.tx(NODES[0], "emergency_release", {"set": patient.public, "request": request,
                                                          "release": signed.to_json()})
    assert chain.refuse(wrong_node).code == "wrong_node"  # signed for node 1, committed by node 0
    tx, signed = _release(chain, NODES[0], hospital, request)
    chain.block(tx)
    again = chain.tx(NODES[0], "emergency_release", {"set": patient.public, "request": request,
                                                     "release": signed.to_json()})
    assert chain.refuse(again).code == "replayed_request"
    outsider = chain.institution("hospital")
    not_gov = chain.tx(outsider, "emergency_policy", {"institutions": [outsider.public], "kinds": [], "delay": 0,
                                                      "open_for": 60, "threshold": 1, "nodes": [PRODUCER.public]})
    assert chain.refuse(not_gov).code == "not_governance"
    bad = chain.tx(GOV, "emergency_policy", {"institutions": [], "kinds": [], "delay": 0, "open_for": 60,
                                             "threshold": 1, "nodes": [outsider.public]})
    assert chain.refuse(bad).code == "bad_policy"  # a share holder must be a node of the network


def test_a_replaced_or_withdrawn_set_closes_its_requests_and_shares_are_bound_to_their_set():
    chain, patient, hospital, box, _, records = _world(delay=0)
    request = _ask(chain, hospital, patient)
    thief = chain.patient()
    shares = chain.state.get(sk.emergency_set(patient.public))["shares"]
    own = chain.record(thief)
    chain.accept(thief, "emergency_set", {"policy": 1, "records": [own], "shares": shares})  # the victim's shares
    with pytest.raises(Exception, match="another emergency set"):
        reseal_for(NODES[0], shares[0]["sealed"], thief.public, bytes(box.public_key).hex())
    assert chain.refuse(chain.tx(patient, "emergency_set", {"policy": 1, "records": [own],
                                                            "shares": shares})).code == "not_owner"
    assert chain.refuse(chain.tx(patient, "emergency_set", {"policy": 1, "records": records,
                                                            "shares": shares[:2]})).code == "bad_emergency_set"
    chain.accept(patient, "emergency_set", {"policy": 1, "records": records,
                                            "shares": seal_shares(os.urandom(32), patient.public,
                                                                  [n.public for n in NODES], 2)})
    assert _status(chain, request) == "set_replaced"
    later = _ask(chain, hospital, patient)
    chain.accept(patient, "emergency_withdraw", {})
    assert _status(chain, later) == "set_withdrawn"
    assert chain.refuse(chain.tx(hospital, "emergency_request", {"set": patient.public, "reason": "BTG",
                                                                 "justification": "x"})).code == "unknown_emergency_set"
    chain.accept(GOV, "emergency_policy", {"institutions": [], "kinds": ["hospital"], "delay": 0, "open_for": 60,
                                           "threshold": 1, "nodes": [PRODUCER.public]})
    stale = chain.tx(patient, "emergency_set", {"policy": 1, "records": records, "shares": shares})
    assert chain.refuse(stale).code == "stale_policy"


@dataclass
class ModelRequest:
    opens_at: int
    version: int
    decision: str | None = None
    decided_at: int | None = None


class EmergencyMachine(RuleBasedStateMachine):
    """Random requests, decisions, replacements, withdrawals and time; the contract's status
    of every request and its release verdict match a reference model."""

    @initialize(delay=st.sampled_from([0, 30, 600]))
    def setup(self, delay):
        self.chain, self.patient, self.hospital, *_ = _world(delay=delay)
        self.delay, self.version, self.withdrawn = delay, 1, False
        self.requests: dict[str, ModelRequest] = {}

    def _expected(self, req: ModelRequest) -> str:
        if self.withdrawn:
            return "set_withdrawn"
        if req.version != self.version:
            return "set_replaced"
        if req.decision == "veto":
            return "vetoed"
        opens = req.decided_at if req.decision == "approve" else req.opens_at
        if self.chain.time < opens:
            return "pending"
        return "closed" if self.chain.time >= opens + OPEN_FOR else "open"

    @rule()
    def ask(self):
        tx = self.chain.tx(self.hospital, "emergency_request", {"set": self.patient.public, "reason": "BTG",
                                                                "justification": "model"})
        if self.withdrawn:
            assert self.chain.refuse(tx).code == "unknown_emergency_set"
            return
        self.chain.block(tx)
        self.requests[tx.id] = ModelRequest(self.chain.time + self.delay, self.version)

    @rule(data=st.data(), decision=st.sampled_from(emergency.DECISIONS))
    def decide(self, data, decision):
        if not self.requests:
            return
        request = data.draw(st.sampled_from(sorted(self.requests)))
        req, status = self.requests[request], self._expected(self.requests[request])
        tx = self.chain.tx(self.patient, "emergency_decide", {"request": request, "decision": decision})
        ok = status not in ("vetoed", "set_withdrawn", "set_replaced") and (
            decision == "veto" or (req.decision is None and status == "pending"))
        if not ok:
            assert self.chain.refuse(tx).code == "emergency_decided"
            return
        self.chain.block(tx)
        req.decision, req.decided_at = decision, self.chain.time

    @rule(data=st.data(), node=st.integers(0, 2))
    def release(self, data, node):
        if not self.requests:
            return
        request = data.draw(st.sampled_from(sorted(self.requests)))
        tx, _ = _release(self.chain, NODES[node], self.hospital, request)
        if self._expected(self.requests[request]) == "open":
            assert not self.chain.block(tx)[1]
        else:
            assert self.chain.refuse(tx).code == "emergency_not_open"

    @rule()
    def replace(self):
        if self.withdrawn:
            return
        entry = self.chain.state.get(sk.emergency_set(self.patient.public))
        self.chain.accept(self.patient, "emergency_set", {"policy": 1, "records": entry["records"],
                                                          "shares": entry["shares"]})
        self.version += 1

    @rule()
    def withdraw(self):
        tx = self.chain.tx(self.patient, "emergency_withdraw", {})
        if self.withdrawn:
            assert self.chain.refuse(tx).code == "unknown_emergency_set"
        else:
            self.chain.block(tx)
            self.withdrawn = True

    @rule(seconds=st.sampled_from([1, 29, 300, 600, 3600]))
    def advance_time(self, seconds):
        self.chain.time += seconds

    @invariant()
    def statuses_match_the_model(self):
        if not hasattr(self, "chain"):
            return
        for request, req in self.requests.items():
            assert _status(self.chain, request) == self._expected(req), request

    def teardown(self):
        if hasattr(self, "chain"):
            assert self.chain.replay() == self.chain.hash()


EmergencyMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None,
                                              suppress_health_check=[HealthCheck.too_slow])
TestEmergencyMachine = EmergencyMachine.TestCase
