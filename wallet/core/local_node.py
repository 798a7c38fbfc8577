"""The embedded default network: a ledger node on this computer, for a wallet (or desk)
whose settings name the embedded network instead of a care network's nodes.

It is a real network: made once (``medwallet-node init`` on first use), its genesis hash
pinned by every wallet and desk that joins it, its port chosen once and kept in the node's
data folder so that every later start, by the window or the command line, serves it at the
same address. The port is 8765 when free (``MEDWALLET_LOCAL_PORT`` chooses another, as the
tests do), else any free one; when a later start finds the kept port taken by another
program, a new one is chosen and kept. Wallets and desks record the current address at
each connection, and a desk finds the network by its genesis hash, so nothing that knew the
old address is lost (a grant code's URLs are hints).

The wallet knows the node only as a program (``medwallet-node init``, ``run``) and as an
HTTP API: it imports nothing of :mod:`ledger_client.node`.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import requests

from ledger_client.genesis import load_genesis_bytes

from .atomic_file import atomic_write
from .errors import LocalNodeFailed
from .paths import local_node_dir

DEFAULT_PORT = 8765
ENV_PORT = "MEDWALLET_LOCAL_PORT"  # the port a new embedded network prefers (tests: a free one)
PORT_FILE = "local-port.json"
NETWORK_NAME = "medwallet-local"
INIT_TIMEOUT_S = 60
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


def node_command() -> list[str]:
    """How to start ``medwallet-node``: the bundled executable in an installed app,
    the module from a source tree or virtual environment."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).with_name("medwallet-node"))]
    return [sys.executable, "-m", "ledger_client.node.cli"]


def preferred_port() -> int:
    """8765, or the port ``MEDWALLET_LOCAL_PORT`` names."""
    value = os.environ.get(ENV_PORT, "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 65536 else DEFAULT_PORT


def _stop_with_parent() -> None:
    """In the child, before exec: Linux sends it SIGTERM if the wallet dies, however it dies."""
    import ctypes
    import signal

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _any_free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalNode:
    """The embedded network's node over its data folder, on loopback.

    :meth:`start` serves it (reusing a node that already serves it, started by another
    window or command); :meth:`stop` stops only a node this object started.
    """

    def __init__(self, data: Path | None = None, port: int | None = None) -> None:
        self.data = data or local_node_dir()
        self.port = port or self.saved_port() or preferred_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def governance_key_path(self) -> Path:
        return self.data / "governance.key"

    def exists(self) -> bool:
        """Whether the embedded network was made on this computer already."""
        return (self.data / "genesis.json").exists()

    def genesis_hash(self) -> str:
        """The embedded network's fingerprint (its chain id)."""
        try:
            return load_genesis_bytes((self.data / "genesis.json").read_bytes()).hash
        except OSError as exc:
            raise LocalNodeFailed(detail=f"genesis: {exc.strerror}") from None

    def saved_port(self) -> int | None:
        try:
            port = json.loads((self.data / PORT_FILE).read_text("utf-8"))["port"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return port if isinstance(port, int) and 0 < port < 65536 else None

    def _save_port(self) -> None:
        if self.saved_port() != self.port:
            atomic_write(self.data / PORT_FILE, (json.dumps({"port": self.port}) + "\n").encode())

    def start(self, timeout: float = 90.0) -> str:
        """Serve the embedded network (making it on first use); returns the node's URL."""
        self.data.mkdir(parents=True, exist_ok=True)
        with self._starting():
            if not self.exists():
                self._init()
            chain = self.genesis_hash()
            if self.proc is not None and self.proc.poll() is None:
                return self.url
            self.port = self.saved_port() or self.port
            if self._serves(chain):
                return self.url  # already running (another window, a command, a previous run)
            if not port_free(self.port):  # another program took it: choose again, keep the choice
                wanted = preferred_port()
                self.port = wanted if port_free(wanted) else _any_free_port()
            self._spawn(chain, timeout)
            self._save_port()
            return self.url

    @contextlib.contextmanager
    def _starting(self) -> Iterator[None]:
        """One start at a time on this data folder (two windows, a window and a command)."""
        with open(self.data / ".start.lock", "a+b") as handle:
            if sys.platform != "win32":
                import fcntl

                fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def _spawn(self, chain: str, timeout: float) -> None:
        with open(self.data / "node.log", "ab") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [*node_command(), "run", "--data", str(self.data), "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise LocalNodeFailed(detail=f"exit code {self.proc.returncode}; log: {self.data / 'node.log'}")
            if self._serves(chain):
                return
            time.sleep(0.05)
        self.stop()
        raise LocalNodeFailed(detail="timed out")

    def _init(self) -> None:
        """Make the local network (genesis, node and governance keys) in the data folder."""
        try:
            done = subprocess.run([*node_command(), "init", "--data", str(self.data), "--network", NETWORK_NAME],
                                  capture_output=True, text=True, timeout=INIT_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LocalNodeFailed(detail=f"init: {type(exc).__name__}") from None
        if done.returncode != 0:
            raise LocalNodeFailed(detail=f"init exit code {done.returncode}: {done.stderr.strip()[-300:]}")

    def _serves(self, chain: str) -> bool:
        """Whether the node at :attr:`url` answers for this network (not another program, not another network)."""
        try:
            answer = requests.get(self.url + "/v1/status", timeout=0.5)
            return answer.ok and answer.json().get("chain_id") == chain
        except (requests.RequestException, ValueError, AttributeError):
            return False

    def running(self) -> bool:
        """Whether the embedded network is being served at its kept address now."""
        return self.exists() and self._serves(self.genesis_hash())

    def stop(self) -> None:
        """Stop the node if this object started it (a node started by another stays up)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None


class NodeHost:
    """Serves the embedded network for one wallet or desk: through ``start_local`` when
    its opener runs the node (a window), else through a :class:`LocalNode` it owns and
    stops at :meth:`close` (a command)."""

    def __init__(self, start_local: Callable[[], str] | None) -> None:
        self._start_local = start_local
        self._own: LocalNode | None = None

    def start(self) -> str:
        if self._start_local is not None:
            return self._start_local()
        if self._own is None:
            self._own = LocalNode()
        return self._own.start()

    def close(self) -> None:
        if self._own is not None:
            self._own.stop()
            self._own = None
