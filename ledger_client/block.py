"""Blocks and light-client checks of a header chain.

A header is ``{v, chain_id, height, prev, merkle_root, tx_count, time}``. Its hash is
``SHA-256(canonical(header))``. Producer signatures are over ``DOMAIN_BLOCK || hash``
and travel *beside* the header, not inside it: every node that applies the same
ordered transactions computes the same block hash, whoever signed it (the multi-node
ledger relies on this). Block 1's ``prev`` is the genesis hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import crypto
from .encoding import canonical, check_domain
from .errors import IntegrityError, MalformedError, SignatureError
from .merkle import leaf_hash, root_from_hashes
from .schema import HASH, KEY, SIG, TIME, Int, ListOf, Obj
from .tx import SignedTx

BLOCK_VERSION = 1

HEADER = Obj({"v": Int(1, 1), "chain_id": HASH, "height": Int(1), "prev": HASH,
              "merkle_root": HASH, "tx_count": Int(0, 1_000_000), "time": TIME})
SIGNATURE = Obj({"key": KEY, "sig": SIG})
SIGNED_HEADER = Obj({"header": HEADER, "signatures": ListOf(SIGNATURE, 1, 64)})


@dataclass(frozen=True, slots=True)
class Header:
    """A block header with its producer signatures."""

    body: dict[str, Any]
    signatures: tuple[dict[str, Any], ...] = field(default=())

    @property
    def hash(self) -> str:
        return header_hash(self.body)

    @property
    def height(self) -> int:
        return self.body["height"]

    @property
    def prev(self) -> str:
        return self.body["prev"]

    @property
    def merkle_root(self) -> str:
        return self.body["merkle_root"]

    @property
    def time(self) -> int:
        return self.body["time"]

    def to_json(self) -> dict[str, Any]:
        return {"header": self.body, "signatures": list(self.signatures)}


def header_hash(body: dict[str, Any]) -> str:
    """The block hash: SHA-256 of the header's canonical bytes, hex."""
    return crypto.sha256_hex(canonical(body))


def make_header(chain_id: str, height: int, prev: str, txs: list[SignedTx], time: int) -> dict[str, Any]:
    """The header of a block holding ``txs`` in order."""
    root = root_from_hashes([leaf_hash(tx.leaf) for tx in txs])
    return {"v": BLOCK_VERSION, "chain_id": chain_id, "height": height, "prev": prev,
            "merkle_root": root.hex(), "tx_count": len(txs), "time": time}


def sign_header(body: dict[str, Any], key: crypto.SigningKey) -> dict[str, Any]:
    """A producer signature over the header."""
    return {"key": key.public, "sig": key.sign(crypto.DOMAIN_BLOCK, bytes.fromhex(header_hash(body)))}


def parse_header(doc: Any) -> Header:
    """Validate the structure of an untrusted signed header (signatures unchecked)."""
    check_domain(doc)
    SIGNED_HEADER.check(doc, "block")
    return Header(doc["header"], tuple(doc["signatures"]))


def verify_signatures(header: Header, producers: Iterable[str]) -> None:
    """Check that at least one signature is by a known producer and all verify."""
    allowed = set(producers)
    digest = bytes.fromhex(header.hash)
    if not any(sig["key"] in allowed for sig in header.signatures):
        raise SignatureError(f"block {header.height} is not signed by a producer of this network")
    for sig in header.signatures:
        if sig["key"] in allowed:
            crypto.verify(sig["key"], crypto.DOMAIN_BLOCK, digest, sig["sig"])


def verify_header_chain(headers: list[Header], chain_id: str, producers: Iterable[str],
                        prev_hash: str | None = None, start_height: int = 1) -> str:
    """Verify a contiguous run of headers; returns the hash of the last one.

    ``prev_hash`` is the hash the first header must link to: the genesis hash for
    height 1, or a header the caller already trusts.
    """
    producers = tuple(producers)
    expected_prev = prev_hash if prev_hash is not None else chain_id
    height = start_height
    for header in headers:
        body = header.body
        if body["chain_id"] != chain_id:
            raise IntegrityError(f"block {body['height']} belongs to another network")
        if body["height"] != height:
            raise IntegrityError(f"expected block {height}, got {body['height']}")
        if body["prev"] != expected_prev:
            raise IntegrityError(f"block {height} does not link to the previous block")
        verify_signatures(header, producers)
        expected_prev = header.hash
        height += 1
    return expected_prev


def check_block_txs(body: dict[str, Any], txs: list[SignedTx]) -> None:
    """Check that ``txs`` are exactly the transactions the header commits to."""
    if body["tx_count"] != len(txs):
        raise IntegrityError(f"block {body['height']}: transaction count does not match its header")
    root = root_from_hashes([leaf_hash(tx.leaf) for tx in txs]).hex()
    if root != body["merkle_root"]:
        raise IntegrityError(f"block {body['height']}: Merkle root does not match its transactions")


def check_time_order(prev_time: int, body: dict[str, Any]) -> None:
    """Block times never go backwards (replay relies on it for expiry checks)."""
    if body["time"] < prev_time:
        raise MalformedError(f"block {body['height']}: time goes backwards")
