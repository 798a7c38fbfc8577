"""HTTP routes that name no one: a party's own listings, taken from its signed request
(``/v1/my/...``), and the per-block compact filters that let a wallet find its blocks
without telling the node which keys it holds (see :mod:`ledger_client.filters`).

No URL here holds a pseudonym, so an access log or a reverse proxy in front of the node
records none: it sees ``GET /v1/my/events`` and a signed token, whose signer only the
node itself checks and never logs.
"""

from __future__ import annotations

import base64
from collections import OrderedDict
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import state_keys as sk
from ..encoding import parse_json
from ..errors import NotFound
from ..filters import block_keys, build
from .auth import registered_party, require_party
from .http_util import int_param, json_response, only_params, resource
from .ledger import LedgerNode
from .routes_directory import _consent_view, _listing

MAX_FILTERS = 2000
FILTER_CACHE = 200_000  # committed blocks never change: a filter is built once


def _node(request: Request) -> LedgerNode:
    return request.app.state.node


def _me(request: Request) -> str:
    return require_party(request, registered_party(request), "a registered pseudonym, institution or node")


async def my_pseudonym(request: Request) -> Response:
    """The signer's own pseudonym entry (404 while it is not registered)."""
    only_params(request, set())
    me = require_party(request, lambda _: True, "the pseudonym itself")
    entry = _node(request).store.get(sk.pseudonym(me))
    if entry is None:
        raise NotFound("the signing key is not a registered pseudonym")
    return json_response({"key": me, **entry})


async def my_records(request: Request) -> Response:
    """The records the signer anchored (a pseudonym; an institution owns none)."""
    only_params(request, {"after", "limit"})
    node, me = _node(request), _me(request)

    def resolve(record_id: str, _: dict[str, Any]) -> dict[str, Any] | None:
        rec = node.store.get(sk.record(record_id))
        return {"record": record_id, **rec} if rec else None
    return json_response(_listing(node, sk.by_owner(me), request, resolve))


async def my_consents(request: Request) -> Response:
    """The consents the signer gave (a pseudonym) or received (an institution)."""
    only_params(request, {"after", "limit"})
    node, me = _node(request), _me(request)
    prefix = sk.by_grantee(me) if node.store.get(sk.institution(me)) else sk.by_grantor(me)

    def resolve(consent_id: str, _: dict[str, Any]) -> dict[str, Any] | None:
        entry = node.store.get(sk.consent(consent_id))
        return _consent_view(node, consent_id, entry) if entry else None
    return json_response(_listing(node, prefix, request, resolve))


async def my_events(request: Request) -> Response:
    """Reads and refusals of the signer's records (a pseudonym) or by the signer (an institution)."""
    only_params(request, {"after", "limit"})
    node, me = _node(request), _me(request)
    index = "requester" if node.store.get(sk.institution(me)) else "owner"
    return json_response(_listing(node, sk.events(index, me), request))


def _filter(node: LedgerNode, height: int) -> dict[str, Any]:
    cache = node.__dict__.setdefault("_filter_cache", OrderedDict())
    hit = cache.get(height)
    if hit is None:
        header = node.store.header(height)
        assert header is not None
        txs = [parse_json(leaf) for leaf in node.store.block_leaves(height)]

        def owner_of(key: str) -> str | None:
            """The patient a named id belongs to: a record's owner, a key envelope's grantor (the
            binding the contract keeps), a consent's grantor, a SMART Health Link's owner. A
            refusal at a revoked consent's envelope names only the envelope and the consent, and
            must still reach its patient."""
            rec = node.store.get(sk.record(key))
            if rec:
                return str(rec["owner"])
            bound = node.store.get(sk.envelope(key))
            if bound:
                return str(bound["grantor"])
            consent = node.store.get(sk.consent(key))
            if consent:
                return str(consent["grantor"])
            link = node.store.get(sk.link(key))  # a SMART Health Link's opening: its patient
            return str(link["owner"]) if link else None
        count, data = build(block_keys(txs, owner_of), header.hash)
        hit = {"height": height, "block": header.hash, "n": count, "filter": base64.b64encode(data).decode()}
        cache[height] = hit
        if len(cache) > FILTER_CACHE:
            cache.popitem(last=False)
    return hit


async def filters(request: Request) -> Response:
    """Filters of blocks ``from`` .. ``from + count - 1`` (those that exist), and the head height.

    Answered to anyone: a filter names no key, and tests only keys the asker already
    holds (the README's trust model says what that leaks, and to whom)."""
    only_params(request, {"from", "count"})
    node = _node(request)
    start = int_param(request, "from", 1, 1, 2**40)
    count = int_param(request, "count", 500, 1, MAX_FILTERS)
    head = node.store.head()[0]
    items = [_filter(node, h) for h in range(start, min(head, start + count - 1) + 1)]
    return json_response({"filters": items, "height": head})


ROUTES = [
    resource("/v1/my/pseudonym", get=my_pseudonym),
    resource("/v1/my/records", get=my_records),
    resource("/v1/my/consents", get=my_consents),
    resource("/v1/my/events", get=my_events),
    resource("/v1/filters", get=filters),
]
