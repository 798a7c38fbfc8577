"""Encrypt and upload a large record: MB/s and peak memory, beside `age` on the same file.

Runs the wallet's real import (seal with secretstream into the wallet's local copy,
streamed resumable upload to a real node on loopback, anchor on the ledger) in a child
process, so its peak RSS is its own, and `age` (X25519 recipient) on the same file.
Targets: at least age's throughput, under 64 MiB peak RSS.

    python tests/benchmarks/bench_records.py [--size-mb 1024]

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.measure import run_measured
from tests.nodeproc import new_network

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from wallet.core import importing
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet
wallet, _ = Wallet.create(Path(sys.argv[1]), passphrase="bench", use_keyring=False, nodes=[sys.argv[2]],
                          kdf_limits=ARGON2_MIN)
started = time.perf_counter()
result = importing.import_file(wallet, Path(sys.argv[3]))
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "record": result.record}))
"""


def make_file(path: Path, size_mb: int) -> None:
    block = os.urandom(1 << 20)
    with open(path, "wb") as out:
        for i in range(size_mb):
            out.write(block[i % 256:] + block[:i % 256])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-records-"))
    node = new_network(work / "node").start()
    try:
        src = work / "record.bin"
        make_file(src, args.size_mb)
        size_mb = src.stat().st_size / 1e6
        figures = {"size_mb": round(size_mb, 1)}
        if shutil.which("age") and shutil.which("age-keygen"):
            keygen = subprocess.run(["age-keygen", "-o", str(work / "age.key")], capture_output=True, text=True)
            recipient = (keygen.stderr + keygen.stdout).split("Public key:")[1].split()[0]
            seconds, rss, _ = run_measured(["age", "-r", recipient, "-o", str(work / "out.age"), str(src)])
            figures.update(age_mb_per_s=round(size_mb / seconds, 1), age_peak_rss_mb=round(rss, 1))
            (work / "out.age").unlink()
        else:
            figures.update(age_mb_per_s=None, age_peak_rss_mb=None)
        seconds, rss, out = run_measured([sys.executable, "-c", CHILD, str(work / "wallet"), node.url, str(src)],
                                         cwd=ROOT)
        inner = json.loads(out.strip().splitlines()[-1])["seconds"]
        figures.update(encrypt_upload_mb_per_s=round(size_mb / inner, 1), peak_rss_mb=round(rss, 1),
                       encrypt_upload_process_s=round(seconds, 2))
        figures["ratio_vs_age"] = (round(figures["encrypt_upload_mb_per_s"] / figures["age_mb_per_s"], 2)
                                   if figures["age_mb_per_s"] else None)
    finally:
        node.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nRecord import of {figures['size_mb']} MB (encrypt + upload + anchor) vs age, same file, same run")
    print(f"{'measure':34s} {'value':>10s}  target")
    print(f"{'medwallet encrypt+upload MB/s':34s} {figures['encrypt_upload_mb_per_s']:>10}  >= age")
    print(f"{'age encrypt MB/s':34s} {figures['age_mb_per_s']!s:>10}")
    print(f"{'ratio vs age':34s} {figures['ratio_vs_age']!s:>10}  >= 1.0")
    print(f"{'medwallet peak RSS MiB':34s} {figures['peak_rss_mb']:>10}  < 64")
    print(f"{'age peak RSS MiB':34s} {figures['age_peak_rss_mb']!s:>10}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
