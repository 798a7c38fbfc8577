"""wallet.core.keystore, vault and keyring_access: file only, fake keyrings, a real Secret Service."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wallet.core.errors import (
    CorruptVault,
    KeyringUnavailable,
    NewerVault,
    PassphraseRequired,
    VaultMissing,
    WrongPassphrase,
)
from wallet.core.keys import keyring_access, keystore, sodium, vault
from wallet.core.keys.keystore import Keystore

SECRETS = {"seed": bytes([0x5E]) * 32, "meta": b'{"created": 1}'}
PASS = "tr0ub4dor & 3"
VECTORS = json.loads((Path(__file__).resolve().parents[3] / "data" / "vault_vectors.json").read_text())
SHIPPED_KDF_LIMITS = keystore.DEFAULT_KDF_LIMITS  # read before the fixture below lowers it


@pytest.fixture(autouse=True)
def fast_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id at libsodium's minimum: the cost is stored per vault, so nothing else changes."""
    monkeypatch.setattr(keystore, "DEFAULT_KDF_LIMITS", sodium.ARGON2_MIN)


class MemoryKeyring:
    """A keyring backend that works (duck-typed: not registered with ``keyring``'s plugin list)."""

    name = "memory"

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.entries.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        self.entries[(service, user)] = password

    def delete_password(self, service: str, user: str) -> None:
        del self.entries[(service, user)]


class RefusingKeyring(MemoryKeyring):
    """Like a locked collection or a dismissed prompt: every save raises."""

    def set_password(self, service: str, user: str, password: str) -> None:
        from keyring.errors import PasswordSetError

        raise PasswordSetError("refused")


class ForgetfulKeyring(MemoryKeyring):
    """Accepts a save without error and keeps nothing."""

    def set_password(self, service: str, user: str, password: str) -> None:
        pass


def make(tmp_path: Path, passphrase: str | None = PASS, backend: object = None) -> Keystore:
    return Keystore.create(tmp_path / "wallet.vault", SECRETS, passphrase=passphrase,
                           use_keyring=backend is not None, backend=backend)


# -- file-only path (no keyring) ------------------------------------------------------------


def test_create_and_open_with_passphrase(tmp_path: Path) -> None:
    created = make(tmp_path)
    assert (created.uses_keyring, created.has_passphrase) == (False, True)
    opened = Keystore.open(tmp_path / "wallet.vault", PASS, backend=None)
    assert opened.secrets == SECRETS and opened.unlocked_by == "passphrase"
    assert opened.wallet_id == created.wallet_id


def test_file_format_and_permissions(tmp_path: Path) -> None:
    make(tmp_path)
    path = tmp_path / "wallet.vault"
    data = path.read_bytes()
    assert data.startswith(vault.MAGIC)
    assert path.stat().st_mode & 0o777 == 0o600
    assert hashlib.sha256(data[:-32]).digest() == data[-32:]
    size = int.from_bytes(data[8:12], "big")
    header = json.loads(data[12 : 12 + size])
    assert header["format"] == 1 and header["passphrase"]["kdf"] == "argon2id13"
    assert (header["passphrase"]["opslimit"], header["passphrase"]["memlimit"]) == sodium.ARGON2_MIN
    for secret in SECRETS.values():
        assert secret not in data and base64.b64encode(secret) not in data


def test_golden_vault_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "old.vault"
    path.write_bytes(base64.b64decode(VECTORS["vault_base64"]))
    opened = Keystore.open(path, VECTORS["passphrase"], backend=None)
    assert {k: v.hex() for k, v in opened.secrets.items()} == VECTORS["secrets_hex"]


def test_wrong_and_missing_passphrase(tmp_path: Path) -> None:
    make(tmp_path)
    with pytest.raises(WrongPassphrase):
        Keystore.open(tmp_path / "wallet.vault", PASS + " ", backend=None)
    with pytest.raises(PassphraseRequired):
        Keystore.open(tmp_path / "wallet.vault", backend=None)


def test_passphrase_is_unicode_normalised(tmp_path: Path) -> None:
    Keystore.create(tmp_path / "v", SECRETS, passphrase="caf\u00e9", use_keyring=False)
    assert Keystore.open(tmp_path / "v", "cafe\u0301", backend=None).secrets == SECRETS


