"""Key files: an Ed25519 seed as hex, in a file only its owner can read.

What a node's data directory holds (``node.key``, ``governance.key``) and what an
institution's operator is handed (a governance key to register desks on a local network)
use this one format; the wallet, the desks and the packaging tools read them through here.
"""

from __future__ import annotations

import os
from pathlib import Path

from .crypto import SigningKey
from .errors import StorageError


def write_private(path: Path, data: bytes) -> None:
    """Atomic write of a secret file: 0600 from the start, fsync, rename."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def write_key(path: Path, key: SigningKey) -> None:
    """Store a signing key's seed as hex (0600)."""
    write_private(path, key.seed.hex().encode())


def load_key(path: Path) -> SigningKey:
    """A signing key stored as hex seed."""
    try:
        seed = bytes.fromhex(path.read_text().strip())
        if len(seed) != 32:
            raise ValueError
    except FileNotFoundError:
        raise StorageError(f"key file {path} is missing") from None
    except ValueError:
        raise StorageError(f"key file {path} is damaged") from None
    return SigningKey(seed)
