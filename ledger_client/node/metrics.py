"""Prometheus metrics at ``/metrics`` (``prometheus-client``), one registry per node.

    medwallet_committed_transactions_total   counter: rate() of it is committed tx/s
    medwallet_blocks_total                   counter of blocks this node stored
    medwallet_commit_latency_seconds         histogram: admission to commit, per transaction
    medwallet_mempool_transactions           gauge: admitted, not yet committed
    medwallet_chain_height                   gauge
    medwallet_etcd_lag_revisions             gauge: etcd's head revision minus the last applied one
    medwallet_etcd_watching                  gauge: 1 while the etcd watch is open (0: polling)
    medwallet_blob_bytes                     gauge: bytes in the blob store
    medwallet_refusals_total{reason}         counter: every refused request and transaction, by code

Only addresses in ``metrics_allow`` (loopback by default) may read them: the figures
say how busy the node is, which is no business of the public.
"""

from __future__ import annotations

import ipaddress

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response

from ..errors import AccessDenied, MalformedError
from .ledger import LedgerNode, NodeHooks

DEFAULT_ALLOW = ["127.0.0.0/8", "::1/128"]
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)


class NodeMetrics(NodeHooks):
    """The node's metrics; installed as the node's hooks so it reports commits and refusals."""

    def __init__(self, node: LedgerNode, allow: list[str] | None = None) -> None:
        self.registry = registry = CollectorRegistry()
        try:
            self.allow = [ipaddress.ip_network(n, strict=False) for n in (DEFAULT_ALLOW if allow is None else allow)]
        except ValueError as exc:
            raise MalformedError(f"metrics_allow: {exc}") from None
        self.committed_total = Counter("medwallet_committed_transactions", "Transactions committed in blocks",
                                       registry=registry)
        self.blocks_total = Counter("medwallet_blocks", "Blocks stored by this node", registry=registry)
        self.latency = Histogram("medwallet_commit_latency_seconds", "From admission to commit, per transaction",
                                 buckets=LATENCY_BUCKETS, registry=registry)
        self.refusals = Counter("medwallet_refusals", "Refused requests and transactions by reason", ["reason"],
                                registry=registry)
        Gauge("medwallet_mempool_transactions", "Admitted transactions not yet committed",
              registry=registry).set_function(lambda: len(node.pending))
        Gauge("medwallet_chain_height", "Height of the last block", registry=registry).set_function(
            lambda: node.store.head()[0])
        Gauge("medwallet_blob_bytes", "Bytes held in the blob store", registry=registry).set_function(
            lambda: node.blobs.total_bytes)
        ordering = node.ordering
        Gauge("medwallet_etcd_lag_revisions", "etcd head revision minus the last applied log entry",
              registry=registry).set_function(lambda: ordering.lag if ordering else 0)
        Gauge("medwallet_etcd_watching", "1 while the etcd watch is open, 0 while polling",
              registry=registry).set_function(lambda: 1 if ordering and ordering.watching else 0)
        Gauge("medwallet_ordering_waits", "Clients waiting for the ordering service to confirm",
              registry=registry).set_function(lambda: len(ordering._acks) if ordering else 0)
        node.hooks = self

    def committed(self, count: int, latencies: list[float]) -> None:
        self.blocks_total.inc()
        self.committed_total.inc(count)
        for seconds in latencies:
            self.latency.observe(seconds)

    def refused(self, code: str, status: int) -> None:
        self.refusals.labels(reason=code).inc()

    def allowed(self, address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in net for net in self.allow)

    async def endpoint(self, request: Request) -> Response:
        client = request.client.host if request.client else None
        if not self.allowed(client):
            raise AccessDenied("metrics are served only to the addresses in metrics_allow", code="forbidden")
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)
