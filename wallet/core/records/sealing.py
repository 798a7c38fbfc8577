"""Encrypt, keep and upload a record in one pass.

A producer thread reads the file, encrypts it (:class:`.blob.Sealer`), writes the wallet's
local copy and computes the blob's hash; the calling thread streams the same pieces to
the node as an upload session. The hash names the upload once the last byte is sent.
Memory stays bounded (a small queue of 1 MiB pieces). If the node fails midway, the
producer still finishes the local copy, so the import resumes later from it
(:func:`.pipeline.send`) and nothing is lost; a cancel discards everything.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import LedgerError

from ..errors import Cancelled
from .blob import SealedRecord, Sealer

QUEUE_PIECES = 8
_END = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def seal_and_upload(sealer: Sealer, local: Path, client: LedgerClient, key: SigningKey, chain_id: str, *,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> tuple[SealedRecord, LedgerError | None]:
    """Run the pipeline; returns the sealed record and the upload error, if any.

    On success the node holds the blob under its hash. On an upload error the local copy
    is complete and the error is returned (not raised) so the caller can record the
    import as encrypted-not-uploaded. Encryption errors and cancel are raised.
    """
    pieces: queue.Queue[object] = queue.Queue(QUEUE_PIECES)
    worker = threading.Thread(target=_produce, args=(sealer, local, pieces), daemon=True)
    worker.start()
    upload_error: LedgerError | None = None
    try:
        session = client.upload_stream(key, chain_id, sealer.size, _consume(pieces), progress=progress, cancel=cancel)
    except LedgerError as exc:
        if isinstance(exc, Cancelled) or (cancel and cancel()):
            _drain(pieces, worker)
            local.unlink(missing_ok=True)
            raise Cancelled() from None
        upload_error, session = exc, None
    except _ProducerFailed as failed:
        _drain(pieces, worker)
        local.unlink(missing_ok=True)
        raise failed.error from None
    worker_error = _drain(pieces, worker)
    if worker_error is not None:
        raise worker_error
    sealed = sealer.result
    assert sealed is not None
    if session is not None:
        try:
            client.finish_upload(key, chain_id, session, sealed.size, sealed.hash)
        except LedgerError as exc:
            upload_error = exc
    if upload_error is not None:
        _make_durable(local)
    return sealed, upload_error


def _make_durable(path: Path) -> None:
    with open(path, "rb") as src:
        os.fsync(src.fileno())


class _ProducerFailed(Exception):
    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def _produce(sealer: Sealer, local: Path, pieces: queue.Queue[object]) -> None:
    """Encrypt into the local file (0600) and hand each piece to the uploader.

    No fsync here: once the node holds the blob the local file is a cache, verified by
    hash whenever it is read; only when the upload failed is it the one copy, and then
    :func:`seal_and_upload` makes it durable before the import is recorded.
    """
    try:
        fd = os.open(local, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            for piece in sealer:
                out.write(piece)
                pieces.put(piece)
        pieces.put(_END)
    except BaseException as exc:  # handed to the consumer, which raises it
        local.unlink(missing_ok=True)
        pieces.put(_Failed(exc))


def _consume(pieces: queue.Queue[object]) -> Iterator[bytes]:
    while True:
        item = pieces.get()
        if item is _END:
            return
        if isinstance(item, _Failed):
            pieces.put(item)  # keep it visible for _drain
            raise _ProducerFailed(item.error)
        yield cast(bytes, item)  # the producer puts only pieces, _END and _Failed


def _drain(pieces: queue.Queue[object], worker: threading.Thread) -> BaseException | None:
    """Let the producer finish (the local copy completes); return its error, if any."""
    error = None
    while worker.is_alive() or not pieces.empty():
        try:
            item = pieces.get(timeout=0.1)
        except queue.Empty:
            continue
        if isinstance(item, _Failed):
            error = item.error
    worker.join()
    return error
