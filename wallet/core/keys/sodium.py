"""Every libsodium call of the wallet, in one place (through PyNaCl).

Nothing else in ``wallet`` imports ``nacl``: callers get keys and bytes from here, and
failures come back as :class:`~wallet.core.errors.CryptoError`, which each caller turns
into the error that means something to the patient.

Key derivation (:func:`derive_key`) is libsodium's ``crypto_kdf`` construction, opened up
to a 16-byte context::

    subkey = BLAKE2b(message = b"",
                     key     = root                              (16..64 bytes),
                     salt    = uint64_le(index) || 8 zero bytes  (16 bytes),
                     person  = ascii(purpose) padded with zeros  (16 bytes),
                     outlen  = size                              (16..64 bytes))

With an 8-character purpose this is byte for byte ``crypto_kdf_derive_from_key(size,
index, purpose, root)``; the tests check it against libsodium's own vectors.
"""

from __future__ import annotations

from typing import NamedTuple

import nacl
import nacl.bindings as sodium
import nacl.exceptions
import nacl.public
import nacl.pwhash
import nacl.secret
import nacl.signing
import nacl.utils

from ..errors import CryptoError

KEY_BYTES = 32
PURPOSE_MAX_BYTES = sodium.crypto_generichash_PERSONALBYTES  # 16
SEALED_BOX_OVERHEAD = sodium.crypto_box_SEALBYTES  # 48
SECRETBOX_OVERHEAD = nacl.secret.SecretBox.NONCE_SIZE + nacl.secret.SecretBox.MACBYTES  # 40
AEAD_NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES  # 24
AEAD_OVERHEAD = AEAD_NONCE_BYTES + sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES  # 40

ARGON2_SALT_BYTES = nacl.pwhash.argon2id.SALTBYTES  # 16
ARGON2_OPSLIMIT_MIN = nacl.pwhash.argon2id.OPSLIMIT_MIN
ARGON2_MEMLIMIT_MIN = nacl.pwhash.argon2id.MEMLIMIT_MIN

STREAM_HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES  # 24
STREAM_ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES  # 17
_TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL

StreamState = sodium.crypto_secretstream_xchacha20poly1305_state


class Argon2Limits(NamedTuple):
    """Argon2id cost: ``opslimit`` passes over ``memlimit`` bytes of memory."""

    opslimit: int
    memlimit: int


# libsodium's presets. MODERATE (256 MiB, about 0.6 s here) protects the vault; tests use MIN.
ARGON2_MODERATE = Argon2Limits(
    nacl.pwhash.argon2id.OPSLIMIT_MODERATE, nacl.pwhash.argon2id.MEMLIMIT_MODERATE
)
ARGON2_INTERACTIVE = Argon2Limits(
    nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE, nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE
)
ARGON2_MIN = Argon2Limits(ARGON2_OPSLIMIT_MIN, ARGON2_MEMLIMIT_MIN)


def library_version() -> str:
    """PyNaCl's version (it bundles libsodium), for the self-test."""
    return f"PyNaCl {nacl.__version__} (libsodium)"


def random_bytes(size: int) -> bytes:
    """``size`` bytes from the operating system's CSPRNG (``randombytes_buf``)."""
    return nacl.utils.random(size)


def derive_key(root: bytes, purpose: str, index: int = 0, size: int = KEY_BYTES) -> bytes:
    """Derive a subkey bound to ``purpose`` and ``index`` (layout in the module docstring)."""
    person = _purpose_bytes(purpose)
    if not 0 <= index < 2**64:
        raise ValueError("index must fit in 64 bits")
    if not 16 <= len(root) <= 64 or not 16 <= size <= 64:
        raise ValueError("root and subkey must be 16..64 bytes")
    salt = index.to_bytes(8, "little") + bytes(8)
    return sodium.crypto_generichash_blake2b_salt_personal(
        b"", digest_size=size, key=root, salt=salt, person=person
    )


def _purpose_bytes(purpose: str) -> bytes:
    """Purpose as the 16-byte BLAKE2b personal; distinct purposes give distinct bytes."""
    if not 0 < len(purpose) <= PURPOSE_MAX_BYTES or not purpose.isascii() or not purpose.isprintable():
        raise ValueError("purpose must be 1..16 printable ASCII characters")
    return purpose.encode("ascii").ljust(PURPOSE_MAX_BYTES, b"\0")


def signing_key(seed: bytes) -> nacl.signing.SigningKey:
    """The Ed25519 signing key whose 32-byte seed is ``seed``."""
    _check_key(seed)
    return nacl.signing.SigningKey(seed)


def box_key(secret: bytes) -> nacl.public.PrivateKey:
    """The X25519 key pair whose 32-byte secret scalar is ``secret`` (clamped by libsodium)."""
    _check_key(secret)
    return nacl.public.PrivateKey(secret)


def public_box_key(public: bytes) -> nacl.public.PublicKey:
    """An X25519 public key from its 32 bytes."""
    _check_key(public)
    return nacl.public.PublicKey(public)


def seal(recipient: nacl.public.PublicKey, plaintext: bytes) -> bytes:
    """Anonymous sealed box to ``recipient`` (ephemeral X25519 + XSalsa20-Poly1305)."""
    return nacl.public.SealedBox(recipient).encrypt(plaintext)


def seal_open(private: nacl.public.PrivateKey, ciphertext: bytes) -> bytes:
    """Open a sealed box; :class:`CryptoError` if it was not sealed to ``private`` or altered."""
    try:
        return nacl.public.SealedBox(private).decrypt(ciphertext)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError, nacl.exceptions.TypeError):
        raise CryptoError(detail="sealed box does not open") from None


def secretbox_encrypt(key: bytes, plaintext: bytes) -> bytes:
    """XSalsa20-Poly1305 with a random nonce; returns ``nonce || ciphertext``."""
    _check_key(key)
    return bytes(nacl.secret.SecretBox(key).encrypt(plaintext))


def secretbox_decrypt(key: bytes, ciphertext: bytes) -> bytes:
    """Open :func:`secretbox_encrypt` output; :class:`CryptoError` on a wrong key or altered data."""
    _check_key(key)
    try:
        return nacl.secret.SecretBox(key).decrypt(ciphertext)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError):
        raise CryptoError(detail="secretbox does not open") from None


def aead_encrypt(key: bytes, plaintext: bytes, associated_data: bytes) -> bytes:
    """XChaCha20-Poly1305 (IETF) with a random nonce, authenticating ``associated_data`` too.

    Returns ``nonce (24) || ciphertext || tag (16)``. Used where a clear header must be bound
    to the ciphertext (the vault file), which secretbox cannot do.
    """
    _check_key(key)
    nonce = random_bytes(AEAD_NONCE_BYTES)
    body = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associated_data, nonce, key)
    return nonce + body


def aead_decrypt(key: bytes, ciphertext: bytes, associated_data: bytes) -> bytes:
    """Open :func:`aead_encrypt` output; :class:`CryptoError` if anything was altered."""
    _check_key(key)
    if len(ciphertext) < AEAD_OVERHEAD:
        raise CryptoError(detail="aead ciphertext too short")
    nonce, body = ciphertext[:AEAD_NONCE_BYTES], ciphertext[AEAD_NONCE_BYTES:]
    try:
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(body, associated_data, nonce, key)
    except nacl.exceptions.CryptoError:
        raise CryptoError(detail="aead does not open") from None


def argon2id_key(passphrase: bytes, salt: bytes, limits: Argon2Limits = ARGON2_MODERATE) -> bytes:
    """A 32-byte key from a passphrase with Argon2id (v1.3); slow on purpose."""
    if len(salt) != ARGON2_SALT_BYTES:
        raise ValueError("Argon2id salt must be 16 bytes")
    return nacl.pwhash.argon2id.kdf(
        KEY_BYTES, passphrase, salt, opslimit=limits.opslimit, memlimit=limits.memlimit
    )


def stream_init_push(key: bytes) -> tuple[StreamState, bytes]:
    """Start an encrypting secretstream (XChaCha20-Poly1305); returns (state, 24-byte header)."""
    _check_key(key)
    state = StreamState()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key)
    return state, header


def stream_push(state: StreamState, chunk: bytes, final: bool = False) -> bytes:
    """Encrypt one chunk; ``final`` marks the last one (TAG_FINAL). Adds 17 bytes."""
    tag = _TAG_FINAL if final else _TAG_MESSAGE
    return sodium.crypto_secretstream_xchacha20poly1305_push(state, chunk, tag=tag)


def stream_init_pull(key: bytes, header: bytes) -> StreamState:
    """Start a decrypting secretstream from its 24-byte header."""
    _check_key(key)
    if len(header) != STREAM_HEADER_BYTES:
        raise CryptoError(detail="secretstream header has the wrong size")
    state = StreamState()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError):
        raise CryptoError(detail="secretstream header refused") from None
    return state


def stream_pull(state: StreamState, chunk: bytes) -> tuple[bytes, bool]:
    """Decrypt and verify one chunk; returns (plaintext, is_final). :class:`CryptoError` if altered."""
    try:
        plaintext, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError, nacl.exceptions.RuntimeError):
        raise CryptoError(detail="secretstream chunk does not verify") from None
    if tag not in (_TAG_MESSAGE, _TAG_FINAL):
        raise CryptoError(detail="unexpected secretstream tag")
    return plaintext, tag == _TAG_FINAL


def _check_key(key: bytes) -> None:
    """Keys are exactly 32 bytes; anything else is a programming error, not bad data."""
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("keys are 32 bytes")
