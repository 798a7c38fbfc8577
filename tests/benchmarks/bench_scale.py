"""A node grown to many transactions (1,000,000 by default), signed ahead of time.

Measures, on a real node process on loopback: ingest rate in each tenth of the growth
(batches of 5,000, so the node's own work is what is timed), the p50/p99 of every API
call a wallet or a clinic desk makes on the grown node, ``medwallet-node verify`` in
transactions per second (beside the raw Ed25519 verify rate of the same run, by wall time
and per CPU-second), and the bytes the node's database holds per transaction.
The transaction mix is a patient's life: a registration, record anchors and consents.
Prints a table, then, as its last line, one JSON object with the figures. Asserts nothing.

    python tests/benchmarks/bench_scale.py [--txs 1000000] [--calls 200]

The node runs with its per-address and per-key limits lifted (one client ingesting as fast
as it can is what those limits exist to stop).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

import requests

from ledger_client import crypto
from ledger_client.access import make_access_request, make_upload_auth
from ledger_client.client import LedgerClient
from ledger_client.encoding import canonical
from ledger_client.keyfile import load_key
from ledger_client.tx import make_tx
from tests.nodeproc import NodeProcess, new_network

BATCH = 5000
PER_PATIENT = 10  # register, 6 anchors, 3 consents


def sign_patients(args: tuple[str, str, int, int, int]) -> list[bytes]:
    """Signed transactions of ``count`` patients, as JSON bytes (run in worker processes)."""
    chain, clinic, count, now, _seed = args
    out = []
    for _ in range(count):
        key = crypto.SigningKey.generate()
        out.append(canonical(make_tx(key, chain, "register_pseudonym", 1, now, {"box_key": "cd" * 32}).to_json()))
        records = [os.urandom(32).hex() for _ in range(6)]
        for i, record in enumerate(records):
            out.append(canonical(make_tx(key, chain, "anchor_record", 2 + i, now,
                                         {"record": record, "size": 1000 + i, "category": "lab"}).to_json()))
        for i in range(3):
            out.append(canonical(make_tx(key, chain, "grant_consent", 8 + i, now, {
                "grantee": clinic, "records": records[i * 2:i * 2 + 2], "purpose": "treatment",
                "not_before": now - 60, "expires_at": now + 30 * 86400}).to_json()))
    return out


def presign(chain: str, clinic: str, total: int, workers: int = 2) -> list[bytes]:
    patients = total // PER_PATIENT
    now = int(time.time())
    chunk = max(1, patients // (workers * 8))
    jobs = [(chain, clinic, min(chunk, patients - start), now, start) for start in range(0, patients, chunk)]
    with ProcessPoolExecutor(workers) as pool:
        return [tx for part in pool.map(sign_patients, jobs) for tx in part]


def allow_presigning(data: Path) -> None:
    """A network whose clock skew allowance is a day (the policy's maximum), so that
    transactions signed before the run are still fresh when the last of them is ingested."""
    genesis = json.loads((data / "genesis.json").read_text())
    genesis["policy"]["max_clock_skew_s"] = 86400
    (data / "genesis.json").write_bytes(canonical(genesis) + b"\n")


def start_presigning_node(data: Path, clinic_name: str) -> tuple[NodeProcess, LedgerClient, str, crypto.SigningKey]:
    """A node on a new presigning network (:func:`allow_presigning`), its limits off so that
    the growth and the repeated reads run at full speed, with one registered clinic that every patient shares with.
    Returns the running node, a client, the chain id and the clinic's key; the caller stops it."""
    proc = new_network(data, block_interval=0.005, extra_args=[
        "--limit", "address=off", "--limit", "address_tx=off", "--limit", "key_tx=off",
        "--limit", "key_read=off", "--max-pending", "200000"])
    allow_presigning(data)
    proc.start()
    try:
        client = LedgerClient([proc.url])
        clinic = crypto.SigningKey.generate()
        client.submit_signed(proc.governance, "register_institution", {
            "name": clinic_name, "kind": "hospital", "sign_key": clinic.public, "box_key": "ab" * 32})
        return proc, client, client.status()["chain_id"], clinic
    except BaseException:
        proc.stop()
        raise


def wait_room(client: LedgerClient, below: int) -> int:
    while True:
        status = client.status()
        if status["pending"] < below:
            return status["height"]
        time.sleep(0.01)


def ingest(url: str, txs: list[bytes]) -> list[float]:
    """Committed tx/s over each tenth of the growth."""
    client, session = LedgerClient([url]), requests.Session()
    tenth = len(txs) // 10
    rates, started, done_at = [], time.perf_counter(), 0
    for start in range(0, len(txs), BATCH):
        body = b'{"txs":[' + b",".join(txs[start:start + BATCH]) + b"]}"
        response = session.post(url + "/v1/tx/batch", data=body, headers={"Content-Type": "application/json"})
        if response.status_code not in (200, 202):
            raise SystemExit(f"batch at {start} refused: {response.text[:300]}")
        wait_room(client, 20_000)
        if start + BATCH - done_at >= tenth:
            wait_room(client, 1)
            now = time.perf_counter()
            rates.append((start + BATCH - done_at) / (now - started))
            started, done_at = now, start + BATCH
    wait_room(client, 1)
    return rates


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100)
    return cuts[49] * 1000, cuts[98] * 1000


