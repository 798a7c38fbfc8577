"""The blob a record becomes: what the node stores and the ledger anchors by hash.

Layout, version 2 (written since size classes)::

    8 bytes    magic b"MWBLOB2\\0"
    2 bytes    n = 104, big-endian: length of the wrapped key
    104 bytes  XChaCha20-Poly1305 (nonce, ciphertext, tag) under the wallet's record-key
               wrapping key (derived from the seed), associated data DOMAIN, of 64 bytes:
               the record key, then the original's hash for a share copy or 32 zero bytes
    rest       an MWREC1 stream (.stream) of a plaintext padded to its size class (.padding):
                   4 bytes m | 8 bytes c (both big-endian) | m bytes metadata JSON
                   | c bytes, the file | zero bytes up to size_class(12 + m + c)

Every field before the padding has a fixed size or is the same in a record and its copies
(a copy keeps the original's metadata), so a blob's size depends on its class only: a copy
is exactly as large as its original and as every other record of the class.

Version 1 (still opened, never written): magic b"MWBLOB1\\0", 2-byte n, n bytes wrapped
(the key, plus the original's hash for a copy), then the MWREC1 stream of
``4 bytes m | metadata | the file`` unpadded.

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
from ..errors import FileChanged, FileTooLarge, RecordIntegrityError, UnreadableFile
from ..keys import sodium
from .padding import largest_class_at_most, size_class
from .stream import CancelCheck, Progress, RecordEncryptor, ciphertext_size, decrypt_stream, new_record_key

MAGIC = b"MWBLOB2\x00"
MAGIC_V1 = b"MWBLOB1\x00"
WRAPPED_PLAIN = 64  # record key + original's hash (or zeros)
WRAPPED_BYTES = WRAPPED_PLAIN + sodium.AEAD_OVERHEAD
HEAD_BYTES = len(MAGIC) + 2 + WRAPPED_BYTES
FRAME = struct.Struct(">IQ")
NO_ORIGINAL = bytes(32)
DOMAIN = b"medwallet/record-key/v1"
MAX_META_BYTES = 64 * 1024


@dataclass(frozen=True)
class SealedRecord:
    """An encrypted record on disk: its address (hash), size and key."""

    hash: str
    size: int
    key: bytes


class _Padded(io.RawIOBase):
    """A read-only stream: a prefix, exactly ``size`` bytes of a file, then ``pad`` zero bytes.

    :class:`FileChanged` if the file ends early or has more than ``size`` bytes.
    """

    def __init__(self, prefix: bytes, rest: BinaryIO, size: int, pad: int) -> None:
        self.prefix, self.rest, self.left, self.pad = prefix, rest, size, pad
        self.size, self.checked = size, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # a writable buffer (memoryview), as io.RawIOBase hands it
        if self.prefix:
            n = min(len(buffer), len(self.prefix))
            buffer[:n], self.prefix = self.prefix[:n], self.prefix[n:]
            return n
        if self.left:
            data = self.rest.read(min(len(buffer), self.left))
            if not data:
                raise FileChanged(detail=f"expected {self.size} bytes, read {self.size - self.left}")
            buffer[:len(data)] = data
            self.left -= len(data)
            return len(data)
        if not self.checked:
            self.checked = True
            if self.rest.read(1):
                raise FileChanged(detail=f"expected {self.size} bytes, read more")
        n = min(len(buffer), self.pad)
        buffer[:n] = bytes(n)
        self.pad -= n
        return n


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
        if max_size is not None and size > max_size:
            raise FileTooLarge(detail=f"more than {max_size} bytes")
        self.key = new_record_key()
        wrapped = sodium.aead_encrypt(wrap_key, self.key + (bytes.fromhex(original) if original else NO_ORIGINAL),
                                      DOMAIN)
        self.head = MAGIC + struct.pack(">H", len(wrapped)) + wrapped
        frame = FRAME.pack(len(meta_bytes), size) + meta_bytes
        padded = size_class(len(frame) + size)
        plain = io.BufferedReader(_Padded(frame, source, size, padded - len(frame) - size), 1 << 20)
        self.encryptor = RecordEncryptor(plain, self.key, plaintext_size=padded, progress=progress,
                                         cancel=cancel, prefix=self.head)
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
    """Receives decrypted plaintext: peels off the metadata, forwards the content.

    Version 2 frames the content with its length and pads it with zeros; :meth:`finish`
    checks, once the stream verified, that all of it arrived and the padding is zeros.
    """

    def __init__(self, out: BinaryIO | None, version: int = 2) -> None:
        self.out, self.buf, self.version = out, b"", version
        self.meta: dict[str, Any] | None = None
        self.left: int | None = None  # content bytes still to come (version 2)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:  # bytes-like, as io.RawIOBase hands it
        data = bytes(data)
        size = len(data)
        if self.meta is None:
            self.buf += data
            frame = 4 if self.version == 1 else FRAME.size
            if len(self.buf) < frame:
                return size
            (length,) = struct.unpack(">I", self.buf[:4])
            if length > MAX_META_BYTES:
                raise RecordIntegrityError(detail="metadata length out of range")
            if len(self.buf) < frame + length:
                return size
            if self.version == 2:
                self.left = FRAME.unpack(self.buf[:FRAME.size])[1]
            self.meta = _parse_meta(self.buf[frame:frame + length])
            data, self.buf = self.buf[frame + length:], b""
            if self.out is None:
                raise _MetaOnly()
        if self.left is not None:
            data, padding = data[:self.left], data[self.left:]
            self.left -= len(data)
            if padding.count(0) != len(padding):
                raise RecordIntegrityError(detail="record padding is not zeros")
        if self.out is not None and data:
            self.out.write(data)
        return size

    def finish(self) -> dict[str, Any]:
        """The metadata, once the whole plaintext arrived; :class:`RecordIntegrityError` if not."""
        if self.meta is None:
            raise RecordIntegrityError(detail="record metadata missing")
        if self.left:
            raise RecordIntegrityError(detail="record content shorter than its frame says")
        return self.meta


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


def _read_head(src: BinaryIO) -> tuple[int, bytes]:
    """The blob's version and wrapped key."""
    head = src.read(10)
    if len(head) != 10 or head[:8] not in (MAGIC, MAGIC_V1):
        raise RecordIntegrityError(detail="not a Medwallet record blob")
    version = 2 if head[:8] == MAGIC else 1
    (n,) = struct.unpack(">H", head[8:])
    if version == 2 and n != WRAPPED_BYTES:
        raise RecordIntegrityError(detail="bad wrapped key length")
    wrapped = src.read(n)
    if len(wrapped) != n:
        raise RecordIntegrityError(detail="truncated record blob")
    return version, wrapped


