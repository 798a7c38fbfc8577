"""Size classes: how many distinct blob sizes each padding rule gives over the sizes records
have, what it costs in bytes, and how often a size-matching linker is right; then the time
padding adds to sealing a record (the reference, unpadded, measured in the same run).

    python tests/benchmarks/bench_padding.py [--records 1000]

Rules: none; Padmé (PETS 2019); Padmé with a 4 KiB floor; the chosen rule (4 KiB floor,
4 classes per power of two, wallet/core/records/padding.py); powers of two. Sizes are drawn
log-uniformly within each range (seeded). The linker holds N records (60 % FHIR, 35 %
documents, 5 % images) and, for a copy, guesses an original of the same padded size:
its precision is the mean of 1/(records of that size). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wallet.core.records import blob, padding
from wallet.core.records.stream import RecordEncryptor

RANGES = {"FHIR 0.5-20 KiB": (512, 20 << 10), "documents 50 KiB-5 MiB": (50 << 10, 5 << 20),
          "images 5-50 MiB": (5 << 20, 50 << 20)}
RULES: dict[str, Callable[[int], int]] = {
    "none": lambda n: n,
    "padme": padding.padme,
    "padme, 4 KiB floor": lambda n: max(padding.FLOOR, padding.padme(n)),
    "chosen (4 KiB floor, 4/octave)": padding.size_class,
    "powers of two": lambda n: 1 << max(n - 1, 1).bit_length(),
}


def classes_in(rule: Callable[[int], int], low: int, high: int) -> int:
    seen, n = set(), low
    while n <= high:
        c = rule(n)
        seen.add(c)
        n = max(c, n) + 1
    return len(seen)


def sample(rng: random.Random, low: int, high: int) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def table(rng: random.Random) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    print(f"{'range':24} {'rule':32} {'classes':>8} {'mean overhead':>14} {'max overhead':>13}")
    for name, (low, high) in RANGES.items():
        sizes = [sample(rng, low, high) for _ in range(20_000)]
        out[name] = {}
        for rule_name, rule in RULES.items():
            if rule_name == "none":
                continue
            mean = sum(rule(s) - s for s in sizes) / sum(sizes) * 100
            worst = max((rule(s) - s) / s for s in sizes) * 100
            count = classes_in(rule, low, high)
            out[name][rule_name] = {"classes": count, "mean_overhead_pct": round(mean, 1),
                                    "max_overhead_pct": round(worst, 1)}
            print(f"{name:24} {rule_name:32} {count:8} {mean:13.1f}% {worst:12.1f}%")
    return out


def linker(rng: random.Random, counts: list[int]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    print(f"\n{'records':>8} {'rule':32} {'unique size':>12} {'linker precision':>17}")
    for total in counts:
        records = []
        for _ in range(total):
            r = rng.random()
            key = "FHIR 0.5-20 KiB" if r < 0.6 else "documents 50 KiB-5 MiB" if r < 0.95 else "images 5-50 MiB"
            records.append(sample(rng, *RANGES[key]))
        for rule_name, rule in RULES.items():
            sizes = Counter(rule(s) for s in records)
            unique = sum(sizes[rule(s)] == 1 for s in records) / total * 100
            precision = sum(1 / sizes[rule(s)] for s in records) / total * 100
            out.setdefault(rule_name, {})[str(total)] = round(precision, 1)
            print(f"{total:8} {rule_name:32} {unique:11.1f}% {precision:16.1f}%")
    return out


def seal_time(size: int, padded: bool) -> float:
    """Best of 3, memory to memory: the v2 blob (padded, wrapped key) or the bare unpadded stream."""
    data = random.Random(size).randbytes(size)
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        pieces = (blob.Sealer(io.BytesIO(data), size, {"title": "x"}, bytes(32)) if padded
                  else RecordEncryptor(io.BytesIO(data), bytes(32), plaintext_size=size))
        for _piece in pieces:
            pass
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(2019)
    classes = table(rng)
    precision = linker(rng, sorted({100, args.records, 10 * args.records}))
    print(f"\n{'file':>10} {'unpadded stream':>16} {'padded blob':>12} {'bytes added':>12}")
    timing = {}
    for size in (2 << 10, 200 << 10, 20 << 20):
        plain, padded = seal_time(size, False), seal_time(size, True)
        added = blob.blob_size(len(json.dumps({"title": "x"})), size) - size
        timing[str(size)] = {"unpadded_s": round(plain, 4), "padded_s": round(padded, 4), "bytes_added": added}
        print(f"{size:10} {plain * 1000:14.1f}ms {padded * 1000:10.1f}ms {added:12}")
    print(json.dumps({"classes": classes, "linker_precision_pct": precision, "seal": timing}))


if __name__ == "__main__":
    main()
