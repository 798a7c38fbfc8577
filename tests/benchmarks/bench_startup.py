"""Cold start of the desktop app: a fresh process to its first painted window. Target: 1 s.

A node and a wallet (passphrase vault, one record) are made first and are not timed.
Each run then starts the real ``medwallet`` entry point (``python -m wallet.cli``) in a
new process on the offscreen platform, with ``MEDWALLET_STARTUP_PROBE=1`` so the app
prints one line at its first painted frame and one when the wallet is open, its views
loaded and no work left running; then it quits. Times are taken in this process, from
just before the child is spawned to the moment each line arrives.

A second series starts ``wallet.gui.app.run_gui`` directly, without the CLI module, to
show what the command-line layer's imports add.

    python tests/benchmarks/bench_startup.py [--runs 7]

The last line printed is one JSON object with the figures (``cold_start_s`` = median
time to the first painted window through ``medwallet``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.nodeproc import new_network

TARGET_S = 1.0
PASSPHRASE = "benchmark passphrase"
DIRECT = ("import argparse, sys; from wallet.gui.app import run_gui; "
          "sys.exit(run_gui(argparse.Namespace(wallet_dir=sys.argv[1], passphrase_file=sys.argv[2])))")


def prepare(base: Path, node_url: str) -> tuple[Path, Path]:
    """A wallet on the node with one record, and its passphrase file (untimed)."""
    from wallet.core import importing
    from wallet.core.keys.sodium import ARGON2_MIN
    from wallet.core.wallet import Wallet

    wallet, _ = Wallet.create(base / "wallet", passphrase=PASSPHRASE, use_keyring=False, nodes=[node_url],
                              kdf_limits=ARGON2_MIN)
    sample = base / "letter.pdf"
    sample.write_bytes(b"%PDF-1.7\n" + os.urandom(50_000))
    importing.import_file(wallet, sample, title="Discharge letter")
    wallet.close()
    secret = base / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    return base / "wallet", secret


def one_run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to first paint, seconds to ready) of one fresh process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    painted = ready = float("nan")
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("medwallet-probe painted"):
            painted = time.perf_counter() - started
        elif line.startswith("medwallet-probe ready"):
            ready = time.perf_counter() - started
        elif line.startswith("medwallet-probe timeout"):
            break
    _, err = child.communicate(timeout=30)
    if child.returncode != 0 or painted != painted:
        raise SystemExit(f"the app did not start cleanly (exit {child.returncode}):\n{err[-2000:]}")
    return painted, ready


def series(name: str, command: list[str], env: dict[str, str], runs: int) -> dict:
    one_run(command, env)  # warm-up: the OS file cache, as after any earlier start
    paint, ready = [], []
    for _ in range(runs):
        p, r = one_run(command, env)
        paint.append(p)
        ready.append(r)
    return {"name": name, "paint": paint, "ready": ready, "paint_median": statistics.median(paint),
            "ready_median": statistics.median(ready)}


def report(results: list[dict], runs: int) -> None:
    print(f"\nCold start to first painted window, {runs} runs each (fresh process, offscreen), target {TARGET_S:.1f} s")
    print(f"{'entry point':<34}{'paint median':>14}{'min':>8}{'max':>8}{'ready median':>15}  verdict")
    for res in results:
        verdict = "OK" if res["paint_median"] < TARGET_S else "OVER TARGET"
        print(f"{res['name']:<34}{res['paint_median']:>13.3f}s{min(res['paint']):>7.3f}s{max(res['paint']):>7.3f}s"
              f"{res['ready_median']:>14.3f}s  {verdict}")
    print("(ready = wallet unlocked with the passphrase file, network checked, views loaded, no work running)\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDWALLET_STARTUP_PROBE": "1",
           "MEDWALLET_KEYRING": "none", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        base = Path(tmp)
        node = new_network(base / "node").start()
        try:
            wallet_dir, secret = prepare(base, node.url)
            cli = [sys.executable, "-m", "wallet.cli", "--wallet-dir", str(wallet_dir), "--passphrase-file",
                   str(secret)]
            results = [series("medwallet (python -m wallet.cli)", cli, env, args.runs),
                       series("wallet.gui.app.run_gui directly",
                              [sys.executable, "-c", DIRECT, str(wallet_dir), str(secret)], env, args.runs)]
        finally:
            node.stop()
    report(results, args.runs)
    main_series = results[0]
    print(json.dumps({"cold_start_s": round(main_series["paint_median"], 4),
                      "ready_s": round(main_series["ready_median"], 4),
                      "cold_start_runs_s": [round(x, 4) for x in main_series["paint"]],
                      "gui_only_cold_start_s": round(results[1]["paint_median"], 4),
                      "runs": args.runs, "target_s": TARGET_S,
                      "meets_target": main_series["paint_median"] < TARGET_S}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
