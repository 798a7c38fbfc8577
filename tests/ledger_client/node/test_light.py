"""The light client trusts no node: forged proofs and headers are refused."""

from __future__ import annotations

import copy

import pytest

from ledger_client.block import sign_header
from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import IntegrityError, LedgerError, SignatureError
from ledger_client.genesis import make_genesis
from ledger_client.light import LightClient


class LyingClient(LedgerClient):
    """A client whose node alters proofs and headers on the way."""

    def __init__(self, url: str, proof_edit=None, headers_edit=None) -> None:
        super().__init__([url], retries=1)
        self.proof_edit, self.headers_edit = proof_edit, headers_edit

    def proof(self, tx_id):
        doc = super().proof(tx_id)
        if self.proof_edit:
            self.proof_edit(doc)
        return doc

    def headers(self, start, count=1000):
        docs = super().headers(start, count)
        if self.headers_edit:
            self.headers_edit(docs)
        return docs


@pytest.fixture(scope="module")
def proven(net):
    """Committed transactions in one block of several (so proofs have a path), after a few blocks."""
    for _ in range(3):
        net.commit(SigningKey.generate(), "register_pseudonym", {"box_key": "ab" * 32})
    txs = [net.sign(SigningKey.generate(), "register_pseudonym", {"box_key": "ab" * 32}) for _ in range(7)]
    results = net.client.submit_batch(txs, wait=True)
    assert {r["height"] for r in results} == {results[0]["height"]}
    return [tx.id for tx in txs]


def _flip_hex(text: str) -> str:
    return ("1" if text[0] == "0" else "0") + text[1:]


def test_honest_node(net, proven):
    light = LightClient(LyingClient(net.url), net.genesis)
    for tx_id in proven:
        assert light.prove(tx_id).tx.id == tx_id


@pytest.mark.parametrize("edit, error", [
    (lambda d: d["path"].__setitem__(0, _flip_hex(d["path"][0])), IntegrityError),
    (lambda d: d["path"].pop(), IntegrityError),
    (lambda d: d["path"].append("00" * 32), IntegrityError),
    (lambda d: d.update(index=d["index"] ^ 1), IntegrityError),
    (lambda d: d.update(tx_count=d["tx_count"] + 1), IntegrityError),
    (lambda d: d.update(height=d["height"] - 1), IntegrityError),
    (lambda d: d["block"]["header"].update(merkle_root="00" * 32), IntegrityError),
    (lambda d: d["tx"]["tx"]["payload"].update(box_key="cd" * 32), (IntegrityError, SignatureError)),
    (lambda d: d.update(path="nope"), IntegrityError),
    (lambda d: d.pop("index"), IntegrityError),
])
def test_forged_proofs_are_refused(net, proven, edit, error):
    light = LightClient(LyingClient(net.url, proof_edit=edit), net.genesis)
    with pytest.raises(error):
        light.prove(proven[3])


def test_a_proof_for_another_transaction_is_refused(net, proven):
    other = net.client.proof(proven[0])
    light = LightClient(LyingClient(net.url, proof_edit=lambda d: d.update(copy.deepcopy(other))), net.genesis)
    with pytest.raises(IntegrityError, match="another transaction"):
        light.prove(proven[1])


def test_forged_headers_are_refused(net, proven):
    intruder = SigningKey.generate()

    def resign(docs):
        docs[-1]["signatures"] = [sign_header(docs[-1]["header"], intruder)]

    def drop(docs):
        del docs[1]

    def relink(docs):
        docs[-1]["header"]["prev"] = "00" * 32
    for edit, error in [(resign, SignatureError), (drop, IntegrityError), (relink, (IntegrityError, SignatureError))]:
        light = LightClient(LyingClient(net.url, headers_edit=edit), net.genesis)
        with pytest.raises(error):
            light.sync()
        assert light.height == 0


def test_headers_of_another_network_are_refused(net, proven):
    other = make_genesis("elsewhere", [SigningKey.generate().public], list(net.genesis.producers), 1)
    with pytest.raises(IntegrityError, match="another network"):
        LightClient(net.client, other).sync()


def test_node_that_withholds_headers(net, proven):
    light = LightClient(LyingClient(net.url, headers_edit=lambda docs: docs.clear()), net.genesis)
    with pytest.raises(LedgerError, match="did not provide verifiable headers"):
        light.prove(proven[0])
