"""Bad input and failures: each gives a clear error and loses nothing."""

from __future__ import annotations

import os
import time

import pytest

from ledger_client.errors import NodeUnavailable
from wallet.core.records import library as records
from wallet.core.consent import grants as sharing
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.errors import FileTooLarge, GrantCodeProblem, InvalidGrantCode, QrNotFound, UnreadableFile
from wallet.core.records.kinds import InvalidFhir
from wallet.core.consent.grant_code import GrantCode, encode_grant
from wallet.core.network import Network
from wallet.core.consent.qr import save_png
from wallet.core.wallet import Wallet

from .conftest import PASSPHRASE


def test_unreadable_files(wallet, tmp_path):
    with pytest.raises(UnreadableFile):
        records.import_file(wallet, tmp_path / "missing.pdf")
    with pytest.raises(UnreadableFile):
        records.import_file(wallet, tmp_path)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"%PDF")
    locked.chmod(0)
    if os.getuid() != 0:  # root reads anything
        with pytest.raises(UnreadableFile):
            records.import_file(wallet, locked)
    assert records.list_records(wallet) == []


def test_oversized_file_is_refused_before_work(wallet, tmp_path, monkeypatch):
    monkeypatch.setitem(wallet.network.genesis.doc["policy"], "max_blob_bytes", 200_000)
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(100_000))
    with pytest.raises(FileTooLarge):
        records.import_file(wallet, big)
    assert records.list_records(wallet) == [] and not list(wallet.blob_dir.iterdir())


def test_malformed_fhir(wallet, tmp_path):
    for text in ('{"resourceType": "Observation", ', '{"resourceType": 12}', '{"resourceType": "Obs ervation"}'):
        path = tmp_path / "bad.json"
        path.write_text(text)
        with pytest.raises(InvalidFhir):
            records.import_file(wallet, path)
    assert records.list_records(wallet) == []


def test_bad_grant_codes(wallet, clinic, tmp_path):
    rec = records.import_file(wallet, _pdf(tmp_path / "a.pdf")).record
    code = sharing.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 600).code
    cases = {
        GrantCodeProblem.CHECKSUM: code[:-3] + ("A" if code[-3] != "A" else "B") + code[-2:],
        GrantCodeProblem.TRUNCATED: code[: len(code) // 2],
        GrantCodeProblem.NOT_MEDWALLET: "https://example.org/not-a-grant",
    }
    for problem, text in cases.items():
        with pytest.raises(InvalidGrantCode) as exc:
            clinic.scan_text(text)
        assert exc.value.reason in (problem, GrantCodeProblem.MALFORMED), (problem, exc.value.reason)
    other = encode_grant(GrantCode(("http://127.0.0.1:9",), os.urandom(32), os.urandom(32)))
    with pytest.raises(InvalidGrantCode) as exc:
        clinic.scan_text(other)
    assert exc.value.reason == GrantCodeProblem.OTHER_NETWORK
    blank = tmp_path / "blank.png"
    from PIL import Image
    Image.new("RGB", (300, 300), "white").save(blank)
    with pytest.raises(QrNotFound):
        clinic.scan_image(blank)
    save_png(other, tmp_path / "other.png")
    with pytest.raises(InvalidGrantCode):
        clinic.scan_image(tmp_path / "other.png")


def test_unreachable_node_is_a_clear_error(tmp_path):
    with pytest.raises(NodeUnavailable) as exc:
        Network(["http://127.0.0.1:9"])
    assert "127.0.0.1:9" in str(exc.value)


def test_node_dying_mid_upload_loses_nothing(node, tmp_path):
    wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASSPHRASE, use_keyring=False, nodes=[node.url],
                              kdf_limits=ARGON2_MIN)
    src = tmp_path / "big.pdf"
    src.write_bytes(b"%PDF-1.7\n" + os.urandom(24_000_000))

    def kill_midway(stage: str, done: int, total: int) -> None:
        if stage == "upload" and done > 4_000_000 and node.proc:
            node.kill()

    with pytest.raises(NodeUnavailable):
        records.import_file(wallet, src, progress=kill_midway)
    [row] = wallet.db.query("SELECT record, status FROM records")
    assert row["status"] == "encrypted" and wallet.blob_path(row["record"]).exists()
    node.start()
    assert records.resume_pending(wallet) == [row["record"]]
    records.export_record(wallet, row["record"], tmp_path / "back.pdf")
    assert (tmp_path / "back.pdf").read_bytes() == src.read_bytes()
    wallet.close()


def _pdf(path):
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    return path
