"""Multi-node ledger on etcd: committed tx/s and p99 time to commit for a 3-node
cluster beside a single node, and how long a restarted node takes to catch up on
10,000 blocks' worth of transactions. Real processes on loopback.

    python tests/benchmarks/bench_cluster.py [--txs 3000] [--blocks 10000]

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.encoding import canonical
from ledger_client.node.datadir import init_cluster
from ledger_client.node.etcd_ordering import EtcdLog
from ledger_client.tx import make_tx
from tests.etcdproc import EtcdCluster
from tests.nodeproc import NodeProcess, free_port, new_network

THREADS = 16


def pseudonym_txs(chain: str, count: int) -> list:
    now = int(time.time())
    return [make_tx(SigningKey.generate(), chain, "register_pseudonym", 1, now, {"box_key": "22" * 32})
            for _ in range(count)]


def throughput(urls: list[str], txs: list) -> float:
    """Committed tx/s with one transaction per request from many clients."""
    chunks = [txs[i::THREADS] for i in range(THREADS)]

    def send(part, offset):
        client = LedgerClient(urls[offset % len(urls):] + urls[:offset % len(urls)])
        for tx in part:
            client.submit(tx)

    started = time.perf_counter()
    threads = [threading.Thread(target=send, args=(part, i)) for i, part in enumerate(chunks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    last = LedgerClient(urls[:1])
    while last.tx_status(txs[-1].id)["status"] != "committed" or any(
            last.tx_status(tx.id)["status"] != "committed" for tx in txs[-THREADS:]):
        time.sleep(0.01)
    return len(txs) / (time.perf_counter() - started)


def commit_latency(urls: list[str], txs: list) -> list[float]:
    """Seconds from submission to commit (wait=true), a few clients at a time."""
    times: list[float] = []
    lock = threading.Lock()

    def send(part, offset):
        client = LedgerClient([urls[offset % len(urls)]])
        for tx in part:
            t0 = time.perf_counter()
            client.submit(tx, wait=True)
            with lock:
                times.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=send, args=(txs[i::4], i)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) > 1 else values[0]


def measure_single(work: Path, count: int) -> dict:
    node = new_network(work / "single").start()
    try:
        chain = LedgerClient([node.url]).status()["chain_id"]
        tps = throughput([node.url], pseudonym_txs(chain, count))
        lat = commit_latency([node.url], pseudonym_txs(chain, 200))
        return {"single_tx_per_s": round(tps), "single_p99_commit_ms": round(p99(lat) * 1000, 1)}
    finally:
        node.stop()


def measure_cluster(work: Path, count: int, blocks: int) -> dict:
    etcd = EtcdCluster(work / "etcd").start()
    init_cluster(work / "nodes", 3)
    ports = [free_port() for _ in range(3)]
    nodes = [NodeProcess(work / "nodes" / f"node{i}", port=ports[i], extra_args=["--etcd", ",".join(etcd.urls)]).start()
             for i in range(3)]
    urls = [n.url for n in nodes]
    try:
        chain = LedgerClient(urls).status()["chain_id"]
        tps = throughput(urls, pseudonym_txs(chain, count))
        lat = commit_latency(urls, pseudonym_txs(chain, 200))
        figures = {"cluster_tx_per_s": round(tps), "cluster_p99_commit_ms": round(p99(lat) * 1000, 1)}
        figures.update(catch_up(nodes, etcd, chain, blocks))
        return figures
    finally:
        for node in nodes:
            node.stop()
        etcd.stop()


def catch_up(nodes, etcd, chain: str, blocks: int) -> dict:
    """Stop a node, append ``blocks`` one-transaction batches, restart it, time its catch-up."""
    nodes[2].stop()
    log = EtcdLog(etcd.urls, chain)
    txs = pseudonym_txs(chain, blocks)
    started = time.perf_counter()
    for i, tx in enumerate(txs):
        doc = {"v": 1, "time": int(time.time()), "proposer": "bench", "txs": [tx.to_json()]}
        log.append(f"bench-{i:08d}", canonical(doc))
    appended = time.perf_counter() - started
    target = LedgerClient([nodes[0].url])
    while target.status()["height"] < blocks:
        time.sleep(0.2)
    goal = target.status()["height"]
    started = time.perf_counter()
    nodes[2].start()
    laggard = LedgerClient([nodes[2].url])
    while laggard.status()["height"] < goal:
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    same = laggard.block(goal)["hash"] == target.block(goal)["hash"]
    return {"catchup_s": round(elapsed, 2), "catchup_blocks": goal, "catchup_blocks_per_s": round(goal / elapsed),
            "catchup_agrees": same, "etcd_appends_per_s": round(blocks / appended)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--txs", type=int, default=3000)
    parser.add_argument("--blocks", type=int, default=10000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    try:
        figures = {**measure_single(work, args.txs), **measure_cluster(work, args.txs, args.blocks)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\nMulti-node ledger (3 nodes, 3 etcd members, loopback) beside a single node")
    print(f"{'measure':38s} {'single':>10s} {'cluster':>10s}")
    single, cluster = figures["single_tx_per_s"], figures["cluster_tx_per_s"]
    print(f"{'committed tx/s (one per request)':38s} {single:>10} {cluster:>10}")
    p99_single, p99_cluster = figures["single_p99_commit_ms"], figures["cluster_p99_commit_ms"]
    print(f"{'p99 time to commit, ms':38s} {p99_single:>10} {p99_cluster:>10}")
    print(f"{'restarted node catch-up, s':38s} {'':>10} {figures['catchup_s']:>10}"
          f"   ({figures['catchup_blocks']} blocks, {figures['catchup_blocks_per_s']} blocks/s, "
          f"agrees: {figures['catchup_agrees']})")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
