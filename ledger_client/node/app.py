"""The node's ASGI application: routes, error mapping and life cycle."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import LedgerError
from . import routes_blobs, routes_chain, routes_directory, routes_evidence, routes_shl
from .http_util import json_response, only_params
from .ledger import LedgerNode
from .openapi import build_openapi

log = logging.getLogger(__name__)


async def _ledger_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LedgerError)
    doc = exc.to_json()
    if exc.index is not None:
        doc["index"] = exc.index
    return json_response(doc, exc.http_status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return json_response({"error": code, "message": str(exc.detail)}, exc.status_code)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return json_response({"error": "internal", "message": "the node failed to handle this request"}, 500)


def create_app(node: LedgerNode) -> Starlette:
    """The Starlette app serving ``node``; starts and stops block production with it."""
    spec = build_openapi()

    async def openapi(request: Request) -> Response:
        only_params(request, set())
        return json_response(spec)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await node.start()
        try:
            yield
        finally:
            await node.stop()

    routes = [Route("/openapi.json", openapi, methods=["GET"]),
              *routes_chain.ROUTES, *routes_directory.ROUTES, *routes_blobs.ROUTES,
              *routes_shl.ROUTES, *routes_evidence.ROUTES]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={LedgerError: _ledger_error, HTTPException: _http_error,
                                        Exception: _internal_error})
    app.state.node = node
    return app
