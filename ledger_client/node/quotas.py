"""Rate limits per client address and per signing key (the ``limits`` library), and the
per-signer share of the mempool.

Each named limit is one or more windows in the ``limits`` notation (``"1000/second"``,
``"100/second;5000/minute"``), set in ``node.toml``'s ``[limits]`` table or with
``--limit NAME=VALUE``; ``"off"`` disables one. A request over a limit is answered 429
with ``Retry-After`` before the node does any work for it, so nothing is written. The
defaults leave room for every flow of a wallet and a clinic desk (a restore scan, a
desk reading a grant's records, a 5,000-transaction batch) while keeping one address or
one key from taking over the node.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import SlidingWindowCounterRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import MalformedError, RateLimited, TooLarge

# name: (default, what is counted, who it is counted for)
LIMITS = {
    "address": ("1000/second", "requests", "address"),
    "address_tx": ("30000/minute", "transactions", "address"),
    "key_tx": ("10000/minute", "transactions", "key"),
    "key_read": ("30/second;1200/minute", "signed reads", "key"),
    "key_upload": ("60/second;3000/minute", "upload requests", "key"),
}
DEFAULT_MEMPOOL_SHARE = 0.05
# The node's own host (its operators' tools, monitoring, a wallet's embedded local node) is
# trusted by default; behind a reverse proxy on the same host, set limits_exempt = [].
DEFAULT_EXEMPT = ["127.0.0.0/8", "::1/128"]


def parse_limit(name: str, text: str) -> list[RateLimitItem]:
    """The windows of one limit (empty for ``off``); a clear error for bad text."""
    if name not in LIMITS:
        raise MalformedError(f"unknown limit {name!r}; known: {', '.join(LIMITS)}")
    if text.strip().lower() == "off":
        return []
    try:
        return parse_many(text)
    except ValueError:
        raise MalformedError(f"limit {name}: {text!r} is not a rate such as '100/second;5000/minute'") from None


@dataclass
class QuotaConfig:
    """The limits in force (``None``: the default) and the exempt networks."""

    limits: dict[str, str] = field(default_factory=dict)
    exempt: list[str] = field(default_factory=lambda: list(DEFAULT_EXEMPT))
    mempool_share: float = DEFAULT_MEMPOOL_SHARE


class Quotas:
    """Counts what each address and key does and refuses what goes over a limit."""

    def __init__(self, config: QuotaConfig | None = None) -> None:
        config = config or QuotaConfig()
        self.rules = {name: parse_limit(name, config.limits.get(name, default))
                      for name, (default, _, _) in LIMITS.items()}
        try:
            self.exempt = [ipaddress.ip_network(net, strict=False) for net in config.exempt]
        except ValueError as exc:
            raise MalformedError(f"limits exempt: {exc}") from None
        if not 0 < config.mempool_share <= 1:
            raise MalformedError("mempool_share must be more than 0 and at most 1")
        self.mempool_share = config.mempool_share
        self.limiter = SlidingWindowCounterRateLimiter(MemoryStorage())

    def is_exempt(self, address: str | None) -> bool:
        if not address or not self.exempt:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in net for net in self.exempt)

    def charge(self, name: str, who: str, cost: int = 1) -> None:
        """Count ``cost`` against ``who``'s limit ``name``; :class:`RateLimited` if over it."""
        items = self.rules[name]
        if not items or cost <= 0:
            return
        _, what, whose = LIMITS[name]
        for item in items:
            if cost > item.amount:
                raise TooLarge(f"{cost} {what} at once is more than this node accepts from one {whose} "
                               f"({item}); send them in smaller parts")
        for item in items:
            if not self.limiter.test(item, name, who, cost=cost):
                stats = self.limiter.get_window_stats(item, name, who)
                wait = min(max(stats.reset_time - time.time(), 1.0), float(item.get_expiry()))
                raise RateLimited(f"too many {what} from this {whose} (limit {item}); try again in "
                                  f"{math.ceil(wait)} s", retry_after=wait)
        for item in items:
            self.limiter.hit(item, name, who, cost=cost)

    def charge_address(self, name: str, address: str | None, cost: int = 1) -> None:
        if address and not self.is_exempt(address):
            self.charge(name, address, cost)

    def charge_signers(self, signers: Iterable[str], exempt: set[str]) -> None:
        """Count transactions against each signer's key limit (one hit per signer)."""
        for signer, count in Counter(signers).items():
            if signer not in exempt:
                self.charge("key_tx", signer, count)

    def mempool_cap(self, max_pending: int) -> int:
        """How many unconfirmed transactions one signer may hold."""
        return max(1, int(self.mempool_share * max_pending))


class AddressLimit:
    """ASGI middleware: every request counts against its client address, before routing."""

    def __init__(self, app: ASGIApp, quotas: Quotas, reject: Callable[[RateLimited], ASGIApp]) -> None:
        self.app, self.quotas, self.reject = app, quotas, reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            try:
                self.quotas.charge_address("address", client[0] if client else None)
            except RateLimited as exc:
                await self.reject(exc)(scope, receive, send)
                return
        await self.app(scope, receive, send)
