"""Pseudonyms registered ahead of time: a grant to a new institution registers nothing, an
empty pool registers one with a random wait and says so (naming no key), and restore
brings back every grant and the pool itself."""

from __future__ import annotations

import logging
import re
import time

import pytest

from tests.wallet.conftest import PASSPHRASE
from tests.wallet.files import write_pdf
from wallet.core import importing, pool, pseudonyms, restore
from wallet.core.consent import grants
from wallet.core.errors import Cancelled
from wallet.core.keys.sodium import ARGON2_MIN

HEX = re.compile(r"[0-9a-f]{32,}")


def registered(wallet) -> dict[int, str]:
    return {row["idx"]: row["registered_tx"] for row in wallet.pseudonyms() if row["registered_tx"]}


def test_the_pool_fills_to_its_size_and_a_grant_takes_one_registered_before(wallet, make_clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 3000)).record
    filled = [pool.register_one(wallet) for _ in range(pool.POOL_SIZE)]
    assert None not in filled and pool.register_one(wallet) is None  # full
    assert pool.members(wallet) == sorted(filled) and pool.missing(wallet) == 0
    before = registered(wallet)
    clinics = [make_clinic(f"Clinic {n}") for n in range(2)]
    for clinic in clinics:
        result = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
        row = wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (result.consent,))
        assert row["pseudonym"] in filled
    assert registered(wallet) == before  # nothing registered at grant time: the same transactions as before
    rows = {row["idx"]: row for row in wallet.pseudonyms()}
    taken = [i for i in filled if rows[i]["role"] == pseudonyms.RELATIONSHIP_ROLE]
    assert {rows[i]["institution"] for i in taken} == {c.key.public for c in clinics}
    assert len(pool.members(wallet)) == pool.POOL_SIZE - 2 and pool.missing(wallet) == 2
    again = grants.grant(wallet, clinics[0].key.public, [rec], "research", int(time.time()) + 3600)
    assert wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (again.consent,))["pseudonym"] == taken[0]
    assert pool.register_one(wallet) is not None  # the refill registers the next one


def test_an_empty_pool_registers_at_grant_time_waits_and_says_so(wallet, clinic, caplog, monkeypatch):
    monkeypatch.setenv(pool.JITTER_ENV, "20")
    waited: list[float] = []
    with caplog.at_level(logging.INFO, logger="wallet.core.pool"):
        index, key = pool.pseudonym_for(wallet, clinic.key.public, sleep=waited.append)
    assert pool.JITTER_S[0] <= sum(waited) <= 20.0 + 1e-6
    assert registered(wallet).get(index) and key.public == wallet.signing_key(index).public
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "no pseudonym was registered ahead of time" in said
    assert not HEX.search(said) and clinic.key.public not in said and key.public not in said
    waited.clear()
    assert pool.pseudonym_for(wallet, clinic.key.public, sleep=waited.append)[0] == index and not waited


def test_the_wait_of_an_empty_pool_can_be_cancelled(wallet, clinic, monkeypatch):
    monkeypatch.setenv(pool.JITTER_ENV, "20")
    with pytest.raises(Cancelled):
        pool.pseudonym_for(wallet, clinic.key.public, cancel=lambda: True, sleep=lambda s: None)


def test_the_jitter_bound_is_only_ever_shortened(monkeypatch):
    for value, expected in (("0.05", (0.05, 0.05)), ("1000", pool.JITTER_S), ("-3", (0.0, 0.0)),
                            ("soon", pool.JITTER_S)):
        monkeypatch.setenv(pool.JITTER_ENV, value)
        assert pool.jitter_bounds() == expected
    monkeypatch.delenv(pool.JITTER_ENV)
    assert pool.jitter_bounds() == pool.JITTER_S
    assert all(pool.FIRST_S[0] <= pool.next_delay(True) <= pool.FIRST_S[1] for _ in range(50))
    assert len({pool.next_delay() for _ in range(20)}) == 20  # random spacing, no fixed beat
    assert pool.POOL_SIZE < restore.GAP_LIMIT


def test_restore_after_using_pool_pseudonyms_recovers_every_grant_and_the_pool(make_wallet, make_clinic, tmp_path):
    original = make_wallet("original")
    rec = importing.import_file(original, write_pdf(tmp_path / "a.pdf", 4000), title="Scan").record
    for _ in range(pool.POOL_SIZE):
        pool.register_one(original)
    clinics = [make_clinic(f"Clinic {n}") for n in range(3)]
    given = [grants.grant(original, c.key.public, [rec], "treatment", int(time.time()) + 3600).consent
             for c in clinics[:2]]
    while pool.register_one(original) is not None:  # refilled after the grants: above the used ones
        pass
    unused = pool.members(original)
    assert len(unused) == pool.POOL_SIZE
    restored, summary = restore.restore(tmp_path / "restored", original.keys.phrase(),
                                        nodes=original.settings.nodes, passphrase=PASSPHRASE, use_keyring=False,
                                        kdf_limits=ARGON2_MIN)
    try:
        assert summary["grants"] == 2 and summary["pseudonyms"] == 1 + 2 + pool.POOL_SIZE
        assert sorted(g["consent"] for g in grants.list_grants(restored)) == sorted(given)
        assert pool.members(restored) == unused  # unused ones stay in the pool, used ones are not in it
        before = registered(restored)
        third = grants.grant(restored, clinics[2].key.public, [rec], "treatment", int(time.time()) + 3600)
        assert restored.db.one("SELECT pseudonym FROM grants WHERE consent=?", (third.consent,))["pseudonym"] \
            == unused[0]
        assert registered(restored) == before
    finally:
        restored.close()
