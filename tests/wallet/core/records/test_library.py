"""The records on this computer: export checks every byte and heals a damaged cache from
the node (deleting is tests/wallet/core/test_deletion.py's)."""

from __future__ import annotations

import pytest

from tests.wallet.files import flip, write_pdf
from wallet.core import importing
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
