"""Building an evidence bundle (:mod:`.evidence`) from a node, checked before it is written.

The builder trusts the node for nothing: it checks the bundle with the standalone
verifier and, with a :class:`~ledger_client.light.LightClient`, that both checkpoints'
roots are the roots of the header chain it verified itself from genesis.
"""

from __future__ import annotations

from typing import Any

from .client import LedgerClient
from .encoding import canonical
from .errors import IntegrityError, NotFound
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


def _ties(client: LedgerClient, tx: Any) -> list[str]:
    """The transactions that tie an event to its owner (record anchor, consent, link)."""
    p = tx.payload
    if tx.type in ("link_access", "link_attempt"):
        return [client.get_json(f"/v1/links/{p['link']}")["tx"]]
    record = p["request"]["req"]["record"]
    try:
        return [client.record(record)["tx"]]
    except NotFound:  # a consent's key envelope: the grant names it
        consent = p["request"]["req"]["consent"]
        return [consent] if consent else []


def build_bundle(client: LedgerClient, genesis: Genesis, role: str, keys: list[str], *,
                 since: int | None = None, light: LightClient | None = None) -> tuple[bytes, Report]:
    """The bundle of the events of ``keys`` (as ``owner`` or ``requester``), canonical bytes and report.

    ``since``: the earlier checkpoint's size (default: the block of the first event).
    """
    param = {"owner": "owner", "requester": "requester"}[role]
    events: list[str] = []
    used: list[str] = []
    for key in keys:
        found = [e["tx"] for e in client.events(**{param: key})]
        if found:
            used.append(key)
            events.extend(found)
    if not events:
        raise EvidenceError("there is no access event to put in a bundle")
    second = client.get_json("/v1/checkpoint")
    size = second["checkpoint"]["size"]
    proven: dict[str, dict[str, Any]] = {}
    for tx_id in dict.fromkeys(events):
        item = _proven(client, tx_id, size)
        tx = parse_tx(item["tx"], genesis.chain_id)
        if tx.type not in EVENT_TYPES:
            continue
        proven[tx_id] = item
        for tie in _ties(client, tx):
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
