"""Evidence bundles and their standalone verifier (for a regulator or a court; no node needed).

A bundle (one canonical JSON file) holds a network's genesis, two signed **checkpoints**
(a producer's signature over the RFC 9162 Merkle tree head of the block log: the tree
whose leaves are the block hashes 1..size), the RFC 9162 **consistency proof** between
them, and **proven transactions**: each with its signed block header, its inclusion proof
in that block and the block's inclusion proof in the later checkpoint's tree. The access
events of a subject (a patient's pseudonyms as ``owner``, or an institution as
``requester``) are among them, each beside the transaction that ties it to the subject
(the record's ``anchor_record``, the consent's ``grant_consent``, the link's ``create_link``).

:func:`verify_bundle` checks everything with the bundle alone: the file is canonical JSON
with no unknown field (so no bit of it is unchecked), every signature (transactions,
headers, checkpoints) against the genesis producers, every inclusion proof, the
consistency proof, and that each event belongs to the subject. A flipped bit anywhere
fails one of these. What it cannot show: that the bundle lists *every* event (the index
that found them is a node's); the checkpoints bound the period, the regulator may ask
another node for another bundle. ``python -m ledger_client.evidence FILE`` (or
``medwallet-evidence FILE``) prints the verified events.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import crypto
from .access import parse_access_request
from .block import SIGNED_HEADER, parse_header, verify_signatures
from .encoding import canonical, parse_json
from .errors import LedgerError
from .genesis import Genesis, parse_genesis
from .merkle import verify_consistency, verify_inclusion
from .schema import HASH, KEY, SIG, AnyObject, Enum, Int, ListOf, Obj
from .tx import SignedTx, parse_tx

FORMAT = "medwallet-evidence/1"
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
EVENT_TYPES = ("access_event", "refusal_event", "link_access", "link_attempt")

CHECKPOINT = Obj({"v": Int(1, 1), "chain_id": HASH, "size": Int(1), "root": HASH, "head": HASH})
SIGNED_CHECKPOINT = Obj({"checkpoint": CHECKPOINT, "signature": Obj({"key": KEY, "sig": SIG})})
PROVEN = Obj({"tx": AnyObject(), "block": SIGNED_HEADER, "index": Int(0), "path": ListOf(HASH, 0, 64, unique=False),
              "block_path": ListOf(HASH, 0, 64, unique=False)})
BUNDLE = Obj({
    "format": Enum((FORMAT,)), "genesis": AnyObject(),
    "subject": Obj({"role": Enum(("owner", "requester")), "keys": ListOf(KEY, 1, 10000)}),
    "checkpoints": ListOf(SIGNED_CHECKPOINT, 2, 2, unique=False), "consistency": ListOf(HASH, 0, 64, unique=False),
    "proven": ListOf(PROVEN, 0, 1_000_000, unique=False),
})


class EvidenceError(LedgerError):
    """The evidence bundle does not verify."""

    code = "evidence_invalid"
    http_status = 422


def checkpoint_body(chain_id: str, size: int, root: bytes, head: str) -> dict[str, Any]:
    return {"v": 1, "chain_id": chain_id, "size": size, "root": root.hex(), "head": head}


def sign_checkpoint(body: dict[str, Any], key: crypto.SigningKey) -> dict[str, Any]:
    """A producer's signature over a checkpoint (the tree head of the block log)."""
    sig = key.sign(crypto.DOMAIN_CHECKPOINT, crypto.sha256(canonical(body)))
    return {"checkpoint": body, "signature": {"key": key.public, "sig": sig}}


def verify_checkpoint(doc: dict[str, Any], genesis: Genesis) -> dict[str, Any]:
    SIGNED_CHECKPOINT.check(doc, "checkpoint")
    body, signature = doc["checkpoint"], doc["signature"]
    if body["chain_id"] != genesis.chain_id:
        raise EvidenceError("a checkpoint is of another network")
    if signature["key"] not in genesis.producers:
        raise EvidenceError("a checkpoint is not signed by a producer of this network")
    crypto.verify(signature["key"], crypto.DOMAIN_CHECKPOINT, crypto.sha256(canonical(body)), signature["sig"])
    return body


@dataclass(frozen=True)
class VerifiedEvent:
    tx: str
    type: str
    height: int
    time: int
    node: str
    requester: str | None
    target: str  # the record, or the link
    purpose: str
    reason: str
    owner: str | None


@dataclass(frozen=True)
class Report:
    chain_id: str
    network: str
    role: str
    keys: list[str]
    first: dict[str, Any]
    second: dict[str, Any]
    events: list[VerifiedEvent]