def test_no_keyring_and_no_passphrase_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(KeyringUnavailable):
        Keystore.create(tmp_path / "v", SECRETS, passphrase=None, use_keyring=False)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    make(tmp_path)
    with pytest.raises(FileExistsError):
        make(tmp_path)


def test_missing_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultMissing):
        Keystore.open(tmp_path / "absent", PASS, backend=None)


def test_every_flipped_bit_is_corruption(tmp_path: Path) -> None:
    make(tmp_path)
    path = tmp_path / "wallet.vault"
    original = path.read_bytes()
    for position in range(len(original)):
        damaged = bytearray(original)
        damaged[position] ^= 1 << (position % 8)
        path.write_bytes(bytes(damaged))
        with pytest.raises(CorruptVault):
            Keystore.open(path, PASS, backend=None)


def test_every_truncation_is_corruption(tmp_path: Path) -> None:
    make(tmp_path)
    path = tmp_path / "wallet.vault"
    original = path.read_bytes()
    for cut in range(len(original)):
        path.write_bytes(original[:cut])
        with pytest.raises(CorruptVault):
            Keystore.open(path, PASS, backend=None)
    path.write_bytes(original + b"\0")
    with pytest.raises(CorruptVault):
        Keystore.open(path, PASS, backend=None)


def _rewrite_header(path: Path, edit: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """Edit the header and fix the checksum, as a deliberate attacker would."""
    data = path.read_bytes()[:-32]
    size = int.from_bytes(data[8:12], "big")
    header = edit(json.loads(data[12 : 12 + size]))
    raw = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    body = vault.MAGIC + len(raw).to_bytes(4, "big") + raw + data[12 + size :]
    path.write_bytes(body + hashlib.sha256(body).digest())


def test_edited_header_with_fixed_checksum_never_opens(tmp_path: Path) -> None:
    make(tmp_path)
    path = tmp_path / "wallet.vault"
    original = path.read_bytes()
    edits = {
        "keyring flag": (lambda h: {**h, "keyring": True}, CorruptVault),
        "other wallet id": (lambda h: {**h, "wallet_id": "0" * 32}, WrongPassphrase),
        "higher cost": (lambda h: {**h, "passphrase": {**h["passphrase"], "opslimit": 2}}, WrongPassphrase),
        "cost too high": (lambda h: {**h, "passphrase": {**h["passphrase"], "opslimit": 10**6}}, CorruptVault),
        "slot removed": (lambda h: {**h, "passphrase": None}, KeyringUnavailable),
        "unknown kdf": (lambda h: {**h, "passphrase": {**h["passphrase"], "kdf": "scrypt"}}, CorruptVault),
        "newer format": (lambda h: {**h, "format": 2}, NewerVault),
        "not an object": (lambda h: [h], CorruptVault),
    }
    for name, (edit, expected) in edits.items():
        path.write_bytes(original)
        _rewrite_header(path, edit)
        with pytest.raises(expected):
            Keystore.open(path, PASS, backend=MemoryKeyring())
            pytest.fail(name)


def test_update_secrets_persists(tmp_path: Path) -> None:
    store = make(tmp_path)
    store.update_secrets({"extra": b"\x00\x01"}, remove=["meta"])
    assert Keystore.open(store.path, PASS, backend=None).secrets == {"seed": SECRETS["seed"], "extra": b"\x00\x01"}
    with pytest.raises(TypeError):
        store.update_secrets({"bad": "not bytes"})  # type: ignore[dict-item]


def test_change_passphrase(tmp_path: Path) -> None:
    store = make(tmp_path)
    assert store.verify_passphrase(PASS) and not store.verify_passphrase("nope")
    store.change_passphrase("new one", kdf_limits=sodium.Argon2Limits(2, sodium.ARGON2_MIN.memlimit))
    with pytest.raises(WrongPassphrase):
        Keystore.open(store.path, PASS, backend=None)
    reopened = Keystore.open(store.path, "new one", backend=None)
    assert reopened.secrets == SECRETS
    with pytest.raises(PassphraseRequired):
        reopened.change_passphrase(None)  # nothing else would open it
    with pytest.raises(ValueError):
        reopened.change_passphrase("")


def test_failed_write_keeps_the_old_vault_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make(tmp_path)
    before = store.path.read_bytes()

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.update_secrets({"more": b"x"})
    assert store.path.read_bytes() == before
    assert store.secrets == SECRETS  # memory still matches the file
    assert [p.name for p in tmp_path.iterdir()] == ["wallet.vault"]


def test_default_cost_is_moderate() -> None:
    assert SHIPPED_KDF_LIMITS == sodium.ARGON2_MODERATE


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.text(min_size=1, max_size=20), st.binary(max_size=200), max_size=5))
def test_any_secrets_round_trip(tmp_path: Path, secrets: dict[str, bytes]) -> None:
    path = tmp_path / f"v{time.monotonic_ns()}"
    Keystore.create(path, secrets, passphrase="p", use_keyring=False)
    assert Keystore.open(path, "p", backend=None).secrets == secrets