def api_latencies(url: str, node_key: crypto.SigningKey, calls: int) -> dict[str, tuple[float, float]]:
    """p50/p99 (ms) of each call a wallet or a desk makes, on the grown node.

    The metadata API answers only its parties or a node: the queries about the presigned
    patients (whose keys this run does not keep) are signed by the node's own key, which
    costs what a party's signed query costs."""
    client = LedgerClient([url])
    status = client.status()
    chain, height = status["chain_id"], status["height"]
    inst = client.institutions()[0]["sign_key"]
    block = client.block(max(2, height // 2), node_key)  # a patient's consent from the middle of the chain
    sample_tx = next(tx for tx in block["txs"] if tx["tx"]["type"] == "grant_consent")
    owner = sample_tx["tx"]["signer"]
    records = client.get_json("/v1/records", signed_by=node_key, owner=owner)["items"]
    consents = client.consents(node_key, grantor=owner)
    patient = crypto.SigningKey.generate()
    client.submit_signed(patient, "register_pseudonym", {"box_key": "ab" * 32}, chain_id=chain)
    data = os.urandom(4096)
    blob = crypto.sha256_hex(data)
    requests.put(f"{url}/v1/blobs/{blob}", data=data,
                 headers={"X-Medwallet-Upload": make_upload_auth(patient, chain, blob, len(data), int(time.time()))})
    client.submit_signed(patient, "anchor_record", {"record": blob, "size": len(data), "category": "lab"},
                         chain_id=chain)
    tx_id = records[0]["tx"]
    session = requests.Session()

    def get(path, **params):
        return lambda: session.get(url + path, params=params).raise_for_status()

    def signed(path, **params):
        return lambda: client.get_json(path, signed_by=node_key, **params)

    def submit():
        tx = make_tx(crypto.SigningKey.generate(), chain, "register_pseudonym", 1, int(time.time()),
                     {"box_key": "ab" * 32})
        client.submit(tx, wait=True)

    def read():
        request = make_access_request(patient, chain, blob, None, "treatment", int(time.time()))
        session.get(f"{url}/v1/blobs/{blob}", headers={"X-Medwallet-Access": request.to_header()}).raise_for_status()

    ops = {
        "status": get("/v1/status"), "headers (sync 1000)": get("/v1/headers", **{"from": max(1, height - 999),
                                                                                "count": 1000}),
        "block": signed(f"/v1/blocks/{height // 2}"), "tx status": get(f"/v1/tx/{tx_id}"),
        "tx proof": get(f"/v1/tx/{tx_id}/proof"), "institutions": get("/v1/institutions"),
        "institution": get(f"/v1/institutions/{inst}"), "pseudonym": signed(f"/v1/pseudonyms/{owner}"),
        "account (next seq)": get(f"/v1/accounts/{owner}"), "records of owner": signed("/v1/records", owner=owner),
        "record": signed(f"/v1/records/{records[0]['record']}"),
        "consents of grantor": signed("/v1/consents", grantor=owner),
        "consents of grantee": signed("/v1/consents", grantee=inst, limit=100),
        "consent": signed(f"/v1/consents/{consents[0]['consent']}"),
        "events of owner": signed("/v1/events", owner=owner),
        "upload offset": signed(f"/v1/blobs/{blob}/upload"), "submit, wait for commit": submit,
        "audited blob read": read,
    }
    out = {}
    for name, op in ops.items():
        samples = []
        for _ in range(calls):
            t0 = time.perf_counter()
            op()
            samples.append(time.perf_counter() - t0)
        out[name] = percentiles(samples)
    return out


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def raw_verify_rate(count: int = 20000) -> tuple[float, float]:
    """Raw Ed25519 verifications on one core, per second of wall time and per CPU-second:
    ``verify`` costs one per transaction, so this is its yardstick in the same run."""
    key = crypto.SigningKey.generate()
    digests = [os.urandom(32) for _ in range(count)]
    sigs = [key.sign(crypto.DOMAIN_TX, d) for d in digests]
    started, cpu = time.perf_counter(), time.thread_time()
    for digest, sig in zip(digests, sigs, strict=True):
        crypto.verify(key.public, crypto.DOMAIN_TX, digest, sig)
    return count / (time.perf_counter() - started), count / (time.thread_time() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--txs", type=int, default=1_000_000, help="transactions to grow the node by")
    parser.add_argument("--calls", type=int, default=200, help="calls per API operation for the latencies")
    args = parser.parse_args(argv)
    total = args.txs // PER_PATIENT * PER_PATIENT
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        data = Path(tmp) / "node"
        proc, client, chain, clinic = start_presigning_node(data, "Scale clinic")
        try:
            t0 = time.perf_counter()
            txs = presign(chain, clinic.public, total)
            sign_s = time.perf_counter() - t0
            rates = ingest(proc.url, txs)
            del txs
            latencies = api_latencies(proc.url, load_key(proc.data / "node.key"), args.calls)
            height = client.status()["height"]
        finally:
            proc.stop()
        db = Path(tmp) / "node" / "ledger.sqlite"
        disk = sum(p.stat().st_size for p in db.parent.glob("ledger.sqlite*"))
        verify_wall, verify_cpu = raw_verify_rate()
        t0, cpu0 = time.perf_counter(), children_cpu()
        result = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data",
                                 str(db.parent), "--json"], capture_output=True, text=True)
        verify_s, verify_cpu_s = time.perf_counter() - t0, children_cpu() - cpu0
        report = json.loads(result.stdout)
    p99_worst = max(p99 for _, p99 in latencies.values())
    figures = {
        "txs": report["txs"], "blocks": height, "presign_s": round(sign_s, 1),
        "ingest_tx_per_s_by_tenth": [round(r) for r in rates],
        "ingest_last_over_first": round(rates[-1] / rates[0], 3) if rates else 0,
        "api_p99_ms": {name: round(p99, 2) for name, (_, p99) in latencies.items()},
        "api_p50_ms": {name: round(p50, 2) for name, (p50, _) in latencies.items()},
        "api_p99_worst_ms": round(p99_worst, 2), "verify_ok": report["ok"], "verify_s": round(verify_s, 1),
        "verify_tx_per_s": round(report["txs"] / verify_s),
        "verify_tx_per_cpu_s": round(report["txs"] / verify_cpu_s), "ed25519_verify_per_s": round(verify_wall),
        "ed25519_verify_per_cpu_s": round(verify_cpu), "db_bytes": disk,
        "db_bytes_per_tx": round(disk / max(report["txs"], 1)), "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    print(f"\nMedwallet node at scale: {figures['txs']:,} transactions in {height:,} blocks "
          f"({os.cpu_count()} CPUs, load average {figures['load_avg_1m']})")
    print(f"{'ingest tx/s by tenth':34} {' '.join(str(r) for r in figures['ingest_tx_per_s_by_tenth'])}")
    print(f"{'  last tenth / first':34} {figures['ingest_last_over_first']:>10}  target >= 0.8")
    print(f"{'API call':34} {'p50 ms':>10} {'p99 ms':>10}  target p99 < 50")
    for name, (p50, p99) in latencies.items():
        print(f"  {name:32} {p50:>10.2f} {p99:>10.2f}")
    print(f"{'verify tx/s':34} {figures['verify_tx_per_s']:>10}  target >= 20,000 (ok={report['ok']}); "
          f"raw Ed25519 verify {figures['ed25519_verify_per_s']}/s on one core, ratio "
          f"{figures['verify_tx_per_s'] / max(verify_wall, 1):.2f}")
    print(f"{'  per CPU-second (all processes)':34} {figures['verify_tx_per_cpu_s']:>10}  raw Ed25519 verify "
          f"{figures['ed25519_verify_per_cpu_s']} per CPU-second, ratio "
          f"{figures['verify_tx_per_cpu_s'] / max(verify_cpu, 1):.2f}")
    print(f"{'database bytes per transaction':34} {figures['db_bytes_per_tx']:>10}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