def verify_bundle(data: bytes, expected_chain_id: str | None = None) -> Report:
    """Verify an evidence bundle's bytes; raises :class:`EvidenceError` (or another
    :class:`LedgerError`) at the first thing that does not check out."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise EvidenceError("the bundle is larger than a verifier reads")
    body = data[:-1] if data.endswith(b"\n") else data
    try:
        doc = parse_json(body, max_bytes=MAX_BUNDLE_BYTES)
    except LedgerError as exc:
        raise EvidenceError(f"the bundle is not JSON: {exc.message}") from None
    if canonical(doc) != body:
        raise EvidenceError("the bundle is not in canonical form (it was edited)")
    BUNDLE.check(doc, "bundle")
    genesis = parse_genesis(doc["genesis"])
    if expected_chain_id is not None and genesis.chain_id != expected_chain_id:
        raise EvidenceError(f"the bundle is of network {genesis.chain_id[:16]}…, not the expected one")
    first, second = (verify_checkpoint(cp, genesis) for cp in doc["checkpoints"])
    if first["size"] > second["size"]:
        raise EvidenceError("the checkpoints are out of order")
    verify_consistency(first["size"], second["size"], bytes.fromhex(first["root"]), bytes.fromhex(second["root"]),
                       [bytes.fromhex(h) for h in doc["consistency"]])
    proven: dict[str, tuple[SignedTx, int, int]] = {}
    for n, item in enumerate(doc["proven"]):
        tx, height, when = _verify_proven(item, genesis, second, f"proven[{n}]")
        if tx.id in proven:
            raise EvidenceError(f"proven[{n}]: the same transaction twice")
        proven[tx.id] = (tx, height, when)
    role, keys = doc["subject"]["role"], set(doc["subject"]["keys"])
    events = [_event(tx, height, when, proven, role, keys) for tx, height, when in proven.values()
              if tx.type in EVENT_TYPES]
    if not events:
        raise EvidenceError("the bundle holds no access event")
    unused = keys - {e.owner if role == "owner" else e.requester for e in events}
    if unused:
        raise EvidenceError("a subject key has no event in the bundle")  # every byte of the bundle is checked
    events.sort(key=lambda e: (e.height, e.tx))
    return Report(genesis.chain_id, genesis.network, role, sorted(keys), first, second, events)


def _verify_proven(item: dict[str, Any], genesis: Genesis, second: dict[str, Any], where: str
                   ) -> tuple[SignedTx, int, int]:
    tx = parse_tx(item["tx"], genesis.chain_id)
    header = parse_header(item["block"])
    if any(sig["key"] not in genesis.producers for sig in header.signatures):
        raise EvidenceError(f"{where}: a block signature by a key that is not a producer")  # none left unchecked
    verify_signatures(header, genesis.producers)
    if header.body["chain_id"] != genesis.chain_id:
        raise EvidenceError(f"{where}: a block of another network")
    height, size = header.height, header.body["tx_count"]
    verify_inclusion(tx.leaf, item["index"], size, [bytes.fromhex(h) for h in item["path"]],
                     bytes.fromhex(header.merkle_root))
    if height > second["size"]:
        raise EvidenceError(f"{where}: block {height} is after the later checkpoint")
    verify_inclusion(bytes.fromhex(header.hash), height - 1, second["size"],
                     [bytes.fromhex(h) for h in item["block_path"]], bytes.fromhex(second["root"]))
    return tx, height, header.time


def _event(tx: SignedTx, height: int, when: int, proven: dict[str, tuple[SignedTx, int, int]], role: str,
           keys: set[str]) -> VerifiedEvent:
    p = tx.payload
    if tx.type in ("access_event", "refusal_event"):
        request = parse_access_request(p["request"], tx.body["chain_id"])
        owner = _record_owner(request.record, request.consent, proven)
        event = VerifiedEvent(tx.id, tx.type, height, when, tx.signer, request.requester, request.record,
                              request.purpose, p.get("reason", "consent" if request.consent else "owner"), owner)
    else:
        made = next((t for t, _, _ in proven.values() if t.type == "create_link" and t.payload["link"] == p["link"]),
                    None)
        event = VerifiedEvent(tx.id, tx.type, height, when, tx.signer, None, p["link"], "shlink",
                              "link" if tx.type == "link_access" else "passcode attempt",
                              made.signer if made else None)
    who = event.owner if role == "owner" else event.requester
    if who not in keys:
        raise EvidenceError(f"event {tx.id[:16]}… is not the subject's (its {role} is not among the bundle's keys)")
    return event


def _record_owner(record: str, consent: str | None, proven: dict[str, tuple[SignedTx, int, int]]) -> str | None:
    for tx, _, _ in proven.values():
        if tx.type == "anchor_record" and tx.payload["record"] == record:
            return tx.signer
        if tx.type == "grant_consent" and tx.id == consent and tx.payload.get("envelope") == record:
            return tx.signer
    return None


def report_json(report: Report) -> dict[str, Any]:
    return {"valid": True, "chain_id": report.chain_id, "network": report.network, "role": report.role,
            "keys": report.keys, "first_checkpoint": report.first, "second_checkpoint": report.second,
            "events": [e.__dict__ for e in report.events]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="medwallet-evidence", description="Verify a Medwallet evidence bundle "
                                     "(access events with their proofs) without any node.")
    parser.add_argument("bundle", help="the evidence bundle file")
    parser.add_argument("--chain-id", help="refuse a bundle of any other network (its genesis hash)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    try:
        report = verify_bundle(Path(args.bundle).read_bytes(), args.chain_id)
    except OSError as exc:
        print(f"medwallet-evidence: cannot read {args.bundle}: {exc.strerror}", file=sys.stderr)
        return 2
    except LedgerError as exc:
        print(f"medwallet-evidence: INVALID: {exc.message}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report_json(report), indent=2))
        return 0
    print(f"VALID evidence: network {report.network!r} ({report.chain_id}), {report.role} "
          f"{', '.join(k[:16] + '…' for k in report.keys)}")
    print(f"blocks up to {report.first['size']} and {report.second['size']}: the later log extends the earlier")
    for e in report.events:
        print(f"  block {e.height:>7}  {e.time}  {e.type:14s} {e.reason:18s} target {e.target[:16]}…  "
              f"requester {(e.requester or '-')[:16]}  tx {e.tx[:16]}…")
    print(f"{len(report.events)} event(s), each signed, included in its block and its block in the checkpoint")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
