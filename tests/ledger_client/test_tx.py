"""Transactions: canonical id, signature, and refusal of every malformed or altered one."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_client import crypto
from ledger_client.encoding import canonical
from ledger_client.errors import LedgerError, MalformedError, SignatureError, WrongNetwork
from ledger_client.tx import MAX_TX_BYTES, PAYLOADS, TX_TYPES, make_tx, parse_tx, parse_tx_bytes, tx_id

from .chain import T0, blob_hash, fixed_key

CHAIN = "c0" * 32
KEY = fixed_key("signer")
REQUEST = {"req": {"v": 1, "chain_id": CHAIN, "requester": KEY.public, "record": blob_hash("r"),
                   "consent": None, "purpose": "treatment", "time": T0, "nonce": "00" * 16},
           "sig": "11" * 64}
SAMPLES = {
    "register_institution": {"name": "St. Elsewhere", "kind": "hospital", "sign_key": KEY.public,
                             "box_key": "22" * 32, "node_key": "33" * 32, "url": "https://node.example"},
    "register_pseudonym": {"box_key": "44" * 32, "proof": {"anything": [1, "two"]}},
    "anchor_record": {"record": blob_hash("a"), "size": 2**40, "category": "fhir"},
    "retire_record": {"record": blob_hash("a")},
    "grant_consent": {"grantee": KEY.public, "records": [blob_hash("a"), blob_hash("b")], "purpose": "research",
                      "not_before": T0, "expires_at": T0 + 60, "envelope": blob_hash("env")},
    "revoke_consent": {"consent": "55" * 32},
    "narrow_consent": {"consent": "55" * 32, "records": [blob_hash("b")], "envelope": blob_hash("env2")},
    "access_event": {"request": REQUEST},
    "refusal_event": {"request": REQUEST, "reason": "consent_expired"},
    "publish_credential_def": {"cred_def_id": "did:example:1/cd", "document": {"x": 1}, "revocation": {}},
    "publish_revocation_status": {"cred_def_id": "did:example:1/cd", "status_list": {"timestamp": T0}},
    "create_link": {"link": "66" * 32, "files": [blob_hash("a"), blob_hash("b")],
                    "types": ["application/fhir+json", "application/fhir+json"], "expires_at": T0 + 60,
                    "max_uses": 3, "max_attempts": 5, "flags": "P", "passcode": "77" * 32},
    "revoke_link": {"link": "66" * 32},
    "link_attempt": {"link": "66" * 32, "recipient": {"commitment": "88" * 32, "sealed": "99" * 256}},
    "link_access": {"link": "66" * 32, "recipient": {"commitment": "88" * 32, "sealed": "99" * 256},
                    "attempt": "aa" * 32},
    "delegate": {"delegate": "bb" * 32, "delegate_box": "cc" * 32, "purposes": ["treatment", "emergency"],
                 "institutions": [KEY.public], "institution_kinds": ["clinic"], "categories": ["lab"],
                 "max_grant_seconds": 86400, "expires_at": T0 + 10 * 86400, "revoke_others": False,
                 "package": blob_hash("pkg")},
    "revoke_delegation": {"delegation": "dd" * 32},
    "delegated_grant": {"delegation": "dd" * 32, "grantee": KEY.public, "records": [blob_hash("a")],
                        "purpose": "treatment", "not_before": T0, "expires_at": T0 + 60, "envelope": blob_hash("e")},
    "delegated_revoke": {"delegation": "dd" * 32, "consent": "55" * 32},
}


def sample(tx_type: str = "grant_consent", seq: int = 7):
    return make_tx(KEY, CHAIN, tx_type, seq, T0, copy.deepcopy(SAMPLES[tx_type]))


def test_every_type_has_a_sample():
    assert set(SAMPLES) == set(TX_TYPES) == set(PAYLOADS)


@pytest.mark.parametrize("tx_type", TX_TYPES)
def test_sign_parse_round_trip(tx_type):
    tx = sample(tx_type)
    assert tx.id == crypto.sha256_hex(canonical(tx.body)) == tx_id(tx.body)
    assert tx.leaf == canonical({"tx": tx.body, "sig": tx.sig})
    parsed = parse_tx(json.loads(tx.leaf), CHAIN)
    assert parsed == tx
    assert parse_tx_bytes(tx.leaf, CHAIN) == tx
    assert (parsed.type, parsed.signer, parsed.seq, parsed.time) == (tx_type, KEY.public, 7, T0)


def test_id_is_over_canonical_bytes_not_the_sent_bytes():
    tx = sample()
    pretty = json.dumps(tx.to_json(), indent=3, sort_keys=False).encode()
    assert parse_tx_bytes(pretty, CHAIN).id == tx.id


def _paths(value, prefix=()):
    """Every path to a scalar or container inside a JSON document."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, prefix + (index,))


