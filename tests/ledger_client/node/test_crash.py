"""kill -9 of a node during a burst of submissions: after a restart on the same data
directory, ``medwallet-node verify`` passes and every acknowledged transaction (200
committed, or 202 accepted into the persisted mempool) is committed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest
import requests

from ledger_client.crypto import SigningKey
from ledger_client.encoding import canonical
from ledger_client.tx import make_tx
from tests.nodeproc import NodeProcess, new_network

from .actors import poll

pytestmark = pytest.mark.slow

THREADS = 12
TXS_PER_THREAD = 150


def signed_bursts(chain_id: str) -> list[list]:
    """Per thread: a fresh pseudonym's registration, then record anchors, all signed in advance."""
    now = int(time.time())
    bursts = []
    for _ in range(THREADS):
        key = SigningKey.generate()
        txs = [make_tx(key, chain_id, "register_pseudonym", 1, now, {"box_key": "ab" * 32})]
        txs += [make_tx(key, chain_id, "anchor_record", seq, now,
                        {"record": os.urandom(32).hex(), "size": seq, "category": "lab"})
                for seq in range(2, TXS_PER_THREAD + 1)]
        bursts.append(txs)
    return bursts


def submit_until_broken(url: str, txs: list, wait: bool, acked: dict, lock: threading.Lock) -> None:
    session = requests.Session()
    for tx in txs:
        try:
            response = session.post(f"{url}/v1/tx", data=canonical(tx.to_json()),
                                    params={"wait": "true"} if wait else None, timeout=20)
        except requests.RequestException:
            return  # the node is gone
        if response.status_code not in (200, 202):
            return
        with lock:
            acked[tx.id] = response.json()["status"]


def verify(data) -> dict:
    result = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(data), "--json"],
                            capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["ok"], (result.stdout, result.stderr)
    return report


def burst_and_kill(proc: NodeProcess, bursts: list[list], kill_after: int) -> dict:
    """Submit from every thread (half waiting for commit) and kill -9 the node mid-burst."""
    acked: dict[str, str] = {}
    lock = threading.Lock()
    threads = [threading.Thread(target=submit_until_broken, args=(proc.url, txs, i % 2 == 0, acked, lock))
               for i, txs in enumerate(bursts)]
    for thread in threads:
        thread.start()
    poll(lambda: len(acked) >= kill_after, timeout=60, interval=0.005)
    proc.kill()
    for thread in threads:
        thread.join(30)
    assert sum(len(txs) for txs in bursts) > len(acked) >= kill_after  # killed mid-burst
    return acked


def test_kill_during_a_burst_loses_nothing_acknowledged(tmp_path):
    proc = new_network(tmp_path / "node").start()
    chain_id = requests.get(proc.url + "/v1/status", timeout=5).json()["chain_id"]
    bursts = signed_bursts(chain_id)
    acked = burst_and_kill(proc, bursts, kill_after=400)
    assert set(acked.values()) == {"committed", "pending"}  # waiting and non-waiting clients both

    verify(proc.data)  # the crashed directory holds whole blocks only
    proc = NodeProcess(proc.data).start()  # same data directory, another port
    try:
        # a second kill while the recovered mempool is being committed and more arrives
        rest = [[tx for tx in txs if tx.id not in acked] for txs in bursts]
        acked_again = burst_and_kill(proc, rest, kill_after=100)
        proc = NodeProcess(proc.data).start()
        session = requests.Session()
        for tx_id in {**acked, **acked_again}:
            url = f"{proc.url}/v1/tx/{tx_id}"
            status = poll(lambda url=url: (s := session.get(url, timeout=5).json())["status"] == "committed" and s,
                          timeout=30)
            assert status["status"] == "committed"
    finally:
        proc.stop()
    report = verify(proc.data)
    assert report["txs"] >= len(acked) + len(acked_again)
