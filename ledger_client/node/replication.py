"""Blob replication between the nodes of a network.

A blob a node receives from a client is pushed at once to its peers (in parallel,
each copy hash-checked by the receiver), so a record stays readable while the node
that took the upload is down. A node asked for a blob it lacks (a peer was down at
upload time, or it joined later) fetches it from a peer before serving, and checks
its hash. Node-to-node requests carry an upload-style authorisation signed by the
sending node's key; only producer or registered node keys are accepted.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import requests

from ..access import make_upload_auth
from ..contract import is_node_key
from ..errors import AccessDenied, SignatureError

if TYPE_CHECKING:
    from .ledger import LedgerNode

log = logging.getLogger(__name__)
CHUNK = 1024 * 1024
HEADER = "X-Medwallet-Node"


class Replicator:
    """Pushes new blobs to the peers and pulls missing ones from them."""

    def __init__(self, node: LedgerNode, peers: list[str], timeout: float = 30.0, ca: str | None = None) -> None:
        self.node = node
        self.peers = [p.rstrip("/") for p in peers]
        self.timeout = timeout
        self.session = requests.Session()
        # https peers are verified against ``ca`` only (the pilot's CA), else the system's CAs;
        # given with each request, since a session-wide setting loses to REQUESTS_CA_BUNDLE.
        self.verify: str | bool = ca or True

    def _auth(self, blob: str, size: int) -> str:
        return make_upload_auth(self.node.key, self.node.chain_id, blob, size, self.node.now())

    def check_peer(self, auth: dict[str, Any], blob: str) -> None:
        """Accept a replication request only from a node of this network."""
        if auth["blob"] != blob:
            raise SignatureError("the node authorisation is for another blob")
        if abs(auth["time"] - self.node.now()) > self.node.genesis.max_skew:
            raise SignatureError("the node authorisation is stale")
        if not is_node_key(self.node.store, self.node.genesis, auth["signer"]):
            raise AccessDenied("only nodes of this network replicate blobs", code="not_a_node")

    async def push(self, blob: str) -> int:
        """Send a stored blob to every peer; returns how many now hold it."""
        if not self.peers:
            return 0
        results = await asyncio.gather(*(asyncio.to_thread(self._push_one, peer, blob) for peer in self.peers))
        return sum(results)

    def _push_one(self, peer: str, blob: str) -> bool:
        path = self.node.blobs.path(blob)
        size = path.stat().st_size

        def body() -> Iterator[bytes]:
            with open(path, "rb") as src:
                while chunk := src.read(CHUNK):
                    yield chunk
        try:
            response = self.session.put(f"{peer}/v1/replicas/{blob}", data=_Sized(body(), size),
                                        headers={HEADER: self._auth(blob, size), "Content-Length": str(size)},
                                        timeout=(3, self.timeout), verify=self.verify)
            return response.status_code in (200, 201)
        except requests.exceptions.SSLError as exc:
            log.warning("replicating to %s refused: its TLS certificate is not trusted (%s)", peer, _short(exc))
            return False
        except requests.RequestException as exc:
            log.info("replicating %s… to %s failed: %s", blob[:12], peer, type(exc).__name__)
            return False

    async def fetch(self, blob: str) -> bool:
        """Get a missing blob from the first peer that has it (hash-checked)."""
        for peer in self.peers:
            if await asyncio.to_thread(self._fetch_one, peer, blob):
                return True
        return False

    def _fetch_one(self, peer: str, blob: str) -> bool:
        try:
            response = self.session.get(f"{peer}/v1/replicas/{blob}", headers={HEADER: self._auth(blob, 0)},
                                        stream=True, timeout=(3, self.timeout), verify=self.verify)
            if response.status_code != 200:
                return False
            size = int(response.headers.get("content-length", "0"))
            return self.node.blobs.store_stream(blob, size, response.iter_content(CHUNK))
        except requests.exceptions.SSLError as exc:
            log.warning("fetching from %s refused: its TLS certificate is not trusted (%s)", peer, _short(exc))
            return False
        except (requests.RequestException, ValueError) as exc:
            log.info("fetching %s… from %s failed: %s", blob[:12], peer, type(exc).__name__)
            return False


def _short(exc: Exception) -> str:
    text = str(exc)
    at = text.find("certificate verify failed")
    return text[at:at + 80] if at >= 0 else type(exc).__name__


class _Sized:
    def __init__(self, chunks: Iterator[bytes], size: int) -> None:
        self.chunks, self.size = chunks, size

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[bytes]:
        return self.chunks
