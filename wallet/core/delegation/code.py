"""The delegate's public code: its signing key and box key, with a checksum against typos.

Layout (ASCII, one line, fits a QR code in alphanumeric-free byte mode)::

    medwallet-delegate:1:<Ed25519 public key hex>:<X25519 public key hex>:<check>

``check`` is the first 4 bytes (hex) of SHA-256 over a domain tag and both keys. The code
holds no secret; whoever shows it proves nothing by it, so the patient adds a delegate
from a code the delegate hands over in person (or reads the short fingerprint back).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ledger_client.encoding import is_hex

from ..errors import WalletError

PREFIX = "medwallet-delegate:1:"
DOMAIN = b"medwallet/delegate-code/v1\x00"


class InvalidDelegateCode(WalletError):
    """This is not a delegate's code, or it was mistyped. Ask the delegate to show it again."""

    code = "invalid_delegate_code"


@dataclass(frozen=True)
class DelegateCode:
    """A delegate's public keys."""

    sign_key: str
    box_key: str

    @property
    def fingerprint(self) -> str:
        """A short text both sides can read aloud to check they hold the same code."""
        digest = _check(self.sign_key, self.box_key)
        return "-".join(digest[i:i + 4] for i in range(0, 8, 4)).upper()

    def text(self) -> str:
        return f"{PREFIX}{self.sign_key}:{self.box_key}:{_check(self.sign_key, self.box_key)}"


def _check(sign_key: str, box_key: str) -> str:
    return hashlib.sha256(DOMAIN + bytes.fromhex(sign_key) + bytes.fromhex(box_key)).hexdigest()[:8]


def parse_code(text: str) -> DelegateCode:
    """A delegate's code from scanned or typed text (whitespace and case ignored)."""
    compact = "".join(text.split()).lower()
    if not compact.startswith(PREFIX):
        raise InvalidDelegateCode(key="invalid_delegate_code.not_medwallet")
    parts = compact[len(PREFIX):].split(":")
    if len(parts) != 3 or not is_hex(parts[0], 32) or not is_hex(parts[1], 32) or not is_hex(parts[2], 4):
        raise InvalidDelegateCode(key="invalid_delegate_code.truncated")
    if _check(parts[0], parts[1]) != parts[2]:
        raise InvalidDelegateCode(key="invalid_delegate_code.checksum")
    return DelegateCode(parts[0], parts[1])


def code_from_image(path: Path) -> str:
    """The delegate code in a picture of its QR code (:class:`InvalidDelegateCode` if none)."""
    from ..consent.qr import decode_image

    for text in decode_image(path):
        if "".join(text.split()).lower().startswith(PREFIX):
            return parse_code(text).text()
    raise InvalidDelegateCode(key="invalid_delegate_code.no_code")
