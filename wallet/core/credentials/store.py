"""The wallet's anonymous credentials at rest: encrypted files under a seed-derived key.

Layout, in the wallet folder::

    credentials/<id>.cred             a credential and what the wallet shows of it
    credentials/pending-<nonce>.req   a credential request's private metadata (blinding
                                      factors of the link secret) until the credential arrives
    credentials/tails/<tails hash>    the issuer's public tails files (not secret)

Each ``.cred``/``.req`` file is ``MAGIC || XChaCha20-Poly1305(key, JSON, ad = MAGIC || "/" ||
name)``, with ``key = derive_key(seed, "mw/cred-store")``: without the seed (that is,
without unlocking the vault) nothing in it can be read, and a file renamed or swapped for
another is refused.

The AnonCreds link secret is derived from the seed too (``derive_key(seed,
"mw/link-secret")`` as a 256-bit integer, the size AnonCreds draws its own from), so it
has exactly the seed's protection, is never stored, and a wallet restored from its 24
words holds the same one: an issuer can re-issue credentials bound to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..atomic_file import atomic_write
from ..errors import CryptoError, WalletError
from ..keys import sodium

MAGIC = b"MWCRED01"
PURPOSE_STORE = "mw/cred-store"
PURPOSE_LINK_SECRET = "mw/link-secret"
_NAME = re.compile(r"\A[0-9A-Za-z_-]{1,80}\Z")


class CredentialStoreError(WalletError):
    """A stored credential is damaged or belongs to another wallet. Ask the issuer to issue it again."""

    code = "credential_store"


def link_secret(seed: bytes) -> str:
    """The wallet's AnonCreds link secret (decimal), bound to its seed."""
    return str(int.from_bytes(sodium.derive_key(seed, PURPOSE_LINK_SECRET), "big"))


class CredentialStore:
    """Encrypted credential files in ``<wallet>/credentials``."""

    def __init__(self, directory: Path, seed: bytes) -> None:
        self.dir = directory
        self._key = sodium.derive_key(seed, PURPOSE_STORE)
        self.tails_dir = directory / "tails"

    def _path(self, name: str, suffix: str) -> Path:
        if not _NAME.match(name):
            raise ValueError("credential file names are short ASCII words")
        return self.dir / f"{name}{suffix}"

    def _write(self, path: Path, doc: dict[str, Any]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        data = json.dumps(doc, sort_keys=True).encode()
        atomic_write(path, MAGIC + sodium.aead_encrypt(self._key, data, MAGIC + b"/" + path.name.encode()))

    def _read(self, path: Path) -> dict[str, Any]:
        raw = path.read_bytes()
        try:
            if not raw.startswith(MAGIC):
                raise CryptoError(detail="bad magic")
            return json.loads(sodium.aead_decrypt(self._key, raw[len(MAGIC):], MAGIC + b"/" + path.name.encode()))
        except (CryptoError, ValueError):
            raise CredentialStoreError(detail=path.name) from None

    # --- credentials --------------------------------------------------------------

    def save(self, cred_id: str, doc: dict[str, Any]) -> None:
        self._write(self._path(cred_id, ".cred"), doc)

    def load(self, cred_id: str) -> dict[str, Any]:
        path = self._path(cred_id, ".cred")
        if not path.exists():
            raise CredentialStoreError("This wallet has no such credential.")
        return self._read(path)

    def all(self) -> list[dict[str, Any]]:
        """Every stored credential, oldest first (damaged files are skipped)."""
        docs = []
        for path in sorted(self.dir.glob("*.cred")) if self.dir.exists() else []:
            try:
                docs.append(self._read(path))
            except CredentialStoreError:
                continue
        return sorted(docs, key=lambda d: (d.get("received_at", 0), d.get("id", "")))

    def delete(self, cred_id: str) -> None:
        self._path(cred_id, ".cred").unlink(missing_ok=True)

    # --- requests waiting for their credential ------------------------------------

    def save_pending(self, nonce: str, doc: dict[str, Any]) -> None:
        self._write(self._path(f"pending-{nonce}", ".req"), doc)

    def load_pending(self, nonce: str) -> dict[str, Any] | None:
        path = self._path(f"pending-{nonce}", ".req")
        return self._read(path) if path.exists() else None

    def drop_pending(self, nonce: str) -> None:
        self._path(f"pending-{nonce}", ".req").unlink(missing_ok=True)

    # --- tails files (public) -----------------------------------------------------

    def tails_path(self, tails_hash: str) -> Path:
        if not _NAME.match(tails_hash):
            raise ValueError("bad tails hash")
        return self.tails_dir / tails_hash

    def save_tails(self, tails_hash: str, data: bytes) -> Path:
        self.tails_dir.mkdir(parents=True, exist_ok=True)
        path = self.tails_path(tails_hash)
        atomic_write(path, data, mode=0o644)
        return path
