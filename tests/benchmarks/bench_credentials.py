"""Anonymous credentials: admission proof creation and verification, and a real node's
throughput for register-pseudonym transactions carrying proofs.

Sets up a network whose genesis requires a credential (a real ``medwallet-node`` on
loopback), an issuer desk with a revocable credential definition (1,000 credentials), and
a wallet holding one credential; then

* prove: AnonCreds admission presentations (non-revocation witness from the tails file
  included), as the wallet makes them for each new pseudonym;
* verify: the contract's check of one presentation against the ledger's documents;
* throughput: N registrations with proofs submitted in batches, until all are committed
  (each node verifies every proof on admission to its mempool);
* latency: single registrations, submitted and waited for one at a time.

    python tests/benchmarks/bench_credentials.py [--count 200] [--samples 30]

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ledger_client import credentials as ledger_creds
from ledger_client.tx import make_tx
from tests.nodeproc import new_network
from wallet.core.credentials import admission, documents, holder
from wallet.core.desks.issuer import IssuerDesk
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet

PASSPHRASE = "bench"
BATCH = 50


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def setup(work: Path, node) -> tuple[Wallet, IssuerDesk, float]:
    desk = IssuerDesk.create(work / "issuer", "Bench Insurer", [node.url], passphrase=PASSPHRASE, use_keyring=False,
                             kdf_limits=ARGON2_MIN)
    desk.register(node.governance)
    started = time.perf_counter()
    desk.setup(max_credentials=1000)
    setup_s = time.perf_counter() - started
    wallet, _ = Wallet.create(work / "wallet", passphrase=PASSPHRASE, use_keyring=False, nodes=[node.url],
                              kdf_limits=ARGON2_MIN)
    request = holder.request_credential(wallet, desk.offer())
    holder.store_credential(wallet, desk.issue(request, {"patient_of": "Bench", "insured": "1",
                                                              "birth_year": "1980"}))
    return wallet, desk, setup_s


def measure_proofs(wallet: Wallet, samples: int) -> dict:
    record = holder.store(wallet).all()[0]
    docs = documents.ledger_docs(wallet.network, record["cred_def_id"])
    chain_id = wallet.network.chain_id
    prove, verify, size = [], [], 0
    for i in range(samples):
        key = wallet.signing_key(10_000 + i)
        request = ledger_creds.admission_request(chain_id, key.public, docs)
        started = time.perf_counter()
        presentation = holder.prove_admission(wallet, record, docs, 10_000 + i)
        prove.append(time.perf_counter() - started)
        size = len(json.dumps(presentation))
        started = time.perf_counter()
        ledger_creds.verify_presentation(request, presentation, {docs.cred_def_id: docs})
        verify.append(time.perf_counter() - started)
    return {"prove_ms": median_ms(prove), "verify_ms": median_ms(verify), "proof_bytes": size}


def measure_throughput(wallet: Wallet, count: int) -> dict:
    chain_id, now = wallet.network.chain_id, int(time.time())
    started = time.perf_counter()
    txs = [make_tx(wallet.signing_key(i), chain_id, "register_pseudonym", 1, now,
                   admission.admission_payload(wallet, i)) for i in range(1, count + 1)]
    prepare_s = time.perf_counter() - started
    client = wallet.network.client
    started = time.perf_counter()
    for first in range(0, count, BATCH):
        results = client.submit_batch(txs[first:first + BATCH], wait=True, timeout=60)
        assert all(r["status"] == "committed" for r in results), results[:1]
    elapsed = time.perf_counter() - started
    latencies = []
    for i in range(count + 1, count + 11):
        payload = admission.admission_payload(wallet, i)
        started = time.perf_counter()
        wallet.network.submit(wallet.signing_key(i), "register_pseudonym", payload)
        latencies.append(time.perf_counter() - started)
    return {"admissions": count, "admissions_per_s": round(count / elapsed, 1),
            "wallet_prepare_ms": round(prepare_s / count * 1000, 2), "admission_latency_ms": median_ms(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="registrations for the throughput run")
    parser.add_argument("--samples", type=int, default=30, help="proofs made and verified for the timings")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-credentials-"))
    node = new_network(work / "node", require_credential=True).start()
    try:
        wallet, desk, setup_s = setup(work, node)
        figures = {"issuer_setup_s": round(setup_s, 2), **measure_proofs(wallet, args.samples),
                   **measure_throughput(wallet, args.count)}
        wallet.close()
        desk.close()
    finally:
        node.stop()
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        ("issuer setup (keys, registry, publish)", f"{figures['issuer_setup_s']} s"),
        ("admission proof: create (median)", f"{figures['prove_ms']} ms"),
        ("admission proof: verify (median)", f"{figures['verify_ms']} ms"),
        ("admission proof size", f"{figures['proof_bytes']} bytes"),
        ("wallet: payload incl. ledger look-ups", f"{figures['wallet_prepare_ms']} ms"),
        (f"node: admissions committed ({figures['admissions']}, batches of {BATCH})",
         f"{figures['admissions_per_s']} /s"),
        ("node: one admission, submit to commit (median)", f"{figures['admission_latency_ms']} ms"),
    ]
    print("\nAnonymous-credential admission (AnonCreds CL, revocation registry of 1000), one node, loopback")
    print(f"{'measure':52s} {'value':>14s}")
    for name, value in rows:
        print(f"{name:52s} {value:>14s}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
