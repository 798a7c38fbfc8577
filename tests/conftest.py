"""Shared fixtures: real ledger nodes on free loopback ports."""

from __future__ import annotations

import os
import tempfile

import pytest

from tests.nodeproc import NodeProcess, free_port, new_network

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The wallet's log file goes to the platform's log folder: never the tester's own (one per run).
# A grant with no pseudonym registered ahead of time waits at most this long (seconds) before
# going on, in every test and every command a test runs (tests/wallet/core/test_pool.py times it).
os.environ["MEDWALLET_GRANT_JITTER"] = "0.05"
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="medwallet-test-state-")


@pytest.fixture(autouse=True)
def _embedded_network_kept_apart(monkeypatch, tmp_path_factory):
    """No test touches the developer's data or port 8765: the embedded network of "this
    computer" lives in a fresh data folder and prefers a free port (MEDWALLET_LOCAL_PORT)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.setenv("MEDWALLET_LOCAL_PORT", str(free_port()))


@pytest.fixture
def node(tmp_path) -> NodeProcess:
    """A fresh single-node network, running, stopped after the test."""
    proc = new_network(tmp_path / "node").start()
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def shared_node(tmp_path_factory) -> NodeProcess:
    """One running network shared by a module's tests (each test uses fresh keys)."""
    proc = new_network(tmp_path_factory.mktemp("shared") / "node").start()
    yield proc
    proc.stop()
