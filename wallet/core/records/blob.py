"""The blob a record becomes: what the node stores and the ledger anchors by hash.

Layout::

    8 bytes    magic b"MWBLOB1\\0"
    2 bytes    n, big-endian: length of the wrapped record key
    n bytes    the record key, XChaCha20-Poly1305 under the wallet's record-key
               wrapping key (derived from the seed), associated data DOMAIN
    rest       an MWREC1 stream (.stream) of:
                   4 bytes  m, big-endian    | m bytes metadata JSON | the file's bytes

The wrapped key lets a wallet restored from its 24 words alone decrypt its records; a
clinic gets the bare record key from the consent's key envelope instead. Metadata
(title, file name, media type, FHIR type, date) travels encrypted with the content so
it is restored too, and the node learns nothing from it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..atomic_file import atomic_output
from ..errors import RecordIntegrityError, UnreadableFile
from ..keys import sodium
from .stream import CancelCheck, Progress, RecordEncryptor, decrypt_stream, new_record_key

MAGIC = b"MWBLOB1\x00"
DOMAIN = b"medwallet/record-key/v1"
MAX_META_BYTES = 64 * 1024


@dataclass(frozen=True)
class SealedRecord:
    """An encrypted record on disk: its address (hash), size and key."""

    hash: str
    size: int
    key: bytes


class _Chain(io.RawIOBase):
    """A read-only stream of a prefix followed by a file."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self.prefix, self.rest = prefix, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # a writable buffer (memoryview), as io.RawIOBase hands it
        if self.prefix:
            n = min(len(buffer), len(self.prefix))
            buffer[:n], self.prefix = self.prefix[:n], self.prefix[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def seal_record(src: Path, meta: dict[str, Any], wrap_key: bytes, dst: Path, *, progress: Progress | None = None,
                cancel: CancelCheck | None = None, max_size: int | None = None, original: str | None = None
                ) -> SealedRecord:
    """Encrypt the file ``src`` with ``meta`` under a fresh key into ``dst`` (atomic)."""
    with open_source(src) as source:
        size = os.fstat(source.fileno()).st_size
        return seal_stream(source, size, meta, wrap_key, dst, progress=progress, cancel=cancel,
                           max_size=max_size, original=original)


def open_source(path: Path) -> BinaryIO:
    """A file to seal, opened (:class:`UnreadableFile` if it cannot be)."""
    try:
        return open(path, "rb")
    except OSError as exc:
        raise UnreadableFile(detail=type(exc).__name__) from None


def seal_stream(source: BinaryIO, size: int, meta: dict[str, Any], wrap_key: bytes, dst: Path, *,
                progress: Progress | None = None, cancel: CancelCheck | None = None,
                max_size: int | None = None, original: str | None = None, durable: bool = True) -> SealedRecord:
    """Encrypt ``size`` bytes read from ``source`` into ``dst`` (atomic); ``original`` (a
    share copy's source record) is kept inside the wrapped key, readable by the patient only.
    ``durable=False``: the caller syncs (:func:`~wallet.core.atomic_file.sync_files`)."""
    sealer = Sealer(source, size, meta, wrap_key, progress=progress, cancel=cancel, max_size=max_size,
                    original=original)
    with atomic_output(dst, durable=durable) as out:
        for piece in sealer:
            out.write(piece)
    assert sealer.result is not None  # set once the last piece is out
    return sealer.result


class Sealer:
    """Iterate to get a record blob piece by piece; :attr:`result` is set at the end.

    :attr:`size` is known before the first byte, so the blob can be streamed to a node
    (with a Content-Length) while it is being encrypted.
    """

    def __init__(self, source: BinaryIO, size: int, meta: dict[str, Any], wrap_key: bytes, *,
                 progress: Progress | None = None, cancel: CancelCheck | None = None,
                 max_size: int | None = None, original: str | None = None) -> None:
        meta_bytes = json.dumps(meta, sort_keys=True, ensure_ascii=False).encode()
        if len(meta_bytes) > MAX_META_BYTES:
            raise UnreadableFile(detail="record metadata too large")
        self.key = new_record_key()
        wrapped = sodium.aead_encrypt(wrap_key, self.key + (bytes.fromhex(original) if original else b""), DOMAIN)
        self.head = MAGIC + struct.pack(">H", len(wrapped)) + wrapped
        meta_prefix = struct.pack(">I", len(meta_bytes)) + meta_bytes
        plain = io.BufferedReader(_Chain(meta_prefix, source), 1 << 20)
        self.encryptor = RecordEncryptor(plain, self.key, plaintext_size=len(meta_prefix) + size, progress=progress,
                                         cancel=cancel, prefix=self.head,
                                         max_plaintext_size=(max_size + len(meta_prefix)) if max_size else None)
        self.size = self.encryptor.ciphertext_size or 0
        self.result: SealedRecord | None = None

    def __iter__(self) -> Iterator[bytes]:
        yield from self.encryptor
        result = self.encryptor.result
        assert result is not None
        self.result = SealedRecord(result.ciphertext_sha256_hex, result.ciphertext_size, self.key)


class _HashingReader(io.RawIOBase):
    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.hasher = raw, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # a writable buffer (memoryview)
        data = self.raw.read(len(buffer))
        self.hasher.update(data)
        buffer[:len(data)] = data
        return len(data)


class _MetaSplitter(io.RawIOBase):
    """Receives decrypted plaintext: peels off the metadata, forwards the content."""

    def __init__(self, out: BinaryIO | None) -> None:
        self.out, self.buf = out, b""
        self.meta: dict[str, Any] | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:  # bytes-like, as io.RawIOBase hands it
        data = bytes(data)
        if self.meta is None:
            self.buf += data
            if len(self.buf) < 4:
                return len(data)
            (length,) = struct.unpack(">I", self.buf[:4])
            if length > MAX_META_BYTES:
                raise RecordIntegrityError(detail="metadata length out of range")
            if len(self.buf) < 4 + length:
                return len(data)
            self.meta = _parse_meta(self.buf[4:4 + length])
            data, self.buf = self.buf[4 + length:], b""
            if self.out is None:
                raise _MetaOnly()
        if self.out is not None and data:
            self.out.write(data)
        return len(data)


class _MetaOnly(Exception):
    pass


def _parse_meta(raw: bytes) -> dict[str, Any]:
    try:
        meta = json.loads(raw)
        if not isinstance(meta, dict):
            raise ValueError
        return meta
    except ValueError:
        raise RecordIntegrityError(detail="record metadata is not readable") from None


def _read_head(src: BinaryIO) -> bytes:
    head = src.read(10)
    if len(head) != 10 or head[:8] != MAGIC:
        raise RecordIntegrityError(detail="not a Medwallet record blob")
    (n,) = struct.unpack(">H", head[8:])
    wrapped = src.read(n)
    if len(wrapped) != n:
        raise RecordIntegrityError(detail="truncated record blob")
    return wrapped


def unwrap_key(src_path: Path, wrap_key: bytes) -> tuple[bytes, str | None]:
    """The record key of a blob of one's own, and the original it copies (if any)."""
    with open(src_path, "rb") as src:
        wrapped = _read_head(src)
    try:
        plain = sodium.aead_decrypt(wrap_key, wrapped, DOMAIN)
    except Exception:
        raise RecordIntegrityError(detail="the record key does not open with this wallet's keys") from None
    return plain[:32], (plain[32:64].hex() if len(plain) >= 64 else None)


def open_record(src_path: Path, key: bytes, dst: Path | None, *, expected_hash: str | None = None,
                progress: Progress | None = None, cancel: CancelCheck | None = None) -> dict[str, Any]:
    """Decrypt a record blob; writes the content to ``dst`` (atomic) and returns its metadata.

    With ``dst=None`` only the metadata is read (the first chunk), without a full check.
    """
    with open(src_path, "rb") as raw:
        reader = _HashingReader(raw)
        buffered = io.BufferedReader(reader, 1 << 20)
        _read_head(buffered)
        if dst is None:
            splitter = _MetaSplitter(None)
            try:
                decrypt_stream(buffered, splitter, key)
            except _MetaOnly:
                pass
            if splitter.meta is None:
                raise RecordIntegrityError(detail="record metadata missing")
            return splitter.meta
        with atomic_output(dst) as out:
            splitter = _MetaSplitter(out)
            decrypt_stream(buffered, splitter, key, progress, cancel)
            if splitter.meta is None:
                raise RecordIntegrityError(detail="record metadata missing")
            if expected_hash is not None and reader.hasher.hexdigest() != expected_hash:
                raise RecordIntegrityError(detail="record bytes do not match their ledger hash")
    return splitter.meta


def decrypt_content(src_path: Path, key: bytes, sink: BinaryIO) -> dict[str, Any]:
    """Stream a record's content (metadata peeled off) into ``sink``; returns the metadata.

    Unlike :func:`open_record` the output is not staged in a file: used to re-encrypt
    through a pipe so plaintext never reaches the disk.
    """
    with open(src_path, "rb") as raw:
        buffered = io.BufferedReader(_HashingReader(raw), 1 << 20)
        _read_head(buffered)
        splitter = _MetaSplitter(sink)
        decrypt_stream(buffered, splitter, key)
    if splitter.meta is None:
        raise RecordIntegrityError(detail="record metadata missing")
    return splitter.meta
