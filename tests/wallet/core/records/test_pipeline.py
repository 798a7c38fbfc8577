"""The record pipeline: a cancel keeps nothing; a node that dies mid-upload loses nothing;
batches never cut a Bundle entry from its attachments."""

from __future__ import annotations

import os

import pytest

from ledger_client.errors import NodeUnavailable
from tests.wallet.conftest import PASSPHRASE
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.errors import Cancelled
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.records import library
from wallet.core.records.pipeline import PlannedRecord, _chunks
from wallet.core.wallet import Wallet


def test_cancelled_import_leaves_nothing(wallet, tmp_path):
    src = write_pdf(tmp_path / "big.pdf", 5_000_000)
    seen = []

    def cancel() -> bool:
        return len(seen) > 2

    with pytest.raises(Cancelled):
        importing.import_file(wallet, src, progress=lambda stage, done, total: seen.append(stage), cancel=cancel)
    assert wallet.db.query("SELECT record FROM records") == []
    assert not list(wallet.blob_dir.iterdir())
    rec = importing.import_file(wallet, src).record  # and the same file imports fine afterwards
    library.export_record(wallet, rec, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == src.read_bytes()


def test_node_dying_mid_upload_loses_nothing(node, tmp_path):
    wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASSPHRASE, use_keyring=False, nodes=[node.url],
                              kdf_limits=ARGON2_MIN)
    src = tmp_path / "big.pdf"
    src.write_bytes(b"%PDF-1.7\n" + os.urandom(24_000_000))

    def kill_midway(stage: str, done: int, total: int) -> None:
        if stage == "upload" and done > 4_000_000 and node.proc:
            node.kill()

    with pytest.raises(NodeUnavailable):
        importing.import_file(wallet, src, progress=kill_midway)
    [row] = wallet.db.query("SELECT record, status FROM records")
    assert row["status"] == "encrypted" and wallet.blob_path(row["record"]).exists()
    node.start()
    assert importing.resume_pending(wallet) == [row["record"]]
    library.export_record(wallet, row["record"], tmp_path / "back.pdf")
    assert (tmp_path / "back.pdf").read_bytes() == src.read_bytes()
    wallet.close()


def test_chunks_never_cut_an_entry_from_its_attachments():
    planned = [PlannedRecord({}, b"", group=g) for g in (0, 1, 1, 1, 2, 3, 3, 4)]
    parts = [[p.group for p in part] for _, part in _chunks(planned, 2)]
    assert parts == [[0, 1, 1, 1], [2, 3, 3], [4]]
    assert [start for start, _ in _chunks(planned, 2)] == [0, 4, 7]


@pytest.mark.parametrize("batch_lands", [True, False])
def test_a_split_bundle_is_uploaded_in_batches_or_blob_by_blob(wallet, tmp_path, monkeypatch, batch_lands):
    """Small blobs go in batch uploads; a batch that does not land (an older node without
    them) is sent one PUT per blob instead, and nothing is lost either way."""
    from ledger_client.client import LedgerClient
    from ledger_client.errors import NotFound
    from tests.wallet.core.fhir.bundle_gen import write_bundle

    calls = {"batches": 0, "puts": 0}
    real_batch, real_put = LedgerClient.put_blobs, LedgerClient.put_blob

    def put_blobs(self, key, chain_id, blobs):
        calls["batches"] += 1
        if not batch_lands:
            raise NotFound("no such route on this node")
        return real_batch(self, key, chain_id, blobs)

    def put_blob(self, *args):
        calls["puts"] += 1
        return real_put(self, *args)

    monkeypatch.setattr(LedgerClient, "put_blobs", put_blobs)
    monkeypatch.setattr(LedgerClient, "put_blob", put_blob)
    src = tmp_path / "bundle.json"
    write_bundle(src, 30, style="collection", seed=7)
    report = importing.import_file(wallet, src, split=True)
    assert report.records and not report.problems
    assert calls["batches"] >= 1 and (calls["puts"] == 0 if batch_lands else calls["puts"] == len(report.records))
    statuses = {row["status"] for row in wallet.db.query("SELECT status FROM records")}
    assert statuses == {"anchored"}
    for rec in report.records[:3]:
        library.export_record(wallet, rec.record, tmp_path / f"{rec.record}.out")
