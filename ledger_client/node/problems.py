"""Error answers as RFC 9457 problem details (``application/problem+json``).

Every error the node sends is ``{"type", "title", "status", "detail"}`` plus the members
clients of the previous release read (``error``: the stable code, ``message``: the same
text as ``detail``) and what the error carries (``event``: the refusal event of a refused
read, ``index``: the failing transaction of a batch, ``retry_after``). A 401 names the
authentication scheme the route expects in ``WWW-Authenticate``; a 405 lists the route's
methods in ``Allow``; a 429 or 503 says in ``Retry-After`` when to come back.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..encoding import canonical
from ..errors import LedgerError

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "/problems/"  # a URI reference, resolved against the node's address

# The scheme each route family authenticates with (RFC 9110 §11.6.1 challenges).
_CHALLENGES: tuple[tuple[str, str, str | None], ...] = (
    ("/v1/replicas/", "Medwallet-Node", "X-Medwallet-Node"),
    ("/v1/uploads/", "Medwallet-Upload", "X-Medwallet-Upload"),
    ("/v1/tx", "Medwallet-Tx", None),
)


def challenge(request: Request) -> str:
    """The ``WWW-Authenticate`` value for a 401 on this request."""
    path = request.url.path
    realm = f'realm="medwallet", chain_id="{request.app.state.node.chain_id}"'
    if path.startswith("/v1/blobs/") and not path.endswith("/upload"):
        kind, named = ("Medwallet-Access", "X-Medwallet-Access") if request.method in ("GET", "HEAD") \
            else ("Medwallet-Upload", "X-Medwallet-Upload")
        return f'{kind} {realm}, header="{named}"'
    for prefix, scheme, header in _CHALLENGES:
        if path.startswith(prefix):
            return f'{scheme} {realm}' + (f', header="{header}"' if header else "")
    return f"Medwallet-Signed {realm}"


def title(code: str) -> str:
    return code.replace("_", " ").capitalize()


def problem(status: int, code: str, detail: str, headers: dict[str, str] | None = None, **extra: Any) -> Response:
    """A problem-details response with the previous release's ``error``/``message`` members."""
    doc = {"type": TYPE_BASE + code, "title": title(code), "status": status, "detail": detail,
           "error": code, "message": detail, **{k: v for k, v in extra.items() if v is not None}}
    return Response(canonical(doc), status_code=status, headers=headers, media_type=MEDIA_TYPE)


def retry_after_seconds(value: float) -> int:
    return max(1, math.ceil(value))


async def ledger_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LedgerError)
    status = exc.http_status
    headers: dict[str, str] = {}
    extra: dict[str, Any] = {"event": getattr(exc, "event_id", None), "index": getattr(exc, "index", None)}
    if status == 401:
        headers["WWW-Authenticate"] = challenge(request)
    retry = getattr(exc, "retry_after", None)
    if retry is not None:
        headers["Retry-After"] = str(retry_after_seconds(retry))
        extra["retry_after"] = retry_after_seconds(retry)
    metrics = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        metrics.refused(exc.code, status)
    return problem(status, exc.code, exc.message, headers, **extra)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    detail = str(exc.detail)
    if exc.status_code == 404:
        detail = f"no such route: {request.url.path[:200]}"
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed here; allowed: {(exc.headers or {}).get('Allow', '')}"
    return problem(exc.status_code, code, detail, dict(exc.headers or {}))


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return problem(500, "internal", "the node failed to handle this request")


def describe(code: str) -> dict[str, Any]:
    """What ``GET /problems/<code>`` answers: the type's title (a person reads ``detail``)."""
    return {"type": TYPE_BASE + code, "title": title(code),
            "description": "A Medwallet node error; the answer's detail member says what happened and what to do."}
