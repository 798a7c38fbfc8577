"""The genesis document: what a network is.

``{v, network, created, governance: {keys, threshold}, producers, policy}``. Its
SHA-256 over canonical bytes is the network's ``chain_id``: every transaction, block,
access request and QR grant names it, and installers pin it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import crypto
from .encoding import canonical, check_domain, parse_json
from .errors import MalformedError, WrongNetwork
from .schema import KEY, TIME, Bool, Enum, Hex, Int, ListOf, Obj, Text

DEFAULT_MAX_BLOB_BYTES = 4 * 1024**3
DEFAULT_MAX_SKEW_S = 300


POLICY = Obj(
    {"require_credential": Bool(), "max_blob_bytes": Int(1, 2**44), "max_clock_skew_s": Int(5, 86400)},
    {"accepted_issuers": ListOf(Text(200), 0, 64), "fhir_release": Enum(("R4", "R4B"))},
)
GENESIS = Obj({
    "v": Int(1, 1), "network": Text(80), "created": TIME,
    "governance": Obj({"keys": ListOf(KEY, 1, 32), "threshold": Int(1, 32)}),
    "producers": ListOf(KEY, 1, 64), "policy": POLICY,
}, {"nonce": Hex(16, "random nonce")})


@dataclass(frozen=True)
class Genesis:
    """A validated genesis document."""

    doc: dict[str, Any]
    hash: str

    @property
    def chain_id(self) -> str:
        return self.hash

    @property
    def network(self) -> str:
        return self.doc["network"]

    @property
    def governance_keys(self) -> frozenset[str]:
        return frozenset(self.doc["governance"]["keys"])

    @property
    def producers(self) -> tuple[str, ...]:
        return tuple(self.doc["producers"])

    @property
    def policy(self) -> dict[str, Any]:
        return self.doc["policy"]

    @property
    def max_skew(self) -> int:
        return self.policy["max_clock_skew_s"]

    @property
    def require_credential(self) -> bool:
        return self.policy["require_credential"]


def make_genesis(network: str, governance: list[str], producers: list[str], created: int,
                 *, require_credential: bool = False, accepted_issuers: list[str] | None = None,
                 max_blob_bytes: int = DEFAULT_MAX_BLOB_BYTES, nonce: str | None = None,
                 fhir_release: str | None = None) -> Genesis:
    """Build a genesis document (``nonce`` keeps two local networks apart; ``fhir_release``
    names the FHIR release the network exchanges, R4 when absent)."""
    policy: dict[str, Any] = {"require_credential": require_credential, "max_blob_bytes": max_blob_bytes,
                    "max_clock_skew_s": DEFAULT_MAX_SKEW_S}
    if accepted_issuers:
        policy["accepted_issuers"] = accepted_issuers
    if fhir_release:
        policy["fhir_release"] = fhir_release
    doc = {"v": 1, "network": network, "created": created,
           "governance": {"keys": governance, "threshold": 1}, "producers": producers, "policy": policy}
    if nonce:
        doc["nonce"] = nonce
    return parse_genesis(doc)


def parse_genesis(doc: Any) -> Genesis:
    """Validate an untrusted genesis document and compute its hash."""
    check_domain(doc)
    GENESIS.check(doc, "genesis")
    if doc["governance"]["threshold"] > len(doc["governance"]["keys"]):
        raise MalformedError("genesis: governance threshold exceeds the number of keys")
    return Genesis(doc, crypto.sha256_hex(canonical(doc)))


def load_genesis_bytes(data: bytes, expected_hash: str | None = None) -> Genesis:
    """Parse genesis JSON; if ``expected_hash`` is given it must match."""
    genesis = parse_genesis(parse_json(data, max_bytes=256 * 1024))
    if expected_hash is not None and genesis.hash != expected_hash:
        raise WrongNetwork(f"genesis hash {genesis.hash[:16]}… is not the expected {expected_hash[:16]}…")
    return genesis


__all__ = ["Genesis", "load_genesis_bytes", "make_genesis", "parse_genesis"]
