"""Block headers and the light client's header-chain checks."""

from __future__ import annotations

import copy

import pytest

from ledger_client import crypto
from ledger_client.block import (
    Header,
    check_block_txs,
    check_time_order,
    header_hash,
    make_header,
    parse_header,
    sign_header,
    verify_header_chain,
    verify_signatures,
)
from ledger_client.errors import IntegrityError, MalformedError, SignatureError
from ledger_client.merkle import merkle_root
from ledger_client.tx import make_tx

from .chain import PRODUCER, T0, fixed_key, make_test_genesis

GENESIS = make_test_genesis()
CHAIN = GENESIS.chain_id


def _txs(count: int, start: int = 1):
    key = fixed_key("block-signer")
    return [make_tx(key, CHAIN, "revoke_consent", start + i, T0, {"consent": f"{i:064x}"}) for i in range(count)]


def build_chain(length: int = 5, key: crypto.SigningKey = PRODUCER):
    """``length`` signed headers from genesis, with the transactions of each block."""
    headers, blocks, prev = [], [], CHAIN
    for height in range(1, length + 1):
        txs = _txs(height, start=height * 100)
        body = make_header(CHAIN, height, prev, txs, T0 + height)
        header = Header(body, (sign_header(body, key),))
        headers.append(header)
        blocks.append(txs)
        prev = header.hash
    return headers, blocks


def resign(header: Header, key: crypto.SigningKey = PRODUCER, **changes) -> Header:
    body = {**header.body, **changes}
    return Header(body, (sign_header(body, key),))


def test_valid_chain_verifies():
    headers, blocks = build_chain()
    assert verify_header_chain(headers, CHAIN, GENESIS.producers) == headers[-1].hash
    for header, txs in zip(headers, blocks, strict=True):
        check_block_txs(header.body, txs)
        assert header.merkle_root == merkle_root([tx.leaf for tx in txs]).hex()
    # a run from a trusted middle header
    assert verify_header_chain(headers[2:], CHAIN, GENESIS.producers, headers[1].hash, 3) == headers[-1].hash


def test_header_hash_ignores_who_signed():
    headers, _ = build_chain(1)
    body = headers[0].body
    other = fixed_key("second-producer")
    assert Header(body, (sign_header(body, other),)).hash == headers[0].hash == header_hash(body)


def test_broken_link_is_detected():
    headers, _ = build_chain()
    headers[3] = resign(headers[3], prev="00" * 32)
    with pytest.raises(IntegrityError, match="block 4 does not link to the previous block"):
        verify_header_chain(headers, CHAIN, GENESIS.producers)


def test_first_block_must_link_to_genesis():
    headers, _ = build_chain(2)
    with pytest.raises(IntegrityError, match="block 1 does not link"):
        verify_header_chain(headers, CHAIN, GENESIS.producers, prev_hash="11" * 32)


def test_wrong_producer_is_detected():
    headers, _ = build_chain()
    intruder = fixed_key("intruder")
    headers[2] = resign(headers[2], key=intruder)
    with pytest.raises(SignatureError, match="block 3 is not signed by a producer"):
        verify_header_chain(headers, CHAIN, GENESIS.producers)


def test_bad_signature_is_detected():
    headers, _ = build_chain()
    sig = headers[1].signatures[0]
    bad = {**sig, "sig": ("0" if sig["sig"][0] != "0" else "1") + sig["sig"][1:]}
    headers[1] = Header(headers[1].body, (bad,))
    with pytest.raises(SignatureError, match="signature does not verify"):
        verify_header_chain(headers, CHAIN, GENESIS.producers)


def test_a_signature_for_another_purpose_is_refused():
    headers, _ = build_chain(1)
    digest = bytes.fromhex(headers[0].hash)
    forged = {"key": PRODUCER.public, "sig": PRODUCER.sign(crypto.DOMAIN_TX, digest)}
    with pytest.raises(SignatureError):
        verify_signatures(Header(headers[0].body, (forged,)), GENESIS.producers)


def test_an_extra_unknown_signature_does_not_help_or_hurt():
    headers, _ = build_chain(1)
    stranger = sign_header(headers[0].body, fixed_key("stranger"))
    verify_signatures(Header(headers[0].body, (stranger, *headers[0].signatures)), GENESIS.producers)
    with pytest.raises(SignatureError):
        verify_signatures(Header(headers[0].body, (stranger,)), GENESIS.producers)


@pytest.mark.parametrize("height", [0, 2, 4])
def test_wrong_height_is_detected(height):
    headers, _ = build_chain()
    headers[2] = resign(headers[2], height=height or 1)
    with pytest.raises(IntegrityError, match="expected block 3, got"):
        verify_header_chain(headers, CHAIN, GENESIS.producers)


def test_missing_block_is_detected():
    headers, _ = build_chain()
    with pytest.raises(IntegrityError, match="expected block 3, got 4"):
        verify_header_chain(headers[:2] + headers[3:], CHAIN, GENESIS.producers)


def test_header_of_another_network_is_detected():
    headers, _ = build_chain()
    headers[0] = resign(headers[0], chain_id="ee" * 32)
    with pytest.raises(IntegrityError, match="another network"):
        verify_header_chain(headers, CHAIN, GENESIS.producers)


def test_tampered_merkle_root_is_detected():
    headers, blocks = build_chain()
    # Altered without re-signing: the producer signature no longer covers the header.
    tampered = Header({**headers[2].body, "merkle_root": "00" * 32}, headers[2].signatures)
    with pytest.raises(SignatureError):
        verify_signatures(tampered, GENESIS.producers)
    # Re-signed (a malicious producer): the transactions do not match it.
    with pytest.raises(IntegrityError, match="block 3: Merkle root does not match"):
        check_block_txs(resign(headers[2], merkle_root="00" * 32).body, blocks[2])


def test_block_transactions_must_match_the_header():
    headers, blocks = build_chain()
    txs = blocks[3]
    with pytest.raises(IntegrityError, match="transaction count"):
        check_block_txs(headers[3].body, txs[:-1])
    with pytest.raises(IntegrityError, match="Merkle root"):
        check_block_txs(headers[3].body, [txs[1], txs[0], *txs[2:]])
    with pytest.raises(IntegrityError, match="Merkle root"):
        check_block_txs(headers[3].body, blocks[2] + blocks[0])


def test_time_order():
    check_time_order(T0, {"height": 2, "time": T0})
    with pytest.raises(MalformedError, match="block 2: time goes backwards"):
        check_time_order(T0, {"height": 2, "time": T0 - 1})


def test_parse_header_validates_structure():
    headers, _ = build_chain(1)
    doc = headers[0].to_json()
    assert parse_header(copy.deepcopy(doc)) == headers[0]
    for mutate, message in [
        (lambda d: d["header"].update(extra=1), r"block\.header\.extra: unknown field"),
        (lambda d: d.update(signatures=[]), r"block\.signatures: must hold 1\.\.64"),
        (lambda d: d["header"].update(height="1"), r"block\.header\.height: expected an integer"),
        (lambda d: d["signatures"][0].pop("sig"), r"block\.signatures\[0\]\.sig: missing field"),
    ]:
        bad = copy.deepcopy(doc)
        mutate(bad)
        with pytest.raises(MalformedError, match=message):
            parse_header(bad)
