"""Pseudonym admission by AnonCreds proofs, checked by the consent contract on an in-memory
chain; revocation status lists on the ledger; selective disclosure and predicates.

The issuer and holder here are bare ``anoncreds`` calls (no wallet), so these tests pin the
ledger's document formats independently of the wallet's issuer and holder code.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_client import credentials
from ledger_client.anoncreds_lib import anoncreds
from ledger_client.credentials import (
    admission_nonce,
    admission_proof,
    admission_request,
    lookup_docs,
    proof_request,
    verify_presentation,
)
from ledger_client.errors import CredentialRefused
from ledger_client.keyfile import load_key
from ledger_client.node.datadir import init_datadir
from ledger_client.node.ledger import LedgerNode, NodeConfig
from ledger_client.tx import make_tx

from .chain import T0, MemChain, blob_hash, fixed_key, fresh_key, make_test_genesis

ATTRS = ("birth_year", "insured", "patient_of")
SIZE = 16


class Issuer:
    """An AnonCreds issuer with a revocation registry, on behalf of institution ``key``."""

    def __init__(self, key, tails_dir, tag: str = "patient-1") -> None:
        inst = key.public
        self.key, self.uri = key, credentials.issuer_uri(inst)
        self.schema_id = credentials.schema_id_for(inst, "patient", "1.0")
        self.cred_def_id = credentials.cred_def_id_for(inst, tag)
        self.rev_id = credentials.rev_reg_id_for(inst, tag)
        self.schema = anoncreds.Schema.create("patient", "1.0", self.uri, list(ATTRS))
        self.cd, self.cdp, self.kcp = anoncreds.CredentialDefinition.create(
            self.schema_id, self.schema, self.uri, tag, "CL", support_revocation=True)
        self.rrd, self.rrdp = anoncreds.RevocationRegistryDefinition.create(
            self.cred_def_id, self.cd, self.uri, tag, "CL_ACCUM", SIZE, tails_dir_path=str(tails_dir))
        self.status = anoncreds.RevocationStatusList.create(self.cd, self.rev_id, self.rrd, self.rrdp, self.uri,
                                                            True, T0 - 100)
        self.next_index = 1

    def payload(self) -> dict:
        return credentials.credential_def_payload(
            self.cred_def_id, self.schema_id, _obj(self.schema), _obj(self.cd), self.rev_id, _obj(self.rrd),
            _obj(self.status))

    def issue(self, holder: Holder, values: dict) -> tuple:
        offer = anoncreds.CredentialOffer.create(self.schema_id, self.cred_def_id, self.kcp)
        request, meta = anoncreds.CredentialRequest.create("holder", None, self.cd, holder.secret, "default", offer)
        index, self.next_index = self.next_index, self.next_index + 1
        config = anoncreds.CredentialRevocationConfig(self.rrd, self.rrdp, self.status, index)
        cred = anoncreds.Credential.create(self.cd, self.cdp, offer, request, values, None, config)
        return cred.process(meta, holder.secret, self.cd, self.rrd), index

    def revoke(self, index: int, timestamp: int) -> dict:
        self.status = self.status.update(self.cd, self.rrd, self.rrdp, None, [index], timestamp)
        return {"cred_def_id": self.cred_def_id, "status_list": _obj(self.status)}


class Holder:
    def __init__(self, label: str) -> None:
        self.secret = str(int.from_bytes(hashlib.sha256(label.encode()).digest(), "big"))

    def present(self, issuer: Issuer, cred, index: int, docs, request: dict, reveal=(), hidden=(), predicates=()):
        status = anoncreds.RevocationStatusList.load(json.dumps(docs.status_list))
        state = anoncreds.CredentialRevocationState.create(issuer.rrd, status, index, issuer.rrd.tails_location)
        present = anoncreds.PresentCredentials()
        stamp = docs.status_timestamp
        for referent in reveal:
            present.add_attributes(cred, referent, reveal=True, timestamp=stamp, rev_state=state)
        for referent in hidden:
            present.add_attributes(cred, referent, reveal=False, timestamp=stamp, rev_state=state)
        for referent in predicates:
            present.add_predicates(cred, referent, timestamp=stamp, rev_state=state)
        pres = anoncreds.Presentation.create(anoncreds.PresentationRequest.load(json.dumps(request)), present, {},
                                             self.secret, {docs.schema_id: issuer.schema},
                                             {docs.cred_def_id: issuer.cd})
        return _obj(pres)

    def admission(self, issuer: Issuer, cred, index: int, chain: MemChain, pseudonym: str, chain_id: str | None = None):
        docs = lookup_docs(chain.state, issuer.cred_def_id)
        request = admission_request(chain_id or chain.chain_id, pseudonym, docs)
        return admission_proof(self.present(issuer, cred, index, docs, request, hidden=["credential"]))


def _obj(value) -> dict:
    return json.loads(value.to_json())


def code(chain: MemChain, tx) -> str:
    return chain.refuse(tx).code


def register(chain: MemChain, key, proof) -> object:
    return chain.tx(key, "register_pseudonym", {"box_key": "cd" * 32, "proof": proof})


@pytest.fixture(scope="module")
def issuers(tmp_path_factory):
    """Two issuers (their key generation takes seconds): one accepted, one not."""
    tails = tmp_path_factory.mktemp("tails")
    with ThreadPoolExecutor(2) as pool:  # AnonCreds releases the GIL while it looks for safe primes
        made = [pool.submit(Issuer, fixed_key(f"issuer/{name}"), tails) for name in "ab"]
        return made[0].result(), made[1].result()


def credential_chain(issuer: Issuer, kind: str = "issuer", **policy) -> MemChain:
    chain = MemChain(make_test_genesis(require_credential=True, **policy), admission=credentials.verify_admission)
    chain.institution(kind, key=issuer.key)
    chain.accept(issuer.key, "publish_credential_def", issuer.payload())
    return chain


@pytest.fixture(scope="module")
def holder_cred(issuers):
    holder = Holder("patient-1")
    cred, index = issuers[0].issue(holder, {"birth_year": "1990", "insured": "1", "patient_of": "St. Example"})
    return holder, cred, index


def test_nonce_is_bound_to_pseudonym_and_network():
    chain_a, chain_b = "11" * 32, "22" * 32
    nonce = admission_nonce(chain_a, "33" * 32)
    expected = hashlib.sha256(b"medwallet/admission/v1" + bytes.fromhex(chain_a) + bytes.fromhex("33" * 32)).digest()
    assert nonce == str(int.from_bytes(expected[:10], "big")) and int(nonce) < 2**80
    assert nonce == "914867193438993239207639"  # golden: a change here breaks every node's verdicts
    assert admission_nonce(chain_a, "44" * 32) != nonce and admission_nonce(chain_b, "33" * 32) != nonce


def test_admission_verifies_and_replays(issuers, holder_cred):
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    first, second = fresh_key(), fresh_key()
    chain.accept(first, "register_pseudonym", {"box_key": "cd" * 32,
                                               "proof": holder.admission(issuer, cred, index, chain, first.public)})
    chain.accept(second, "register_pseudonym", {"box_key": "cd" * 32,
                                                "proof": holder.admission(issuer, cred, index, chain, second.public)})
    assert chain.state.get(f"pseu/{first.public}")["admitted"] is True
    # Every node (and a replay from genesis, with no verdict cached) reaches the same state.
    credentials._ADMITTED.clear()
    assert chain.replay() == chain.hash()
    # An admitted pseudonym anchors and grants; an unadmitted one can do neither.
    record = chain.record(first)
    clinic = chain.institution("clinic")
    chain.grant(first, clinic, [record])
    stranger = fresh_key()
    assert code(chain, chain.tx(stranger, "anchor_record", {"record": blob_hash("x"), "size": 1,
                                                            "category": "fhir"})) == "unknown_pseudonym"
    assert code(chain, chain.tx(stranger, "grant_consent", {
        "grantee": clinic.public, "records": [record], "purpose": "research", "not_before": T0,
        "expires_at": T0 + 60})) == "unknown_pseudonym"
    assert code(chain, chain.tx(fresh_key(), "register_pseudonym", {"box_key": "cd" * 32})) == "credential_required"


def test_a_node_built_directly_verifies_admission_proofs(issuers, holder_cred, tmp_path):
    """A node made any way (here ``LedgerNode(...)``, not its command line) checks admission
    proofs by default: it admits a valid one and refuses a forged one."""
    issuer = issuers[0]
    holder, cred, index = holder_cred
    genesis = init_datadir(tmp_path, require_credential=True)
    node = LedgerNode(genesis, load_key(tmp_path / "node.key"), tmp_path, NodeConfig(block_interval=3600))
    try:
        now = int(time.time())
        gov = load_key(tmp_path / "governance.key")
        node.submit(make_tx(gov, genesis.chain_id, "register_institution", 1, now, {
            "name": "Issuer", "kind": "issuer", "sign_key": issuer.key.public, "box_key": "ab" * 32}))
        node.cut_block()
        node.submit(make_tx(issuer.key, genesis.chain_id, "publish_credential_def", 1, now, issuer.payload()))
        node.cut_block()
        docs = lookup_docs(node.store, issuer.cred_def_id)
        owner, forger = fresh_key(), fresh_key()

        def registration(key, proof) -> object:
            return make_tx(key, genesis.chain_id, "register_pseudonym", 1, now, {"box_key": "cd" * 32, "proof": proof})
        request = admission_request(genesis.chain_id, owner.public, docs)
        proof = admission_proof(holder.present(issuer, cred, index, docs, request, hidden=["credential"]))
        forged = copy.deepcopy(proof)
        challenge = forged["presentation"]["proof"]["aggregated_proof"]
        challenge["c_hash"] = str(int(challenge["c_hash"]) ^ 1)  # the proof's challenge, one bit off
        with pytest.raises(CredentialRefused) as refused:
            node.submit(registration(forger, forged))
        assert refused.value.code == "proof_invalid"
        with pytest.raises(CredentialRefused):  # nor is the owner's proof good for another key
            node.submit(registration(forger, proof))
        node.submit(registration(owner, proof))
        node.cut_block()
        assert node.store.get(f"pseu/{owner.public}")["admitted"] is True
        assert node.store.get(f"pseu/{forger.public}") is None
    finally:
        node.store.close()


def test_two_admissions_share_no_identifier(issuers, holder_cred):
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    a, b = fresh_key(), fresh_key()
    proofs = [holder.admission(issuer, cred, index, chain, key.public) for key in (a, b)]

    def leaves(doc) -> set[str]:
        if isinstance(doc, dict):
            return set().union(*(leaves(v) for v in doc.values())) if doc else set()
        if isinstance(doc, list):
            return set().union(*(leaves(v) for v in doc)) if doc else set()
        return {str(doc)} if len(str(doc)) >= 12 else set()
    common = leaves(proofs[0]) & leaves(proofs[1])
    # Only the public names of the credential definition recur: nothing of the holder.
    assert common <= {issuer.cred_def_id, issuer.schema_id, issuer.rev_id, credentials.PROOF_TYPE}
    assert "St. Example" not in json.dumps(proofs) and str(index) not in {json.dumps(p)[-5:] for p in proofs}


def test_proof_cannot_be_replayed_for_another_pseudonym_or_network(issuers, holder_cred):
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    owner, thief = fresh_key(), fresh_key()
    proof = holder.admission(issuer, cred, index, chain, owner.public)
    error = chain.refuse(register(chain, thief, proof))
    assert error.code == "proof_invalid" and "another pseudonym" in error.message
    other_net = holder.admission(issuer, cred, index, chain, owner.public, chain_id="99" * 32)
    assert code(chain, register(chain, owner, other_net)) == "proof_invalid"
    chain.accept(owner, "register_pseudonym", {"box_key": "cd" * 32, "proof": proof})


def test_revoked_credential_is_refused(issuers, tmp_path):
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder = Holder("patient-revoked")
    cred, index = issuer.issue(holder, {"birth_year": "1970", "insured": "0", "patient_of": "St. Example"})
    early, late = fresh_key(), fresh_key()
    stale = holder.admission(issuer, cred, index, chain, early.public)
    chain.time += 10
    chain.accept(issuer.key, "publish_revocation_status", issuer.revoke(index, chain.time))
    assert lookup_docs(chain.state, issuer.cred_def_id).is_revoked(index)
    # A proof made before the revocation names the old status list: refused.
    assert code(chain, register(chain, early, stale)) == "revocation_list_outdated"
    # A proof made against the current list cannot show a revoked credential unrevoked.
    error = chain.refuse(register(chain, late, holder.admission(issuer, cred, index, chain, late.public)))
    assert error.code == "proof_invalid" and "revoked" in error.message


def test_forged_and_malformed_presentations_are_refused(issuers, holder_cred):
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    key = fresh_key()
    proof = holder.admission(issuer, cred, index, chain, key.public)
    forged = copy.deepcopy(proof)
    eq = forged["presentation"]["proof"]["proofs"][0]["primary_proof"]["eq_proof"]
    eq["e"] = str(int(eq["e"]) + 1)
    assert code(chain, register(chain, key, forged)) == "proof_invalid"
    assert code(chain, register(chain, key, {"v": 1, "type": "anoncreds-admission", "presentation": {}})) == "bad_proof"
    assert code(chain, register(chain, key, {"zkp": "trust me"})) == "bad_proof"
    revealed = copy.deepcopy(proof)
    revealed["presentation"]["requested_proof"]["revealed_attrs"] = {"credential": {"sub_proof_index": 0,
                                                                                   "raw": "1990", "encoded": "1990"}}
    assert code(chain, register(chain, key, revealed)) == "bad_proof"
    unknown = copy.deepcopy(proof)
    unknown["presentation"]["identifiers"][0]["cred_def_id"] = "medwallet:cdef/nobody/x"
    assert code(chain, register(chain, key, unknown)) == "unknown_credential_def"
    chain.accept(key, "register_pseudonym", {"box_key": "cd" * 32, "proof": proof})


def test_unaccepted_issuers_are_refused(issuers):
    accepted, other = issuers
    holder = Holder("patient-2")
    cred, index = other.issue(holder, {"birth_year": "1985", "insured": "1", "patient_of": "Elsewhere"})
    # Empty accepted_issuers: only institutions registered as kind "issuer" are accepted.
    chain = credential_chain(other, kind="clinic")
    key = fresh_key()
    error = chain.refuse(register(chain, key, holder.admission(other, cred, index, chain, key.public)))
    assert error.code == "issuer_not_accepted"
    # An explicit list accepts by credential definition id or by institution key, nothing else.
    chain = credential_chain(other, accepted_issuers=[accepted.cred_def_id])
    proof = holder.admission(other, cred, index, chain, key.public)
    assert code(chain, register(chain, key, proof)) == "issuer_not_accepted"
    # Nor can another institution take an accepted definition's id before its issuer publishes it.
    chain = MemChain(make_test_genesis(require_credential=True, accepted_issuers=[accepted.cred_def_id]),
                     admission=credentials.verify_admission)
    chain.institution("issuer", key=other.key)
    chain.accept(other.key, "publish_credential_def", {**other.payload(), "cred_def_id": accepted.cred_def_id})
    assert _code(lambda: lookup_docs(chain.state, accepted.cred_def_id)) == "bad_credential_def"
    chain = credential_chain(other, accepted_issuers=[accepted.cred_def_id, other.key.public])
    chain.accept(key, "register_pseudonym", {"box_key": "cd" * 32,
                                             "proof": holder.admission(other, cred, index, chain, key.public)})


def test_revocation_status_rules(issuers):
    issuer, other = issuers
    chain = credential_chain(issuer)
    chain.institution("issuer", key=other.key)
    current = copy.deepcopy(issuer.payload()["revocation"]["status_list"])
    update = {"cred_def_id": issuer.cred_def_id, "status_list": current}
    status = update["status_list"]
    chain.time = status["timestamp"] + 100  # the module's issuer may have revoked before
    status["timestamp"] = chain.time
    assert code(chain, chain.tx(other.key, "publish_revocation_status", update)) == "not_issuer"
    assert code(chain, chain.tx(issuer.key, "publish_revocation_status",
                                {**update, "cred_def_id": "medwallet:cdef/x/y"})) == "unknown_credential_def"
    old = {**update, "status_list": {**status, "timestamp": chain.time - 200}}
    assert code(chain, chain.tx(issuer.key, "publish_revocation_status", old)) == "stale_status_list"
    future = {**update, "status_list": {**status, "timestamp": chain.time + 3600}}
    assert code(chain, chain.tx(issuer.key, "publish_revocation_status", future)) == "stale_status_list"
    short = {**update, "status_list": {**status, "revocationList": [0, 1]}}
    assert code(chain, chain.tx(issuer.key, "publish_revocation_status", short)) == "bad_status_list"
    elsewhere = {**update, "status_list": {**status, "revRegDefId": "medwallet:revreg/x/y"}}
    assert code(chain, chain.tx(issuer.key, "publish_revocation_status", elsewhere)) == "wrong_registry"
    chain.accept(issuer.key, "publish_revocation_status", update)
    entry = chain.state.get(f"cdef/{issuer.cred_def_id}")
    assert entry["revocation"]["status_list"]["timestamp"] == chain.time and entry["status_height"] == len(chain.blocks)
    assert code(chain, chain.tx(issuer.key, "publish_revocation_status", update)) == "stale_status_list"


def test_selective_disclosure_and_predicates(issuers, holder_cred):
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    docs = lookup_docs(chain.state, issuer.cred_def_id)
    request = proof_request("study", "1234567890", [issuer.cred_def_id], reveal=["insured"],
                            predicates=[("birth_year", "<", 2008)], not_after=chain.time + 60)
    pres = holder.present(issuer, cred, index, docs, request, reveal=["insured"], predicates=["birth_year_lt_2008"])
    result = verify_presentation(request, pres, {docs.cred_def_id: docs})
    assert result.revealed == {"insured": "1"} and result.predicates == [("birth_year", "<", 2008)]
    assert result.issuers == [issuer.key.public]
    text = json.dumps(pres)
    assert "St. Example" not in text and '"1990"' not in text
    requested = pres["requested_proof"]
    assert set(requested["revealed_attrs"]) == {"insured"} and not requested["unrevealed_attrs"]
    # A revealed raw value that its proof does not encode is refused (AnonCreds checks only the encoding).
    lied = copy.deepcopy(pres)
    lied["requested_proof"]["revealed_attrs"]["insured"]["raw"] = "0"
    assert _code(lambda: verify_presentation(request, lied, {docs.cred_def_id: docs})) == "proof_invalid"
    # The predicate is proven, not claimed: a different bound fails the proof.
    stricter = copy.deepcopy(request)
    stricter["requested_predicates"]["birth_year_lt_2008"]["p_value"] = 1980
    assert _code(lambda: verify_presentation(stricter, pres, {docs.cred_def_id: docs})) == "proof_invalid"
    # A holder born in 2010 cannot make the proof at all.
    young = Holder("young")
    cred2, index2 = issuer.issue(young, {"birth_year": "2010", "insured": "1", "patient_of": "St. Example"})
    with pytest.raises(anoncreds.AnoncredsError):
        young.present(issuer, cred2, index2, docs, request, reveal=["insured"], predicates=["birth_year_lt_2008"])


def _code(fn) -> str:
    with pytest.raises(CredentialRefused) as info:
        fn()
    return info.value.code


def test_no_verifier_means_no_admission(issuers):
    chain = credential_chain(issuers[0])
    chain.admission = None
    proof = {"v": 1, "type": "anoncreds-admission", "presentation": {}}
    assert code(chain, register(chain, fresh_key(), proof)) == "credential_unverifiable"


keys_ = st.sampled_from(["cred_def_id", "schema_id", "rev_reg_id", "timestamp", "revealed_attrs", "proofs",
                         "predicates", "sub_proof_index", "raw", "encoded", "primary_proof", "non_revoc_proof", "x"])
json_values = st.recursive(st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys_, inner, max_size=3),
                           max_leaves=12)
shaped = st.fixed_dictionaries({"identifiers": st.lists(json_values, min_size=1, max_size=2),
                                "requested_proof": json_values, "proof": json_values})


@pytest.fixture(scope="module")
def fuzz_chain(issuers):
    return credential_chain(issuers[0])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_malformed_presentation_is_refused_as_a_ledger_error(fuzz_chain, issuers, data):
    """Whatever a proof holds, the contract refuses it with a ledger error, never a crash."""
    issuer = issuers[0]
    real = {"cred_def_id": issuer.cred_def_id, "schema_id": issuer.schema_id, "rev_reg_id": issuer.rev_id,
            "timestamp": lookup_docs(fuzz_chain.state, issuer.cred_def_id).status_timestamp}
    ident = data.draw(st.one_of(json_values, st.fixed_dictionaries(
        {k: st.one_of(st.just(v), json_values) for k, v in real.items()})))
    presentation = data.draw(st.one_of(st.dictionaries(keys_, json_values, max_size=3), st.fixed_dictionaries(
        {"identifiers": st.lists(st.just(ident), min_size=1, max_size=2), "requested_proof": json_values,
         "proof": st.one_of(json_values, st.fixed_dictionaries({"proofs": st.lists(json_values, max_size=2)}))})))
    proof = {"v": 1, "type": "anoncreds-admission", "presentation": presentation}
    tx = fuzz_chain.tx(fixed_key("fuzz"), "register_pseudonym", {"box_key": "cd" * 32, "proof": proof})
    with pytest.raises(CredentialRefused):
        credentials.verify_admission(fuzz_chain.genesis, fuzz_chain.state, tx)


# --- a proof made for anyone else never admits a pseudonym ---------------------------

ADMISSION_LABELS = {"revealed_attrs": {}, "revealed_attr_groups": {}, "self_attested_attrs": {},
                    "unrevealed_attrs": {"credential": {"sub_proof_index": 0}}, "predicates": {}}


def _study_proof_with_admission_nonce(chain, issuer, holder, cred, index, attacker, *, reveal=(), predicates=(),
                                      hidden=(), extra_attrs=None):
    """What the attack of issue 13 obtains: a study-style request carrying the admission nonce
    of the attacker's key, answered by the patient; its labels are then rewritten as an admission's."""
    docs = lookup_docs(chain.state, issuer.cred_def_id)
    request = proof_request("study", admission_nonce(chain.chain_id, attacker.public), [issuer.cred_def_id],
                            reveal=list(reveal), predicates=list(predicates))
    request["requested_attributes"].update(extra_attrs or {})
    request["non_revoked"] = {"from": docs.status_timestamp, "to": docs.status_timestamp}
    pres = holder.present(issuer, cred, index, docs, request, reveal=list(reveal), hidden=list(hidden),
                          predicates=list(request["requested_predicates"]))
    return pres


@pytest.mark.parametrize("variant", ["predicate", "revealed", "revealed_and_predicate"])
def test_a_study_proof_relabelled_as_an_admission_is_refused(issuers, holder_cred, variant):
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    attacker = fresh_key()  # holds no credential at all
    reveal = ["insured"] if "revealed" in variant else []
    predicates = [("birth_year", "<", 2008)] if "predicate" in variant else []
    pres = _study_proof_with_admission_nonce(chain, issuer, holder, cred, index, attacker, reveal=reveal,
                                             predicates=predicates)
    forged = copy.deepcopy(pres)
    forged["requested_proof"] = copy.deepcopy(ADMISSION_LABELS)
    error = chain.refuse(register(chain, attacker, admission_proof(forged)))
    assert error.code == "proof_invalid"
    assert chain.state.get(f"pseu/{attacker.public}") is None
    # Nothing of the patient's reaches the ledger: the refused transaction is in no block.
    assert all(attacker.public not in json.dumps(tx.body) for _, txs in chain.blocks for tx in txs)


def test_an_admission_proof_with_an_extra_predicate_is_refused(issuers, holder_cred):
    """The labels drop the predicate; the proof still carries it: not an admission proof."""
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    attacker = fresh_key()
    docs = lookup_docs(chain.state, issuer.cred_def_id)
    request = admission_request(chain.chain_id, attacker.public, docs)
    request["requested_predicates"] = {"p": {"name": "birth_year", "p_type": "<", "p_value": 2008,
                                             "restrictions": {"cred_def_id": issuer.cred_def_id}}}
    pres = holder.present(issuer, cred, index, docs, request, hidden=["credential"], predicates=["p"])
    pres["requested_proof"]["predicates"] = {}
    assert code(chain, register(chain, attacker, admission_proof(pres))) == "proof_invalid"


def test_renamed_referents_are_refused(issuers, holder_cred):
    """A revealed attribute renamed to the admission referent, or labels pointing at nothing."""
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    attacker = fresh_key()
    pres = _study_proof_with_admission_nonce(chain, issuer, holder, cred, index, attacker, reveal=["birth_year"])
    renamed = copy.deepcopy(pres)
    renamed["requested_proof"] = copy.deepcopy(ADMISSION_LABELS)  # "birth_year" now called "credential"
    assert code(chain, register(chain, attacker, admission_proof(renamed))) == "proof_invalid"
    dangling = copy.deepcopy(pres)
    dangling["requested_proof"] = {**ADMISSION_LABELS, "unrevealed_attrs": {"credential": {"sub_proof_index": 3}}}
    assert code(chain, register(chain, attacker, admission_proof(dangling))) in ("bad_proof", "proof_invalid")
    doubled = copy.deepcopy(pres)
    doubled["requested_proof"] = {**ADMISSION_LABELS, "revealed_attrs": {"credential": {
        "sub_proof_index": 0, "raw": "1990", "encoded": "1990"}}}
    assert code(chain, register(chain, attacker, admission_proof(doubled))) == "bad_proof"


def test_a_verifier_sees_only_proofs_of_exactly_what_it_asked(issuers, holder_cred):
    """The same rule for studies: a proof of more (or other) than asked is refused."""
    issuer = issuers[0]
    chain = credential_chain(issuer)
    holder, cred, index = holder_cred
    docs = lookup_docs(chain.state, issuer.cred_def_id)
    asked = proof_request("study", "1234567890", [issuer.cred_def_id], predicates=[("birth_year", "<", 2008)],
                          not_after=chain.time + 60)
    wider = proof_request("study", "1234567890", [issuer.cred_def_id], reveal=["insured"],
                          predicates=[("birth_year", "<", 2008)], not_after=chain.time + 60)
    pres = holder.present(issuer, cred, index, docs, wider, reveal=["insured"], predicates=["birth_year_lt_2008"])
    pres["requested_proof"]["revealed_attrs"] = {}
    assert _code(lambda: verify_presentation(asked, pres, {docs.cred_def_id: docs})) == "proof_invalid"
    extra = copy.deepcopy(pres)
    extra["surplus"] = {}
    assert _code(lambda: verify_presentation(wider, extra, {docs.cred_def_id: docs})) == "bad_proof"
