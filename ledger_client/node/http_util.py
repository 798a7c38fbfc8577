"""Small HTTP helpers shared by the node's routes: bounded bodies, parameters, JSON."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from ..encoding import canonical, is_hex, parse_json
from ..errors import MalformedError, TooLarge

MAX_LIST = 1000


def json_response(doc: Any, status: int = 200, headers: dict[str, Any] | None = None) -> JSONResponse:
    """A compact JSON response (canonical bytes, so clients can hash what they get)."""
    return _CanonicalJSON(doc, status_code=status, headers=headers)


class _CanonicalJSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return canonical(content)


async def read_json(request: Request, max_bytes: int) -> Any:
    """Read and parse a JSON body of at most ``max_bytes``, without buffering more."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not (declared.isascii() and declared.isdigit()):
            raise MalformedError("bad Content-Length header")
        if int(declared) > max_bytes:
            raise TooLarge(f"request body larger than {max_bytes} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"request body larger than {max_bytes} bytes")
        chunks.append(chunk)
    if not size:
        raise MalformedError("the request body is empty; send a JSON document")
    return parse_json(b"".join(chunks), integral_numbers=True)


def hex_param(value: str | None, name: str, nbytes: int = 32) -> str:
    """A required lowercase-hex path or query parameter."""
    if value is None or not is_hex(value, nbytes):
        raise MalformedError(f"{name} must be {2 * nbytes} lowercase hex characters")
    return value


def uint_text(raw: str, what: str, low: int, high: int) -> int:
    """A decimal integer from a URL within bounds (ASCII digits only: ``"²".isdigit()`` is true)."""
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 16) or not low <= int(raw) <= high:
        raise MalformedError(f"{what} must be an integer from {low} to {high}")
    return int(raw)


def int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    """An optional integer query parameter within bounds."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    return uint_text(raw, f"query parameter {name}", low, high)


TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")
BOOL_WORDS = TRUE + FALSE  # exactly what the OpenAPI description allows


def bool_param(request: Request, name: str) -> bool:
    raw = request.query_params.get(name, "false")
    if raw not in BOOL_WORDS:
        raise MalformedError(f"query parameter {name} must be true or false")
    return raw in TRUE


def only_params(request: Request, allowed: set[str]) -> None:
    """Refuse unknown query parameters (a typo should not silently widen a query)."""
    unknown = set(request.query_params) - allowed
    if unknown:
        raise MalformedError(f"unknown query parameter(s): {', '.join(sorted(unknown))}")


class _Resource(Route):
    """One path with a handler per method; other methods get 405 with a sorted ``Allow``."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.methods and scope["method"] not in self.methods:
            raise HTTPException(status_code=405, headers={"Allow": ", ".join(sorted(self.methods))})
        await self.app(scope, receive, send)


def resource(path: str, **handlers: Callable[[Request], Awaitable[Response]]) -> Route:
    """A route serving ``path`` with ``handlers`` by method name (``get=..., put=...``)."""
    by_method = {method.upper(): fn for method, fn in handlers.items()}

    async def endpoint(request: Request) -> Response:
        return await by_method["GET" if request.method == "HEAD" else request.method](request)
    endpoint.__name__ = "_".join(fn.__name__ for fn in by_method.values())
    return _Resource(path, endpoint, methods=list(by_method))
