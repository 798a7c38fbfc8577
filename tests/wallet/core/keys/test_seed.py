"""wallet.core.seed: the phrase, its validation, and the pinned key derivation."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wallet.core.errors import InvalidPhrase
from wallet.core.keys import seed
from wallet.core.keys.seed import KeyTree

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "data" / "seed_vectors.json").read_text())
ZERO_PHRASE = " ".join(["abandon"] * 23 + ["art"])  # BIP-39 vector for 32 zero bytes


def test_new_phrase_is_24_valid_distinct_words() -> None:
    first, second = seed.new_phrase(), seed.new_phrase()
    assert len(first.split()) == 24
    assert seed.validate_phrase(first) == first
    assert first != second


def test_published_bip39_vectors() -> None:
    assert seed.seed_from_phrase(ZERO_PHRASE) == bytes(32)
    assert seed.phrase_from_seed(bytes(32)) == ZERO_PHRASE
    assert seed.seed_from_phrase(VECTORS["phrase"]).hex() == VECTORS["seed_hex"] == "80" * 32


@given(st.binary(min_size=32, max_size=32))
def test_seed_phrase_round_trip(raw: bytes) -> None:
    phrase = seed.phrase_from_seed(raw)
    assert seed.seed_from_phrase(phrase) == raw
    assert KeyTree.from_phrase(phrase).seed == raw


def test_validate_normalises_what_people_paste() -> None:
    words = ZERO_PHRASE.split()
    messy = "\n".join(f"{i}. {w.upper()}," for i, w in enumerate(words, start=1)) + "\r\n"
    assert seed.validate_phrase(messy) == ZERO_PHRASE
    assert seed.validate_phrase("  " + "\t".join(words) + "  ") == ZERO_PHRASE


def test_unknown_word_is_named_with_a_suggestion() -> None:
    words = ZERO_PHRASE.split()
    words[4] = "abandn"
    with pytest.raises(InvalidPhrase) as caught:
        seed.validate_phrase(" ".join(words))
    error = caught.value
    assert (error.reason, error.word, error.position, error.suggestion) == ("word", "abandn", 5, "abandon")
    assert '"abandn"' in str(error) and "Word 5" in str(error)


def test_four_letter_prefix_suggestion() -> None:
    words = ZERO_PHRASE.split()
    words[0] = "abanxyz"
    with pytest.raises(InvalidPhrase) as caught:
        seed.validate_phrase(" ".join(words))
    assert caught.value.suggestion == "abandon"


@pytest.mark.parametrize("count", [0, 1, 12, 23, 25])
def test_wrong_word_count(count: int) -> None:
    with pytest.raises(InvalidPhrase) as caught:
        seed.validate_phrase(" ".join(["abandon"] * count))
    assert caught.value.reason == "count"
    assert f"has {count}" in str(caught.value)


def test_checksum_failure_is_reported_as_such() -> None:
    with pytest.raises(InvalidPhrase) as caught:
        seed.validate_phrase(" ".join(["abandon"] * 24))
    assert caught.value.reason == "checksum"


@given(st.binary(min_size=32, max_size=32), st.integers(0, 23), st.integers(1, 2047))
def test_any_single_word_swap_is_refused_or_harmlessly_valid(raw: bytes, position: int, shift: int) -> None:
    """Swapping one word fails the 8-bit checksum unless it hits another valid phrase (1/256)."""
    words = seed.phrase_from_seed(raw).split()
    wordlist = seed._mnemonic().wordlist
    words[position] = wordlist[(wordlist.index(words[position]) + shift) % 2048]
    try:
        other = seed.seed_from_phrase(" ".join(words))
    except InvalidPhrase as error:
        assert error.reason == "checksum"
    else:
        assert other != raw


def test_golden_vectors_pin_every_derived_key() -> None:
    tree = KeyTree.from_phrase(VECTORS["phrase"])
    assert tree.storage_key().hex() == VECTORS["storage_key_hex"]
    assert tree.record_key_wrapping_key().hex() == VECTORS["record_key_wrapping_key_hex"]
    for vector in VECTORS["pseudonyms"]:
        index = vector["index"]
        assert bytes(tree.pseudonym_signing_key(index).verify_key).hex() == vector["ed25519_public_hex"]
        assert bytes(tree.pseudonym_box_key(index).public_key).hex() == vector["x25519_public_hex"]


def test_golden_storage_key_by_independent_blake2b() -> None:
    """hashlib's BLAKE2b (not libsodium) reproduces the documented derivation."""
    expected = hashlib.blake2b(
        b"", digest_size=32, key=bytes.fromhex(VECTORS["seed_hex"]), salt=bytes(16),
        person=b"mw/storage".ljust(16, b"\0"),
    ).hexdigest()
    assert expected == VECTORS["storage_key_hex"]


def test_keys_are_domain_separated() -> None:
    tree = KeyTree(bytes(range(32)))
    sign0 = bytes(tree.pseudonym_signing_key(0))
    box0 = bytes(tree.pseudonym_box_key(0))
    secrets = [tree.storage_key(), tree.record_key_wrapping_key(), sign0, box0,
               bytes(tree.pseudonym_signing_key(1)), bytes(tree.pseudonym_box_key(1))]
    assert len(set(secrets)) == len(secrets)


def test_derivation_is_deterministic() -> None:
    one, two = KeyTree(bytes([9]) * 32), KeyTree(bytes([9]) * 32)
    assert bytes(one.pseudonym_signing_key(5).verify_key) == bytes(two.pseudonym_signing_key(5).verify_key)
    assert one.storage_key() == two.storage_key()


@pytest.mark.parametrize("index", [-1, 2**31, "0", 1.0])
def test_pseudonym_index_range(index: object) -> None:
    tree = KeyTree(bytes(32))
    with pytest.raises(ValueError):
        tree.pseudonym_signing_key(index)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        tree.pseudonym_box_key(index)  # type: ignore[arg-type]


def test_keytree_hides_its_seed() -> None:
    tree = KeyTree(bytes([0xAB]) * 32)
    assert "ab" * 4 not in repr(tree).lower()
    assert tree.phrase() == seed.phrase_from_seed(bytes([0xAB]) * 32)
    with pytest.raises(ValueError):
        KeyTree(bytes(16))
