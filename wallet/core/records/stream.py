"""Streaming record encryption: a fresh key per record, constant memory, any size.

Format ``MWREC1`` (all chunk boundaries follow from the plaintext size alone)::

    offset 0    8 bytes   magic b"MWREC1\\0\\0"
    offset 8   24 bytes   secretstream (XChaCha20-Poly1305) header
    offset 32   chunks    n = P // CHUNK_SIZE + 1 chunks, each = ciphertext of its plaintext
                          + 17 bytes (1 encrypted tag byte + 16-byte MAC)
                          chunks 1..n-1: exactly CHUNK_SIZE plaintext bytes, TAG_MESSAGE
                          chunk n:       P % CHUNK_SIZE bytes (0 allowed), TAG_FINAL

So ``ciphertext_size(P) = 32 + P + 17 * (P // CHUNK_SIZE + 1)`` is known before encrypting,
which lets an upload send Content-Length while streaming. The final chunk is always shorter
than CHUNK_SIZE, so the encryptor never needs to read ahead to know which chunk is the last.
secretstream numbers its chunks internally, so a reordered, dropped, duplicated or altered
chunk fails authentication; a missing TAG_FINAL (truncation) or bytes after it are refused.

CHUNK_SIZE is 1 MiB. Measured on the 2-core reference machine, memory to memory, encrypt
including the ciphertext SHA-256 (best of 3): 64 KiB chunks 0.87 GB/s, 256 KiB 1.10 GB/s,
1 MiB 1.17 GB/s; repeated runs of 1 MiB give 0.75-1.2 GB/s encrypt and 1.2 GB/s decrypt, and
never below 0.55 GB/s even when the second core is busy. File to file with fsync: 0.26-0.63
GB/s, bounded by the disk. Memory stays at a few MiB per stream (a test checks < 8 MiB).
Changing the chunk size changes the format and needs a new magic.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from ..atomic_file import atomic_output
from ..errors import Cancelled, CryptoError, FileChanged, FileTooLarge, RecordIntegrityError, UnreadableFile
from ..keys import sodium

MAGIC = b"MWREC1\x00\x00"
CHUNK_SIZE = 1 << 20
PREFIX_BYTES = len(MAGIC) + sodium.STREAM_HEADER_BYTES
CHUNK_OVERHEAD = sodium.STREAM_ABYTES
_CIPHER_CHUNK = CHUNK_SIZE + CHUNK_OVERHEAD

Progress = Callable[[int, int | None], None]  # (plaintext bytes done, total or None)
CancelCheck = Callable[[], bool]  # True to stop; threading.Event().is_set fits


class Sink(Protocol):
    """Where decrypted bytes go: a binary file, or any object with a ``write``."""

    def write(self, data: bytes, /) -> object: ...


@dataclass(frozen=True)
class EncryptResult:
    """What the ledger needs to address and anchor an encrypted record."""

    ciphertext_sha256_hex: str
    ciphertext_size: int
    plaintext_size: int


@dataclass(frozen=True)
class DecryptResult:
    """Sizes and ciphertext hash of a record that decrypted and verified completely."""

    ciphertext_sha256_hex: str
    ciphertext_size: int
    plaintext_size: int


def new_record_key() -> bytes:
    """A fresh random 32-byte key; every record gets its own."""
    return sodium.random_bytes(sodium.KEY_BYTES)


def ciphertext_size(plaintext_size: int) -> int:
    """Exact size of the encrypted record for ``plaintext_size`` bytes of plaintext."""
    if plaintext_size < 0:
        raise ValueError("size must be >= 0")
    return PREFIX_BYTES + plaintext_size + CHUNK_OVERHEAD * (plaintext_size // CHUNK_SIZE + 1)


def plaintext_size_for(ciphertext_size: int) -> int:
    """Inverse of :func:`ciphertext_size`; :class:`RecordIntegrityError` if no plaintext fits."""
    body = ciphertext_size - PREFIX_BYTES
    full, rest = divmod(body, _CIPHER_CHUNK)
    if body < CHUNK_OVERHEAD or rest < CHUNK_OVERHEAD:
        raise RecordIntegrityError(detail=f"impossible record size {ciphertext_size}")
    return full * CHUNK_SIZE + rest - CHUNK_OVERHEAD


class RecordEncryptor:
    """Iterate to get the encrypted record piece by piece (magic+header first, then chunks).

    Feed it straight to an HTTP upload (iterate once); :attr:`result` is set when iteration
    completes.
    ``plaintext_size``, when given, is enforced (:class:`FileChanged` if the source grows or
    shrinks) and makes :attr:`ciphertext_size` available up front.
    """

    def __init__(
        self,
        src: BinaryIO,
        key: bytes,
        *,
        plaintext_size: int | None = None,
        max_plaintext_size: int | None = None,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
        prefix: bytes = b"",
    ) -> None:
        if plaintext_size is not None and max_plaintext_size is not None:
            _check_limit(plaintext_size, max_plaintext_size)
        # ``prefix``: bytes a container format puts before the stream (the record blob's head);
        # emitted first and covered by the result's hash and size, so the whole output is
        # hashed once, on the worker thread.
        self._prefix = prefix
        self._src, self._key = src, key
        self._expected, self._limit = plaintext_size, max_plaintext_size
        self._progress, self._cancel = progress, cancel
        self.result: EncryptResult | None = None

    @property
    def ciphertext_size(self) -> int | None:
        """Size of the whole output, if the plaintext size was given."""
        return None if self._expected is None else len(self._prefix) + ciphertext_size(self._expected)

    def __iter__(self) -> Iterator[bytes]:
        done, out_size = 0, 0
        with _PipelinedHash() as hasher:
            if self._prefix:
                hasher.update(self._prefix)
                out_size += len(self._prefix)
                yield self._prefix
            for piece, consumed in self._pieces():
                hasher.update(piece)
                out_size += len(piece)
                done = consumed
                yield piece
            self.result = EncryptResult(hasher.hexdigest(), out_size, done)

    def _pieces(self) -> Iterator[tuple[bytes, int]]:
        """(ciphertext piece, plaintext bytes consumed so far)."""
        state, header = sodium.stream_init_push(self._key)
        yield MAGIC + header, 0
        done, final = 0, False
        while not final:
            _check_cancel(self._cancel)
            chunk = _read_full(self._src, CHUNK_SIZE)
            final = len(chunk) < CHUNK_SIZE
            done += len(chunk)
            self._check_size(done, final)
            yield sodium.stream_push(state, chunk, final=final), done
            if self._progress:
                self._progress(done, self._expected)

    def _check_size(self, done: int, final: bool) -> None:
        if self._limit is not None:
            _check_limit(done, self._limit)
        expected = self._expected
        if expected is not None and (done > expected or (final and done != expected)):
            raise FileChanged(detail=f"expected {expected} bytes, read {done}")


def encrypt_chunks(
    src: BinaryIO,
    key: bytes,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    plaintext_size: int | None = None,
    max_plaintext_size: int | None = None,
) -> RecordEncryptor:
    """The generator form of :func:`encrypt_stream`: iterate it for the ciphertext pieces."""
    return RecordEncryptor(
        src, key, plaintext_size=plaintext_size, max_plaintext_size=max_plaintext_size,
        progress=progress, cancel=cancel,
    )


def encrypt_stream(
    src: BinaryIO,
    dst: BinaryIO,
    key: bytes,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    plaintext_size: int | None = None,
    max_plaintext_size: int | None = None,
) -> EncryptResult:
    """Encrypt ``src`` into ``dst`` chunk by chunk; memory stays at about two chunks."""
    encryptor = encrypt_chunks(
        src, key, progress, cancel, plaintext_size=plaintext_size, max_plaintext_size=max_plaintext_size
    )
    for piece in encryptor:
        dst.write(piece)
    assert encryptor.result is not None
    return encryptor.result


def encrypt_file(
    src_path: str | os.PathLike[str],
    dst_path: str | os.PathLike[str],
    key: bytes,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    max_plaintext_size: int | None = None,
) -> EncryptResult:
    """Encrypt a file into ``dst_path``, which appears only when encryption completed."""
    with _open_source(src_path) as src:
        size = os.fstat(src.fileno()).st_size
        with atomic_output(dst_path) as dst:
            return encrypt_stream(
                src, dst, key, progress, cancel,
                plaintext_size=size, max_plaintext_size=max_plaintext_size,
            )


def decrypt_stream(
    src: BinaryIO,
    dst: Sink,
    key: bytes,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    expected_sha256_hex: str | None = None,
    total_size: int | None = None,
) -> DecryptResult:
    """Decrypt and verify a record; :class:`RecordIntegrityError` on any alteration.

    ``dst`` receives each chunk once it has verified, so after an error it may hold a
    verified but incomplete prefix: write to a file with :func:`decrypt_file`, which only
    shows the output once the whole record checked out. ``expected_sha256_hex`` (the
    record's address) is compared with the hash of the ciphertext actually read.
    """
    total = plaintext_size_for(total_size) if total_size is not None else None
    with _PipelinedHash() as hasher:
        state = _read_prefix(src, key, hasher)
        done, read, index, final = 0, PREFIX_BYTES, 0, False
        while not final:
            _check_cancel(cancel)
            chunk = _read_full(src, _CIPHER_CHUNK)
            hasher.update(chunk)
            read += len(chunk)
            plain, final = _pull(state, chunk, index)
            if not final and len(chunk) < _CIPHER_CHUNK:
                raise RecordIntegrityError(detail=f"truncated at chunk {index}")
            dst.write(plain)
            done, index = done + len(plain), index + 1
            if progress:
                progress(done, total)
        if src.read(1):
            raise RecordIntegrityError(detail="data after the final chunk")
        return _finish(hasher.hexdigest(), read, done, expected_sha256_hex)


def decrypt_file(
    src_path: str | os.PathLike[str],
    dst_path: str | os.PathLike[str],
    key: bytes,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    expected_sha256_hex: str | None = None,
) -> DecryptResult:
    """Decrypt a record file; ``dst_path`` appears only if every byte verified."""
    with _open_source(src_path) as src:
        size = os.fstat(src.fileno()).st_size
        with atomic_output(dst_path) as dst:
            return decrypt_stream(
                src, dst, key, progress, cancel, expected_sha256_hex=expected_sha256_hex, total_size=size
            )


def _read_prefix(src: BinaryIO, key: bytes, hasher: _PipelinedHash) -> sodium.StreamState:
    """Check the magic and open the secretstream."""
    prefix = _read_full(src, PREFIX_BYTES)
    hasher.update(prefix)
    if len(prefix) < PREFIX_BYTES or prefix[: len(MAGIC)] != MAGIC:
        raise RecordIntegrityError(detail="not a Medwallet record (bad magic or too short)")
    try:
        return sodium.stream_init_pull(key, prefix[len(MAGIC) :])
    except CryptoError:
        raise RecordIntegrityError(detail="bad stream header") from None


def _pull(state: sodium.StreamState, chunk: bytes, index: int) -> tuple[bytes, bool]:
    if len(chunk) < CHUNK_OVERHEAD:
        raise RecordIntegrityError(detail=f"truncated before chunk {index}")
    try:
        return sodium.stream_pull(state, chunk)
    except CryptoError:
        raise RecordIntegrityError(detail=f"chunk {index} does not verify") from None


def _finish(digest: str, read: int, done: int, expected: str | None) -> DecryptResult:
    if expected is not None and digest != expected.lower():
        raise RecordIntegrityError(detail="ciphertext hash differs from the record's address")
    return DecryptResult(digest, read, done)


class _PipelinedHash:
    """SHA-256 of the ciphertext, computed on a worker thread for multi-chunk records.

    hashlib and libsodium both release the GIL on large buffers, so hashing chunk n while
    chunk n+1 is encrypted takes the hash off the critical path (measured: up to 1.22 GB/s
    against 0.56 GB/s inline, on two cores). A single worker keeps the updates in order;
    at most two chunks wait.
    """

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: deque[Future[None]] = deque()

    def update(self, data: bytes) -> None:
        if self._pool is None and len(data) < CHUNK_SIZE:
            self._hash.update(data)  # small records: a thread would cost more than it saves
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="record-hash")
        self._pending.append(self._pool.submit(self._hash.update, data))
        while len(self._pending) > 2:
            self._pending.popleft().result()

    def hexdigest(self) -> str:
        while self._pending:
            self._pending.popleft().result()
        return self._hash.hexdigest()

    def __enter__(self) -> _PipelinedHash:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _read_full(src: BinaryIO, size: int) -> bytes:
    """Read ``size`` bytes or up to EOF, even from streams that return short reads (pipes)."""
    try:
        data = src.read(size) or b""
        if len(data) == size or not data:
            return data
        parts, remaining = [data], size - len(data)
        while remaining and (more := src.read(remaining)):
            parts.append(more)
            remaining -= len(more)
    except OSError as exc:
        raise UnreadableFile(detail=f"read failed: {type(exc).__name__} errno={exc.errno}") from None
    return b"".join(parts)


def _open_source(path: str | os.PathLike[str]) -> BinaryIO:
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise UnreadableFile(detail=f"{type(exc).__name__} errno={exc.errno}") from None


def _check_limit(size: int, limit: int) -> None:
    if size > limit:
        raise FileTooLarge(detail=f"more than {limit} bytes")


def _check_cancel(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()
