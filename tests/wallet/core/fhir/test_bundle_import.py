"""Importing FHIR Bundles against a real node: split and whole, round trips, invalid
entries, progress, failures midway and resuming, and real-world sizes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger_client.errors import NodeUnavailable
from wallet.core import importing
from wallet.core.errors import Cancelled
from wallet.core.fhir import bundle_export
from wallet.core.fhir.validate import model_class
from wallet.core.records import library, pipeline

from .bundle_gen import write_bundle

DATA = Path(__file__).resolve().parents[3] / "data" / "fhir"


def _exported(wallet, record: str, tmp_path: Path) -> bytes:
    out = tmp_path / f"out-{record[:12]}"
    library.export_record(wallet, record, out)
    return out.read_bytes()


def _anchored(wallet) -> dict[str, dict]:
    return {r["record"]: r for r in library.list_records(wallet) if r["status"] == "anchored"}


def test_split_round_trip_byte_for_byte(wallet, tmp_path):
    src = DATA / "portal_collection.json"
    text = src.read_bytes()
    original = json.loads(text)
    result = importing.import_file(wallet, src, split=True)
    assert result.problems == [] and result.skipped == [] and result.entries == 11
    assert len(result.records) == 13  # 11 resources + the PDF report + the visit note
    rows = _anchored(wallet)
    assert set(rows) == {r.record for r in result.records}
    fhir_records = [r for r in result.records if rows[r.record]["media_type"] == "application/fhir+json"]
    for record, entry in zip(fhir_records, original["entry"], strict=True):
        content = _exported(wallet, record.record, tmp_path)
        assert json.loads(content) == entry["resource"]
        assert content in text  # exactly the bytes the portal wrote (6.10 stays 6.10)
        row = rows[record.record]
        assert row["fhir_type"] == entry["resource"]["resourceType"] and row["category"] == "fhir"
        assert wallet.network.client.record(record.record, wallet.signing_key(0))["category"] == "fhir"
    a1c = rows[fhir_records[1].record]
    assert (a1c["title"], a1c["record_date"]) == ("Observation: Hemoglobin A1c 6.10 % (2024-03-05)", "2024-03-05")
    pdf = next(r for r in rows.values() if r["media_type"] == "application/pdf")
    assert _exported(wallet, pdf["record"], tmp_path).startswith(b"%PDF-1.4")
    assert pdf["filename"] == "Diabetes panel report.pdf" and pdf["category"] == "document"


def test_transaction_bundle_exports_back_with_its_references(wallet, tmp_path):
    src = DATA / "transaction_urn.json"
    original = json.loads(src.read_text())
    result = importing.import_file(wallet, src, split=True)
    assert [p.path for p in result.skipped] == ["Bundle.entry[4]"]  # the DELETE has nothing to keep
    out = tmp_path / "back.json"
    count = bundle_export.export_records(wallet, [r.record for r in result.records], out)
    back = json.loads(out.read_text())
    assert count == 4 and back["type"] == "collection"
    assert [(e["fullUrl"], e["resource"]) for e in back["entry"]] == \
        [(e["fullUrl"], e["resource"]) for e in original["entry"][:4]]
    assert b'"value": 3.40' in out.read_bytes()
    model_class("Bundle").model_validate(json.loads(out.read_text()))


def test_export_all_records_as_one_bundle_includes_other_files(wallet, tmp_path):
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    letter = importing.import_file(wallet, pdf, title="Discharge letter")
    result = importing.import_file(wallet, DATA / "portal_collection.json", split=True)
    out = tmp_path / "all.json"
    count = bundle_export.export_records(wallet, None, out)
    doc = json.loads(out.read_text())
    model_class("Bundle").model_validate(doc)
    # 11 FHIR resources (their split-out attachments are inside them already) + the letter
    assert count == 12 == len(doc["entry"]) == len(result.records) - 2 + 1
    letter_doc = next(e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == "DocumentReference"
                      and e["resource"].get("identifier"))
    assert letter_doc["identifier"][0] == {"system": "urn:medwallet:record-sha256", "value": letter.record}
    attachment = letter_doc["content"][0]["attachment"]
    assert attachment["contentType"] == "application/pdf" and attachment["size"] == pdf.stat().st_size


def test_invalid_entries_reported_and_the_valid_rest_imported(wallet):
    result = importing.import_file(wallet, DATA / "invalid_entries.json", split=True)
    assert [p.path for p in result.problems] == [f"Bundle.entry[{i}].resource" for i in (1, 3, 4, 5, 6, 8)]
    assert len(result.records) == 3 and result.bundle_type == "searchset"
    assert sorted(r["fhir_type"] for r in _anchored(wallet).values()) == ["Condition", "MedicationRequest",
                                                                          "Observation"]


def test_whole_bundle_is_one_record_byte_for_byte(wallet, tmp_path):
    src = DATA / "invalid_entries.json"
    result = importing.import_file(wallet, src, split=False)
    assert len(result.records) == 1 and len(result.problems) == 6  # reported, kept in the file as written
    row = _anchored(wallet)[result.records[0].record]
    assert row["fhir_type"] == "Bundle" and row["title"].startswith("FHIR searchset bundle: 3 resources")
    assert _exported(wallet, row["record"], tmp_path) == src.read_bytes()


def test_progress_reports_every_stage(wallet, tmp_path):
    src = tmp_path / "b.json"
    write_bundle(src, 120, seed=5)
    calls: list[tuple[str, int, int]] = []
    result = importing.import_file(wallet, src, split=True, progress=lambda *a: calls.append(a))
    stages = [c[0] for c in calls]
    assert stages[0] == "read" and {"validate", "encrypt", "upload", "anchor"} <= set(stages)
    for stage in ("encrypt", "upload", "anchor"):
        seen = [(done, total) for s, done, total in calls if s == stage]
        assert seen[-1] == (len(result.records), len(result.records))
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_failure_midway_leaves_whole_entries_and_resumes(wallet, tmp_path, monkeypatch):
    src = tmp_path / "b.json"
    bundle = write_bundle(src, 90, seed=11)
    monkeypatch.setattr(pipeline, "CHUNK_RECORDS", 25)
    real = wallet.network.client_for(wallet.signing_key(0)).submit_batch
    calls = []

    def flaky(txs, **kwargs):
        calls.append(len(txs))
        if len(calls) == 2:
            raise NodeUnavailable("the node went away")
        return real(txs, **kwargs)

    monkeypatch.setattr(wallet.network.client_for(wallet.signing_key(0)), "submit_batch", flaky)
    with pytest.raises(NodeUnavailable):
        importing.import_file(wallet, src, split=True)
    rows = wallet.db.query("SELECT * FROM records")
    anchored = [r for r in rows if r["status"] == "anchored"]
    assert len(anchored) == calls[0] and {r["status"] for r in rows} <= {"anchored", "uploaded", "encrypted"}
    for row in rows:  # the ledger has exactly the anchored ones
        if row["status"] == "anchored":
            assert wallet.network.client.record(row["record"], wallet.signing_key(0))["tx"] == row["anchor_tx"]
    monkeypatch.setattr(wallet.network.client_for(wallet.signing_key(0)), "submit_batch", real)
    finished = importing.resume_pending(wallet)
    assert len(finished) == len(rows) - len(anchored)
    rows = wallet.db.query("SELECT * FROM records WHERE original IS NULL")
    assert {r["status"] for r in rows} == {"anchored"}
    # every valid entry is there exactly once, with its exact content
    fhir = [r for r in rows if r["media_type"] == "application/fhir+json"]
    assert len(fhir) == len(bundle["entry"])
    sample = sorted(fhir, key=lambda r: r["record"])[0]
    content = json.loads(_exported(wallet, sample["record"], tmp_path))
    assert content in [e["resource"] for e in bundle["entry"]]


def test_cancel_then_batched_resume(wallet, tmp_path, monkeypatch):
    src = tmp_path / "b.json"
    write_bundle(src, 120, seed=12)
    monkeypatch.setattr(pipeline, "CHUNK_RECORDS", 30)
    encrypted = []

    def progress(stage, done, total):
        if stage == "encrypt":
            encrypted.append(done)

    with pytest.raises(Cancelled):
        importing.import_file(wallet, src, split=True, progress=progress, cancel=lambda: len(encrypted) >= 70)
    rows = wallet.db.query("SELECT record, status FROM records")
    assert 30 <= len(rows) < 70  # whole chunks staged; the chunk cut by the cancel left nothing behind
    assert {p.name for p in wallet.blob_dir.iterdir()} == {r["record"] for r in rows}
    pending = [r["record"] for r in rows if r["status"] != "anchored"]
    assert sorted(importing.resume_pending(wallet)) == sorted(pending)
    for row in wallet.db.query("SELECT * FROM records"):
        anchored = wallet.network.client.record(row["record"], wallet.signing_key(0))
        assert row["status"] == "anchored" and anchored["tx"] == row["anchor_tx"]


def test_thousands_of_entries(wallet, tmp_path):
    src = tmp_path / "export.json"
    bundle = write_bundle(src, 2000, style="collection", seed=21)
    result = importing.import_file(wallet, src, split=True)  # its speed: tests/benchmarks/bench_fhir.py
    assert result.problems == [] and result.entries == len(bundle["entry"])
    rows = _anchored(wallet)
    assert len(rows) == len(result.records) >= len(bundle["entry"])


@pytest.mark.slow
def test_large_transaction_bundle_several_megabytes(wallet, tmp_path):
    src = tmp_path / "synthea.json"
    bundle = write_bundle(src, 5000, style="transaction", seed=22)
    assert src.stat().st_size > 5_000_000  # several MB, as a Synthea export
    result = importing.import_file(wallet, src, split=True)
    assert result.problems == [] and result.entries == len(bundle["entry"]) >= 5000
    assert len(_anchored(wallet)) == len(result.records)
    whole = importing.import_file(wallet, src, split=False)
    assert len(whole.records) == 1
    assert _exported(wallet, whole.records[0].record, tmp_path) == src.read_bytes()


def test_batch_that_clashes_with_an_earlier_anchor_settles_one_by_one(wallet, tmp_path, monkeypatch):
    src = tmp_path / "b.json"
    write_bundle(src, 30, seed=13)
    real = wallet.network.client_for(wallet.signing_key(0)).submit_batch
    monkeypatch.setattr(wallet.network.client_for(wallet.signing_key(0)), "submit_batch", _raise_unavailable)
    with pytest.raises(NodeUnavailable):
        importing.import_file(wallet, src, split=True)
    monkeypatch.setattr(wallet.network.client_for(wallet.signing_key(0)), "submit_batch", real)
    rows = wallet.db.query("SELECT * FROM records ORDER BY record")
    assert rows and {r["status"] for r in rows} == {"uploaded"}
    # An earlier attempt's anchor landed on the ledger but the wallet never heard back.
    landed = rows[0]
    tx = wallet.network.submit(wallet.signing_key(0), "anchor_record", {
        "record": landed["record"], "size": landed["cipher_size"], "category": landed["category"]})
    assert len(importing.resume_pending(wallet)) == len(rows)
    after = {r["record"]: r for r in wallet.db.query("SELECT * FROM records")}
    assert {r["status"] for r in after.values()} == {"anchored"} and after[landed["record"]]["anchor_tx"] == tx


def _raise_unavailable(txs, **kwargs):
    raise NodeUnavailable("the node went away")
