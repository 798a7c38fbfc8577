"""HTTP routes of delegations (:mod:`ledger_client.delegation`), answered only to their parties.

``/v1/my/delegations`` lists the delegations the signer gave (a delegation pseudonym) or
serves (a delegate key); ``/v1/my/delegations/{delegation}/package`` hands the delegate its
package (the in-scope records' keys, sealed to the delegate's box key by the patient's
wallet), only while the delegation is active. Like ``/v1/my/...``, no URL names a party.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import delegation
from ..errors import AccessDenied, NotFound
from .auth import require_party
from .http_util import hex_param, json_response, only_params, resource
from .ledger import LedgerNode
from .routes_directory import _listing


def _node(request: Request) -> LedgerNode:
    return request.app.state.node


def view(node: LedgerNode, delegation_id: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A delegation as the node answers it: its entry, id and status now."""
    return {"delegation": delegation_id, **entry, "status": delegation.delegation_status(entry, node.now())}


async def my_delegations(request: Request) -> Response:
    """The delegations the signer gave or serves."""
    only_params(request, {"after", "limit"})
    node = _node(request)
    me = require_party(request, lambda _: True, "the delegation's patient pseudonym or its delegate")
    served = node.store.get(delegation.delegate_key(me))
    entry = node.store.get(delegation.delegation_key(served["delegation"])) if served is not None else None
    if served is not None and entry is not None:
        return json_response({"items": [view(node, served["delegation"], entry)], "next": None})

    def resolve(delegation_id: str, _: dict[str, Any]) -> dict[str, Any] | None:
        entry = node.store.get(delegation.delegation_key(delegation_id))
        return view(node, delegation_id, entry) if entry else None
    return json_response(_listing(node, delegation.by_grantor(me), request, resolve))


async def package(request: Request) -> Response:
    """The delegation's sealed package, to its delegate while the delegation is active."""
    only_params(request, set())
    node = _node(request)
    delegation_id = hex_param(request.path_params["delegation"], "delegation id")
    me = require_party(request, lambda _: True, "the delegate")
    decision = delegation.delegation_decision(node.store, delegation_id, me, node.now())
    if decision.reason in ("unknown_delegation", "not_delegate"):
        raise AccessDenied("this package is given only to the delegate of an active delegation", code="forbidden")
    if not decision.active:
        raise AccessDenied(decision.message, code=decision.reason)
    assert decision.delegation is not None
    blob = decision.delegation["package"]
    if not node.blobs.exists(blob):
        raise NotFound("this node does not hold the delegation's package")
    return FileResponse(node.blobs.path(blob), media_type="application/octet-stream",
                        headers={"Cache-Control": "no-store"})


ROUTES = [
    resource("/v1/my/delegations", get=my_delegations),
    resource("/v1/my/delegations/{delegation}/package", get=package),
]
