"""A logging reverse proxy for adversary tests: it forwards every request to a node and
records what an operator in front of (or running) the node sees of it: method, path,
query, client address and port (one connection each), time, and every key the request
carries: the signer of its ``Authorization`` token, of its upload authorisation or access
request, and of any transaction in its body."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import requests

from ledger_client.access import (
    parse_access_header,
    parse_batch_auth,
    parse_request_auth,
    parse_session_auth,
    parse_upload_auth,
)
from ledger_client.errors import LedgerError

HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "te", "trailer", "upgrade"}


def _keys_in(headers: Any, body: bytes, chain_id: str) -> set[str]:
    keys: set[str] = set()
    auth = headers.get("Authorization", "")
    if auth:
        try:
            keys.add(parse_request_auth(auth, chain_id)["signer"])
        except LedgerError:
            pass
    for header, parse in (("X-Medwallet-Upload", parse_upload_auth), ("X-Medwallet-Upload", parse_session_auth),
                          ("X-Medwallet-Upload", parse_batch_auth)):
        if headers.get(header):
            try:
                keys.add(parse(headers[header], chain_id)["signer"])
            except LedgerError:
                pass
    if headers.get("X-Medwallet-Access"):
        try:
            keys.add(parse_access_header(headers["X-Medwallet-Access"], chain_id).requester)
        except LedgerError:
            pass
    if body[:1] == b"{":
        try:
            doc = json.loads(body)
        except ValueError:
            doc = {}
        for tx in doc.get("txs", [doc]) if isinstance(doc, dict) else []:
            if isinstance(tx, dict) and isinstance(tx.get("tx"), dict) and "signer" in tx["tx"]:
                keys.add(tx["tx"]["signer"])
    return keys


def _tx_types(body: bytes) -> list[str]:
    """The types of the transactions a request submits (none for anything else)."""
    if body[:1] != b"{":
        return []
    try:
        doc = json.loads(body)
    except ValueError:
        return []
    txs = doc.get("txs", [doc]) if isinstance(doc, dict) else []
    bodies = [tx["tx"] for tx in txs if isinstance(tx, dict) and isinstance(tx.get("tx"), dict)]
    return sorted({body["type"] for body in bodies if isinstance(body.get("type"), str)})


class LoggingProxy:
    """``LoggingProxy(node_url, chain_id).start()``; ``.url`` to point clients at, ``.log`` to read."""

    def __init__(self, target: str, chain_id: str) -> None:
        self.target, self.chain_id = target.rstrip("/"), chain_id
        self.log: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    data = b""
                    while True:
                        size = int(self.rfile.readline().strip() or b"0", 16)
                        if size == 0:
                            self.rfile.readline()
                            return data
                        data += self.rfile.read(size)
                        self.rfile.readline()
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _forward(self) -> None:
                body = self._body()
                parts = urlsplit(self.path)
                entry = {"method": self.command, "path": parts.path, "query": parts.query,
                         "conn": f"{self.client_address[0]}:{self.client_address[1]}", "time": time.time(),
                         "keys": sorted(_keys_in(self.headers, body, proxy.chain_id)), "tx_types": _tx_types(body)}
                with proxy._lock:
                    proxy.log.append(entry)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP | {"host"}}
                upstream = requests.request(self.command, proxy.target + self.path, data=body or None,
                                            headers=headers, timeout=90)
                self.send_response(upstream.status_code)
                for key, value in upstream.headers.items():
                    if key.lower() not in HOP:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(upstream.content)))
                self.end_headers()
                self.wfile.write(upstream.content)

            do_GET = do_PUT = do_POST = do_DELETE = _forward  # noqa: N815 (http.server names)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> LoggingProxy:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
