"""Guardian shares (SLIP-39 through shamir-mnemonic): any two of three rebuild the phrase, one
alone does not, mixed sets and mistyped words are refused by name, the wallet keeps no share,
and a wallet restored from two shares on a real node finds its records."""

from __future__ import annotations

import itertools

import pytest

from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.keys import guardians
from wallet.core.keys.guardians import ShareError
from wallet.core.keys.seed import new_phrase, seed_from_phrase
from wallet.core.records import library
from wallet.core.restore import rediscover

PHRASE = new_phrase()
SEED = seed_from_phrase(PHRASE)


def test_any_two_of_three_rebuild_the_phrase_and_one_does_not():
    shares = guardians.split_seed(SEED, ["Ana", "Ben", "Chloé"], 2)
    assert [(s.guardian, s.number, s.threshold, s.count) for s in shares] == [
        ("Ana", 1, 2, 3), ("Ben", 2, 2, 3), ("Chloé", 3, 2, 3)]
    assert all(len(s.words.split()) == guardians.SHARE_WORDS for s in shares)
    assert len({s.words for s in shares}) == 3 and all(w not in s.words for s in shares for w in [PHRASE])
    for pair in itertools.permutations(shares, 2):
        assert guardians.recover_phrase([s.words for s in pair]) == PHRASE
    with pytest.raises(ShareError, match="2 guardians' shares are needed; 1 given"):
        guardians.recover_phrase([shares[0].words])
    with pytest.raises(ShareError, match="2 guardians' shares are needed; 1 given"):
        guardians.recover_phrase([shares[0].words, shares[0].words.upper()])  # the same share twice is one


def test_three_of_five_and_pasted_shares():
    shares = guardians.split_seed(SEED, ["A", "B", "C", "D", "E"], 3)
    pasted = "\n".join(f"{i}. {w}" for i, w in enumerate(shares[4].words.upper().split(), start=1))
    assert guardians.recover_phrase([shares[0].words, shares[2].words, pasted]) == PHRASE
    with pytest.raises(ShareError, match="3 guardians' shares are needed; 2 given"):
        guardians.recover_phrase([shares[0].words, shares[1].words])


def test_bad_shares_are_refused_by_name():
    one, two = guardians.split_seed(SEED, ["A", "B"], 2)
    other = guardians.split_seed(SEED, ["A", "B"], 2)  # a second set of the same seed
    with pytest.raises(ShareError, match="different guardian sets"):
        guardians.recover_phrase([one.words, other[1].words])
    words = two.words.split()
    with pytest.raises(ShareError, match=f'Word 7, "{words[6][:3]}x", is not a share word'):
        guardians.recover_phrase([one.words, " ".join(words[:6] + [words[6][:3] + "x"] + words[7:])])
    swapped = words[:5] + [words[6], words[5]] + words[7:]
    with pytest.raises(ShareError, match="not a valid share"):
        guardians.recover_phrase([one.words, " ".join(swapped)])
    with pytest.raises(ShareError, match="has 33 words; this one has 32"):
        guardians.recover_phrase([one.words, " ".join(words[:-1])])
    with pytest.raises(ShareError, match="Enter the guardians"):
        guardians.recover_phrase(["", "  "])


def test_the_set_is_checked_before_splitting():
    for names, threshold, text in ((["A"], 1, "between 2"), (["A", "B"], 3, "at most"), (["A", "B"], 1, "at least 2"),
                                   (["A", "A"], 2, "name of their own"), (["A", " "], 2, "name of their own")):
        with pytest.raises(ShareError, match=text):
            guardians.split_seed(SEED, names, threshold)


def test_the_wallet_keeps_the_set_but_no_share(wallet):
    shares = guardians.create(wallet.db, wallet.keys.seed, ["Ana", "Ben", "Chloé"], 2)
    recorded = guardians.current(wallet.db)
    assert recorded["guardians"] == ["Ana", "Ben", "Chloé"] and recorded["threshold"] == 2
    assert recorded["identifier"] == shares[0].identifier
    wallet.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = b"".join(p.read_bytes() for p in wallet.dir.rglob("*") if p.is_file())
    for share in shares:  # not one share's distinctive words appear on disk
        assert " ".join(share.words.split()[3:8]).encode() not in stored


def test_restore_from_two_shares_on_a_real_node(wallet, make_wallet, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf", 3000), title="Letter").record
    shares = guardians.create(wallet.db, wallet.keys.seed, ["Ana", "Ben", "Chloé"], 2)
    phrase = guardians.recover_phrase([shares[2].words, shares[0].words])
    restored = make_wallet("from-shares", phrase=phrase)
    assert rediscover(restored)["records"] == 1
    assert [r["record"] for r in library.list_records(restored)] == [rec]


def test_no_share_is_made_before_the_passphrase_is_checked(wallet):
    from tests.wallet.conftest import PASSPHRASE
    from wallet.core.errors import WrongPassphrase
    from wallet.core.protection import PassphraseNeededForShares, guardian_shares

    for secret, refused in ((None, PassphraseNeededForShares), ("", PassphraseNeededForShares),
                            ("not the passphrase", WrongPassphrase)):
        with pytest.raises(refused):
            guardian_shares(wallet, secret, ["Ana", "Ben", "Chloé"], 2)
        assert guardians.current(wallet.db) is None  # nothing split, nothing recorded
    shares = guardian_shares(wallet, PASSPHRASE, ["Ana", "Ben", "Chloé"], 2)
    assert guardians.recover_phrase([shares[0].words, shares[2].words]) == wallet.keys.phrase()
