"""wallet.core.record_crypto: the MWREC1 format, integrity, streaming, atomic output."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.core.errors import Cancelled, FileChanged, FileTooLarge, RecordIntegrityError, UnreadableFile
from wallet.core.records import stream as rc

KEY = bytes(range(32))
MIB = 1 << 20
VECTORS = json.loads((Path(__file__).resolve().parents[3] / "data" / "record_vectors.json").read_text())


@contextmanager
def small_chunks(size: int = 64) -> Iterator[None]:
    """Shrink the chunk size so multi-chunk cases stay tiny (the format logic is size-agnostic)."""
    with mock.patch.multiple(rc, CHUNK_SIZE=size, _CIPHER_CHUNK=size + rc.CHUNK_OVERHEAD):
        yield


def encrypt(data: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    result = rc.encrypt_stream(io.BytesIO(data), out, key)
    assert result.ciphertext_size == len(out.getvalue())
    return out.getvalue()


def decrypt(blob: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    rc.decrypt_stream(io.BytesIO(blob), out, key)
    return out.getvalue()


class Trickle(io.RawIOBase):
    """A stream that returns at most 1,000 bytes per read, like a pipe or a socket."""

    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = 1000 if size < 0 else min(size, 1000)
        chunk = self._data[self._pos : self._pos + size]
        self._pos += len(chunk)
        return chunk


def test_golden_records_still_decrypt() -> None:
    for vector in VECTORS["vectors"]:
        blob = bytes.fromhex(vector["ciphertext_hex"])
        out = io.BytesIO()
        result = rc.decrypt_stream(io.BytesIO(blob), out, bytes.fromhex(vector["key_hex"]),
                                   expected_sha256_hex=vector["ciphertext_sha256_hex"])
        assert out.getvalue().hex() == vector["plaintext_hex"]
        assert result.ciphertext_size == len(blob)


@pytest.mark.parametrize("size", [0, 1, MIB - 1, MIB, MIB + 1, 2 * MIB, 3 * MIB + 5])
def test_round_trip_at_chunk_boundaries(size: int) -> None:
    data = os.urandom(size)
    blob = encrypt(data)
    assert blob.startswith(rc.MAGIC)
    assert len(blob) == rc.ciphertext_size(size)
    assert decrypt(blob) == data


def test_layout_is_as_documented() -> None:
    assert rc.MAGIC == b"MWREC1\0\0" and rc.PREFIX_BYTES == 32 and rc.CHUNK_SIZE == MIB
    assert rc.ciphertext_size(0) == 32 + 17
    assert rc.ciphertext_size(MIB) == 32 + MIB + 2 * 17


@given(st.binary(max_size=700))
def test_round_trip_property(data: bytes) -> None:
    with small_chunks():
        blob = encrypt(data)
        assert len(blob) == rc.ciphertext_size(len(data))
        assert rc.plaintext_size_for(len(blob)) == len(data)
        assert decrypt(blob) == data


@given(st.integers(0, 10**12))
def test_size_functions_are_inverse(size: int) -> None:
    assert rc.plaintext_size_for(rc.ciphertext_size(size)) == size


@pytest.mark.parametrize("size", [0, 31, 32, 48, 32 + 17 + MIB])
def test_impossible_sizes_are_refused(size: int) -> None:
    with pytest.raises(RecordIntegrityError):
        rc.plaintext_size_for(size)


@settings(max_examples=300)
@given(st.binary(max_size=300), st.data())
def test_any_flipped_bit_is_detected(data: bytes, draw: st.DataObject) -> None:
    with small_chunks():
        blob = bytearray(encrypt(data))
        position = draw.draw(st.integers(0, len(blob) - 1))
        blob[position] ^= 1 << draw.draw(st.integers(0, 7))
        with pytest.raises(RecordIntegrityError):
            decrypt(bytes(blob))


@settings(max_examples=200)
@given(st.binary(max_size=300), st.data())
def test_any_truncation_is_detected(data: bytes, draw: st.DataObject) -> None:
    with small_chunks():
        blob = encrypt(data)
        cut = draw.draw(st.integers(0, len(blob) - 1))
        with pytest.raises(RecordIntegrityError):
            decrypt(blob[:cut])


@given(st.binary(min_size=1, max_size=64))
def test_trailing_data_is_detected(extra: bytes) -> None:
    with pytest.raises(RecordIntegrityError):
        decrypt(encrypt(b"record") + extra)


def _chunks(blob: bytes, size: int) -> tuple[bytes, list[bytes]]:
    step = size + rc.CHUNK_OVERHEAD
    body = blob[rc.PREFIX_BYTES :]
    return blob[: rc.PREFIX_BYTES], [body[i : i + step] for i in range(0, len(body), step)]


def test_reordered_dropped_and_duplicated_chunks_are_detected() -> None:
    with small_chunks(64):
        prefix, chunks = _chunks(encrypt(os.urandom(64 * 4 + 10)), 64)
        assert len(chunks) == 5
        variants = [
            chunks[:1] + [chunks[2], chunks[1]] + chunks[3:],  # swapped
            chunks[:2] + chunks[3:],  # one dropped
            chunks[:2] + [chunks[1]] + chunks[2:],  # one duplicated
            chunks[:-1],  # final chunk missing, cut at a chunk boundary
        ]
        for variant in variants:
            with pytest.raises(RecordIntegrityError):
                decrypt(prefix + b"".join(variant))


def test_chunks_from_another_record_are_detected() -> None:
    with small_chunks(64):
        data = os.urandom(200)
        prefix_a, chunks_a = _chunks(encrypt(data), 64)
        _, chunks_b = _chunks(encrypt(data), 64)
        with pytest.raises(RecordIntegrityError):
            decrypt(prefix_a + chunks_a[0] + chunks_b[1] + b"".join(chunks_a[2:]))


def test_wrong_key_and_bad_magic() -> None:
    blob = encrypt(b"hello")
    with pytest.raises(RecordIntegrityError):
        decrypt(blob, key=bytes(32))
    with pytest.raises(RecordIntegrityError):
        decrypt(b"MWREC2\0\0" + blob[8:])
    with pytest.raises(RecordIntegrityError):
        decrypt(b"")


def test_every_record_has_its_own_stream_header() -> None:
    assert encrypt(b"same")[:32] != encrypt(b"same")[:32]
    assert rc.new_record_key() != rc.new_record_key()


def test_generator_form_matches_and_knows_its_size_in_advance() -> None:
    data = os.urandom(2 * MIB + 3)
    encryptor = rc.encrypt_chunks(io.BytesIO(data), KEY, plaintext_size=len(data))
    assert encryptor.ciphertext_size == rc.ciphertext_size(len(data))
    assert encryptor.result is None
    pieces = list(encryptor)
    blob = b"".join(pieces)
    assert all(len(p) <= rc.CHUNK_SIZE + rc.CHUNK_OVERHEAD for p in pieces)
    assert encryptor.result == rc.EncryptResult(hashlib.sha256(blob).hexdigest(), len(blob), len(data))
    assert decrypt(blob) == data


@pytest.mark.parametrize("claimed", [9, 11])
def test_source_that_changed_size_is_refused(claimed: int) -> None:
    with pytest.raises(FileChanged):
        list(rc.encrypt_chunks(io.BytesIO(b"0123456789"), KEY, plaintext_size=claimed))


def test_size_limit() -> None:
    with pytest.raises(FileTooLarge):
        rc.encrypt_stream(io.BytesIO(b"x" * 100), io.BytesIO(), KEY, max_plaintext_size=99)
    with pytest.raises(FileTooLarge):
        rc.RecordEncryptor(io.BytesIO(), KEY, plaintext_size=100, max_plaintext_size=99)
    rc.encrypt_stream(io.BytesIO(b"x" * 99), io.BytesIO(), KEY, max_plaintext_size=99)


def test_short_reads_from_pipes_are_handled() -> None:
    data = os.urandom(MIB + 12345)
    out = io.BytesIO()
    rc.encrypt_stream(Trickle(data), out, KEY)  # type: ignore[arg-type]
    assert len(out.getvalue()) == rc.ciphertext_size(len(data))
    plain = io.BytesIO()
    rc.decrypt_stream(Trickle(out.getvalue()), plain, KEY)  # type: ignore[arg-type]
    assert plain.getvalue() == data


def test_progress_reports_plaintext_bytes() -> None:
    data = os.urandom(2 * MIB + 1)
    seen: list[tuple[int, int | None]] = []
    blob = io.BytesIO()
    rc.encrypt_stream(io.BytesIO(data), blob, KEY, progress=lambda d, t: seen.append((d, t)),
                      plaintext_size=len(data))
    assert seen == [(MIB, len(data)), (2 * MIB, len(data)), (len(data), len(data))]
    seen.clear()
    rc.decrypt_stream(io.BytesIO(blob.getvalue()), io.BytesIO(), KEY,
                      progress=lambda d, t: seen.append((d, t)), total_size=len(blob.getvalue()))
    assert seen[-1] == (len(data), len(data))


def test_expected_hash_is_checked() -> None:
    blob = encrypt(b"record")
    digest = hashlib.sha256(blob).hexdigest()
    out = io.BytesIO()
    assert rc.decrypt_stream(io.BytesIO(blob), out, KEY, expected_sha256_hex=digest.upper()).plaintext_size == 6
    with pytest.raises(RecordIntegrityError):
        rc.decrypt_stream(io.BytesIO(blob), io.BytesIO(), KEY, expected_sha256_hex="00" * 32)


def test_files_round_trip_and_leave_no_temporary_files(tmp_path: Path) -> None:
    source, sealed, opened = tmp_path / "scan.pdf", tmp_path / "scan.mwrec", tmp_path / "out.pdf"
    source.write_bytes(os.urandom(MIB + 7))
    result = rc.encrypt_file(source, sealed, KEY)
    assert result.ciphertext_sha256_hex == hashlib.sha256(sealed.read_bytes()).hexdigest()
    assert sealed.stat().st_mode & 0o777 == 0o600
    rc.decrypt_file(sealed, opened, KEY, expected_sha256_hex=result.ciphertext_sha256_hex)
    assert opened.read_bytes() == source.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "scan.mwrec", "scan.pdf"]


def test_damaged_record_file_produces_no_output(tmp_path: Path) -> None:
    sealed, opened = tmp_path / "r.mwrec", tmp_path / "out.pdf"
    blob = bytearray(encrypt(os.urandom(2 * MIB + 1)))
    blob[-5] ^= 1  # the last chunk: everything before it verified and was written to the temp file
    sealed.write_bytes(bytes(blob))
    with pytest.raises(RecordIntegrityError):
        rc.decrypt_file(sealed, opened, KEY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.mwrec"]


def test_cancel_stops_and_cleans_up(tmp_path: Path) -> None:
    source = tmp_path / "big"
    source.write_bytes(os.urandom(3 * MIB))
    calls = iter([False, True])
    with pytest.raises(Cancelled):
        rc.encrypt_file(source, tmp_path / "big.mwrec", KEY, cancel=lambda: next(calls))
    rc.encrypt_file(source, tmp_path / "big.mwrec", KEY)
    calls = iter([False, False, True])
    with pytest.raises(Cancelled):
        rc.decrypt_file(tmp_path / "big.mwrec", tmp_path / "big.out", KEY, cancel=lambda: next(calls))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "big.mwrec"]


def test_missing_source_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile):
        rc.encrypt_file(tmp_path / "absent", tmp_path / "x", KEY)
    with pytest.raises(UnreadableFile):
        rc.decrypt_file(tmp_path / "absent", tmp_path / "x", KEY)


def test_memory_stays_constant() -> None:
    """32 MiB through the generator never holds more than a few chunks at once."""

    class Zeros(io.RawIOBase):
        def __init__(self, size: int) -> None:
            self.left = size

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            size = min(size, self.left)
            self.left -= size
            return bytes(size)

    tracemalloc.start()
    try:
        for _ in rc.encrypt_chunks(Zeros(32 * MIB), KEY):  # type: ignore[arg-type]
            pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MIB
