"""Import a generated 1,000-entry FHIR patient Bundle: entries per second and peak memory.

The whole import — read and validate every entry with fhir.resources, split into one
record per resource (plus one per inline attachment), encrypt each, upload the blobs
and anchor them in batches on the ledger — runs in a child process against a real node
on loopback, so the peak RSS measured (``os.wait4``) is the importer's own. For scale,
the same child then imports a few entries the one-record-at-a-time way
(``importing.import_file`` of single files: one anchor transaction and block wait per record).
The reference, in a second child against the same node: the same import of another bundle
of the same shape with every blob sent in a PUT of its own, as before batch uploads (the
node limits each key to 60 upload requests a second).

    python tests/benchmarks/bench_fhir.py [--entries 1000] [--style collection|transaction|searchset]
                                          [--profile import.prof]

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.measure import run_measured
from tests.nodeproc import new_network
from tests.wallet.core.fhir.bundle_gen import write_bundle

CHILD = r"""
import json, sys, time
from pathlib import Path
from wallet.core import importing, pseudonyms
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.records import pipeline
from wallet.core.wallet import Wallet
if sys.argv[5] == "per-blob":  # the reference: no batch uploads
    pipeline._put_batch = lambda wallet, key, rows: False
wallet, _ = Wallet.create(Path(sys.argv[1]), passphrase="bench", use_keyring=False, nodes=[sys.argv[2]],
                          kdf_limits=ARGON2_MIN)
pseudonyms.register_vault(wallet)  # once per wallet, not per import
first = {}
started = time.perf_counter()
def progress(stage, done, total):
    first.setdefault(stage, time.perf_counter() - started)
profiler = None
if sys.argv[6] != "-":  # --profile: where the import's time goes, for pstats or snakeviz
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
result = importing.import_file(wallet, Path(sys.argv[3]), split=True, progress=progress)
if profiler is not None:
    profiler.disable()
    profiler.dump_stats(sys.argv[6])
elapsed = time.perf_counter() - started
folder = Path(sys.argv[4]) if sys.argv[4] != "-" else None
sample = [folder / name for name in sorted(p.name for p in folder.iterdir())] if folder else []
one_by_one = time.perf_counter()
for path in sample:
    importing.import_file(wallet, path)
one_by_one = time.perf_counter() - one_by_one
print(json.dumps({"seconds": elapsed, "entries": result.entries, "records": len(result.records),
                  "problems": len(result.problems), "stages": first, "sample": len(sample),
                  "sample_seconds": one_by_one or 1e-9}))
"""


def write_sample(bundle: dict, folder: Path, count: int) -> None:
    """A few of the bundle's resources as single files, for the one-by-one comparison."""
    folder.mkdir()
    for n, entry in enumerate(bundle["entry"][1:count + 1]):
        (folder / f"{n:03d}.json").write_text(json.dumps(entry["resource"]), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--style", default="collection", choices=["collection", "transaction", "searchset"])
    parser.add_argument("--sample", type=int, default=40, help="entries imported one by one for comparison")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the batched import here (slows it)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-fhir-"))
    node = new_network(work / "node").start()
    try:
        src = work / "bundle.json"
        bundle = write_bundle(src, args.entries, style=args.style, seed=1000)
        write_sample(bundle, work / "sample", args.sample)
        seconds, rss, out = run_measured([sys.executable, "-c", CHILD, str(work / "wallet"), node.url, str(src),
                                          str(work / "sample"), "batch",
                                          str(args.profile.resolve()) if args.profile else "-"], cwd=ROOT)
        inner = json.loads(out.strip().splitlines()[-1])
        other = work / "reference.json"
        write_bundle(other, args.entries, style=args.style, seed=2000)
        _, ref_rss, out = run_measured([sys.executable, "-c", CHILD, str(work / "wallet-ref"), node.url, str(other),
                                        "-", "per-blob", "-"], cwd=ROOT)
        ref = json.loads(out.strip().splitlines()[-1])
    finally:
        node.stop()
        shutil.rmtree(work, ignore_errors=True)
    stages = inner["stages"]
    figures = {
        "entries": inner["entries"], "records": inner["records"], "bundle_mb": round(src_size_mb(bundle), 2),
        "style": args.style, "import_s": round(inner["seconds"], 2),
        "entries_per_s": round(inner["entries"] / inner["seconds"], 1),
        "records_per_s": round(inner["records"] / inner["seconds"], 1),
        "peak_rss_mb": round(rss, 1), "child_process_s": round(seconds, 2),
        "validated_after_s": round(stages.get("encrypt", 0), 2),
        "one_by_one_entries_per_s": round(inner["sample"] / inner["sample_seconds"], 1),
        "per_blob_entries_per_s": round(ref["entries"] / ref["seconds"], 1),
        "per_blob_import_s": round(ref["seconds"], 2),
        "per_blob_peak_rss_mb": round(ref_rss, 1),
    }
    figures["speedup_vs_per_blob"] = round(figures["entries_per_s"] / figures["per_blob_entries_per_s"], 1)
    figures["speedup_vs_one_by_one"] = round(figures["entries_per_s"] / figures["one_by_one_entries_per_s"], 1)
    print(f"\nFHIR Bundle import: {figures['entries']} entries ({figures['style']}, {figures['bundle_mb']} MB) "
          f"-> {figures['records']} records, validate + split + encrypt + upload + anchor")
    print(f"{'measure':38s} {'value':>10s}")
    for label, key in (("entries per second", "entries_per_s"), ("records per second", "records_per_s"),
                       ("import wall time (s)", "import_s"), ("read + validate done after (s)", "validated_after_s"),
                       ("importer peak RSS (MiB)", "peak_rss_mb"),
                       ("reference, a PUT per blob: entries/s", "per_blob_entries_per_s"),
                       ("reference: import wall time (s)", "per_blob_import_s"),
                       ("reference: peak RSS (MiB)", "per_blob_peak_rss_mb"),
                       ("speed-up of batch uploads", "speedup_vs_per_blob"),
                       ("one record at a time: entries/s", "one_by_one_entries_per_s"),
                       ("speed-up of the batched import", "speedup_vs_one_by_one")):
        print(f"{label:38s} {figures[key]:>10}")
    print(json.dumps(figures))


def src_size_mb(bundle: dict) -> float:
    return len(json.dumps(bundle, indent=2).encode()) / 1e6


if __name__ == "__main__":
    main()
