"""The records on this computer: export checks every byte and heals a damaged cache from
the node; delete crypto-shreds a record and the copies made from it."""

from __future__ import annotations

import time

import pytest

from tests.wallet.files import flip, write_pdf
from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ReadRefused
from wallet.core.errors import RecordIntegrityError
from wallet.core.records import library


def test_export_round_trip_and_integrity(wallet, tmp_path, shared_node):
    src = write_pdf(tmp_path / "a.pdf")
    rec = importing.import_file(wallet, src).record
    library.export_record(wallet, rec, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == src.read_bytes()
    # A lost local copy is fetched back from the node (as the owner's audited read).
    wallet.blob_path(rec).unlink()
    library.export_record(wallet, rec, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == src.read_bytes()
    # A flipped bit in the local copy (a cache) is detected and healed from the node's copy.
    flip(wallet.blob_path(rec))
    library.export_record(wallet, rec, tmp_path / "healed.pdf")
    assert (tmp_path / "healed.pdf").read_bytes() == src.read_bytes()
    # With the node's copy damaged too, the record is reported damaged and no file appears.
    flip(wallet.blob_path(rec))
    flip(next(p for p in (shared_node.data / "blobs").rglob(rec)))
    with pytest.raises(RecordIntegrityError):
        library.export_record(wallet, rec, tmp_path / "bad.pdf")
    assert not (tmp_path / "bad.pdf").exists()


def test_delete_shreds_record_and_copies(wallet, clinic, tmp_path, shared_node):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    copy = clinic.consent(decode_grant(granted.code)).records[0]
    retired = library.delete_record(wallet, rec)
    assert set(retired) == {rec, copy}
    assert not wallet.blob_path(rec).exists() and not library.list_records(wallet)
    assert wallet.network.client.record(rec, wallet.signing_key(0))["retired"] is not None
    time.sleep(0.2)
    assert not any(p.name in (rec, copy) for p in (shared_node.data / "blobs").rglob("*"))
    with pytest.raises(ReadRefused) as refused:
        clinic.read(decode_grant(granted.code), tmp_path / "out")
    assert refused.value.reason in ("record_retired", "consent_revoked")
