"""The size linker: from the ledger alone (every anchored record and its size), match each
institution's copy to the patient's original by size. Before size classes a copy was its
original plus 32 bytes, which linked them exactly; now a blob's size is a function of its
size class only, so the linker learns the class and nothing more: every record of a class,
any patient's, is as good a match as the true original.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections import defaultdict
from pathlib import Path

from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.records import blob, padding

# Pairs of sizes over the FHIR and document ranges, each pair within one class: every
# patient has one file of each class, of one size of the pair or the other.
PAIRS = [(600, 3500), (9000, 9500), (21_500, 23_000), (70_000, 75_000), (290_000, 300_000)]


def _ledger_sizes(node_data: Path) -> dict[str, int]:
    """What the linker holds: every anchored record and its size, read from a node's disk."""
    db = sqlite3.connect(f"file:{node_data / 'ledger.sqlite'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT key, value FROM state WHERE key >= 'rec/' AND key < 'rec0'").fetchall()
    finally:
        db.close()
    return {key[4:]: json.loads(value)["size"] for key, value in rows}


def test_a_size_linker_links_no_copy_to_its_original_beyond_the_class(make_wallet, make_clinic, shared_node,
                                                                      tmp_path):
    rng = random.Random(15)
    clinics = [make_clinic("Linker") for _ in range(2)]
    truth: dict[str, str] = {}  # copy -> original
    originals: dict[str, int] = {}  # original -> patient
    for p in range(3):
        wallet = make_wallet(f"patient{p}")
        sizes = [rng.choice(pair) for pair in PAIRS]
        records = []
        for n, size in enumerate(sizes):
            path = tmp_path / f"p{p}-{n}.bin"
            path.write_bytes(rng.randbytes(size))
            records.append(importing.import_file(wallet, path, title=f"record {p}/{n}").record)
        originals.update(dict.fromkeys(records, p))
        for clinic in clinics:
            grants.grant(wallet, clinic.key.public, records, "treatment", int(time.time()) + 3600)
        for row in wallet.db.query("SELECT record, original FROM records WHERE original IS NOT NULL"):
            truth[row["record"]] = row["original"]
    assert len(truth) == 3 * len(PAIRS) * 2

    sizes = _ledger_sizes(shared_node.data)
    mine = set(originals) | set(truth)
    assert mine <= set(sizes)
    # Each observed size is a blob size of a class: the class is all the linker sees.
    class_sizes = {blob.HEAD_BYTES + blob.ciphertext_size(c) for c in {padding.size_class(n) for n in range(1 << 19)}}
    assert all(sizes[r] in class_sizes for r in mine)
    # A copy is exactly as large as its original (not original + 32), and as every record of its class.
    assert all(sizes[copy] == sizes[original] for copy, original in truth.items())
    by_size: dict[int, set[str]] = defaultdict(set)
    for record in originals:
        by_size[sizes[record]].add(record)
    # The linker's best: guess among the same-size originals. Its candidates are the whole
    # class, which here holds a record of every patient: it cannot tell whose copy it has.
    for copy, original in truth.items():
        candidates = by_size[sizes[copy]]
        assert original in candidates
        assert {originals[c] for c in candidates} == {0, 1, 2}, len(candidates)
    assert len(by_size) == len(PAIRS)  # one size per class, whatever the file's exact size
