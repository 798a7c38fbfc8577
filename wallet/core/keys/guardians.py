"""Guardians: the wallet seed split into SLIP-39 shares, one per trusted person.

The 32-byte seed (the entropy the 24 words encode, :mod:`.seed`) is split with SLIP-39
(Trezor's reference implementation, ``shamir-mnemonic``: Shamir's scheme over GF(256),
each share 33 words with an RS1024 checksum) into ``count`` shares of which any
``threshold`` rebuild it, e.g. 2 of 3: one guardian alone learns nothing about the seed,
and losing one share loses nothing. No SLIP-39 passphrase is used, so the guardians need
nothing but their shares.

Each share is shown once, to be written down or printed for its guardian; the wallet
keeps none of them. It keeps, in its database, only that a set exists (its SLIP-39
identifier, the threshold, the guardians' names and when), so it can count guardians as
a backup (:mod:`wallet.core.backup`) and tell which set a share belongs to. Making a new
set does not invalidate an old one's shares (they still rebuild the same seed), which
the faces say.

Restoring: :func:`recover_phrase` rebuilds the seed from ``threshold`` shares and returns
the 24 words, which then restore the wallet as usual (:mod:`wallet.core.restore`).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

from shamir_mnemonic import MnemonicError, combine_mnemonics, generate_mnemonics
from shamir_mnemonic.share import Share
from shamir_mnemonic.wordlist import WORD_INDEX_MAP

from ..db import WalletDB
from ..errors import WalletError
from .seed import SEED_BYTES, phrase_from_seed

SHARE_WORDS = 33  # a SLIP-39 share of a 256-bit secret
MAX_GUARDIANS = 16
META_KEY = "guardians"
_SEPARATORS = re.compile(r"[\s,;]+")
_NUMBERING = re.compile(r"^\d+[.)]?$")


class ShareError(WalletError):
    """These guardian shares cannot rebuild the wallet. Check each share's words and that enough shares are given."""

    code = "guardian_share"


@dataclass(frozen=True)
class GuardianShare:
    """One guardian's share: their name, its number in the set and its 33 words."""

    guardian: str
    number: int
    words: str
    threshold: int
    count: int
    identifier: int


def split_seed(seed: bytes, guardians: list[str], threshold: int) -> list[GuardianShare]:
    """Split ``seed`` into one share per guardian, any ``threshold`` of which rebuild it."""
    if len(seed) != SEED_BYTES:
        raise ValueError("the seed is 32 bytes")
    names = check_set(guardians, threshold)
    words = generate_mnemonics(1, [(threshold, len(names))], seed)[0]
    identifier = Share.from_mnemonic(words[0]).identifier
    return [GuardianShare(name, number, share, threshold, len(names), identifier)
            for number, (name, share) in enumerate(zip(names, words, strict=True), start=1)]


def check_set(guardians: list[str], threshold: int) -> list[str]:
    """The guardians' names, trimmed, once the set is one a split can make (no secret needed)."""
    names = [g.strip() for g in guardians]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise ShareError("Give each guardian a name of their own.")
    if not 2 <= len(names) <= MAX_GUARDIANS:
        raise ShareError(f"Choose between 2 and {MAX_GUARDIANS} guardians.")
    if not 2 <= threshold <= len(names):
        raise ShareError("The number of guardians needed must be at least 2 and at most the number of guardians.")
    return names


def create(db: WalletDB, seed: bytes, guardians: list[str], threshold: int) -> list[GuardianShare]:
    """Split ``seed`` for ``guardians`` and record (without the shares) that the set exists."""
    shares = split_seed(seed, guardians, threshold)
    record = {"identifier": shares[0].identifier, "threshold": threshold, "guardians": [s.guardian for s in shares],
              "created_at": int(time.time())}
    db.set_meta(META_KEY, json.dumps(record, sort_keys=True))
    return shares


def current(db: WalletDB) -> dict[str, Any] | None:
    """The guardian set this wallet recorded (names, threshold, when), or None."""
    text = db.get_meta(META_KEY)
    return json.loads(text) if text else None


def normalize_share(text: str) -> str:
    """One share as typed or pasted (any spacing, upper case, numbering), checked word by word
    and by its checksum; raises :class:`ShareError` naming the problem."""
    words = [w for w in _SEPARATORS.split(text.strip().lower()) if w and not _NUMBERING.match(w)]
    if len(words) != SHARE_WORDS:
        raise ShareError(f"A guardian share has {SHARE_WORDS} words; this one has {len(words)}.")
    for position, word in enumerate(words, start=1):
        if word not in WORD_INDEX_MAP:
            raise ShareError(f'Word {position}, "{word}", is not a share word. Check it against the paper.')
    share = " ".join(words)
    try:
        Share.from_mnemonic(share)
    except MnemonicError:
        raise ShareError("Every word is a share word, but together they are not a valid share. Check their order "
                         "and look for a word written down wrongly.") from None
    return share


def recover_phrase(shares: list[str]) -> str:
    """The 24-word recovery phrase rebuilt from guardian shares."""
    normal = list(dict.fromkeys(normalize_share(s) for s in shares if s.strip()))
    if not normal:
        raise ShareError("Enter the guardians' shares, one per box.")
    parsed = [Share.from_mnemonic(s) for s in normal]
    if len({p.identifier for p in parsed}) != 1:
        raise ShareError("These shares come from different guardian sets. Use shares made at the same time.")
    needed = parsed[0].member_threshold
    if len(normal) < needed:
        raise ShareError(f"{needed} guardians' shares are needed; {len(normal)} given.")
    try:
        seed = combine_mnemonics(normal)
    except MnemonicError:
        raise ShareError("These shares do not fit together. Check that each belongs to this wallet.") from None
    return phrase_from_seed(seed)


def shares_from_text(text: str) -> list[str]:
    """Shares from a file or a paste: separated by blank lines, else one per line."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if len(blocks) > 1:
        return blocks
    return [line for line in text.splitlines() if line.strip()]
