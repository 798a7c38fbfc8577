"""HTTP routes of SMART Health Links (https://docs.smarthealthit.org/smart-health-links/spec).

* ``POST /shl/{id}``: the manifest request (``recipient``, ``passcode``, ``embeddedLengthMax``);
  401 ``{"remainingAttempts"}`` for a missing or wrong passcode, 404 for a link that is not active;
* ``GET /shl/{id}?recipient=``: a ``U`` link's one file (``application/jose``);
* ``GET /shl/file/{token}``: a file the manifest handed out by ``location`` (once, within a minute);
* ``GET /v1/links/{hash}``: a link's state on the ledger (uses, wrong passcodes, status).

``{id}`` is the link's secret id, 32 random bytes in base64url (43 characters).
"""

from __future__ import annotations

import base64
import binascii
import re

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import shlinks
from .. import state_keys as sk
from ..errors import MalformedError, NotFound
from .http_util import hex_param, json_response, only_params, read_json, resource
from .ledger import LedgerNode
from .problems import problem
from .shl import LinkServer, PasscodeRefused, ServedFile, link_server, recipient_name

_ID = re.compile(r"[A-Za-z0-9_-]{43}")
MAX_MANIFEST_REQUEST = 4096
NO_STORE = {"Cache-Control": "no-store"}


def _server(request: Request) -> LinkServer:
    node: LedgerNode = request.app.state.node
    return link_server(node, request.app.state)


def _link_id(request: Request) -> bytes:
    raw = request.path_params["link"]
    if not _ID.fullmatch(raw):
        raise MalformedError("a link id is 43 base64url characters")
    try:
        return base64.urlsafe_b64decode(raw + "=")
    except binascii.Error:
        raise MalformedError("a link id is 43 base64url characters") from None


def _jwe(served: ServedFile) -> str:
    return served.path.read_text("ascii")


async def manifest(request: Request) -> Response:
    only_params(request, set())
    server = _server(request)
    link_id = _link_id(request)
    body = await read_json(request, MAX_MANIFEST_REQUEST)
    if not isinstance(body, dict):
        raise MalformedError("the manifest request is a JSON object")
    unknown = set(body) - {"recipient", "passcode", "embeddedLengthMax"}
    if unknown:
        raise MalformedError(f"unknown field(s) in the manifest request: {', '.join(sorted(unknown))}")
    limit = body.get("embeddedLengthMax")
    if limit is not None and (type(limit) is not int or limit < 0):
        raise MalformedError("embeddedLengthMax must be a whole number")
    passcode = body.get("passcode")
    if passcode is not None and not isinstance(passcode, str):
        raise MalformedError("passcode must be text")
    try:
        files, event = await server.open(link_id, recipient_name(body.get("recipient")), passcode)
    except PasscodeRefused as exc:  # the SHL spec's answer: 401 with the attempts left
        return problem(401, exc.code, exc.message, NO_STORE, remainingAttempts=exc.remaining)
    listed = []
    for served in files:
        if limit is None or served.size <= limit:
            listed.append({"contentType": served.content_type, "embedded": _jwe(served)})
        else:
            token = server.location(served)
            listed.append({"contentType": served.content_type,
                           "location": str(request.url_for("located_file", token=token))})
    return json_response({"files": listed}, headers={**NO_STORE, "X-Medwallet-Event": event})


async def direct_file(request: Request) -> Response:
    only_params(request, {"recipient"})
    server = _server(request)
    link_id = _link_id(request)
    files, event = await server.open(link_id, recipient_name(request.query_params.get("recipient")), None, flags="U")
    return Response(_jwe(files[0]), media_type="application/jose", headers={**NO_STORE, "X-Medwallet-Event": event})


async def located_file(request: Request) -> Response:
    only_params(request, set())
    served = _server(request).take_location(request.path_params["token"])
    return FileResponse(served.path, media_type="application/jose", headers=NO_STORE)


async def link_state(request: Request) -> Response:
    """A link as the ledger has it, by its ledger name (the hash of its secret id)."""
    only_params(request, set())
    node: LedgerNode = request.app.state.node
    link = hex_param(request.path_params["link"], "link")
    entry = node.store.get(sk.link(link))
    if entry is None:
        raise NotFound("no such link on the ledger")
    decision = shlinks.link_decision(node.store, link, node.now())
    view = {k: entry[k] for k in ("owner", "files", "types", "expires_at", "max_uses", "max_attempts", "flags",
                                  "uses", "failures", "revoked_at", "height", "tx")}
    return json_response({"link": link, **view, "status": decision.reason})


ROUTES = [
    resource("/v1/links/{link}", get=link_state),
    resource("/shl/file/{token}", get=located_file),
    resource("/shl/{link}", post=manifest, get=direct_file),
]
