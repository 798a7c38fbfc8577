"""Importing: what a file becomes (the metadata kept, nothing in clear on the node), and bad
input, each refused with a clear error before anything is kept."""

from __future__ import annotations

import os

import pytest

from tests.wallet.files import MARKER, write_fhir, write_pdf
from wallet.core import importing
from wallet.core.errors import FileTooLarge, UnreadableFile
from wallet.core.fhir.validate import InvalidFhir
from wallet.core.records import library


def test_import_records_metadata_and_no_plaintext_on_node(wallet, tmp_path, shared_node):
    pdf = importing.import_file(wallet, write_pdf(tmp_path / "scan.pdf"), title="Discharge letter")
    obs = importing.import_file(wallet, write_fhir(tmp_path / "obs.json"))
    rows = {r["record"]: r for r in library.list_records(wallet)}
    assert rows[pdf.record]["status"] == "anchored" and rows[pdf.record]["title"] == "Discharge letter"
    assert rows[pdf.record]["media_type"] == "application/pdf"
    assert rows[obs.record]["fhir_type"] == "Observation" and rows[obs.record]["record_date"] == "2024-03-05"
    anchored = wallet.network.client.record(obs.record, wallet.signing_key(0))
    assert anchored["category"] == "fhir" and anchored["owner"] != ""
    # Confidentiality: nothing on the node's disk holds the plaintext or the patient name.
    for path in shared_node.data.rglob("*"):
        if path.is_file():
            assert MARKER not in path.read_bytes(), path
            assert b"Jane" not in path.read_bytes(), path


def test_unreadable_files(wallet, tmp_path):
    with pytest.raises(UnreadableFile):
        importing.import_file(wallet, tmp_path / "missing.pdf")
    with pytest.raises(UnreadableFile):
        importing.import_file(wallet, tmp_path)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"%PDF")
    locked.chmod(0)
    if os.getuid() != 0:  # root reads anything
        with pytest.raises(UnreadableFile):
            importing.import_file(wallet, locked)
    assert library.list_records(wallet) == []


def test_oversized_file_is_refused_before_work(wallet, tmp_path, monkeypatch):
    monkeypatch.setitem(wallet.network.genesis.doc["policy"], "max_blob_bytes", 200_000)
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(100_000))
    with pytest.raises(FileTooLarge):
        importing.import_file(wallet, big)
    assert library.list_records(wallet) == [] and not list(wallet.blob_dir.iterdir())


def test_malformed_fhir(wallet, tmp_path):
    for text in ('{"resourceType": "Observation", ', '{"resourceType": 12}', '{"resourceType": "Obs ervation"}'):
        path = tmp_path / "bad.json"
        path.write_text(text)
        with pytest.raises(InvalidFhir):
            importing.import_file(wallet, path)
    assert library.list_records(wallet) == []
