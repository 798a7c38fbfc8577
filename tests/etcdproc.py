"""Real etcd members on loopback for the multi-node tests: a cluster started from
Debian's ``etcd`` binary with data in a temporary folder, members killed and restarted
on demand."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import requests

from tests.nodeproc import free_port


class EtcdMember:
    """One etcd process of a static cluster (with ``tls``: mutual TLS for clients and peers)."""

    def __init__(self, name: str, data: Path, client_port: int, peer_port: int, cluster: str, tls=None) -> None:
        self.name, self.data = name, data
        self.client_port, self.peer_port, self.cluster = client_port, peer_port, cluster
        self.tls = tls  # (ca file, tests.tlsfiles.Pair)
        self.proc: subprocess.Popen | None = None

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.client_port}"

    def _tls_args(self) -> list[str]:
        if not self.tls:
            return []
        ca, pair = self.tls
        return ["--cert-file", str(pair.cert), "--key-file", str(pair.key), "--client-cert-auth",
                "--trusted-ca-file", str(ca), "--peer-cert-file", str(pair.cert), "--peer-key-file", str(pair.key),
                "--peer-client-cert-auth", "--peer-trusted-ca-file", str(ca)]

    def start(self) -> None:
        self.data.parent.mkdir(parents=True, exist_ok=True)
        with open(self.data.parent / f"{self.name}.log", "ab") as log:  # the child keeps its own copy
            self.proc = subprocess.Popen([
                "etcd", "--name", self.name, "--data-dir", str(self.data),
                "--listen-client-urls", self.url, "--advertise-client-urls", self.url,
                "--listen-peer-urls", f"{self.scheme}://127.0.0.1:{self.peer_port}",
                "--initial-advertise-peer-urls", f"{self.scheme}://127.0.0.1:{self.peer_port}",
                "--initial-cluster", self.cluster, "--initial-cluster-state", "new",
                "--initial-cluster-token", "medwallet-test", "--heartbeat-interval", "50",
                "--election-timeout", "500", "--log-level", "warn", *self._tls_args(),
            ], stdout=log, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        if self.proc:
            self.proc.kill()
            self.proc.wait(5)
        self.proc = None

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None


class EtcdCluster:
    """A static cluster of ``size`` members on free loopback ports."""

    def __init__(self, root: Path, size: int = 3, ca=None) -> None:
        """With ``ca`` (a ``tests.tlsfiles.TestCA``) every member requires client certificates
        signed by it, and peers talk mutual TLS too; :attr:`client` is a certificate for clients."""
        if shutil.which("etcd") is None:
            raise RuntimeError("etcd is not installed (Debian: apt-get install etcd-server)")
        ports = [(free_port(), free_port()) for _ in range(size)]
        scheme = "https" if ca else "http"
        cluster = ",".join(f"m{i}={scheme}://127.0.0.1:{peer}" for i, (_, peer) in enumerate(ports))
        self.ca = ca
        self.client = ca.issue("etcd-client") if ca else None
        self.members = [EtcdMember(f"m{i}", root / f"m{i}", client, peer, cluster,
                                   (ca.ca_file, ca.issue(f"etcd-m{i}")) if ca else None)
                        for i, (client, peer) in enumerate(ports)]

    @property
    def urls(self) -> list[str]:
        return [m.url for m in self.members]

    def start(self, timeout: float = 30.0) -> EtcdCluster:
        for member in self.members:
            member.start()
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                tls = {"verify": str(self.ca.ca_file), "cert": (str(self.client.cert), str(self.client.key))} \
                    if self.ca else {}
                if any(requests.get(m.url + "/health", timeout=1, **tls).json().get("health") == "true"
                       for m in self.members if m.proc):
                    return
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.1)
        raise RuntimeError("etcd cluster did not become healthy")

    def stop(self) -> None:
        for member in self.members:
            member.stop()
