"""The emergency set's copies: each file padded to its size class and encrypted under the
set's emergency key (libsodium secretbox, XSalsa20-Poly1305), so its size tells no more than
any other blob's and a wrong or incomplete key is detected on opening.

Layout of the plaintext before encryption: ``{"type": content type, "data": base64}`` as
UTF-8 JSON, then spaces up to :func:`~wallet.core.records.padding.size_class`.
"""

from __future__ import annotations

import base64
import json

import nacl.exceptions
import nacl.secret

from ..errors import WalletError
from ..records.padding import size_class


class CopyUnreadable(WalletError):
    """The emergency record could not be decrypted: the key rebuilt from the nodes' shares does not open
    it (a node sent a wrong share, or the patient replaced the set)."""

    code = "emergency_copy_unreadable"


def seal_copy(key: bytes, content_type: str, data: bytes) -> bytes:
    """One encrypted, padded copy of ``data``."""
    plain = json.dumps({"type": content_type, "data": base64.b64encode(data).decode("ascii")}).encode("utf-8")
    padded = plain + b" " * (size_class(len(plain)) - len(plain))
    return bytes(nacl.secret.SecretBox(key).encrypt(padded))


def open_copy(key: bytes, blob: bytes) -> tuple[str, bytes]:
    """The content type and bytes of one copy; :class:`CopyUnreadable` under a wrong key."""
    try:
        doc = json.loads(nacl.secret.SecretBox(key).decrypt(blob))
        return str(doc["type"]), base64.b64decode(doc["data"], validate=True)
    except (nacl.exceptions.CryptoError, ValueError, KeyError, TypeError):
        raise CopyUnreadable(detail="secretbox open failed") from None
