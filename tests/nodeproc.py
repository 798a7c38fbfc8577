"""Real ledger node processes for tests and benchmarks: ``medwallet-node`` started on
a free loopback port, waited for, and stopped (or killed) on demand."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from ledger_client.crypto import SigningKey
from ledger_client.keyfile import load_key
from ledger_client.node.datadir import init_datadir


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NodeProcess:
    """One ``medwallet-node run`` subprocess over a data directory."""

    def __init__(self, data: Path, port: int | None = None, block_interval: float = 0.05,
                 extra_args: list[str] | None = None, tls=None, ca: Path | None = None) -> None:
        """``tls``: a certificate and key (``tests.tlsfiles.Pair``) to serve HTTPS with, trusted
        through ``ca`` (the CA file that signed it)."""
        self.data = data
        self.port = port or free_port()
        self.block_interval = block_interval
        self.tls, self.ca = tls, ca
        self.extra_args = extra_args or []
        if tls is not None:
            self.extra_args += ["--tls-cert", str(tls.cert), "--tls-key", str(tls.key)]
        self.proc: subprocess.Popen | None = None
        self.log_path = data / "node.log"

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def governance(self) -> SigningKey:
        return load_key(self.data / "governance.key")

    def start(self, timeout: float = 20.0) -> NodeProcess:
        self.start_unchecked()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"node exited early:\n{self.log_path.read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/v1/status", timeout=1, verify=str(self.ca) if self.ca else True).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("node did not start in time")

    def start_unchecked(self) -> None:
        """Start the process without waiting for it to answer."""
        cmd = [sys.executable, "-m", "ledger_client.node.cli", "run", "--data", str(self.data),
               "--port", str(self.port), "--block-interval", str(self.block_interval), *self.extra_args]
        root = str(Path(__file__).resolve().parents[1])
        pythonpath = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
        with open(self.log_path, "ab") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=root,
                                         env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": pythonpath})

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def kill(self) -> None:
        """kill -9: no chance to flush or clean up."""
        if self.proc:
            self.proc.kill()
            self.proc.wait(5)
        self.proc = None


def new_network(data: Path, **kwargs) -> NodeProcess:
    """Initialise a fresh local network in ``data`` and return its (unstarted) node."""
    init_datadir(data, **{k: v for k, v in kwargs.items() if k in ("network", "require_credential")})
    return NodeProcess(data, **{k: v for k, v in kwargs.items() if k not in ("network", "require_credential")})
