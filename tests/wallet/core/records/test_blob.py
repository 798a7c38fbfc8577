"""The record blob, version 2: padded to its class inside the encryption; version 1 still opens."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wallet.core.errors import FileChanged, FileTooLarge, RecordIntegrityError
from wallet.core.records import blob, padding
from wallet.core.records.stream import ciphertext_size

DATA = Path(__file__).parents[3] / "data"
WRAP = bytes(range(32))
META = {"title": "Discharge letter", "filename": "letter.pdf", "media_type": "application/pdf",
        "category": "document", "fhir_type": None, "record_date": "2024-05-02", "size": 0}


def _seal(tmp_path: Path, content: bytes, original: str | None = None,
          name: str = "b") -> tuple[blob.SealedRecord, Path]:
    dst = tmp_path / name
    meta = {**META, "size": len(content)}
    return blob.seal_stream(io.BytesIO(content), len(content), meta, WRAP, dst, original=original), dst


def test_a_record_round_trips_and_its_size_is_its_class(tmp_path: Path) -> None:
    content = b"%PDF-1.7 " + bytes(range(256)) * 40
    sealed, path = _seal(tmp_path, content)
    assert path.read_bytes()[:8] == blob.MAGIC
    meta_len = len(json.dumps({**META, "size": len(content)}, sort_keys=True).encode())
    assert sealed.size == path.stat().st_size == blob.blob_size(meta_len, len(content))
    plain = padding.size_class(blob.FRAME.size + meta_len + len(content))
    assert sealed.size == blob.HEAD_BYTES + ciphertext_size(plain)
    key, original = blob.unwrap_key(path, WRAP)
    assert key == sealed.key and original is None
    out = tmp_path / "out"
    assert blob.open_record(path, key, out, expected_hash=sealed.hash)["title"] == META["title"]
    assert out.read_bytes() == content
    sink = io.BytesIO()
    blob.decrypt_content(path, key, sink)
    assert sink.getvalue() == content
    assert blob.open_record(path, key, None)["filename"] == "letter.pdf"


def test_a_copy_is_exactly_as_large_as_its_original(tmp_path: Path) -> None:
    content = b"x" * 12345
    original, _ = _seal(tmp_path, content, name="o")
    copy, path = _seal(tmp_path, content, original=original.hash, name="c")
    assert copy.size == original.size and copy.hash != original.hash
    assert blob.unwrap_key(path, WRAP)[1] == original.hash


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=300_000))
def test_every_size_is_a_class_and_content_survives(tmp_path: Path, size: int) -> None:
    content = hashlib.sha256(str(size).encode()).digest() * (size // 32) + b"z" * (size % 32)
    sealed, path = _seal(tmp_path, content, name=f"p{size}")
    sizes_of_class = blob.HEAD_BYTES + ciphertext_size(padding.size_class(sealed.size - blob.HEAD_BYTES - 32 - 17))
    assert sealed.size == sizes_of_class
    out = tmp_path / f"o{size}"
    blob.open_record(path, sealed.key, out, expected_hash=sealed.hash)
    assert out.read_bytes() == content


def test_sizes_in_one_class_give_one_blob_size(tmp_path: Path) -> None:
    sizes = {_seal(tmp_path, b"a" * n, name=str(n))[0].size for n in (21_000, 22_000, 23_000, 24_000)}
    assert len(sizes) == 1


def test_a_file_that_changes_while_sealed_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileChanged):
        blob.seal_stream(io.BytesIO(b"short"), 10, META, WRAP, tmp_path / "a")
    with pytest.raises(FileChanged):
        blob.seal_stream(io.BytesIO(b"longer than said"), 4, META, WRAP, tmp_path / "b")
    with pytest.raises(FileChanged):
        blob.seal_stream(io.BytesIO(b"x"), 0, META, WRAP, tmp_path / "c")
    with pytest.raises(FileTooLarge):
        blob.seal_stream(io.BytesIO(b"x" * 10), 10, META, WRAP, tmp_path / "d", max_size=5)
    assert not list(tmp_path.iterdir())


def test_altered_or_foreign_blobs_are_refused(tmp_path: Path) -> None:
    sealed, path = _seal(tmp_path, b"secret")
    raw = bytearray(path.read_bytes())
    raw[-30] ^= 1
    bad = tmp_path / "bad"
    bad.write_bytes(bytes(raw))
    with pytest.raises(RecordIntegrityError):
        blob.open_record(bad, sealed.key, tmp_path / "out")
    wrong_len = tmp_path / "len"
    wrong_len.write_bytes(blob.MAGIC + b"\x00\x10" + bytes(path.read_bytes()[10:]))
    with pytest.raises(RecordIntegrityError):
        blob.unwrap_key(wrong_len, WRAP)
    with pytest.raises(RecordIntegrityError):
        blob.unwrap_key(path, bytes(32))


def test_blobs_of_the_largest_record_fit_the_network_limit() -> None:
    for limit in (64 << 20, 100 << 20, 10 << 20, 1 << 16):
        plain = blob.largest_plaintext(limit)
        assert padding.size_class(plain) == plain
        assert blob.HEAD_BYTES + ciphertext_size(plain) <= limit
        bigger = padding.size_class(plain + 1)
        assert blob.HEAD_BYTES + ciphertext_size(bigger) > limit


@pytest.mark.parametrize("index", [0, 1])
def test_version_1_blobs_written_before_size_classes_still_open(tmp_path: Path, index: int) -> None:
    vectors = json.loads((DATA / "blob_v1_vectors.json").read_text())
    vector = vectors["vectors"][index]
    path = tmp_path / "v1"
    path.write_bytes(bytes.fromhex(vector["blob_hex"]))
    assert path.read_bytes()[:8] == blob.MAGIC_V1
    key, original = blob.unwrap_key(path, bytes.fromhex(vectors["wrap_key_hex"]))
    assert key.hex() == vector["key_hex"] and original == vector["original"]
    out = tmp_path / "out"
    assert blob.open_record(path, key, out, expected_hash=vector["hash"]) == vector["meta"]
    assert out.read_bytes().hex() == vector["content_hex"]
    sink = io.BytesIO()
    assert blob.decrypt_content(path, key, sink) == vector["meta"]
    assert sink.getvalue().hex() == vector["content_hex"]
