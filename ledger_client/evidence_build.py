"""Building an evidence bundle (:mod:`.evidence`) from a node, checked before it is written.

The builder trusts the node for nothing: it checks the bundle with the standalone
verifier and, with a :class:`~ledger_client.light.LightClient`, that both checkpoints'
roots are the roots of the header chain it verified itself from genesis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .client import LedgerClient
from .crypto import SigningKey
from .encoding import canonical
from .errors import AccessDenied, IntegrityError, NotFound
from .evidence import EVENT_TYPES, FORMAT, EvidenceError, Report, verify_bundle
from .genesis import Genesis
from .light import LightClient
from .merkle import leaf_hash, root_from_hashes
from .tx import parse_tx


def _proven(client: LedgerClient, tx_id: str, size: int) -> dict[str, Any]:
    doc = client.proof(tx_id)
    block_path = client.get_json("/v1/checkpoint/inclusion", height=doc["height"], size=size)["proof"]
    return {"tx": doc["tx"], "block": doc["block"], "index": doc["index"], "path": doc["path"],
            "block_path": block_path}


def _ties(via: Callable[[SigningKey], LedgerClient], tx: Any, key: SigningKey, keys: list[SigningKey],
          role: str) -> list[str]:
    """The transactions that tie an event to its owner (record anchor, consent, link).

    Record entries are answered to their owner only: a patient's bundle asks for the
    record's anchor as the pseudonym that owns it (the one whose events named it, else
    another of the bundle's keys: a copy is anchored by the pseudonym of its institution),
    an institution's ties a read to the consent it was made under."""
    p = tx.payload
    if tx.type in ("link_access", "link_attempt"):
        return [via(key).get_json(f"/v1/links/{p['link']}")["tx"]]
    record, consent = p["request"]["req"]["record"], p["request"]["req"]["consent"]
    if role == "owner":
        for owner in [key, *(k for k in keys if k.public != key.public)]:
            try:
                return [via(owner).record(record, signed_by=owner)["tx"]]
            except NotFound:  # a consent's key envelope: the grant names it
                break
            except AccessDenied:  # another of the patient's pseudonyms owns it
                continue
    return [consent] if consent else []


def build_bundle(client: LedgerClient, genesis: Genesis, role: str, keys: list[SigningKey], *,
                 since: int | None = None, light: LightClient | None = None,
                 client_for: Callable[[SigningKey], LedgerClient] | None = None) -> tuple[bytes, Report]:
    """The bundle of the events of ``keys`` (as ``owner`` or ``requester``), canonical bytes and report.

    Each key asks for its own events, signed by itself, on the connection ``client_for``
    gives it (a patient's pseudonyms each on their own, so that building the bundle does
    not tell the node which pseudonyms are one patient's). ``since``: the earlier
    checkpoint's size (default: the block of the first event).
    """
    if role not in ("owner", "requester"):
        raise ValueError(f"unknown role {role!r}")
    via = client_for or (lambda _key: client)
    events: dict[str, SigningKey] = {}
    used: list[str] = []
    for key in keys:
        found = [e["tx"] for e in via(key).my_events(key)]
        if found:
            used.append(key.public)
            events.update({tx_id: key for tx_id in found if tx_id not in events})
    if not events:
        raise EvidenceError("there is no access event to put in a bundle")
    second = client.get_json("/v1/checkpoint")
    size = second["checkpoint"]["size"]
    proven: dict[str, dict[str, Any]] = {}
    for tx_id, key in events.items():
        item = _proven(client, tx_id, size)
        tx = parse_tx(item["tx"], genesis.chain_id)
        if tx.type not in EVENT_TYPES:
            continue
        proven[tx_id] = item
        for tie in _ties(via, tx, key, keys, role):
            if tie not in proven:
                proven[tie] = _proven(client, tie, size)
    first_size = since or min(item["block"]["header"]["height"] for item in proven.values())
    first = client.get_json("/v1/checkpoint", size=first_size)
    consistency = client.get_json("/v1/checkpoint/consistency", first=first_size, second=size)["proof"]
    doc = {"format": FORMAT, "genesis": genesis.doc, "subject": {"role": role, "keys": sorted(used)},
           "checkpoints": [first, second], "consistency": consistency, "proven": list(proven.values())}
    data = canonical(doc)
    report = verify_bundle(data, genesis.chain_id)
    if light is not None:
        light.sync(size)
        for cp in (first, second):
            n = cp["checkpoint"]["size"]
            mine = root_from_hashes([leaf_hash(bytes.fromhex(h)) for h in light.hashes[:n]]).hex()
            if mine != cp["checkpoint"]["root"]:
                raise IntegrityError(f"the node's checkpoint at {n} blocks differs from the verified header chain")
    return data, report
