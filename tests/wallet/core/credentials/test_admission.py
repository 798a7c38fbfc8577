"""Credentials in the wallet and pseudonym admission by zero-knowledge proof, against a real
node whose genesis requires a credential: issuance through files, the Credentials view,
unlinkable admissions, replay, revocation, forgery and unaccepted issuers."""

from __future__ import annotations

import copy
import json
import time

import pytest

from ledger_client.errors import ContractError
from ledger_client.node.datadir import load_genesis
from ledger_client.node.verify import verify_datadir
from tests.wallet.credential_net import PATIENT, obtain
from wallet.core import importing, pseudonyms
from wallet.core.consent import grants
from wallet.core.credentials import admission
from wallet.core.credentials import holder as credentials
from wallet.core.credentials.admission import AdmissionRefused
from wallet.core.credentials.holder import CredentialRevoked, NoUsableCredential
from wallet.core.credentials.store import link_secret


def write_fhir(path, name: str = "Jane Q. Example"):
    path.write_text(json.dumps({"resourceType": "Observation", "id": "o1", "status": "final",
                                "code": {"text": "Heart rate"}, "subject": {"display": name},
                                "valueQuantity": {"value": 61, "unit": "/min"}}))
    return path


def register_tx(wallet, index: int) -> dict:
    """The committed register_pseudonym transaction of pseudonym ``index``, from its block."""
    client, key = wallet.network.client, wallet.signing_key(index)
    tx = client.proof(client.my_pseudonym(key)["tx"])["tx"]  # the pseudonym's own view, then its proof
    assert tx["tx"]["type"] == "register_pseudonym" and tx["tx"]["signer"] == key.public
    return tx


def leaves(doc) -> set[str]:
    if isinstance(doc, dict):
        return set().union(set(), *(leaves(v) for v in doc.values()))
    if isinstance(doc, list):
        return set().union(set(), *(leaves(v) for v in doc))
    return {str(doc)} if len(str(doc)) >= 12 else set()


def test_credential_view_and_encrypted_storage(holder, issuer, make_cred_wallet):
    [info] = credentials.list_credentials(holder)
    assert info.issuer == issuer.key.public and info.issuer_name == "Health Insurer"
    assert info.attributes == PATIENT and info.status == "valid" and info.status_label == "Valid"
    assert info.schema_name == "patient" and info.cred_def_id == issuer.cred_def_id()
    # At rest: nothing readable, and the link secret is the seed's (same phrase, same secret).
    for path in (holder.dir / "credentials").glob("*.cred"):
        assert b"St. Example" not in path.read_bytes() and b"1990" not in path.read_bytes()
    twin = make_cred_wallet(phrase=holder.keys.phrase())
    assert link_secret(twin.keys.seed) == link_secret(holder.keys.seed) != link_secret(make_cred_wallet().keys.seed)
    assert credentials.list_credentials(twin) == []  # credentials live in the wallet, not in the phrase
    # An issued credential answers one request only.
    with pytest.raises(credentials.CredentialProblem):
        issued = issuer.issue(credentials.request_credential(holder, issuer.offer()), PATIENT)
        credentials.store_credential(holder, issued | {"offer_nonce": "123"})


def test_two_admissions_are_unlinkable_and_verify(holder, make_cred_institution, tmp_path, cred_node):
    rec = importing.import_file(holder, write_fhir(tmp_path / "obs.json")).record  # admits pseudonym 0
    clinic = make_cred_institution()
    grants.grant(holder, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)  # admits a 2nd one
    indices = [row["idx"] for row in holder.pseudonyms() if row["registered_tx"]]
    assert len(indices) == 2
    txs = [register_tx(holder, i) for i in indices]
    for tx in txs:
        key = next(holder.signing_key(i) for i in indices if holder.signing_key(i).public == tx["tx"]["signer"])
        assert holder.network.client.my_pseudonym(key)["admitted"] is True
        assert tx["tx"]["payload"]["proof"]["type"] == "anoncreds-admission"
    common = leaves(txs[0]["tx"]["payload"]) & leaves(txs[1]["tx"]["payload"])
    cred = credentials.list_credentials(holder)[0]
    public_names = {cred.cred_def_id, cred.cred_def_id.replace("cdef", "revreg"), "anoncreds-admission",
                    f"medwallet:schema/{cred.issuer}/patient/1.0"}
    assert common <= public_names, common - public_names
    # Every node replaying the chain from genesis re-verifies both proofs and agrees.
    report = verify_datadir(load_genesis(cred_node.data), cred_node.data)
    assert report.ok, report.problems


def test_proof_is_bound_to_its_pseudonym(holder):
    payload = admission.admission_payload(holder, 7)
    thief = holder.signing_key(8)
    with pytest.raises(ContractError) as info:
        holder.network.submit(thief, "register_pseudonym", {**payload, "box_key": holder.box_public(8)})
    assert info.value.code == "proof_invalid" and "another pseudonym" in info.value.message
    assert holder.network.submit(holder.signing_key(7), "register_pseudonym", payload)


def test_forged_presentation_is_refused(holder):
    payload = admission.admission_payload(holder, 3)
    forged = copy.deepcopy(payload)
    eq = forged["proof"]["presentation"]["proof"]["proofs"][0]["primary_proof"]["eq_proof"]
    eq["m2"] = str(int(eq["m2"]) + 1)
    with pytest.raises(ContractError) as info:
        holder.network.submit(holder.signing_key(3), "register_pseudonym", forged)
    assert info.value.code == "proof_invalid"
    with pytest.raises(ContractError) as info:
        holder.network.submit(holder.signing_key(3), "register_pseudonym",
                              {"box_key": holder.box_public(3), "proof": {"v": 1, "zkp": "trust me"}})
    assert info.value.code == "bad_proof"


