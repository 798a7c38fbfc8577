"""Key envelopes are padded to a size class: their size does not tell how many records a consent covers."""

from __future__ import annotations

import json
import os

from nacl.public import PrivateKey, SealedBox

from wallet.core.consent.envelope import open_envelope, seal_envelope
from wallet.core.records import padding


def test_envelopes_of_one_or_twenty_records_have_one_size() -> None:
    box = PrivateKey.generate()
    public = bytes(box.public_key).hex()
    one = {"a" * 64: os.urandom(32)}
    twenty = {f"{n:064x}": os.urandom(32) for n in range(20)}
    sealed = [seal_envelope(public, keys) for keys in (one, twenty)]
    assert len(sealed[0]) == len(sealed[1]) == padding.FLOOR + 48  # sealed-box overhead
    assert open_envelope(box, sealed[0]) == one
    assert open_envelope(box, sealed[1]) == twenty


def test_an_unpadded_version_1_envelope_still_opens() -> None:
    box = PrivateKey.generate()
    keys = {"b" * 64: os.urandom(32)}
    doc = json.dumps({"v": 1, "keys": {c: k.hex() for c, k in keys.items()}}, sort_keys=True).encode()
    assert open_envelope(box, SealedBox(box.public_key).encrypt(doc)) == keys