def test_nothing_secret_in_repr_or_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    store = make(tmp_path, backend=RefusingKeyring())
    Keystore.open(store.path, PASS, backend=RefusingKeyring())
    text = repr(store) + caplog.text
    for secret in SECRETS.values():
        assert secret.hex() not in text and repr(secret) not in text
    assert PASS not in text


# -- keyring behaviour with fake backends ------------------------------------------------------


def test_keyring_only_wallet_opens_without_a_question(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = make(tmp_path, passphrase=None, backend=ring)
    assert store.uses_keyring and not store.has_passphrase
    assert list(ring.entries) == [("medwallet", store.wallet_id)]
    opened = Keystore.open(store.path, backend=ring)
    assert opened.secrets == SECRETS and opened.unlocked_by == "keyring"


def test_keyring_entry_lost_falls_back_to_passphrase(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = make(tmp_path, backend=ring)
    ring.entries.clear()
    with pytest.raises(PassphraseRequired):
        Keystore.open(store.path, backend=ring)
    assert Keystore.open(store.path, PASS, backend=ring).unlocked_by == "passphrase"
    assert Keystore.open(store.path, PASS, backend=None).secrets == SECRETS  # no keyring on this machine


def test_keyring_only_wallet_without_its_entry_says_keyring_unavailable(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = make(tmp_path, passphrase=None, backend=ring)
    with pytest.raises(KeyringUnavailable):
        Keystore.open(store.path, backend=None)
    with pytest.raises(KeyringUnavailable):
        Keystore.open(store.path, "any passphrase", backend=MemoryKeyring())


def test_stale_keyring_entry_is_ignored(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = make(tmp_path, backend=ring)
    ring.entries[("medwallet", store.wallet_id)] = (bytes(32)).hex()
    assert Keystore.open(store.path, PASS, backend=ring).unlocked_by == "passphrase"
    ring.entries[("medwallet", store.wallet_id)] = "not hex"
    assert Keystore.open(store.path, PASS, backend=ring).unlocked_by == "passphrase"


@pytest.mark.parametrize("ring", [RefusingKeyring(), ForgetfulKeyring()])
def test_keyring_that_does_not_keep_the_key_counts_as_absent(tmp_path: Path, ring: MemoryKeyring) -> None:
    store = make(tmp_path, backend=ring)
    assert not store.uses_keyring
    assert Keystore.open(store.path, PASS, backend=ring).secrets == SECRETS
    with pytest.raises(KeyringUnavailable):
        Keystore.create(tmp_path / "other", SECRETS, passphrase=None, backend=ring)
    assert not (tmp_path / "other").exists()


def test_forget_and_restore_keyring_entry(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = make(tmp_path, backend=ring)
    store.forget_keyring_entry()
    assert ring.entries == {} and not store.uses_keyring
    with pytest.raises(PassphraseRequired):
        Keystore.open(store.path, backend=ring)
    assert store.store_in_keyring(ring)
    assert Keystore.open(store.path, backend=ring).unlocked_by == "keyring"
    assert not store.store_in_keyring(RefusingKeyring())


def test_cannot_leave_the_keyring_without_a_passphrase(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = make(tmp_path, passphrase=None, backend=ring)
    with pytest.raises(PassphraseRequired):
        store.forget_keyring_entry()
    store.change_passphrase("now one")
    store.change_passphrase(None)  # allowed again: the keyring still holds the key
    assert Keystore.open(store.path, backend=ring).secrets == SECRETS


def test_delete_removes_file_and_entry(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = make(tmp_path, backend=ring)
    store.delete()
    assert ring.entries == {} and not store.path.exists()


# -- backend detection -----------------------------------------------------------------------


def test_headless_session_has_no_keyring_and_decides_without_probing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.delenv("MEDWALLET_KEYRING", raising=False)
    monkeypatch.setattr(keyring_access.sys, "platform", "linux")
    probed: list[bool] = []
    monkeypatch.setattr(keyring_access, "_with_timeout", lambda probe, timeout: probed.append(True))
    assert keyring_access.detect_backend() is None
    assert Keystore.backend_name() == "none"
    assert probed == []  # no bus: decided at once, no D-Bus probe to wait for


def _timed_out_spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, for each detection, whether its probe was still running when the wait ended."""
    outcomes: list[bool] = []
    original = keyring_access._with_timeout

    def spy(probe: Callable[[], object], timeout: float) -> object:
        finished = threading.Event()

        def watched() -> object:
            try:
                return probe()
            finally:
                finished.set()
        result = original(watched, timeout)
        outcomes.append(not finished.is_set())
        return result
    monkeypatch.setattr(keyring_access, "_with_timeout", spy)
    return outcomes


def test_dead_bus_address_falls_back_without_waiting_for_the_timeout(monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-such-bus")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring_access.sys, "platform", "linux")
    timed_out = _timed_out_spy(monkeypatch)
    assert keyring_access.detect_backend() is None
    assert timed_out == [False]  # the probe itself answered "no keyring": no hang to time out


def test_hanging_detection_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/wedged")
    monkeypatch.setattr(keyring_access, "DETECT_TIMEOUT", 0.2)
    release = threading.Event()
    monkeypatch.setattr(keyring_access, "_probe", lambda: release.wait(60))
    timed_out = _timed_out_spy(monkeypatch)
    try:
        assert keyring_access.detect_backend() is None
        assert timed_out == [True]  # gave up on the wedged probe instead of waiting for it
    finally:
        release.set()


def test_keyring_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDWALLET_KEYRING", "none")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/anything")
    assert keyring_access.detect_backend() is None


def test_placeholder_backends_are_not_usable(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import chainer, fail, null

    assert not keyring_access._is_usable(fail.Keyring())
    assert not keyring_access._is_usable(null.Keyring())
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    assert not keyring_access._is_usable(chainer.ChainerBackend())


def test_configured_fail_backend_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("MEDWALLET_KEYRING", raising=False)
    assert keyring_access.detect_backend() is None


# -- a real Secret Service (gnome-keyring on a private D-Bus session) ------------------------------


@pytest.mark.keyring
def test_real_keyring_detected_explicitly(secret_service: object) -> None:
    backend = keyring_access.detect_backend()
    assert type(backend).__module__ == "keyring.backends.SecretService"
    assert Keystore.backend_name() == "SecretService Keyring"


@pytest.mark.keyring
def test_real_keyring_round_trip(secret_service: object, tmp_path: Path) -> None:
    store = Keystore.create(tmp_path / "v", SECRETS)  # auto-detected backend, no passphrase
    try:
        assert store.uses_keyring and not store.has_passphrase
        opened = Keystore.open(tmp_path / "v")
        assert opened.secrets == SECRETS and opened.unlocked_by == "keyring"
        assert secret_service.get_password("medwallet", store.wallet_id) is not None  # type: ignore[attr-defined]
    finally:
        store.delete()
    assert secret_service.get_password("medwallet", store.wallet_id) is None  # type: ignore[attr-defined]


@pytest.mark.keyring
def test_real_keyring_with_passphrase_and_forget(secret_service: object, tmp_path: Path) -> None:
    store = Keystore.create(tmp_path / "v", SECRETS, passphrase=PASS, backend=secret_service)
    assert store.uses_keyring
    assert Keystore.open(tmp_path / "v", backend=secret_service).unlocked_by == "keyring"
    store.forget_keyring_entry()
    assert secret_service.get_password("medwallet", store.wallet_id) is None  # type: ignore[attr-defined]
    with pytest.raises(PassphraseRequired):
        Keystore.open(tmp_path / "v", backend=secret_service)
    assert Keystore.open(tmp_path / "v", PASS, backend=secret_service).unlocked_by == "passphrase"
    store.delete()
