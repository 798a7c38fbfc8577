"""A TLS cluster for the multi-node tests: three nodes (a fourth in genesis joins later)
ordered by a three-member etcd cluster with mutual TLS, and clients that trust its CA."""

from __future__ import annotations

import shutil
import time

import pytest

from ledger_client.client import LedgerClient
from ledger_client.node.datadir import init_cluster
from tests.etcdproc import EtcdCluster
from tests.nodeproc import NodeProcess, free_port
from tests.tlsfiles import TestCA

CA: dict[str, str] = {}  # the cluster's CA file, for every client of these tests


def connect(urls, **kwargs) -> LedgerClient:
    """A client that trusts the cluster's CA only."""
    return LedgerClient(urls, ca=CA["file"], **kwargs)


def node_args(ca: TestCA, etcd: EtcdCluster, peers: list[str]) -> list[str]:
    args = ["--etcd", ",".join(etcd.urls), "--etcd-ca", str(ca.ca_file), "--etcd-cert", str(etcd.client.cert),
            "--etcd-key", str(etcd.client.key), "--peer-ca", str(ca.ca_file)]
    return args + (["--peer", ",".join(peers)] if peers else [])


def start_cluster(root):
    """Start etcd and three nodes under ``root``; returns the cluster's parts."""
    if shutil.which("etcd") is None:
        pytest.skip("etcd is not installed (Debian: apt-get install etcd-server; make test installs it)")
    ca = TestCA(root / "tls")
    CA["file"] = str(ca.ca_file)
    etcd = EtcdCluster(root / "etcd", ca=ca).start()
    init_cluster(root / "nodes", 4)  # node3 is in genesis but joins later, from nothing
    ports = [free_port() for _ in range(3)]
    urls = [f"https://127.0.0.1:{p}" for p in ports]
    nodes = []
    for i in range(3):
        peers = [u for j, u in enumerate(urls) if j != i]
        nodes.append(NodeProcess(root / "nodes" / f"node{i}", port=ports[i], tls=ca.issue(f"node{i}"),
                                 ca=ca.ca_file, extra_args=node_args(ca, etcd, peers)).start())
    return {"etcd": etcd, "nodes": nodes, "urls": urls, "root": root, "ca": ca}


def stop_cluster(cluster) -> None:
    for node in cluster["nodes"]:
        node.stop()
    cluster["etcd"].stop()


def heads(urls):
    return [connect([u], retries=1).status() for u in urls]


def wait_agree(urls, timeout=20.0):
    """Poll until every node is at the same height with the same head hash."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = heads(urls)
        if len({(s["height"], s["head"]) for s in states}) == 1:
            return states[0]
        time.sleep(0.1)
    raise AssertionError(f"nodes disagree: {[(s['height'], s['head']) for s in heads(urls)]}")
