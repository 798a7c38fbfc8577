"""The genesis document: its hash names the network."""

from __future__ import annotations

import copy
import json

import pytest

from ledger_client import crypto
from ledger_client.encoding import canonical
from ledger_client.errors import MalformedError, WrongNetwork
from ledger_client.genesis import load_genesis_bytes, make_genesis, parse_genesis

from .chain import GOV, PRODUCER, T0, make_test_genesis


def test_hash_is_over_canonical_bytes():
    genesis = make_test_genesis()
    assert genesis.hash == genesis.chain_id == crypto.sha256_hex(canonical(genesis.doc))
    pretty = json.dumps(genesis.doc, indent=2).encode()
    assert load_genesis_bytes(pretty).hash == genesis.hash
    assert load_genesis_bytes(pretty, genesis.hash) == genesis


def test_properties():
    genesis = make_test_genesis(require_credential=True, accepted_issuers=["did:example:issuer"])
    assert genesis.governance_keys == {GOV.public}
    assert genesis.producers == (PRODUCER.public,)
    assert genesis.require_credential and genesis.policy["accepted_issuers"] == ["did:example:issuer"]
    assert genesis.max_skew == 300 and genesis.network == "test-net"


def test_every_parameter_changes_the_network():
    base = make_test_genesis()
    variants = [
        make_genesis("test-net", [GOV.public], [PRODUCER.public], T0, nonce="01" * 16),
        make_genesis("test-net", [GOV.public], [PRODUCER.public], T0 + 1, nonce="00" * 16),
        make_genesis("other", [GOV.public], [PRODUCER.public], T0, nonce="00" * 16),
        make_genesis("test-net", [PRODUCER.public], [PRODUCER.public], T0, nonce="00" * 16),
        make_test_genesis(require_credential=True),
        make_test_genesis(max_blob_bytes=1024),
    ]
    assert len({base.hash, *(v.hash for v in variants)}) == len(variants) + 1


def test_pinned_hash_mismatch_is_another_network():
    data = canonical(make_test_genesis().doc)
    with pytest.raises(WrongNetwork, match="is not the expected"):
        load_genesis_bytes(data, "00" * 32)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(extra=1), r"genesis\.extra: unknown field"),
    (lambda d: d["governance"].update(threshold=2), "threshold exceeds the number of keys"),
    (lambda d: d["governance"].update(keys=[]), r"genesis\.governance\.keys: must hold 1\.\.32"),
    (lambda d: d.update(producers=["xy"]), r"genesis\.producers\[0\]: expected Ed25519 public key"),
    (lambda d: d["policy"].update(max_clock_skew_s=1), r"genesis\.policy\.max_clock_skew_s: must be between"),
    (lambda d: d["policy"].pop("require_credential"), r"genesis\.policy\.require_credential: missing field"),
    (lambda d: d.update(v=2), r"genesis\.v: must be between 1 and 1"),
])
def test_malformed_genesis(mutate, message):
    doc = copy.deepcopy(make_test_genesis().doc)
    mutate(doc)
    with pytest.raises(MalformedError, match=message):
        parse_genesis(doc)


def test_oversized_or_invalid_json():
    with pytest.raises(MalformedError, match="larger than"):
        load_genesis_bytes(b" " * (256 * 1024 + 1))
    with pytest.raises(MalformedError, match="duplicate key"):
        load_genesis_bytes(b'{"v":1,"v":1}')
