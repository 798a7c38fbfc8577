"""Ledger throughput on this machine, against a real node process on loopback.

Measures committed consent transactions per second through HTTP one per request (many
concurrent clients, each its own pseudonym) and batched, the time from submission to
commit (p50/p99, ``wait=true``), blob upload and download MB/s, and the raw Ed25519
verify rate of this machine in the same run. Every transaction costs the node one Ed25519
verify, so each throughput figure is printed beside that rate and as a ratio of it (the
machine's other load moves both alike; compare ratios within one run). The node-loop
figures are per CPU-second of the node's event-loop thread and are compared with the
verify rate per CPU-second, so they hold even on a loaded machine. Every transaction
is signed before the clock starts. Prints a table with the targets, then, as its last
line, one JSON object with the figures. Asserts nothing.

The node runs with its per-address and per-key limits lifted (a benchmark is one client
sending as fast as it can, which the defaults are there to stop).

    python tests/benchmarks/bench_ledger.py [--threads 32] [--single 8000] [--batches 20] [--blob-mb 256]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# the node runs as ``python -m ledger_client.node.cli``: it needs the repository too, from any directory
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

import requests

from ledger_client import crypto
from ledger_client.access import make_access_request, make_upload_auth
from ledger_client.client import LedgerClient
from ledger_client.encoding import canonical
from ledger_client.tx import make_tx
from tests.nodeproc import new_network

MiB = 1024 * 1024
TARGETS = {"tx_per_s_single": 1000, "tx_per_s_batch": 5000, "blob_mb_per_s": 200}


class Bench:
    """A node with one clinic and as many patients (each with a record) as the runs need."""

    def __init__(self, url: str, governance: crypto.SigningKey, pid: int) -> None:
        self.url = url
        self.pid = pid
        self.client = LedgerClient([url])
        self.chain_id = self.client.status()["chain_id"]
        self.clinic = crypto.SigningKey.generate()
        self.client.submit_signed(governance, "register_institution", {
            "name": "Bench clinic", "kind": "clinic", "sign_key": self.clinic.public, "box_key": "ab" * 32})

    def patients(self, count: int) -> list[tuple[crypto.SigningKey, str]]:
        """``count`` registered pseudonyms, each owning one anchored record (set up in batches)."""
        now, out, txs = int(time.time()), [], []
        for _ in range(count):
            key, record = crypto.SigningKey.generate(), os.urandom(32).hex()
            txs += [make_tx(key, self.chain_id, "register_pseudonym", 1, now, {"box_key": "cd" * 32}),
                    make_tx(key, self.chain_id, "anchor_record", 2, now,
                            {"record": record, "size": 1, "category": "lab"})]
            out.append((key, record))
        for start in range(0, len(txs), 4000):
            self.client.submit_batch(txs[start:start + 4000], wait=True, timeout=60)
        return out

    def grants(self, key: crypto.SigningKey, record: str, count: int, first_seq: int = 3) -> list[bytes]:
        """``count`` signed consent grants by one patient, as request bodies."""
        now = int(time.time())
        payload = {"grantee": self.clinic.public, "records": [record], "purpose": "treatment",
                   "not_before": now, "expires_at": now + 86400}
        return [canonical(make_tx(key, self.chain_id, "grant_consent", seq, now, payload).to_json())
                for seq in range(first_seq, first_seq + count)]

    def wait_idle(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while self.client.status()["pending"]:
            if time.monotonic() > deadline:
                raise SystemExit("the node did not commit its mempool in time")
            time.sleep(0.005)


def loop_cpu_seconds(pid: int) -> float:
    """CPU time of the node's main thread (its event loop), from /proc; 0 where there is none.

    Committed transactions per CPU-second of that thread is the node's capacity whatever
    else this machine is doing (the wall-clock figures suffer from any other load)."""
    try:
        fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_threads(target, jobs) -> None:
    threads = [threading.Thread(target=target, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def bench_single(bench: Bench, threads: int, total: int) -> tuple[float, float]:
    """Committed consents/s, one per request (wait=false), ``threads`` clients at once."""
    per = total // threads
    bodies = [bench.grants(key, record, per) for key, record in bench.patients(threads)]
    errors = []

    def client(payloads):
        session = requests.Session()
        for body in payloads:
            response = session.post(bench.url + "/v1/tx", data=body, headers={"Content-Type": "application/json"})
            if response.status_code != 202 and response.status_code != 200:
                errors.append(response.text)
                return
    started, cpu = time.perf_counter(), loop_cpu_seconds(bench.pid)
    run_threads(client, [(b,) for b in bodies])
    bench.wait_idle()
    elapsed, cpu = time.perf_counter() - started, loop_cpu_seconds(bench.pid) - cpu
    if errors:
        raise SystemExit(f"single submissions failed: {errors[0]}")
    return per * threads / elapsed, per * threads / cpu if cpu else 0.0


def bench_latency(bench: Bench, threads: int, per: int) -> tuple[float, float, float]:
    """Time from submission to commit (wait=true): p50, p99 in ms, and the rate achieved."""
    bodies = [bench.grants(key, record, per) for key, record in bench.patients(threads)]
    latencies: list[float] = []
    lock = threading.Lock()

    def client(payloads):
        session, mine = requests.Session(), []
        for body in payloads:
            started = time.perf_counter()
            response = session.post(bench.url + "/v1/tx?wait=true", data=body,
                                    headers={"Content-Type": "application/json"})
            mine.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"wait=true submission failed: {response.text}")
        with lock:
            latencies.extend(mine)
    started = time.perf_counter()
    run_threads(client, [(b,) for b in bodies])
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[98] * 1000, len(latencies) / elapsed


def bench_batch(bench: Bench, batches: int, size: int) -> tuple[float, float]:
    """Committed consents/s through POST /v1/tx/batch of ``size`` (wait=false, then all committed)."""
    patients = bench.patients(batches * size // 50)
    bodies, per_patient = [], 50
    grants = [bench.grants(key, record, per_patient) for key, record in patients]
    flat = [body for patient in grants for body in patient]  # each patient's grants in seq order
    for start in range(0, len(flat), size):
        bodies.append(b'{"txs":[' + b",".join(flat[start:start + size]) + b"]}")
    session = requests.Session()
    started, cpu = time.perf_counter(), loop_cpu_seconds(bench.pid)
    for body in bodies:
        response = session.post(bench.url + "/v1/tx/batch", data=body, headers={"Content-Type": "application/json"})
        if response.status_code not in (200, 202):
            raise SystemExit(f"batch failed: {response.text[:300]}")
    bench.wait_idle()
    elapsed, cpu = time.perf_counter() - started, loop_cpu_seconds(bench.pid) - cpu
    return len(flat) / elapsed, len(flat) / cpu if cpu else 0.0


def bench_blobs(bench: Bench, size_mb: int) -> tuple[float, float]:
    """Upload and download MB/s of one blob of ``size_mb`` MiB, streamed in 1 MiB chunks."""
    (owner, _), = bench.patients(1)
    block = os.urandom(16 * MiB)
    repeats = size_mb // 16
    hasher = hashlib.sha256()
    for _ in range(repeats):
        hasher.update(block)
    blob, size = hasher.hexdigest(), repeats * len(block)

    class Body:  # iterable with a length: requests streams it with a Content-Length
        def __len__(self):
            return size

        def __iter__(self):
            view = memoryview(block)
            for _ in range(repeats):
                for start in range(0, len(block), MiB):
                    yield view[start:start + MiB]
    auth = make_upload_auth(owner, bench.chain_id, blob, size, int(time.time()))
    started = time.perf_counter()
    response = requests.put(f"{bench.url}/v1/blobs/{blob}", data=Body(), headers={"X-Medwallet-Upload": auth})
    upload = time.perf_counter() - started
    if response.status_code != 201:
        raise SystemExit(f"upload failed: {response.text}")
    bench.client.submit_signed(owner, "anchor_record", {"record": blob, "size": size, "category": "image"})
    request = make_access_request(owner, bench.chain_id, blob, None, "treatment", int(time.time()))
    started = time.perf_counter()
    received = 0
    with requests.get(f"{bench.url}/v1/blobs/{blob}", headers={"X-Medwallet-Access": request.to_header()},
                      stream=True) as response:
        for chunk in response.iter_content(MiB):
            received += len(chunk)
    download = time.perf_counter() - started
    if received != size:
        raise SystemExit("download incomplete")
    return size / MiB / upload, size / MiB / download


def bench_verify(count: int = 20000) -> tuple[float, float]:
    """Raw Ed25519 verifications on one core (libsodium through PyNaCl): per second of wall
    time, and per CPU-second of this thread (the yardstick of the node-loop figures, which
    are per CPU-second too: a loaded machine slows the wall-clock rate, not that one)."""
    key = crypto.SigningKey.generate()
    digests = [os.urandom(32) for _ in range(count)]
    sigs = [key.sign(crypto.DOMAIN_TX, d) for d in digests]
    started, cpu = time.perf_counter(), time.thread_time()
    for digest, sig in zip(digests, sigs, strict=True):
        crypto.verify(key.public, crypto.DOMAIN_TX, digest, sig)
    return count / (time.perf_counter() - started), count / (time.thread_time() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=32, help="concurrent clients, one per request")
    parser.add_argument("--single", type=int, default=8000, help="consents submitted one per request")
    parser.add_argument("--latency-threads", type=int, default=16)
    parser.add_argument("--latency-per-thread", type=int, default=60)
    parser.add_argument("--batches", type=int, default=20, help="batches of --batch-size consents")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--blob-mb", type=int, default=256)
    parser.add_argument("--block-interval", type=float, default=0.005, help="the node's block gathering time")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-ledger-") as tmp:
        proc = new_network(Path(tmp) / "node", block_interval=args.block_interval, extra_args=[
            "--limit", "address=off", "--limit", "address_tx=off", "--limit", "key_tx=off"]).start()
        try:
            bench = Bench(proc.url, proc.governance, proc.proc.pid)
            verify_rate, verify_cpu = bench_verify()
            single, single_cpu = bench_single(bench, args.threads, args.single)
            p50, p99, latency_rate = bench_latency(bench, args.latency_threads, args.latency_per_thread)
            batch, batch_cpu = bench_batch(bench, args.batches, args.batch_size)
            upload, download = bench_blobs(bench, args.blob_mb)
            height = bench.client.status()["height"]
        finally:
            proc.stop()

    figures = {
        "tx_per_s_single": round(single), "tx_per_s_batch": round(batch),
        "p50_commit_ms": round(p50, 1), "p99_commit_ms": round(p99, 1), "tx_per_s_wait": round(latency_rate),
        "blob_upload_mb_per_s": round(upload), "blob_download_mb_per_s": round(download),
        "blob_mb_per_s": round(min(upload, download)), "ed25519_verify_per_s": round(verify_rate),
        "ed25519_verify_per_cpu_s": round(verify_cpu),
        "node_loop_tx_per_cpu_s_single": round(single_cpu), "node_loop_tx_per_cpu_s_batch": round(batch_cpu),
        "blocks": height, "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    for name in ("tx_per_s_single", "tx_per_s_batch", "tx_per_s_wait"):
        figures[f"{name}_ratio"] = round(figures[name] / verify_rate, 3) if verify_rate else 0.0
    for name in ("node_loop_tx_per_cpu_s_single", "node_loop_tx_per_cpu_s_batch"):  # CPU-seconds against CPU-seconds
        figures[f"{name}_ratio"] = round(figures[name] / verify_cpu, 3) if verify_cpu else 0.0
    verify, per_cpu = figures["ed25519_verify_per_s"], figures["ed25519_verify_per_cpu_s"]
    rows = [
        ("consents/s, one per request", f"{args.threads} clients, wait=false", "tx_per_s_single", ""),
        ("consents/s, batched", f"{args.batches} x {args.batch_size}", "tx_per_s_batch", ">= 5,000"),
        ("  per node-loop CPU-second", "one per request", "node_loop_tx_per_cpu_s_single", "ratio >= 0.24"),
        ("  per node-loop CPU-second", "batched", "node_loop_tx_per_cpu_s_batch", "ratio >= 0.5"),
        ("committed/s with wait=true", f"{args.latency_threads} clients", "tx_per_s_wait", ""),
    ]
    print(f"\nMedwallet ledger benchmark ({os.cpu_count()} CPUs, one node on loopback, "
          f"load average {figures['load_avg_1m']} at the end)")
    print(f"raw Ed25519 verify rate, one core, this run: {verify}/s of wall time, {per_cpu} per CPU-second")
    print(f"{'measure':30} {'setting':28} {'measured':>10} {'verify':>9} {'ratio':>7}  target")
    for name, setting, key, target in rows:
        yardstick = per_cpu if "cpu" in key else verify
        print(f"{name:30} {setting:28} {figures[key]:>10} {yardstick:>9} {figures[key + '_ratio']:>7}  {target}")
    for name, setting, value, target in [
            ("time to commit p50 (ms)", f"{args.latency_threads} clients, wait=true", figures["p50_commit_ms"], "< 20"),
            ("time to commit p99 (ms)", f"({figures['tx_per_s_wait']} tx/s)", figures["p99_commit_ms"], ""),
            ("blob upload MB/s", f"{args.blob_mb} MiB", figures["blob_upload_mb_per_s"], ">= 200"),
            ("blob download MB/s", f"{args.blob_mb} MiB", figures["blob_download_mb_per_s"], ">= 200")]:
        print(f"{name:30} {setting:28} {value:>10} {'':>9} {'':>7}  {target}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
