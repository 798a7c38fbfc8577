"""Golden vectors of every ledger format (tests/data/ledger_vectors.json).

Canonical bytes, ids, hashes and Ed25519 signatures (deterministic) computed from fixed
keys must never change: they are what every node, wallet and installer agrees on. After a
deliberate format change, regenerate with ``python -m tests.ledger_client.test_vectors``
and say so in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ledger_client import crypto
from ledger_client.access import AccessRequest, make_upload_auth, parse_access_request
from ledger_client.block import header_hash, make_header, sign_header
from ledger_client.encoding import canonical
from ledger_client.genesis import make_genesis
from ledger_client.merkle import inclusion_proof, leaf_hash, merkle_root
from ledger_client.state import state_hash
from ledger_client.tx import make_tx

PATH = Path(__file__).resolve().parents[1] / "data" / "ledger_vectors.json"


def compute() -> dict:
    """Every vector, from fixed seeds and times."""
    gov, producer, patient = (crypto.SigningKey(bytes([n]) * 32) for n in (1, 2, 3))
    genesis = make_genesis("vector-net", [gov.public], [producer.public], 1_700_000_000, nonce="00" * 16)
    chain = genesis.chain_id
    txs = [
        make_tx(patient, chain, "register_pseudonym", 1, 1_700_000_001, {"box_key": "11" * 32}),
        make_tx(patient, chain, "anchor_record", 2, 1_700_000_002,
                {"record": "22" * 32, "size": 4096, "category": "fhir"}),
        make_tx(patient, chain, "grant_consent", 3, 1_700_000_003,
                {"grantee": gov.public, "records": ["22" * 32], "purpose": "treatment",
                 "not_before": 1_700_000_000, "expires_at": 1_800_000_000}),
    ]
    header = make_header(chain, 1, chain, txs, 1_700_000_004)
    req = {"v": 1, "chain_id": chain, "requester": gov.public, "record": "22" * 32, "consent": txs[2].id,
           "purpose": "treatment", "time": 1_700_000_005, "nonce": "33" * 16}
    digest = crypto.sha256(canonical(req))
    request = AccessRequest(req, gov.sign(crypto.DOMAIN_ACCESS, digest), digest.hex())
    leaves = [bytes([n]) * n for n in range(7)]
    return {
        "genesis": {"doc": genesis.doc, "hash": genesis.hash},
        "txs": [{"canonical": tx.leaf.decode(), "id": tx.id, "sig": tx.sig} for tx in txs],
        "block": {"header": header, "hash": header_hash(header), "signature": sign_header(header, producer)},
        "access_request": {"doc": request.to_json(), "hash": request.hash, "header": request.to_header()},
        "upload_auth": make_upload_auth(patient, chain, "22" * 32, 4096, 1_700_000_006),
        "merkle": {"leaves_hex": [leaf.hex() for leaf in leaves], "root": merkle_root(leaves).hex(),
                   "proof_of_5": [p.hex() for p in inclusion_proof([leaf_hash(leaf) for leaf in leaves], 5)]},
        "state_hash": state_hash([("acct/" + patient.public, {"seq": 3}), ("rec/" + "22" * 32, {"owner": "x"})]),
    }


def test_vectors_are_unchanged():
    stored = json.loads(PATH.read_text())
    current = compute()
    for name in stored:
        assert current[name] == stored[name], f"the {name} format changed"
    assert set(current) == set(stored)


def test_access_request_vector_verifies():
    stored = json.loads(PATH.read_text())
    parsed = parse_access_request(stored["access_request"]["doc"], stored["genesis"]["hash"])
    assert parsed.hash == stored["access_request"]["hash"]


if __name__ == "__main__":
    PATH.write_text(json.dumps(compute(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {PATH}", file=sys.stderr)
