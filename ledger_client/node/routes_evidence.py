"""HTTP routes for evidence: signed checkpoints of the block log and RFC 9162 proofs over it.

The log's Merkle tree has one leaf per block, the block's hash (``leaf_hash(bytes)``):

* ``GET /v1/checkpoint?size=N`` (default: the current height): this node's signature over
  the tree head of the first N blocks (a producer key: checkable against the genesis);
* ``GET /v1/checkpoint/consistency?first=M&second=N``: the consistency proof between them;
* ``GET /v1/checkpoint/inclusion?height=H&size=N``: block H's inclusion proof in the tree of N.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..errors import MalformedError, NotFound
from ..evidence import checkpoint_body, sign_checkpoint
from ..merkle import consistency_proof, inclusion_proof, leaf_hash, root_from_hashes
from .http_util import int_param, json_response, only_params, resource
from .ledger import LedgerNode


class _LogHashes:
    """The hashed leaves of the block log, kept as blocks are added (headers never change)."""

    def __init__(self) -> None:
        self.leaves: list[bytes] = []
        self.hashes: list[str] = []

    def upto(self, node: LedgerNode, size: int) -> list[bytes]:
        while len(self.leaves) < size:
            batch = node.store.headers(len(self.leaves) + 1, 2000)
            if not batch:
                break
            for header in batch:
                self.hashes.append(header.hash)
                self.leaves.append(leaf_hash(bytes.fromhex(header.hash)))
        if len(self.leaves) < size:
            raise NotFound(f"the ledger has fewer than {size} blocks")
        return self.leaves[:size]


def _state(request: Request) -> tuple[LedgerNode, _LogHashes]:
    node: LedgerNode = request.app.state.node
    log = getattr(request.app.state, "log_hashes", None)
    if log is None:
        log = request.app.state.log_hashes = _LogHashes()
    return node, log


def _size(request: Request, node: LedgerNode, name: str) -> int:
    height = node.store.head()[0]
    if not height:
        raise NotFound("the ledger has no block yet")
    return int_param(request, name, height, 1, height)


async def checkpoint(request: Request) -> Response:
    only_params(request, {"size"})
    node, log = _state(request)
    size = _size(request, node, "size")
    leaves = log.upto(node, size)
    body = checkpoint_body(node.chain_id, size, root_from_hashes(leaves), log.hashes[size - 1])
    return json_response(sign_checkpoint(body, node.key))


async def consistency(request: Request) -> Response:
    only_params(request, {"first", "second"})
    node, log = _state(request)
    second = _size(request, node, "second")
    first = int_param(request, "first", 1, 1, second)
    if "first" not in request.query_params:
        raise MalformedError("give the first tree size")
    return json_response({"first": first, "second": second,
                          "proof": [h.hex() for h in consistency_proof(log.upto(node, second), first)]})


async def inclusion(request: Request) -> Response:
    only_params(request, {"height", "size"})
    node, log = _state(request)
    size = _size(request, node, "size")
    height = int_param(request, "height", 0, 1, size)
    if not height:
        raise MalformedError("give the block height")
    return json_response({"height": height, "size": size,
                          "proof": [h.hex() for h in inclusion_proof(log.upto(node, size), height - 1)]})


ROUTES = [
    resource("/v1/checkpoint", get=checkpoint),
    resource("/v1/checkpoint/consistency", get=consistency),
    resource("/v1/checkpoint/inclusion", get=inclusion),
]
