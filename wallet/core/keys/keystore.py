"""The keystore: the wallet's secrets in a vault file, unlocked by the OS keyring or a passphrase.

A random 32-byte vault key encrypts the secrets (layout in :mod:`wallet.core.vault`). That key
is kept in two independent places, so losing one never locks the patient out:

* the OS keyring (:mod:`wallet.core.keyring_access`), when this computer has a working one:
  the wallet then opens without a question, like a browser's saved passwords;
* wrapped under an Argon2id passphrase key in the vault header, whenever a passphrase is set:
  a new computer, a headless session or a wiped keyring still opens with the passphrase.

A wallet with neither is refused at creation. The 24-word phrase remains the last resort.
All methods do blocking I/O, keyring calls or Argon2id: call them off the GUI thread.
Nothing here logs a secret; ``repr`` shows only the wallet id.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..atomic_file import atomic_write
from ..errors import (
    CorruptVault,
    CryptoError,
    KeyringUnavailable,
    PassphraseRequired,
    UnreadableFile,
    VaultMissing,
    WrongPassphrase,
)
from . import keyring_access, sodium, vault

# Argon2id cost for new passphrase slots. Tests lower it (sodium.ARGON2_MIN); the cost actually
# used is stored in each vault, so vaults made with any setting keep opening.
DEFAULT_KDF_LIMITS: sodium.Argon2Limits = sodium.ARGON2_MODERATE
MAX_VAULT_BYTES = 16 * 1024 * 1024

log = logging.getLogger(__name__)


class Keystore:
    """An unlocked vault: its secrets in memory, and the means to rewrite it."""

    def __init__(
        self,
        path: Path,
        header: vault.VaultHeader,
        vault_key: bytes,
        secrets: dict[str, bytes],
        backend: keyring_access.Backend,
        unlocked_by: str,
    ) -> None:
        """Use :meth:`create` or :meth:`open`."""
        self._path, self._header, self._key = path, header, vault_key
        self._secrets, self._backend = secrets, backend
        self.unlocked_by = unlocked_by  # "keyring", "passphrase" or "created"

    # -- creating and opening -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        secrets: Mapping[str, bytes],
        passphrase: str | None = None,
        use_keyring: bool = True,
        *,
        backend: Any = keyring_access.AUTO,
        kdf_limits: sodium.Argon2Limits | None = None,
    ) -> Keystore:
        """Write a new vault at ``path`` (which must not exist).

        :class:`KeyringUnavailable` when no passphrase is given and the keyring cannot hold
        the key, since nothing could then open the vault.
        """
        target = Path(path)
        if target.exists():
            raise FileExistsError(target)
        _check_passphrase(passphrase)
        contents = _copy(secrets)
        key, wallet_id = sodium.random_bytes(sodium.KEY_BYTES), sodium.random_bytes(16).hex()
        slot = _wrap(key, passphrase, wallet_id, kdf_limits)
        chosen = keyring_access.resolve(backend) if use_keyring else None
        in_keyring = keyring_access.store_key(chosen, wallet_id, key)
        if not in_keyring and slot is None:
            raise KeyringUnavailable()
        header = vault.VaultHeader(wallet_id, in_keyring, slot)
        store = cls(target, header, key, contents, chosen, "created")
        try:
            store._save(header, contents)
        except BaseException:
            keyring_access.delete_key(chosen, wallet_id)
            raise
        return store

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str | None = None,
        *,
        backend: Any = keyring_access.AUTO,
    ) -> Keystore:
        """Unlock the vault at ``path``: the keyring first, then ``passphrase``.

        Raises :class:`VaultMissing`, :class:`CorruptVault` (any damaged byte),
        :class:`WrongPassphrase`, :class:`PassphraseRequired` (the keyring did not help and
        no passphrase was given) or :class:`KeyringUnavailable` (no passphrase slot either).
        """
        target = Path(path)
        sealed = vault.parse(_read_vault(target))
        header = sealed.header
        chosen = keyring_access.resolve(backend) if header.keyring else None
        opened = _open_with_keyring(sealed, chosen)
        if opened is not None:
            return cls(target, header, opened[0], opened[1], chosen, "keyring")
        if header.passphrase is None:
            raise KeyringUnavailable()
        if passphrase is None:
            raise PassphraseRequired()
        key = vault.unwrap_vault_key(header.passphrase, passphrase, header.wallet_id)
        return cls(target, header, key, _open_payload(sealed, key), chosen, "passphrase")

    @staticmethod
    def protection(path: str | os.PathLike[str]) -> tuple[bool, bool]:
        """(kept in the keyring, has a passphrase) of the vault at ``path``, read from its header alone."""
        header = vault.parse(_read_vault(Path(path))).header
        return header.keyring, header.passphrase is not None

    @staticmethod
    def backend_name(backend: Any = keyring_access.AUTO) -> str:
        """Name of the keyring backend this session would use, or "none" (for the self-test)."""
        return keyring_access.backend_name(keyring_access.resolve(backend))

    # -- state ------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def wallet_id(self) -> str:
        """Random id of this vault; names its keyring entry. Not secret, not linkable."""
        return self._header.wallet_id

    @property
    def secrets(self) -> dict[str, bytes]:
        """A copy of the secrets (name -> bytes)."""
        return dict(self._secrets)

    @property
    def uses_keyring(self) -> bool:
        return self._header.keyring

    @property
    def has_passphrase(self) -> bool:
        return self._header.passphrase is not None

    # -- changes (each rewrites the vault atomically) -------------------------------------

    def update_secrets(self, updates: Mapping[str, bytes], remove: Iterable[str] = ()) -> None:
        """Add or replace ``updates`` and drop the names in ``remove``, then save."""
        secrets = dict(self._secrets)
        secrets.update(_copy(updates))
        for name in remove:
            secrets.pop(name, None)
        self._save(self._header, secrets)

    def verify_passphrase(self, passphrase: str) -> bool:
        """True if ``passphrase`` opens this vault (for "type your current passphrase")."""
        slot = self._header.passphrase
        if slot is None:
            return False
        try:
            return vault.unwrap_vault_key(slot, passphrase, self.wallet_id) == self._key
        except WrongPassphrase:
            return False

    def change_passphrase(
        self, new_passphrase: str | None, *, kdf_limits: sodium.Argon2Limits | None = None
    ) -> None:
        """Set, replace or (with None, only while the keyring holds the key) remove the passphrase."""
        _check_passphrase(new_passphrase)
        if new_passphrase is None and not self.uses_keyring:
            raise PassphraseRequired(detail="removing the passphrase would lock the wallet")
        slot = _wrap(self._key, new_passphrase, self.wallet_id, kdf_limits)
        self._set_header(keyring=self.uses_keyring, passphrase=slot)

    def forget_keyring_entry(self) -> None:
        """Remove the vault key from the OS keyring; the passphrase opens the wallet from now on."""
        if not self.has_passphrase:
            raise PassphraseRequired(detail="set a passphrase before leaving the keyring")
        self._set_header(keyring=False, passphrase=self._header.passphrase)
        if not keyring_access.delete_key(self._backend_or_detect(), self.wallet_id):
            log.warning("the vault key could not be removed from the keyring")

    def store_in_keyring(self, backend: Any = keyring_access.AUTO) -> bool:
        """Put the vault key (back) into the OS keyring; False when no keyring will keep it."""
        chosen = keyring_access.resolve(backend)
        if not keyring_access.store_key(chosen, self.wallet_id, self._key):
            return False
        self._backend = chosen
        self._set_header(keyring=True, passphrase=self._header.passphrase)
        return True

    def delete(self) -> None:
        """Remove the vault file and its keyring entry (the phrase can still restore the wallet)."""
        if self.uses_keyring:
            keyring_access.delete_key(self._backend_or_detect(), self.wallet_id)
        self._path.unlink(missing_ok=True)

    def __repr__(self) -> str:
        return (
            f"Keystore(wallet_id={self.wallet_id!r}, keyring={self.uses_keyring}, "
            f"passphrase={self.has_passphrase})"
        )

    # -- internals --------------------------------------------------------------------------

    def _set_header(self, *, keyring: bool, passphrase: vault.PassphraseSlot | None) -> None:
        self._save(vault.VaultHeader(self.wallet_id, keyring, passphrase), self._secrets)

    def _save(self, header: vault.VaultHeader, secrets: dict[str, bytes]) -> None:
        """Write the vault, then adopt the new state: a failed write changes nothing."""
        atomic_write(self._path, vault.seal(header, self._key, secrets))
        self._header, self._secrets = header, secrets

    def _backend_or_detect(self) -> keyring_access.Backend:
        if self._backend is None:
            self._backend = keyring_access.detect_backend()
        return self._backend


def _read_vault(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_VAULT_BYTES:
            raise CorruptVault(detail="vault file too large")
        return path.read_bytes()
    except FileNotFoundError:
        raise VaultMissing() from None
    except OSError as exc:
        raise UnreadableFile(detail=f"vault: {type(exc).__name__} errno={exc.errno}") from None


def _open_with_keyring(
    sealed: vault.SealedVault, backend: keyring_access.Backend
) -> tuple[bytes, dict[str, bytes]] | None:
    """(vault key, secrets) from the keyring entry, or None if it is missing or stale."""
    key = keyring_access.load_key(backend, sealed.header.wallet_id)
    if key is None or len(key) != sodium.KEY_BYTES:
        return None
    try:
        return key, vault.open_payload(sealed, key)
    except CryptoError:
        log.info("the keyring entry does not open this vault (stale entry)")
        return None


def _open_payload(sealed: vault.SealedVault, key: bytes) -> dict[str, bytes]:
    """Decrypt with a key the passphrase slot vouched for: failing now means tampering."""
    try:
        return vault.open_payload(sealed, key)
    except CryptoError:
        raise CorruptVault(detail="payload does not authenticate") from None


def _wrap(
    key: bytes, passphrase: str | None, wallet_id: str, limits: sodium.Argon2Limits | None
) -> vault.PassphraseSlot | None:
    if passphrase is None:
        return None
    return vault.wrap_vault_key(key, passphrase, wallet_id, limits or DEFAULT_KDF_LIMITS)


def _check_passphrase(passphrase: str | None) -> None:
    if passphrase is not None and (not isinstance(passphrase, str) or not passphrase):
        raise ValueError("a passphrase is a non-empty string (or None for none)")


def _copy(secrets: Mapping[str, bytes]) -> dict[str, bytes]:
    """Validate and copy: names are non-empty strings, values bytes."""
    out: dict[str, bytes] = {}
    for name, value in secrets.items():
        if not isinstance(name, str) or not name or not isinstance(value, (bytes, bytearray)):
            raise TypeError("secrets map non-empty names to bytes")
        out[name] = bytes(value)
    return out