def unwrap_key(src_path: Path, wrap_key: bytes) -> tuple[bytes, str | None]:
    """The record key of a blob of one's own, and the original it copies (if any)."""
    with open(src_path, "rb") as src:
        _, wrapped = _read_head(src)
    try:
        plain = sodium.aead_decrypt(wrap_key, wrapped, DOMAIN)
    except Exception:
        raise RecordIntegrityError(detail="the record key does not open with this wallet's keys") from None
    original = plain[32:64]
    return plain[:32], (original.hex() if len(original) == 32 and original != NO_ORIGINAL else None)


def open_record(src_path: Path, key: bytes, dst: Path | None, *, expected_hash: str | None = None,
                progress: Progress | None = None, cancel: CancelCheck | None = None) -> dict[str, Any]:
    """Decrypt a record blob; writes the content to ``dst`` (atomic) and returns its metadata.

    With ``dst=None`` only the metadata is read (the first chunk), without a full check.
    """
    with open(src_path, "rb") as raw:
        reader = _HashingReader(raw)
        buffered = io.BufferedReader(reader, 1 << 20)
        version, _ = _read_head(buffered)
        if dst is None:
            splitter = _MetaSplitter(None, version)
            try:
                decrypt_stream(buffered, splitter, key)
            except _MetaOnly:
                pass
            if splitter.meta is None:
                raise RecordIntegrityError(detail="record metadata missing")
            return splitter.meta
        with atomic_output(dst) as out:
            splitter = _MetaSplitter(out, version)
            decrypt_stream(buffered, splitter, key, progress, cancel)
            meta = splitter.finish()
            if expected_hash is not None and reader.hasher.hexdigest() != expected_hash:
                raise RecordIntegrityError(detail="record bytes do not match their ledger hash")
    return meta


def decrypt_content(src_path: Path, key: bytes, sink: BinaryIO) -> dict[str, Any]:
    """Stream a record's content (metadata and padding peeled off) into ``sink``; returns the metadata.

    Unlike :func:`open_record` the output is not staged in a file: used to re-encrypt
    through a pipe so plaintext never reaches the disk.
    """
    with open(src_path, "rb") as raw:
        buffered = io.BufferedReader(_HashingReader(raw), 1 << 20)
        version, _ = _read_head(buffered)
        splitter = _MetaSplitter(sink, version)
        decrypt_stream(buffered, splitter, key)
    return splitter.finish()


def blob_size(meta_bytes: int, content_bytes: int) -> int:
    """The size of a version-2 blob of ``content_bytes`` with ``meta_bytes`` of metadata JSON."""
    return HEAD_BYTES + ciphertext_size(size_class(FRAME.size + meta_bytes + content_bytes))


def largest_plaintext(max_blob_bytes: int) -> int:
    """The largest padded plaintext (a size class) whose blob fits in ``max_blob_bytes``."""
    plain = max_blob_bytes - HEAD_BYTES
    while plain > 0 and HEAD_BYTES + ciphertext_size(plain) > max_blob_bytes:
        plain -= HEAD_BYTES + ciphertext_size(plain) - max_blob_bytes
    return largest_class_at_most(plain)
