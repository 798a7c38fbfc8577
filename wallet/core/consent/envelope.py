"""The key envelope of a consent: the record keys of the copies made for one institution,
sealed to that institution's X25519 key.

Layout: a libsodium sealed box of the JSON ``{"v": 2, "keys": {copy id: record key hex}}``
followed by spaces up to its size class (:mod:`..records.padding`), so the node and the
ledger see a class, not how many records the consent covers. Version 1 (unpadded) still opens.
The wallet stores it on the node as a blob named by its hash; the node releases it only
under the consent, as an audited read, and the desk opens it with its box key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ledger_client.crypto import SigningKey

from ..errors import CryptoError
from ..keys import sodium
from ..network import Network
from ..records.padding import size_class

if TYPE_CHECKING:
    from nacl.public import PrivateKey

ENVELOPE_VERSION = 2


def seal_envelope(box_key_hex: str, keys: Mapping[str, bytes]) -> bytes:
    """Seal record keys (by copy id) to an institution's X25519 public key (hex)."""
    doc = {"v": ENVELOPE_VERSION, "keys": {copy: key.hex() for copy, key in keys.items()}}
    plain = json.dumps(doc, sort_keys=True).encode()
    plain += b" " * (size_class(len(plain)) - len(plain))  # JSON allows trailing whitespace
    return sodium.seal(sodium.public_box_key(bytes.fromhex(box_key_hex)), plain)


def upload_envelope(network: Network, key: SigningKey, box_key_hex: str, keys: Mapping[str, bytes]) -> str:
    """Seal the keys and store the envelope on the node under its hash (signed by ``key``); its id."""
    sealed = seal_envelope(box_key_hex, keys)
    digest = hashlib.sha256(sealed).hexdigest()
    network.client_for(key).upload_blob(key, network.chain_id, digest, len(sealed),
                                        lambda offset: iter([sealed[offset:]]))
    return digest


def open_envelope(box: PrivateKey, sealed: bytes) -> dict[str, bytes]:
    """The record keys by copy id; ValueError if this box key does not open it or it is damaged."""
    try:
        doc = json.loads(sodium.seal_open(box, sealed))
        return {record: bytes.fromhex(key) for record, key in doc["keys"].items()}
    except (ValueError, KeyError, TypeError, AttributeError, CryptoError):
        raise ValueError("the key envelope does not open with this key") from None
