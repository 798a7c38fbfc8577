"""The OS keyring, through ``keyring``, with an explicit backend choice and clean failure.

Only one thing is ever stored: a wallet's random 32-byte vault key (hex, 64 characters, far
below the 2,560-byte cap of a Windows credential), service ``medwallet``, user name = the
wallet id. The backend is chosen explicitly rather than by ``keyring``'s plugin ranking:

* ``MEDWALLET_KEYRING=none`` (or 0/off/no): no keyring, passphrase only.
* ``PYTHON_KEYRING_BACKEND`` (``keyring``'s own variable): that backend, e.g. kwallet.
* Windows: Credential Locker; macOS: Keychain; other systems: the freedesktop Secret
  Service (gnome-keyring, KeePassXC, KDE Wallet 5.97+), and only when a D-Bus session
  exists: without ``DBUS_SESSION_BUS_ADDRESS`` (a headless box, a service account) there is
  nothing to ask, and asking would only spend time.

Detection runs on a worker thread bounded by ``DETECT_TIMEOUT`` seconds so that a wedged
D-Bus daemon cannot hang the wallet. A backend that is found but refuses to save (locked
collection, dismissed prompt, ``fail`` or empty ``chainer``) counts as unavailable: every
store is read back before it is trusted. All errors are reduced to "not available" with
the exception's type logged, never its text (which could echo what was being stored).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import Any

from keyring.backend import KeyringBackend

SERVICE = "medwallet"
DETECT_TIMEOUT = 5.0
_DISABLE_VALUES = {"none", "0", "off", "no", "false"}

log = logging.getLogger(__name__)


class _Auto:
    """Sentinel: detect the backend (the default everywhere a backend can be passed)."""

    def __repr__(self) -> str:
        return "AUTO"


AUTO: Any = _Auto()
Backend = KeyringBackend | None


def detect_backend() -> Backend:
    """The usable keyring backend of this session, or None (see the module docstring)."""
    return detect()[0]


REASON_DISABLED = "Medwallet was started with MEDWALLET_KEYRING=none, so it uses no keyring."
REASON_NO_SESSION_BUS = ("This session has no D-Bus session bus (as over SSH, in a container or on a server), "
                         "so no keyring service can be reached.")
REASON_NOT_ANSWERING = ("No keyring service (such as GNOME Keyring or KDE Wallet) answered in this session, or "
                        "it is locked and refused to keep a key.")


def detect() -> tuple[Backend, str]:
    """The usable backend (or None) and, when there is none, why, in words for the patient."""
    if os.environ.get("MEDWALLET_KEYRING", "").strip().lower() in _DISABLE_VALUES:
        return None, REASON_DISABLED
    if sys.platform not in ("win32", "darwin") and not _configured_name():
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            return None, REASON_NO_SESSION_BUS
    backend = _with_timeout(_probe, DETECT_TIMEOUT)
    return backend, "" if backend is not None else REASON_NOT_ANSWERING


def resolve(backend: Any) -> Backend:
    """Turn the ``backend`` argument of the keystore API into a backend or None."""
    return detect_backend() if backend is AUTO else backend


def backend_name(backend: Backend) -> str:
    """Human-readable backend name for the self-test ("none" when there is no keyring)."""
    if backend is None:
        return "none"
    name = getattr(type(backend), "name", None)
    return name if isinstance(name, str) else f"{type(backend).__module__}.{type(backend).__name__}"


def store_key(backend: Backend, wallet_id: str, key: bytes) -> bool:
    """Store ``key`` and read it back; True only if the backend really kept it."""
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, wallet_id, key.hex())
        stored = backend.get_password(SERVICE, wallet_id)
    except Exception as exc:  # any backend, any failure: the keyring is simply not there
        log.info("keyring refused to store the vault key (%s)", type(exc).__name__)
        return False
    return stored == key.hex()


def load_key(backend: Backend, wallet_id: str) -> bytes | None:
    """The stored vault key, or None if absent, unreadable or the keyring is unavailable."""
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, wallet_id)
        return bytes.fromhex(value) if value else None
    except Exception as exc:
        log.info("keyring lookup failed (%s)", type(exc).__name__)
        return None


def delete_key(backend: Backend, wallet_id: str) -> bool:
    """Remove the entry; True if it is gone (or never was there)."""
    if backend is None:
        return True
    try:
        backend.delete_password(SERVICE, wallet_id)
    except Exception as exc:
        log.info("keyring delete failed (%s)", type(exc).__name__)
    return load_key(backend, wallet_id) is None


def _configured_name() -> str:
    return os.environ.get("PYTHON_KEYRING_BACKEND", "").strip()


def _probe() -> Backend:
    """Instantiate the chosen backend and keep it only if it reports itself viable."""
    backend = _configured_backend() if _configured_name() else _platform_backend()
    return backend if backend is not None and _is_usable(backend) else None


def _configured_backend() -> Backend:
    from keyring.core import load_keyring

    return load_keyring(_configured_name())


def _platform_backend() -> Backend:
    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring

        return WinVaultKeyring()
    if sys.platform == "darwin":
        from keyring.backends.macOS import Keyring as MacKeyring

        return MacKeyring()
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    return SecretServiceKeyring()


def _is_usable(backend: KeyringBackend) -> bool:
    """False for the placeholder backends and for any backend whose viability check fails."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    try:
        return type(backend).priority > 0  # a classproperty that raises when not viable
    except Exception as exc:
        log.info("keyring backend %s not viable (%s)", backend_name(backend), type(exc).__name__)
        return False


def _with_timeout(probe: Any, timeout: float) -> Backend:
    """Run ``probe`` on a daemon thread; None if it fails or does not answer in time."""
    result: list[Backend] = [None]

    def run() -> None:
        try:
            result[0] = probe()
        except Exception as exc:
            log.info("keyring detection failed (%s)", type(exc).__name__)

    worker = threading.Thread(target=run, name="keyring-detect", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        log.warning("keyring detection timed out after %.0f s; using the passphrase only", timeout)
        return None
    return result[0]
