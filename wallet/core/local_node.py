"""The embedded default network: a ledger node started on this machine for a wallet
that has no network configured, and stopped when the wallet exits.

The wallet knows the node only as a program (``medwallet-node init`` makes the network
on first use, ``medwallet-node run`` serves it) and as an HTTP API: it imports nothing of
:mod:`ledger_client.node`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from .errors import LocalNodeFailed
from .paths import local_node_dir

DEFAULT_PORT = 8765
NETWORK_NAME = "medwallet-local"
INIT_TIMEOUT_S = 60
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


def node_command() -> list[str]:
    """How to start ``medwallet-node``: the bundled executable in an installed app,
    the module from a source tree or virtual environment."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).with_name("medwallet-node"))]
    return [sys.executable, "-m", "ledger_client.node.cli"]


def _stop_with_parent() -> None:
    """In the child, before exec: Linux sends it SIGTERM if the wallet dies, however it dies."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


class LocalNode:
    """A ``medwallet-node`` child process over a data folder, on loopback."""

    def __init__(self, data: Path | None = None, port: int = DEFAULT_PORT) -> None:
        self.data = data or local_node_dir()
        self.port = port
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def governance_key_path(self) -> Path:
        return self.data / "governance.key"

    def start(self, timeout: float = 20.0) -> str:
        """Start (making the network on first use); returns the node URL."""
        if not (self.data / "genesis.json").exists():
            self._init()
        if self._answers():
            return self.url  # already running (another window or a previous run)
        if not _port_free(self.port):
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                self.port = sock.getsockname()[1]
        with open(self.data / "node.log", "ab") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [*node_command(), "run", "--data", str(self.data), "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise LocalNodeFailed(detail=f"exit code {self.proc.returncode}; log: {self.data / 'node.log'}")
            if self._answers():
                return self.url
            time.sleep(0.05)
        self.stop()
        raise LocalNodeFailed(detail="timed out")

    def _init(self) -> None:
        """Make the local network (genesis, node and governance keys) in the data folder."""
        self.data.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run([*node_command(), "init", "--data", str(self.data), "--network", NETWORK_NAME],
                                  capture_output=True, text=True, timeout=INIT_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LocalNodeFailed(detail=f"init: {type(exc).__name__}") from None
        if done.returncode != 0:
            raise LocalNodeFailed(detail=f"init exit code {done.returncode}: {done.stderr.strip()[-300:]}")

    def _answers(self) -> bool:
        try:
            return requests.get(self.url + "/v1/status", timeout=0.5).ok
        except requests.RequestException:
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None