def _set(doc, path, value):
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


REPLACEMENTS = st.none() | st.booleans() | st.integers(-5, 2**41) | st.text(max_size=70) | st.sampled_from(
    ["00" * 32, "ff" * 32, CHAIN, KEY.public, "treatment", "research", "anchor_record", blob_hash("x")])


@settings(max_examples=300)
@given(st.sampled_from(TX_TYPES), st.data())
def test_any_mutation_of_the_body_is_refused(tx_type, data):
    tx = sample(tx_type)
    doc = copy.deepcopy(tx.to_json())
    path = data.draw(st.sampled_from([p for p in _paths(doc["tx"]) if p]))
    old = _get(doc["tx"], path)
    value = data.draw(REPLACEMENTS.filter(lambda v: v != old or type(v) is not type(old)))
    _set(doc["tx"], path, value)
    with pytest.raises((MalformedError, SignatureError, WrongNetwork)):
        parse_tx(doc, CHAIN)


def _get(doc, path):
    for part in path:
        doc = doc[part]
    return doc


@settings(max_examples=200)
@given(st.sampled_from(TX_TYPES), st.integers(0, 127), st.sampled_from("0123456789abcdef"))
def test_any_change_of_the_signature_is_refused(tx_type, pos, digit):
    tx = sample(tx_type)
    sig = tx.sig[:pos] + digit + tx.sig[pos + 1:]
    if sig == tx.sig:
        return
    with pytest.raises(SignatureError, match="signature does not verify"):
        parse_tx({"tx": tx.body, "sig": sig}, CHAIN)


def test_signature_by_another_key_or_for_another_purpose_is_refused():
    tx = sample()
    other = fixed_key("other").sign(crypto.DOMAIN_TX, bytes.fromhex(tx.id))
    block_sig = KEY.sign(crypto.DOMAIN_BLOCK, bytes.fromhex(tx.id))
    for sig in (other, block_sig):
        with pytest.raises(SignatureError):
            parse_tx({"tx": tx.body, "sig": sig}, CHAIN)


def test_wrong_chain_id_is_another_network():
    tx = make_tx(KEY, "d0" * 32, "revoke_consent", 1, T0, {"consent": "55" * 32})
    with pytest.raises(WrongNetwork, match="another network") as info:
        parse_tx(tx.to_json(), CHAIN)
    assert info.value.code == "wrong_network"
    assert parse_tx(tx.to_json()) == tx  # without a network to check, the signature still holds


def _doc():
    return copy.deepcopy(sample().to_json())


def _edit(fn):
    doc = _doc()
    fn(doc)
    return doc


def body(**changes):
    return _edit(lambda d: d["tx"].update(changes))


def payload(**changes):
    return _edit(lambda d: d["tx"]["payload"].update(changes))


