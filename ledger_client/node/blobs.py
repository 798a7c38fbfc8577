"""Off-chain store of encrypted blobs, addressed by the SHA-256 of their bytes.

Uploads stream to a partial file (constant memory) while being hashed; a blob is moved
into place only when its size and hash match what the uploader declared, so the store
never holds a blob under a wrong name. An interrupted upload leaves its partial file,
and the uploader resumes from the offset it reports. The node holds ciphertext only.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path

from .. import crypto
from ..errors import ContractError, IntegrityError, TooLarge
from ..folders import private_dir, private_file

CHUNK = 1024 * 1024


class BlobStore:
    """Blobs under ``root/ab/cd/<hash>``, partial uploads under ``root/partial``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.partial_dir = root / "partial"
        private_dir(root)
        self.partial_dir = private_dir(root / "partial")
        # Who sent each blob (upload status answers only them): beside the store, not in it.
        self.uploaders_dir = root.parent / "uploaders"
        self._busy: set[str] = set()
        self._hashers: dict[str, hashlib._Hash] = {}
        # Bytes held (a metric): counted once in the background, then kept up to date.
        self._scanned: int | None = None
        self._delta = 0
        threading.Thread(target=self._scan, name="blob-count", daemon=True).start()

    def _scan(self) -> None:
        self._scanned = sum(size for _, size in self.stored())

    @property
    def total_bytes(self) -> int:
        return (self._scanned or 0) + self._delta

    def stored(self) -> Iterator[tuple[str, int]]:
        """Every stored blob file: (name as found, size); partial uploads excluded."""
        for top in os.scandir(self.root):
            if not top.is_dir() or top.name == "partial":
                continue
            for mid in os.scandir(top.path):
                if mid.is_dir():
                    for entry in os.scandir(mid.path):
                        yield entry.path, entry.stat().st_size

    def path(self, blob: str) -> Path:
        return self.root / blob[:2] / blob[2:4] / blob

    def exists(self, blob: str) -> bool:
        return self.path(blob).is_file()

    def size(self, blob: str) -> int:
        return self.path(blob).stat().st_size

    def partial_offset(self, blob: str) -> int:
        """Bytes already received of an unfinished upload (0 if none)."""
        part = self.partial_dir / f"{blob}.part"
        return part.stat().st_size if part.exists() else 0

    def _uploader_file(self, blob: str) -> Path:
        return self.uploaders_dir / blob

    def note_uploader(self, blob: str, signer: str) -> None:
        """Keep who first sent bytes of ``blob``: upload status is answered only to them."""
        path = self._uploader_file(blob)
        private_dir(self.uploaders_dir)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        with os.fdopen(fd, "w") as out:
            out.write(signer)

    def uploader(self, blob: str) -> str | None:
        path = self._uploader_file(blob)
        return path.read_text() if path.exists() else None

    def delete(self, blob: str) -> None:
        path = self.path(blob)
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            return
        self._delta -= size

    async def receive(self, blob: str, size: int, offset: int, body: AsyncIterator[bytes]) -> int:
        """Receive bytes ``offset..`` of a blob of ``size`` bytes; returns bytes held.

        Returns ``size`` once the blob is complete and verified. Raises
        :class:`IntegrityError` when the bytes do not hash to ``blob`` (the partial
        data is discarded) and :class:`TooLarge` when more than ``size`` arrive.
        """
        if self.exists(blob):
            return size
        if blob in self._busy:
            raise ContractError("another upload of this blob is in progress", code="upload_in_progress")
        self._busy.add(blob)
        try:
            return await self._receive(blob, size, offset, body)
        finally:
            self._busy.discard(blob)

    async def _receive(self, blob: str, size: int, offset: int, body: AsyncIterator[bytes]) -> int:
        part = self.partial_dir / f"{blob}.part"
        held, hasher = await self._append(part, size, offset, body)
        if held < size:
            return held
        self._install(part, blob, hasher)
        return held

    async def _append(self, part: Path, size: int, offset: int,
                      body: AsyncIterator[bytes]) -> tuple[int, hashlib._Hash]:
        """Append the body to a partial file from ``offset``; returns (bytes held, hasher)."""
        held = part.stat().st_size if part.exists() else 0
        if offset != held:
            raise ContractError(f"resume offset {offset} does not match the {held} bytes held",
                                code="bad_offset")
        # A resumed upload re-hashes what it already holds, off the event loop.
        hasher = await asyncio.to_thread(_hash_file, part) if held else crypto.new_hasher()
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            with os.fdopen(fd, "ab", buffering=0) as out:
                async for chunk in body:
                    held += len(chunk)
                    if held > size:
                        raise TooLarge("the upload is larger than its declared size")
                    out.write(chunk)
                    hasher.update(chunk)
        except TooLarge:
            part.unlink(missing_ok=True)
            raise
        return held, hasher

    def _install(self, part: Path, blob: str, hasher: hashlib._Hash) -> None:
        """Move a complete partial file into place if its bytes hash to ``blob``."""
        if hasher.hexdigest() != blob:
            part.unlink(missing_ok=True)
            self._uploader_file(blob).unlink(missing_ok=True)
            raise IntegrityError("the uploaded bytes do not match their hash; upload again")
        target = self.path(blob)
        private_dir(target.parent)
        size = part.stat().st_size
        os.replace(part, target)
        self._delta += size

    # --- uploads whose hash is known only at the end (streamed while encrypting) ---

    def session_part(self, session: str) -> Path:
        return self.partial_dir / f"session-{session}.part"

    async def receive_session(self, session: str, size: int, offset: int, body: AsyncIterator[bytes]) -> int:
        """Append to an upload session; the hash is checked by :meth:`finish_session`."""
        key = f"session-{session}"
        if key in self._busy:
            raise ContractError("another upload of this session is in progress", code="upload_in_progress")
        self._busy.add(key)
        try:
            held, hasher = await self._append(self.session_part(session), size, offset, body)
        finally:
            self._busy.discard(key)
        if held == size:
            self._hashers[session] = hasher
        return held

    async def finish_session(self, session: str, size: int, blob: str) -> None:
        """Name a complete session's bytes by their hash (checked) and store them."""
        if self.exists(blob):
            self.session_part(session).unlink(missing_ok=True)
            return
        part = self.session_part(session)
        held = part.stat().st_size if part.exists() else 0
        if held != size:
            raise ContractError(f"the upload holds {held} of {size} bytes; send the rest first", code="incomplete")
        hasher = self._hashers.pop(session, None)
        if hasher is None:
            hasher = await asyncio.to_thread(_hash_file, part)
        self._install(part, blob, hasher)

    def store_stream(self, blob: str, size: int, chunks: Iterable[bytes]) -> bool:
        """Store a blob from a synchronous byte iterator (a replica fetched from a peer),
        only if it has ``size`` bytes hashing to ``blob``. Runs off the event loop."""
        if self.exists(blob):
            return True
        tmp = self.partial_dir / f"{blob}.replica-{os.getpid()}-{id(chunks)}"
        hasher, held = crypto.new_hasher(), 0
        try:
            with open(private_file(tmp), "wb") as out:
                for chunk in chunks:
                    held += len(chunk)
                    if held > size:
                        return False
                    hasher.update(chunk)
                    out.write(chunk)
            if held != size or hasher.hexdigest() != blob:
                return False
            target = self.path(blob)
            private_dir(target.parent)
            os.replace(tmp, target)
            self._delta += held
            return True
        finally:
            tmp.unlink(missing_ok=True)

    def verify(self, blob: str) -> bool:
        """Re-hash a stored blob (for ``verify`` and replicas)."""
        return _hash_file(self.path(blob)).hexdigest() == blob


def _hash_file(path: Path) -> hashlib._Hash:
    hasher = crypto.new_hasher()
    with open(path, "rb") as src:
        while chunk := src.read(CHUNK):
            hasher.update(chunk)
    return hasher
