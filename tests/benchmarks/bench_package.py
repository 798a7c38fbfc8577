"""The installed app: installed size, and cold start to the first painted window of the
app installed from the .deb beside the same start from the source tree, in one run.

Builds the installers (or takes an existing build with --dist), unpacks the .deb into a
temporary root, prepares a wallet on a fresh node (untimed), then starts each app in
fresh processes on the offscreen platform until its first painted frame
(MEDWALLET_STARTUP_PROBE, see bench_startup.py).

    python tests/benchmarks/bench_package.py [--dist DIR] [--runs 5]

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_startup import one_run, prepare
from tests.nodeproc import new_network


def build(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "mwpack", "build", "--out", str(out)], cwd=ROOT / "packaging", check=True,
                   stdout=subprocess.DEVNULL)
    return out


def unpack(dist: Path, root: Path) -> tuple[Path, int]:
    deb = next(dist.glob("medwallet_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    return root / "usr" / "bin" / "medwallet", size


def measure(command: list[str], env: dict, runs: int) -> list[float]:
    one_run(command, env)  # warm the file cache, as after any earlier start
    return [one_run(command, env)[0] for _ in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dist", help="an existing build output folder (default: build now)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        base = Path(tmp)
        dist = Path(args.dist) if args.dist else build(base / "dist")
        installed, size = unpack(dist, base / "root")
        node = new_network(base / "node").start()
        try:
            wallet_dir, secret = prepare(base, node.url)
            opts = ["--wallet-dir", str(wallet_dir), "--passphrase-file", str(secret)]
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDWALLET_STARTUP_PROBE": "1",
                   "MEDWALLET_KEYRING": "none"}
            source = measure([sys.executable, "-m", "wallet.cli", *opts], {**env, "PYTHONPATH": str(ROOT)}, args.runs)
            clean_env = {k: v for k, v in env.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
            frozen = measure([str(installed), *opts], clean_env, args.runs)
        finally:
            node.stop()
    figures = {"installed_mb": round(size / 1e6, 1), "installed_cold_start_s": round(statistics.median(frozen), 3),
               "source_cold_start_s": round(statistics.median(source), 3), "runs": args.runs,
               "installed_runs_s": [round(x, 3) for x in frozen], "source_runs_s": [round(x, 3) for x in source]}
    print(f"\nInstalled app (.deb unpacked) vs source tree, {args.runs} cold starts each (offscreen, to first paint)")
    print(f"{'measure':32s} {'value':>10s}")
    print(f"{'installed size, MB':32s} {figures['installed_mb']:>10}")
    print(f"{'installed app cold start, s':32s} {figures['installed_cold_start_s']:>10}   (target < 1 s)")
    print(f"{'source tree cold start, s':32s} {figures['source_cold_start_s']:>10}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