@pytest.mark.parametrize("doc, error, message", [
    (_edit(lambda d: d.update(extra=1)), MalformedError, r"\$\.extra: unknown field"),
    (body(fee=1), MalformedError, r"tx\.fee: unknown field"),
    (payload(note="x"), MalformedError, r"tx\.payload\.note: unknown field"),
    (_edit(lambda d: d.pop("sig")), SignatureError, r"\$\.sig: missing field"),
    (_edit(lambda d: d["tx"].pop("seq")), MalformedError, r"tx\.seq: missing field"),
    (_edit(lambda d: d["tx"]["payload"].pop("grantee")), MalformedError, r"tx\.payload\.grantee: missing field"),
    (body(seq="7"), MalformedError, r"tx\.seq: expected an integer"),
    (body(seq=True), MalformedError, r"tx\.seq: expected an integer"),
    (body(seq=0), MalformedError, r"tx\.seq: must be between 1 and"),
    (body(time=-1), MalformedError, r"tx\.time: must be between 0 and"),
    (body(v=2), MalformedError, r"tx\.v: must be between 1 and 1"),
    (body(type="mint"), MalformedError, r"tx\.type: must be one of"),
    (body(signer=KEY.public.upper()), MalformedError, r"tx\.signer: expected Ed25519 public key"),
    (body(chain_id="c0"), MalformedError, r"tx\.chain_id: expected SHA-256 hash"),
    (body(payload=[]), MalformedError, r"tx\.payload: expected an object"),
    (payload(records="ab"), MalformedError, r"tx\.payload\.records: expected a list"),
    (payload(records=[]), MalformedError, r"tx\.payload\.records: must hold 1\.\.1000"),
    (_edit(lambda d: d["tx"]["payload"]["records"].append(d["tx"]["payload"]["records"][0])), MalformedError,
     r"tx\.payload\.records: items must not repeat"),
    (_edit(lambda d: d["tx"]["payload"]["records"].append("zz")), MalformedError,
     r"tx\.payload\.records\[2\]: expected"),
    (payload(purpose="marketing"), MalformedError, r"tx\.payload\.purpose: must be one of"),
    (payload(expires_at=None), MalformedError, r"tx\.payload\.expires_at: expected an integer"),
    (_edit(lambda d: d.update(sig="ab")), MalformedError, r"\$\.sig: expected Ed25519 signature"),
    (_edit(lambda d: d.update(tx="body")), MalformedError, r"\$\.tx: expected an object"),
    ([1, 2], MalformedError, r"\$: expected an object"),
    ({"tx": {"v": 1.0}}, MalformedError, "float"),
])
def test_malformed_transactions_name_the_field(doc, error, message):
    with pytest.raises(error, match=message):
        parse_tx(doc, CHAIN)


@pytest.mark.parametrize("name, bad", [("name", ""), ("name", "x" * 121), ("name", "tab\there"), ("kind", "spa")])
def test_institution_text_fields(name, bad):
    doc = sample("register_institution").to_json()
    doc["tx"]["payload"][name] = bad
    with pytest.raises(MalformedError, match=rf"tx\.payload\.{name}: "):
        parse_tx(doc, CHAIN)


def test_size_limit():
    big = make_tx(KEY, CHAIN, "register_pseudonym", 1, T0, {"box_key": "44" * 32, "proof": {"p": "x" * 60_000}})
    assert len(big.leaf) < MAX_TX_BYTES
    with pytest.raises(MalformedError, match="larger than 65536 bytes"):
        make_tx(KEY, CHAIN, "register_pseudonym", 1, T0, {"box_key": "44" * 32, "proof": {"p": "x" * 70_000}})
    with pytest.raises(MalformedError, match="larger than 65536 bytes"):
        parse_tx_bytes(b" " * (MAX_TX_BYTES + 1) + big.leaf)


def test_make_tx_refuses_what_parse_would_refuse():
    with pytest.raises(MalformedError, match=r"tx\.payload\.records: must hold"):
        make_tx(KEY, CHAIN, "grant_consent", 1, T0, {**SAMPLES["grant_consent"], "records": []})
    with pytest.raises(LedgerError):
        make_tx(KEY, CHAIN, "anchor_record", 1, T0, {"record": blob_hash("a"), "size": 1.5, "category": "fhir"})
