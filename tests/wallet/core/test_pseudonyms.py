"""Pseudonyms: allocated per relationship, registered on the ledger only by the explicit step
that importing, granting and resuming take."""

from __future__ import annotations

import pytest

from ledger_client.errors import NotFound
from tests.wallet.files import write_pdf
from wallet.core import importing, pseudonyms
from wallet.core.wallet import VAULT_PSEUDONYM, Wallet


def test_allocating_registers_nothing_and_registering_keeps_what_was_recorded(wallet, clinic):
    index = pseudonyms.relationship(wallet, clinic.key.public)
    assert index != VAULT_PSEUDONYM and pseudonyms.relationship(wallet, clinic.key.public) == index
    public = wallet.signing_key(index).public
    with pytest.raises(NotFound):
        wallet.network.client.my_pseudonym(wallet.signing_key(index))
    # Registered the way a resume does it (knowing only the index): the institution stays recorded.
    key = pseudonyms.register(wallet, index, pseudonyms.role_of(index))
    row = wallet.db.one("SELECT * FROM pseudonyms WHERE idx=?", (index,))
    assert key.public == public and row["registered_tx"] == wallet.network.client.my_pseudonym(key)["tx"]
    assert row["role"] == "relationship" and row["institution"] == clinic.key.public
    assert pseudonyms.relationship(wallet, clinic.key.public) == index
    seq = wallet.network.client.next_seq(public)
    assert pseudonyms.register(wallet, index, "relationship").public == key.public  # once: no second transaction
    assert wallet.network.client.next_seq(public) == seq


def test_importing_registers_the_vault_pseudonym_alone(wallet, tmp_path):
    assert not hasattr(Wallet, "ensure_pseudonym")  # the wallet registers nothing behind a caller's back
    assert wallet.pseudonyms() == []
    importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000))
    [row] = wallet.pseudonyms()
    assert row["idx"] == VAULT_PSEUDONYM and row["role"] == "vault" and row["registered_tx"]
    fresh = pseudonyms.fresh(wallet, "research", "someone")
    assert fresh == VAULT_PSEUDONYM + 1 and wallet.pseudonyms()[-1]["registered_tx"] is None
