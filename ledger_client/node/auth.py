"""Who sends a request: the signed-request scheme (``Authorization: Medwallet-Signed``).

A route that answers only to a proven party calls :func:`require_party` with a rule
naming who may ask; the node then answers 401 (with a ``WWW-Authenticate`` challenge)
to a request that is not signed, or whose token is stale, replayed, for another query or
another network, and 403 to a signer the rule does not admit. Routes that take no
rule answer everyone, signed or not. The OpenAPI description lists the scheme as
``signedRequest``; a protected route declares ``security: [{"signedRequest": []}]``.

    signer = require_party(request, lambda key: key == owner, "the record's owner")
"""

from __future__ import annotations

import time
from collections.abc import Callable

from starlette.requests import Request

from .. import state_keys as sk
from ..access import parse_request_auth
from ..contract import is_node_key
from ..errors import AccessDenied, SignatureError

MAX_NONCES = 200_000


class NonceCache:
    """Nonces of signed requests seen within the network's clock skew (a replay guard)."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._seen: dict[str, float] = {}

    def first_use(self, nonce: str) -> bool:
        now = time.monotonic()
        if len(self._seen) >= MAX_NONCES:
            self._seen = {n: t for n, t in self._seen.items() if t > now}
        if self._seen.get(nonce, 0) > now:
            return False
        self._seen[nonce] = now + 2 * self.ttl
        return True


def request_target(request: Request) -> str:
    """The path and query exactly as the client sent them (what its token signs)."""
    target = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{target}?{query}" if query else target


def signed_party(request: Request) -> str | None:
    """The verified signer of this request, or None when it carries no ``Authorization``."""
    value = request.headers.get("authorization")
    if not value:
        return None
    node = request.app.state.node
    auth = parse_request_auth(value, node.chain_id)
    if auth["method"] != request.method or auth["target"] != request_target(request):
        raise SignatureError("the Authorization token was signed for another request")
    if abs(auth["time"] - node.now()) > node.genesis.max_skew:
        raise SignatureError("the Authorization token is stale; check the computer's clock")
    if not request.app.state.nonces.first_use(auth["nonce"]):
        raise SignatureError("the Authorization token was already used; sign each request anew")
    return auth["signer"]


def require_party(request: Request, allowed: Callable[[str], bool], who: str) -> str:
    """The signer of this request if ``allowed`` admits it: 401 unsigned, 403 not admitted."""
    signer = signed_party(request)
    if signer is None:
        raise SignatureError(f"this query is answered only to {who}: sign it (Authorization: Medwallet-Signed)")
    if not allowed(signer):
        raise AccessDenied(f"this query is answered only to {who}", code="forbidden")
    return signer


def registered_institution_or_node(request: Request) -> Callable[[str], bool]:
    """A rule admitting registered institutions and the network's nodes."""
    node = request.app.state.node
    return lambda key: node.store.get(sk.institution(key)) is not None or is_node_key(node.store, node.genesis, key)


def is_node(request: Request, key: str) -> bool:
    """True for a producer or a node key registered by governance."""
    node = request.app.state.node
    return is_node_key(node.store, node.genesis, key)


def parties_or_node(request: Request, *parties: str | None) -> Callable[[str], bool]:
    """A rule admitting the named parties (a pseudonym or an institution) and the network's nodes."""
    named = {p for p in parties if p}
    return lambda key: key in named or is_node(request, key)


def registered_party(request: Request) -> Callable[[str], bool]:
    """A rule admitting registered pseudonyms and institutions and the network's nodes."""
    node = request.app.state.node
    store = node.store
    return lambda key: (store.get(sk.pseudonym(key)) is not None or store.get(sk.institution(key)) is not None
                        or is_node_key(store, node.genesis, key))
