"""HTTP routes of break-glass emergency access (see :mod:`ledger_client.emergency`).

* ``GET /v1/emergency/policy``: the network's emergency-access policy, with each share
  holder's X25519 box key (derived from its node key), so a wallet seals to nodes only;
* ``GET /v1/emergency/sets/{pseudonym}``: an emergency set as the ledger has it (what a
  requester holding the patient's emergency card asks); signed, by the set's pseudonym or a
  registered institution or node, so a stranger cannot learn which pseudonyms have a set;
* ``GET /v1/my/emergency``: the signer's own set (the wallet asks so, no URL naming its pseudonym);
* ``GET /v1/emergency/requests/{request}``: an emergency request and its status now; signed,
  by its requester, its set's pseudonym, a node, or a guardian of the set (the delegate of an
  active delegation the set's pseudonym signed with the emergency right: it decides the
  request, so it must see it); who asked, why, and for whom is theirs alone;
* ``POST /v1/emergency/release``: one node's key share, for a release request the
  requester signed for this node. The order of :meth:`LedgerNode.authorize_read`: the
  contract must say the request is open, an ``emergency_release`` event is committed, and
  only then is the share (opened with the node key, sealed to the requester's registered
  box key) returned.
"""

from __future__ import annotations

from typing import Any

from nacl.exceptions import CryptoError
from starlette.requests import Request
from starlette.responses import Response

from .. import delegation, emergency
from .. import state_keys as sk
from ..emergency_shares import reseal_for
from ..errors import AccessDenied, ContractError, LedgerError, NotFound
from .auth import parties_or_node, registered_institution_or_node, require_party
from .http_util import hex_param, json_response, only_params, read_json, resource
from .ledger import LedgerNode

MAX_RELEASE_REQUEST = 2048
NO_STORE = {"Cache-Control": "no-store"}
# Refusals of a release that name the contract's reason for it (403, as a refused read).
_DENIED = ("emergency_not_open", "emergency_wrong_requester", "wrong_node", "no_share")


def _node(request: Request) -> LedgerNode:
    return request.app.state.node


async def get_policy(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    rules = emergency.policy(node.store)
    if rules is None:
        raise NotFound("this network has no emergency-access policy")
    holders = [{"node": key, "box_key": emergency.node_box_key(key)} for key in rules["nodes"]]
    return json_response({**rules, "holders": holders})


async def get_set(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    key = hex_param(request.path_params["pseudonym"], "pseudonym")
    institutions = registered_institution_or_node(request)  # a hospital holding the patient's card
    require_party(request, lambda signer: signer == key or institutions(signer),
                  "the set's pseudonym, registered institutions and nodes")
    entry = node.store.get(sk.emergency_set(key))
    if entry is None:
        raise NotFound("no emergency set of this pseudonym on the ledger")
    return json_response({"set": key, **entry})


async def my_set(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    me = require_party(request, lambda _: True, "the set's pseudonym itself")
    entry = node.store.get(sk.emergency_set(me))
    if entry is None:
        raise NotFound("the signer has no emergency set on the ledger")
    return json_response({"set": me, **entry})


async def get_request(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    request_id = hex_param(request.path_params["request"], "request")
    signer = require_party(request, lambda _: True, "the request's requester, its set's pseudonym and nodes")
    entry = node.store.get(sk.emergency_request(request_id))
    if entry is None:
        raise NotFound("no such emergency request on the ledger")
    if not (parties_or_node(request, entry["requester"], entry["set"])(signer)  # who asked, and for whom
            or _guardian_of(node, signer, entry["set"])):
        raise AccessDenied("only the request's requester, its set's pseudonym, its guardians and nodes may read it")
    status = emergency.request_status(node.store, entry, node.now())
    return json_response({"request": request_id, **entry, "status": status,
                          "status_text": emergency.STATUS_TEXT[status]})


def _guardian_of(node: LedgerNode, signer: str, set_key: str) -> bool:
    """``signer`` is a guardian of ``set_key`` now: the delegate of an active emergency delegation
    the set's pseudonym signed (a delegate key serves one delegation, so its ``dkey`` entry names it)."""
    served = node.store.get(delegation.delegate_key(signer))
    return served is not None and delegation.emergency_guardian(
        node.store, served["delegation"], signer, set_key, node.now()).active


def _checked(node: LedgerNode, release: emergency.ReleaseRequest) -> dict[str, Any]:
    try:
        return emergency.check_release(node.overlay, node.genesis, release, node.key.public, node._context().time)
    except ContractError as exc:
        if exc.code in _DENIED:
            raise AccessDenied(exc.message, code=exc.code) from None
        if exc.code == "unknown_emergency_request":
            raise NotFound(exc.message) from None
        raise


async def release(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    doc = await read_json(request, MAX_RELEASE_REQUEST)
    signed = emergency.parse_release_request(doc, node.chain_id)
    share = _checked(node, signed)
    entry = node.overlay.get(sk.emergency_request(signed.request))
    assert entry is not None
    inst = node.overlay.get(sk.institution(signed.requester))
    if inst is None:  # the contract admitted the request, so the requester was registered then
        raise AccessDenied("the requester is not a registered institution", code="emergency_wrong_requester")
    try:  # opened before the event, handed out only after it is committed
        sealed = reseal_for(node.key, share["sealed"], entry["set"], inst["box_key"])
    except (LedgerError, CryptoError, ValueError) as exc:
        raise ContractError(f"this node cannot open its share of the set (sealed to another key?): {exc}",
                            code="bad_emergency_share") from None
    tx = node.node_tx("emergency_release", {"set": entry["set"], "request": signed.request,
                                            "release": signed.to_json()})
    try:
        node._admit(tx)
    except ContractError:  # changed since the check (vetoed, replaced): refuse with today's reason
        _checked(node, signed)
        raise
    status = (await node.wait_committed([tx.id], 10.0))[0]
    if status["status"] != "committed":
        _checked(node, signed)
        raise AccessDenied(status.get("message") or "the release was not recorded", code="emergency_not_open")
    return json_response({"node": node.key.public, "request": signed.request, "sealed": sealed, "event": tx.id},
                         headers={**NO_STORE, "X-Medwallet-Event": tx.id})


ROUTES = [
    resource("/v1/emergency/policy", get=get_policy),
    resource("/v1/emergency/sets/{pseudonym}", get=get_set),
    resource("/v1/emergency/requests/{request}", get=get_request),
    resource("/v1/my/emergency", get=my_set),
    resource("/v1/emergency/release", post=release),
]
