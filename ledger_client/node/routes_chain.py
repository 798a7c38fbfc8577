"""HTTP routes for transactions, blocks, headers and inclusion proofs."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..encoding import canonical, parse_json
from ..errors import LedgerError, MalformedError, NotFound
from ..merkle import leaf_hash, path_from_levels, tree_levels
from ..tx import MAX_TX_BYTES, SignedTx, parse_tx
from .auth import registered_institution_or_node, require_party
from .http_util import bool_param, hex_param, int_param, json_response, only_params, read_json, resource, uint_text
from .ledger import LedgerNode

MAX_BATCH = 5000
LEAF_CACHE_BLOCKS = 64
MAX_BATCH_BYTES = 32 * 1024 * 1024


def _node(request: Request) -> LedgerNode:
    return request.app.state.node


def charge(request: Request, txs: list[SignedTx]) -> None:
    """Count new transactions against the sender's address and each signer's key."""
    node = _node(request)
    fresh = [tx for tx in txs if tx.id not in node.pending_ids]
    node.quotas.charge_address("address_tx", request.client.host if request.client else None, len(fresh))
    node.quotas.charge_signers((tx.signer for tx in fresh), {node.key.public})


async def status(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    height, head, head_time = node.store.head()
    return json_response({"chain_id": node.chain_id, "network": node.genesis.network, "height": height,
                          "head": head, "head_time": head_time, "time": node.now(),
                          "node_key": node.key.public, "pending": len(node.pending), "version": 1})


async def genesis(request: Request) -> Response:
    only_params(request, set())
    return json_response(_node(request).genesis.doc)


async def submit_tx(request: Request) -> Response:
    only_params(request, {"wait", "timeout"})
    node = _node(request)
    wait, timeout = bool_param(request, "wait"), int_param(request, "timeout", 10, 1, 60)  # before admitting
    doc = await read_json(request, MAX_TX_BYTES)
    tx = parse_tx(doc, node.chain_id)
    charge(request, [tx])
    result = node.submit(tx)
    await node.wait_acknowledged([tx.id], timeout)
    if wait:
        result = (await node.wait_committed([tx.id], timeout))[0]
    return json_response(result, 200 if result["status"] == "committed" else 202)


async def submit_batch(request: Request) -> Response:
    only_params(request, {"wait", "timeout"})
    node = _node(request)
    wait, timeout = bool_param(request, "wait"), int_param(request, "timeout", 10, 1, 60)  # before admitting
    doc = await read_json(request, MAX_BATCH_BYTES)
    if not isinstance(doc, dict) or set(doc) != {"txs"} or not isinstance(doc["txs"], list):
        raise MalformedError('expected {"txs": [transaction, ...]}')
    if not 1 <= len(doc["txs"]) <= MAX_BATCH:
        raise MalformedError(f"a batch holds 1 to {MAX_BATCH} transactions")
    # Verified beside the event loop (libsodium releases the GIL): blocks keep being cut meanwhile.
    txs = await asyncio.to_thread(_parse_batch, doc["txs"], node.chain_id)
    charge(request, txs)
    results = node.submit_batch(txs)
    await node.wait_acknowledged([tx.id for tx in txs], timeout)
    if wait:
        results = await node.wait_committed([tx.id for tx in txs], timeout)
    committed = all(r["status"] == "committed" for r in results)
    return json_response({"results": results}, 200 if committed else 202)


def _parse_batch(docs: list[Any], chain_id: str) -> list[SignedTx]:
    """Parse and verify every transaction of a batch, naming the first bad one by index."""
    txs = []
    for index, item in enumerate(docs):
        try:
            txs.append(parse_tx(item, chain_id))
        except LedgerError as exc:  # malformed, bad signature or wrong network: name the culprit
            exc.args = (f"transaction {index}: {exc.message}",)
            exc.index = index
            raise
    return txs


async def tx_status(request: Request) -> Response:
    if request.path_params["tx_id"] == "batch":  # the batch route takes POST only
        raise HTTPException(status_code=405, headers={"Allow": "POST"})
    only_params(request, set())
    node = _node(request)
    tx_id = hex_param(request.path_params["tx_id"], "transaction id")
    result = node.status_of(tx_id)
    if result["status"] == "unknown" and node.ordering is not None:
        await node.ordering.sync()  # another node may have ordered it: catch up first (or say we are behind)
        result = node.status_of(tx_id)
    if result["status"] == "committed":
        _, _, leaf = node.require_tx(tx_id)
        result["tx"] = parse_json(leaf)
    elif result["status"] == "unknown":
        raise NotFound("the node knows no transaction with this id")
    return json_response(result)


async def tx_proof(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    tx_id = hex_param(request.path_params["tx_id"], "transaction id")
    if node.ordering is not None and node.store.tx_location(tx_id) is None:
        await node.ordering.sync()
    height, index, leaf = node.require_tx(tx_id)
    levels = _tree_levels(node, height)
    path = path_from_levels(levels, index)
    header = node.store.header(height)
    assert header is not None
    return json_response({"tx": parse_json(leaf), "height": height, "index": index, "tx_count": len(levels[0]) // 32,
                          "path": [p.hex() for p in path], "block": header.to_json()})


def _tree_levels(node: LedgerNode, height: int) -> list[bytes]:
    """A block's Merkle tree, every level (a proof is then read, not hashed); committed
    blocks never change, so the recently asked ones are kept (about 64 bytes a leaf)."""
    cache = node.__dict__.setdefault("_tree_level_cache", OrderedDict())
    levels = cache.get(height)
    if levels is None:
        levels = tree_levels([leaf_hash(item) for item in node.store.block_leaves(height)])
        cache[height] = levels
        if len(cache) > LEAF_CACHE_BLOCKS:
            cache.popitem(last=False)
    else:
        cache.move_to_end(height)
    return levels


async def block(request: Request) -> Response:
    """A whole block: only to registered institutions and nodes (it names every party in it)."""
    only_params(request, set())
    node = _node(request)
    height = uint_text(request.path_params["height"], "block height", 1, 2**40)
    require_party(request, registered_institution_or_node(request), "registered institutions and nodes")
    header = node.store.header(height)
    if header is None:
        raise NotFound(f"no block at height {height}")
    # The stored leaves are canonical JSON already: spliced in as they are (keys in canonical order).
    leaves = node.store.block_leaves(header.height)
    body = (b'{"block":' + canonical(header.to_json()) + b',"hash":' + canonical(header.hash) + b',"txs":['
            + b",".join(leaves) + b"]}")
    return Response(body, media_type="application/json")


async def headers(request: Request) -> Response:
    only_params(request, {"from", "count"})
    node = _node(request)
    start = int_param(request, "from", 1, 1, 2**40)
    count = int_param(request, "count", 500, 1, 2000)
    items = node.store.headers(start, count)
    return json_response({"headers": [h.to_json() for h in items], "height": node.store.head()[0]})


ROUTES = [
    resource("/v1/status", get=status),
    resource("/v1/genesis", get=genesis),
    resource("/v1/tx", post=submit_tx),
    resource("/v1/tx/batch", post=submit_batch),
    resource("/v1/tx/{tx_id}", get=tx_status),
    resource("/v1/tx/{tx_id}/proof", get=tx_proof),
    resource("/v1/blocks/{height}", get=block),
    resource("/v1/headers", get=headers),
]
