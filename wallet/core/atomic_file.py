"""Crash-safe file replacement: the target holds either the old or the complete new content.

The recipe (Electrum's ``storage.py`` does the same): write a temporary file in the target's
directory, make it 0600 *before* any data lands in it, fsync it, ``os.replace`` it over the
target, then fsync the directory so the rename itself survives a power cut.

Many small files written in a row (a FHIR Bundle split into a thousand records) skip the
two fsyncs each (``durable=False``) and are made durable together by :func:`sync_files`
before anything refers to them: one ``syncfs`` of their file system on Linux.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO


@contextmanager
def atomic_output(path: str | os.PathLike[str], mode: int = 0o600, *, durable: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` only if the ``with`` block exits cleanly.

    On an exception the temporary file is removed and ``path`` is left untouched. With
    ``durable=False`` nothing is fsynced: the caller calls :func:`sync_files` later.
    """
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp already creates 0600; set the mode explicitly before any byte is written.
        os.chmod(tmp_name, mode)
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        _unlink_quietly(tmp_name)
        raise
    if durable:
        _fsync_directory(target.parent)


def sync_files(paths: Iterable[Path]) -> None:
    """Make files written with ``durable=False`` (and their renames) durable.

    Linux: one ``syncfs`` per file system they are on. Elsewhere: fsync each file and
    each directory once.
    """
    paths = list(paths)
    if not paths:
        return
    syncfs = _syncfs()
    if syncfs is not None:
        devices: dict[int, Path] = {}
        for path in paths:
            devices.setdefault(os.stat(path).st_dev, path)
        for path in devices.values():
            fd = os.open(path, os.O_RDONLY)
            try:
                if syncfs(fd) != 0:
                    raise OSError(ctypes.get_errno(), "syncfs failed")
            finally:
                os.close(fd)
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for directory in {Path(p).parent for p in paths}:
        _fsync_directory(directory)


@functools.cache
def _syncfs() -> Any:
    """libc's ``syncfs`` (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    if not name:
        return None
    libc = ctypes.CDLL(name, use_errno=True)
    return getattr(libc, "syncfs", None)


def atomic_write(path: str | os.PathLike[str], data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, mode) as out:
        out.write(data)


def _fsync_directory(directory: Path) -> None:
    """Persist a rename; Windows cannot open directories and journals renames itself."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass
