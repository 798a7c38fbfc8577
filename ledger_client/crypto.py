"""Every cryptographic call of the ledger, in one place.

Hashes are SHA-256. Signatures are Ed25519 (libsodium through PyNaCl) over a
domain-separated message: ``b"medwallet/" + purpose + b"/v1\\0" + digest``, so a
signature made for one purpose (a transaction, a block, an access request, an
upload) can never be replayed as another.
"""

from __future__ import annotations

import hashlib

import nacl.exceptions
import nacl.signing

from .errors import SignatureError

DOMAIN_TX = b"medwallet/tx/v1\x00"
DOMAIN_BLOCK = b"medwallet/block/v1\x00"
DOMAIN_ACCESS = b"medwallet/access/v1\x00"
DOMAIN_UPLOAD = b"medwallet/upload/v1\x00"
DOMAIN_GENESIS = b"medwallet/genesis/v1\x00"
DOMAIN_PROFILE = b"medwallet/profile/v1\x00"
DOMAIN_PROOF_REQUEST = b"medwallet/proof-request/v1\x00"
DOMAIN_REQUEST = b"medwallet/request/v1\x00"
DOMAIN_LINK = b"medwallet/shl-link/v1\x00"  # a SMART Health Link's id, as the ledger names it
DOMAIN_LINK_SALT = b"medwallet/shl-salt/v1\x00"  # the salt of a link's passcode verifier
DOMAIN_RECIPIENT = b"medwallet/shl-recipient/v1\x00"  # commitment to who opened a link
DOMAIN_RECEIPT = b"medwallet/receipt/v1\x00"  # a clinic desk's countersignature of a consent
DOMAIN_CHECKPOINT = b"medwallet/checkpoint/v1\x00"  # a node's signed tree head over the block log
# Argon2id for link passcodes: the node checks each guess (a few per link, then it locks),
# so the cost is the interactive level, fixed here because every node must agree.
PASSCODE_OPS = 2
PASSCODE_MEM = 64 * 1024 * 1024


def sha256(data: bytes) -> bytes:
    """SHA-256 digest."""
    return hashlib.sha256(data).digest()


def sha256_hex(data: bytes) -> str:
    """SHA-256 digest as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def new_hasher() -> hashlib._Hash:
    """An incremental SHA-256, for streamed blobs."""
    return hashlib.sha256()


def passcode_hash(passcode: str, salt: bytes) -> bytes:
    """Argon2id (libsodium, interactive limits) of a link passcode under a 16-byte salt."""
    import nacl.pwhash

    return nacl.pwhash.argon2id.kdf(32, passcode.encode("utf-8"), salt, opslimit=PASSCODE_OPS,
                                    memlimit=PASSCODE_MEM)


def constant_time_equal(a: bytes, b: bytes) -> bool:
    """Compare two secrets without leaking where they differ."""
    import hmac

    return hmac.compare_digest(a, b)


def seal_to(box_public_hex: str, plaintext: bytes) -> bytes:
    """An anonymous sealed box (X25519, libsodium) to a pseudonym's box key."""
    import nacl.public

    return nacl.public.SealedBox(nacl.public.PublicKey(bytes.fromhex(box_public_hex))).encrypt(plaintext)


class SigningKey:
    """An Ed25519 key pair; ``public`` is the 32-byte key as lowercase hex."""

    __slots__ = ("_key", "public")

    def __init__(self, seed: bytes) -> None:
        self._key = nacl.signing.SigningKey(seed)
        self.public = bytes(self._key.verify_key).hex()

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(bytes(nacl.signing.SigningKey.generate()))

    @property
    def seed(self) -> bytes:
        return bytes(self._key)

    def sign(self, domain: bytes, digest: bytes) -> str:
        """Sign ``domain || digest``; returns the signature as hex."""
        return self._key.sign(domain + digest).signature.hex()

    def __repr__(self) -> str:  # never show the secret part
        return f"SigningKey(public={self.public[:16]}…)"


_verify_cache: dict[str, nacl.signing.VerifyKey] = {}


def verify(public_hex: str, domain: bytes, digest: bytes, signature_hex: str) -> None:
    """Check an Ed25519 signature; raise :class:`SignatureError` when it fails."""
    try:
        key = _verify_cache.get(public_hex)
        if key is None:
            key = nacl.signing.VerifyKey(bytes.fromhex(public_hex))
            if len(_verify_cache) > 65536:
                _verify_cache.clear()
            _verify_cache[public_hex] = key
        key.verify(domain + digest, bytes.fromhex(signature_hex))
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, ValueError, TypeError):
        raise SignatureError("signature does not verify") from None
