"""The node's ASGI application: routes, error answers (RFC 9457), limits, metrics and
life cycle."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import LedgerError, MalformedError, RateLimited
from . import (
    problems,
    routes_blobs,
    routes_chain,
    routes_delegation,
    routes_directory,
    routes_evidence,
    routes_mine,
    routes_shl,
)
from .auth import NonceCache
from .http_util import json_response, only_params, resource
from .ledger import LedgerNode
from .metrics import NodeMetrics
from .openapi import build_openapi
from .quotas import AddressLimit


def create_app(node: LedgerNode, metrics_allow: list[str] | None = None) -> Starlette:
    """The Starlette app serving ``node``; starts and stops block production with it."""
    spec = build_openapi(node.chain_id)
    metrics = NodeMetrics(node, metrics_allow)

    async def openapi(request: Request) -> Response:
        only_params(request, set())
        return json_response(spec)

    async def problem_type(request: Request) -> Response:
        only_params(request, set())
        code = request.path_params["code"]
        if not re.fullmatch(r"[A-Za-z0-9_]{1,64}", code):
            raise MalformedError("a problem type is a short code such as rate_limited")
        return JSONResponse(problems.describe(code))

    async def metrics_endpoint(request: Request) -> Response:
        only_params(request, set())
        return await metrics.endpoint(request)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await node.start()
        try:
            yield
        finally:
            await node.stop()

    routes = [resource("/openapi.json", get=openapi), resource("/metrics", get=metrics_endpoint),
              resource("/problems/{code}", get=problem_type),
              *routes_chain.ROUTES, *routes_directory.ROUTES, *routes_mine.ROUTES, *routes_blobs.ROUTES,
              *routes_shl.ROUTES, *routes_evidence.ROUTES, *routes_delegation.ROUTES]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={LedgerError: problems.ledger_error, HTTPException: problems.http_error,
                                        Exception: problems.internal_error})
    app.state.node = node
    app.state.metrics = metrics
    app.state.nonces = NonceCache(node.genesis.max_skew)

    def rejected(exc: RateLimited) -> Response:
        metrics.refused(exc.code, 429)
        return problems.problem(429, exc.code, exc.message, {"Retry-After": str(problems.retry_after_seconds(
            exc.retry_after))}, retry_after=problems.retry_after_seconds(exc.retry_after))
    app.add_middleware(AddressLimit, quotas=node.quotas, reject=rejected)
    return app
