"""The wallet seed, its 24-word recovery phrase, and every key derived from it.

The seed is 256 random bits, shown once to the patient as 24 BIP-39 English words
(256 bits of entropy + an 8-bit checksum = 24 x 11 bits).

Seed = the 32 bytes of BIP-39 *entropy* the words encode, not BIP-39's PBKDF2 "seed".
The PBKDF2-HMAC-SHA512 step (2048 rounds, 64-byte output) exists to mix in an optional
BIP-39 passphrase and to feed BIP-32; Medwallet uses neither, the words already carry
256 bits of full entropy that stretching cannot add to, and keeping the entropy makes the
mapping invertible (the vault stores the seed and can show the same words again). It also
means the same words typed into a cryptocurrency wallet yield unrelated keys, and ours are
further bound to Medwallet by the ``mw/...`` KDF purposes below.

Derivation (``sodium.derive_key``, BLAKE2b keyed by the seed; purpose = personal, index =
salt), one purpose per use so no key can stand in for another::

    storage key               derive_key(seed, "mw/storage", 0)
    pseudonym i, Ed25519      SigningKey(derive_key(seed, "mw/pseudo-sign", i))
    pseudonym i, X25519       PrivateKey(derive_key(seed, "mw/pseudo-box", i))
    record-key wrapping key   derive_key(seed, "mw/rec-wrap", 0)

``tests/data/seed_vectors.json`` pins these; a change there is a change of every
patient's keys and must never happen silently.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from mnemonic import Mnemonic

from ..errors import InvalidPhrase
from . import sodium

if TYPE_CHECKING:  # key types come from sodium.py, the one module that talks to libsodium
    import nacl.public
    import nacl.signing

SEED_BYTES = 32
PHRASE_WORDS = 24

PURPOSE_STORAGE = "mw/storage"
PURPOSE_PSEUDONYM_SIGN = "mw/pseudo-sign"
PURPOSE_PSEUDONYM_BOX = "mw/pseudo-box"
PURPOSE_RECORD_WRAP = "mw/rec-wrap"
PURPOSE_FINGERPRINT = "mw/fingerprint"
PURPOSE_LINK_ID = "mw/shl-id"
PURPOSE_LINK_KEY = "mw/shl-key"

_SEPARATORS = re.compile(r"[\s,;]+")
_NUMBERING = re.compile(r"^\d+[.)]?$")  # "1." or "1)" when a phrase is pasted from a list


@lru_cache(maxsize=1)
def _mnemonic() -> Mnemonic:
    """The English BIP-39 list (loading it reads a file, so do it once)."""
    return Mnemonic("english")


def new_phrase() -> str:
    """A fresh 24-word phrase encoding 256 bits from the OS random generator."""
    return phrase_from_seed(sodium.random_bytes(SEED_BYTES))


def phrase_from_seed(seed: bytes) -> str:
    """The 24 words for a 32-byte seed."""
    if len(seed) != SEED_BYTES:
        raise ValueError("the seed is 32 bytes")
    return _mnemonic().to_mnemonic(seed)


def validate_phrase(text: str) -> str:
    """Return the phrase in canonical form (lower case, single spaces) or raise :class:`InvalidPhrase`.

    Tolerates what people paste: any whitespace, commas, upper case, list numbering.
    """
    words = _words(text)
    if len(words) != PHRASE_WORDS:
        raise InvalidPhrase(
            f"A recovery phrase has {PHRASE_WORDS} words; this one has {len(words)}.", reason="count"
        )
    for position, word in enumerate(words, start=1):
        _check_word(word, position)
    phrase = " ".join(words)
    if not _mnemonic().check(phrase):
        raise InvalidPhrase(
            "Every word is a valid recovery word, but together they are not a valid phrase. "
            "Check their order and look for a word written down wrongly.",
            reason="checksum",
        )
    return phrase


def seed_from_phrase(phrase: str) -> bytes:
    """The 32-byte seed a phrase encodes (deterministic; validates first)."""
    return bytes(_mnemonic().to_entropy(validate_phrase(phrase)))


def _words(text: str) -> list[str]:
    """Split pasted text into lower-case words, dropping list numbering."""
    normal = unicodedata.normalize("NFKD", text).lower()
    return [w for w in _SEPARATORS.split(normal) if w and not _NUMBERING.match(w)]


def _check_word(word: str, position: int) -> None:
    """Raise :class:`InvalidPhrase` naming ``word`` when it is not on the BIP-39 list."""
    if word in _word_set():
        return
    suggestion = _suggest(word, _mnemonic().wordlist)
    hint = f' Did you mean "{suggestion}"?' if suggestion else ""
    raise InvalidPhrase(
        f'Word {position}, "{word}", is not a recovery word.{hint}',
        reason="word",
        word=word,
        position=position,
        suggestion=suggestion,
    )


@lru_cache(maxsize=1)
def _word_set() -> frozenset[str]:
    return frozenset(_mnemonic().wordlist)


def _suggest(word: str, wordlist: list[str]) -> str | None:
    """BIP-39 words are unique in their first four letters; use that, else the closest word."""
    if len(word) >= 4:
        by_prefix = [w for w in wordlist if w.startswith(word[:4])]
        if len(by_prefix) == 1:
            return by_prefix[0]
    close = difflib.get_close_matches(word, wordlist, n=1, cutoff=0.75)
    return close[0] if close else None


class KeyTree:
    """All keys of one wallet, derived on demand from its seed (see the module docstring)."""

    __slots__ = ("_seed",)

    def __init__(self, seed: bytes) -> None:
        if not isinstance(seed, bytes) or len(seed) != SEED_BYTES:
            raise ValueError("the seed is 32 bytes")
        self._seed = seed

    @classmethod
    def from_phrase(cls, phrase: str) -> KeyTree:
        """Restore the tree from the patient's 24 words."""
        return cls(seed_from_phrase(phrase))

    @property
    def seed(self) -> bytes:
        """The raw seed, for the keystore only."""
        return self._seed

    def phrase(self) -> str:
        """The 24 words, to show the patient again."""
        return phrase_from_seed(self._seed)

    def storage_key(self) -> bytes:
        """32-byte key for the wallet's local database."""
        return sodium.derive_key(self._seed, PURPOSE_STORAGE)

    def pseudonym_signing_key(self, index: int) -> nacl.signing.SigningKey:
        """Ed25519 key of pseudonym ``index`` (one per relationship or record set)."""
        return sodium.signing_key(sodium.derive_key(self._seed, PURPOSE_PSEUDONYM_SIGN, _index(index)))

    def pseudonym_box_key(self, index: int) -> nacl.public.PrivateKey:
        """X25519 key of pseudonym ``index``, to which wrapped record keys are sealed."""
        return sodium.box_key(sodium.derive_key(self._seed, PURPOSE_PSEUDONYM_BOX, _index(index)))

    def record_key_wrapping_key(self) -> bytes:
        """32-byte key that wraps the patient's own copy of each record key."""
        return sodium.derive_key(self._seed, PURPOSE_RECORD_WRAP)

    def fingerprint_key(self) -> bytes:
        """32-byte key of the records' content fingerprints (keyed BLAKE2b: the database
        holds them, and without the key they say nothing about the content)."""
        return sodium.derive_key(self._seed, PURPOSE_FINGERPRINT)

    def link_secrets(self, index: int) -> tuple[bytes, bytes]:
        """The secret id and the key of SMART Health Link ``index`` (so the database keeps only
        the index, and the patient can show a link again)."""
        return (sodium.derive_key(self._seed, PURPOSE_LINK_ID, index),
                sodium.derive_key(self._seed, PURPOSE_LINK_KEY, index))

    def __repr__(self) -> str:  # never show the seed
        return "KeyTree(<secret>)"


def _index(index: int) -> int:
    """Pseudonym indices are non-negative and below 2**31 (room for a gap-limit scan)."""
    if not isinstance(index, int) or not 0 <= index < 2**31:
        raise ValueError("pseudonym index must be in 0..2**31-1")
    return index