def test_revoked_credential_is_refused(make_cred_wallet, issuer, tmp_path):
    wallet = make_cred_wallet()
    info = obtain(wallet, issuer, label="revoke me")
    number = next(i.index for i in issuer.issued() if i.label == "revoke me")
    stale = admission.admission_payload(wallet, 1)  # made against the list in force now
    issuer.revoke(number)
    assert credentials.list_credentials(wallet)[0].status == "revoked"
    assert next(i for i in issuer.issued() if i.index == number).revoked_at is not None
    # The wallet says so before trying ...
    with pytest.raises(CredentialRevoked):
        importing.import_file(wallet, write_fhir(tmp_path / "o.json"))
    # ... and the ledger refuses it in any case: an old proof names an outdated status list,
    with pytest.raises(ContractError) as old:
        wallet.network.submit(wallet.signing_key(1), "register_pseudonym", stale)
    assert old.value.code == "revocation_list_outdated"
    # and a proof against the current list cannot show the credential unrevoked.
    forced = admission.admission_payload(wallet, 2, credential_id=info.id)
    with pytest.raises(ContractError) as new:
        wallet.network.submit(wallet.signing_key(2), "register_pseudonym", forced)
    assert new.value.code == "proof_invalid" and "revoked" in new.value.message


def test_unaccepted_issuer_and_no_credential(make_cred_wallet, rogue_issuer, tmp_path, make_cred_institution):
    wallet = make_cred_wallet()
    # No credential at all: nothing can be anchored or granted; the ledger agrees.
    with pytest.raises(NoUsableCredential):
        importing.import_file(wallet, write_fhir(tmp_path / "o.json"))
    key = wallet.signing_key(0)
    for tx_type, payload in (("anchor_record", {"record": "ab" * 32, "size": 10, "category": "fhir"}),
                             ("grant_consent", {"grantee": make_cred_institution().key.public, "records": ["ab" * 32],
                                                "purpose": "research", "not_before": int(time.time()),
                                                "expires_at": int(time.time()) + 60})):
        with pytest.raises(ContractError) as info:
            wallet.network.submit(key, tx_type, payload)
        assert info.value.code == "unknown_pseudonym"
    with pytest.raises(ContractError) as info:
        wallet.network.submit(key, "register_pseudonym", {"box_key": wallet.box_public(0)})
    assert info.value.code == "credential_required"
    # A credential from an institution the policy does not accept (registered as a clinic).
    info = obtain(wallet, rogue_issuer)
    assert credentials.list_credentials(wallet)[0].status == "valid"
    with pytest.raises(NoUsableCredential):
        pseudonyms.register(wallet, 0, "vault")
    forced = admission.admission_payload(wallet, 0, credential_id=info.id)
    with pytest.raises(ContractError) as refused:
        wallet.network.submit(key, "register_pseudonym", forced)
    assert refused.value.code == "issuer_not_accepted"


def test_registration_retries_an_outdated_proof_and_reports_refusals(holder, issuer, make_cred_wallet, monkeypatch):
    bystander = make_cred_wallet()
    obtain(bystander, issuer, label="bystander")
    stale = admission.admission_payload(holder, 4)
    issuer.revoke(next(i.index for i in issuer.issued() if i.label == "bystander"))  # a new status list
    made = []
    real = admission.admission_payload

    def payloads(wallet, index, **kwargs):
        made.append(index)
        return stale if len(made) == 1 else real(wallet, index, **kwargs)
    monkeypatch.setattr(admission, "admission_payload", payloads)
    pseudonyms.register(holder, 4, "relationship")  # the first proof is outdated: made again, admitted
    assert made == [4, 4] and holder.network.client.my_pseudonym(holder.signing_key(4))["admitted"]

    def forged(wallet, index, **kwargs):
        payload = real(wallet, index, **kwargs)
        payload["proof"]["presentation"]["identifiers"][0]["timestamp"] += 1
        return payload
    monkeypatch.setattr(admission, "admission_payload", forged)
    with pytest.raises(AdmissionRefused) as info:
        pseudonyms.register(holder, 5, "relationship")
    assert info.value.reason == "revocation_list_outdated" and "refused" in str(info.value)


def test_the_pool_registers_with_an_admission_proof_and_a_grant_uses_it(holder, make_cred_institution, tmp_path):
    """On a network that requires a credential, a pseudonym registered ahead of time carries
    its own admission proof, as any registration does; the grant then registers nothing."""
    from wallet.core import pool

    rec = importing.import_file(holder, write_fhir(tmp_path / "obs.json")).record
    index = pool.register_one(holder)
    tx = register_tx(holder, index)
    assert tx["tx"]["payload"]["proof"]["type"] == "anoncreds-admission"
    assert holder.network.client.my_pseudonym(holder.signing_key(index))["admitted"] is True
    before = {row["idx"]: row["registered_tx"] for row in holder.pseudonyms()}
    result = grants.grant(holder, make_cred_institution().key.public, [rec], "treatment", int(time.time()) + 3600)
    assert holder.db.one("SELECT pseudonym FROM grants WHERE consent=?", (result.consent,))["pseudonym"] == index
    assert {row["idx"]: row["registered_tx"] for row in holder.pseudonyms()} == before
