"""The vault file: the wallet's secrets, encrypted under a random vault key.

Layout (integers big-endian)::

    offset   size  field
    0        8     magic b"MWVAULT1"
    8        4     header length H
    12       H     header, UTF-8 JSON (sorted keys, compact):
                     {"format": 1,
                      "wallet_id": 32 hex chars (random; the keyring entry's user name),
                      "keyring": true when the vault key was stored in the OS keyring,
                      "passphrase": null or {"kdf": "argon2id13", "salt": base64 (16 bytes),
                                             "opslimit": int, "memlimit": int,
                                             "wrapped_key": base64 (72 bytes)}}
    12+H     N     payload = XChaCha20-Poly1305(vault key, nonce, ad = bytes 0..12+H)
                     = nonce (24) || ciphertext of {"secrets": {name: base64}} || tag (16)
    end-32   32    SHA-256 of every byte before it

``wrapped_key`` is the vault key under XChaCha20-Poly1305 with the Argon2id passphrase key,
its associated data binding it to this wallet id. The payload's associated data is the whole
magic and header, so a header edited to point at another salt or to drop the passphrase slot
cannot pass. The trailing SHA-256 is not for security (the AEAD tags are): it tells
accidental damage (a flipped bit, a truncated copy) apart from a wrong passphrase, which
Argon2id alone could not. Secretbox was the first candidate; it has no associated data, so
the header could not have been bound without a second MAC.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import CorruptVault, CryptoError, NewerVault, WrongPassphrase
from . import sodium

MAGIC = b"MWVAULT1"
FORMAT = 1
KDF_NAME = "argon2id13"
_LEN_BYTES = 4
_DIGEST_BYTES = 32
_MAX_HEADER = 64 * 1024
# Refuse absurd costs from a damaged or crafted header instead of hanging or exhausting memory.
_MAX_OPSLIMIT = 64
_MAX_MEMLIMIT = 4 * 1024**3


@dataclass(frozen=True)
class PassphraseSlot:
    """The vault key wrapped under an Argon2id passphrase key, with what derives that key."""

    salt: bytes
    limits: sodium.Argon2Limits
    wrapped_key: bytes


@dataclass(frozen=True)
class VaultHeader:
    """The clear part of the vault file."""

    wallet_id: str
    keyring: bool
    passphrase: PassphraseSlot | None


@dataclass(frozen=True)
class SealedVault:
    """A parsed vault file whose checksum matched; the payload is still encrypted."""

    header: VaultHeader
    associated_data: bytes
    payload: bytes


def normalize_passphrase(passphrase: str) -> bytes:
    """NFKC then UTF-8, so the same passphrase typed on another OS or keyboard still matches."""
    return unicodedata.normalize("NFKC", passphrase).encode("utf-8")


def wrap_vault_key(
    vault_key: bytes, passphrase: str, wallet_id: str, limits: sodium.Argon2Limits
) -> PassphraseSlot:
    """Wrap ``vault_key`` under a fresh salt and an Argon2id key from ``passphrase`` (slow)."""
    salt = sodium.random_bytes(sodium.ARGON2_SALT_BYTES)
    key = sodium.argon2id_key(normalize_passphrase(passphrase), salt, limits)
    wrapped = sodium.aead_encrypt(key, vault_key, _slot_ad(wallet_id))
    return PassphraseSlot(salt, limits, wrapped)


def unwrap_vault_key(slot: PassphraseSlot, passphrase: str, wallet_id: str) -> bytes:
    """The vault key, or :class:`WrongPassphrase` (the file's checksum already matched)."""
    key = sodium.argon2id_key(normalize_passphrase(passphrase), slot.salt, slot.limits)
    try:
        return sodium.aead_decrypt(key, slot.wrapped_key, _slot_ad(wallet_id))
    except CryptoError:
        raise WrongPassphrase() from None


def _slot_ad(wallet_id: str) -> bytes:
    return MAGIC + b"/passphrase/" + wallet_id.encode("ascii")


def seal(header: VaultHeader, vault_key: bytes, secrets: dict[str, bytes]) -> bytes:
    """The complete vault file for ``secrets`` (a new nonce every time)."""
    header_bytes = json.dumps(_header_json(header), sort_keys=True, separators=(",", ":")).encode()
    prefix = MAGIC + len(header_bytes).to_bytes(_LEN_BYTES, "big") + header_bytes
    payload = sodium.aead_encrypt(vault_key, _payload_json(secrets), prefix)
    body = prefix + payload
    return body + hashlib.sha256(body).digest()


def parse(data: bytes) -> SealedVault:
    """Check magic, checksum and header; :class:`CorruptVault` or :class:`NewerVault` if wrong."""
    if len(data) < len(MAGIC) + _LEN_BYTES + _DIGEST_BYTES or not data.startswith(MAGIC):
        raise CorruptVault(detail="too short or bad magic")
    body, digest = data[:-_DIGEST_BYTES], data[-_DIGEST_BYTES:]
    if hashlib.sha256(body).digest() != digest:
        raise CorruptVault(detail="checksum mismatch")
    start = len(MAGIC) + _LEN_BYTES
    size = int.from_bytes(body[len(MAGIC) : start], "big")
    if size > _MAX_HEADER or start + size > len(body):
        raise CorruptVault(detail="bad header length")
    header = _parse_header(body[start : start + size])
    return SealedVault(header, body[: start + size], body[start + size :])


def open_payload(sealed: SealedVault, vault_key: bytes) -> dict[str, bytes]:
    """Decrypt the secrets; :class:`CryptoError` if ``vault_key`` is not this vault's key."""
    plain = sodium.aead_decrypt(vault_key, sealed.payload, sealed.associated_data)
    try:
        items = json.loads(plain)["secrets"]
        return {str(name): base64.b64decode(value, validate=True) for name, value in items.items()}
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise CorruptVault(detail="payload is not a secrets object") from None


def _payload_json(secrets: dict[str, bytes]) -> bytes:
    items = {name: base64.b64encode(value).decode("ascii") for name, value in secrets.items()}
    return json.dumps({"secrets": items}, sort_keys=True, separators=(",", ":")).encode()


def _header_json(header: VaultHeader) -> dict[str, Any]:
    slot = header.passphrase
    slot_json = None
    if slot is not None:
        slot_json = {
            "kdf": KDF_NAME,
            "salt": base64.b64encode(slot.salt).decode("ascii"),
            "opslimit": slot.limits.opslimit,
            "memlimit": slot.limits.memlimit,
            "wrapped_key": base64.b64encode(slot.wrapped_key).decode("ascii"),
        }
    return {
        "format": FORMAT,
        "wallet_id": header.wallet_id,
        "keyring": header.keyring,
        "passphrase": slot_json,
    }


def _parse_header(raw: bytes) -> VaultHeader:
    try:
        obj = json.loads(raw.decode("utf-8"))
        if not isinstance(obj, dict) or not isinstance(obj.get("format"), int):
            raise ValueError("header is not an object with a format")
        if obj["format"] > FORMAT:
            raise NewerVault(detail=f"vault format {obj['format']}")
        if obj["format"] != FORMAT:
            raise ValueError("unknown format")
        return VaultHeader(_wallet_id(obj["wallet_id"]), _flag(obj["keyring"]), _slot(obj["passphrase"]))
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise CorruptVault(detail=f"header: {exc}") from None


def _wallet_id(value: object) -> str:
    if not isinstance(value, str) or len(value) != 32 or value.strip("0123456789abcdef"):
        raise ValueError("bad wallet id")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("bad keyring flag")
    return value


def _slot(value: object) -> PassphraseSlot | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("kdf") != KDF_NAME:
        raise ValueError("unknown passphrase KDF")
    ops, mem = value["opslimit"], value["memlimit"]
    if not (isinstance(ops, int) and isinstance(mem, int)):
        raise ValueError("bad KDF limits")
    if not sodium.ARGON2_OPSLIMIT_MIN <= ops <= _MAX_OPSLIMIT:
        raise ValueError("opslimit out of range")
    if not sodium.ARGON2_MEMLIMIT_MIN <= mem <= _MAX_MEMLIMIT:
        raise ValueError("memlimit out of range")
    salt = base64.b64decode(value["salt"], validate=True)
    wrapped = base64.b64decode(value["wrapped_key"], validate=True)
    if len(salt) != sodium.ARGON2_SALT_BYTES or len(wrapped) != sodium.KEY_BYTES + sodium.AEAD_OVERHEAD:
        raise ValueError("bad salt or wrapped key size")
    return PassphraseSlot(salt, sodium.Argon2Limits(ops, mem), wrapped)
