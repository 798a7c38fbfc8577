"""Revoke all and re-key against a real node: every consent in force revoked in one batch
(one block), each desk's next read refused and audited, a consent another device revoked
meanwhile, future sharing from fresh pseudonyms with fresh copies, and a restore that
keeps sharing from the fresh ones."""

from __future__ import annotations

import time

import pytest

from tests.wallet.files import write_pdf
from wallet.core import importing, pseudonyms
from wallet.core.audit import trail
from wallet.core.consent import grants, revoke_all
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ReadRefused
from wallet.core.restore import rediscover
from wallet.core.wallet import Wallet


def _grant(wallet, desk, rec, hours: int = 1):
    return grants.grant(wallet, desk.key.public, [rec], "treatment", int(time.time()) + hours * 3600)


def test_revoke_all_in_one_batch_then_share_from_fresh_pseudonyms(wallet, make_clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf", 2000)).record
    first, second = make_clinic("A"), make_clinic("B")
    g1, g2, g3 = _grant(wallet, first, rec), _grant(wallet, first, rec, 2), _grant(wallet, second, rec)
    pending = grants.grant(wallet, second.key.public, [rec], "treatment", int(time.time()) + 7200,
                           not_before=int(time.time()) + 3600)
    earlier = _grant(wallet, second, rec)
    grants.revoke(wallet, earlier.consent)
    old_grantor = first.consent(decode_grant(g1.code)).grantor
    assert {g["consent"] for g in revoke_all.in_force(wallet)} == {g1.consent, g2.consent, g3.consent,
                                                                   pending.consent}

    result = revoke_all.revoke_all(wallet)

    assert set(result.revoked) == {g1.consent, g2.consent, g3.consent, pending.consent}
    assert result.institutions == sorted({first.name, second.name})
    heights = {wallet.network.client.tx_status(tx)["height"] for tx in result.transactions}
    assert len(result.transactions) == 4 and len(heights) == 1  # one batch, one block
    for granted in (g1, g2, g3, pending):
        grantor = wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (granted.consent,))["pseudonym"]
        assert wallet.network.client.consent(granted.consent, signed_by=wallet.signing_key(grantor))["revoked_at"] \
            is not None
    assert {g["status"] for g in grants.list_grants(wallet)} == {"revoked"}
    for desk, granted in ((first, g1), (second, g3)):
        with pytest.raises(ReadRefused) as refused:
            desk.read(decode_grant(granted.code), tmp_path / f"out-{desk.name}")
        assert refused.value.reason == "consent_revoked"
    trail.refresh(wallet)
    assert len([e for e in trail.events(wallet, outcome="refusal") if e["reason"] == "consent_revoked"]) == 2
    assert not {row["role"] for row in wallet.pseudonyms()} & {pseudonyms.RELATIONSHIP_ROLE}

    fresh = _grant(wallet, first, rec)
    view = first.consent(decode_grant(fresh.code))
    assert view.grantor != old_grantor  # the desk cannot link the new consent to the old one
    assert not set(view.records) & set(first.consent(decode_grant(g1.code)).records)  # fresh copies too
    assert first.read(decode_grant(fresh.code), tmp_path / "again").files


def test_a_consent_revoked_meanwhile_by_another_device_does_not_block_the_rest(wallet, clinic, tmp_path,
                                                                                monkeypatch):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    g1, g2, g3 = _grant(wallet, clinic, rec), _grant(wallet, clinic, rec), _grant(wallet, clinic, rec)
    row = wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (g2.consent,))
    # Another device of the same wallet revoked g2; this one's database does not know yet.
    wallet.network.submit(wallet.signing_key(row["pseudonym"]), "revoke_consent", {"consent": g2.consent})
    wallet.db.execute("UPDATE grants SET revoked_at=NULL WHERE consent=?", (g2.consent,))
    # The race: the ledger revoked g2 after this wallet read the statuses (a node that lagged).
    monkeypatch.setattr(revoke_all, "list_grants", lambda w: grants.list_grants(w, refresh=False))
    result = revoke_all.revoke_all(wallet)
    assert set(result.revoked) == {g1.consent, g3.consent}
    assert {g["status"] for g in grants.list_grants(wallet)} == {"revoked"}


def test_nothing_in_force_sends_nothing_but_still_rekeys(wallet, clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    grants.revoke(wallet, _grant(wallet, clinic, rec).consent)
    before = pseudonyms.relationship(wallet, clinic.key.public)
    result = revoke_all.revoke_all(wallet)
    assert result.revoked == [] and result.transactions == [] and result.retired == [before]
    assert pseudonyms.relationship(wallet, clinic.key.public) != before


def test_without_rekey_the_relationships_stay(wallet, clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    _grant(wallet, clinic, rec)
    before = pseudonyms.relationship(wallet, clinic.key.public)
    assert revoke_all.revoke_all(wallet, rekey=False).retired == []
    assert pseudonyms.relationship(wallet, clinic.key.public) == before


def test_a_restored_wallet_shares_from_the_newest_pseudonym(wallet, clinic, tmp_path, make_wallet):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    _grant(wallet, clinic, rec)
    revoke_all.revoke_all(wallet)
    _grant(wallet, clinic, rec)
    newest = pseudonyms.relationship(wallet, clinic.key.public)
    restored: Wallet = make_wallet("restored", phrase=wallet.keys.phrase())
    rediscover(restored)
    assert pseudonyms.relationship(restored, clinic.key.public) == newest


def test_the_batch_links_only_its_own_pseudonyms_and_only_on_a_connection_of_its_own(make_clinic, shared_node,
                                                                                       tmp_path):
    """The adversary runs a logging proxy in front of the node: no connection of the patient's
    ever carries two pseudonyms' requests; the one batch, which names its pseudonyms by
    nature, travels alone on a connection that carries nothing else."""
    import requests

    from tests.wallet.conftest import PASSPHRASE
    from tests.wallet.proxy_log import LoggingProxy
    from wallet.core.keys.sodium import ARGON2_MIN

    chain_id = requests.get(shared_node.url + "/v1/status", timeout=10).json()["chain_id"]
    proxy = LoggingProxy(shared_node.url, chain_id).start()
    try:
        wallet, _ = Wallet.create(tmp_path / "proxied", passphrase=PASSPHRASE, use_keyring=False, nodes=[proxy.url],
                                  kdf_limits=ARGON2_MIN)
        try:
            rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
            first, second = make_clinic("A"), make_clinic("B")
            given = [_grant(wallet, first, rec), _grant(wallet, second, rec)]
            signers = {wallet.signing_key(wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?",
                                                        (g.consent,))["pseudonym"]).public for g in given}
            assert len(signers) == 2  # one relationship pseudonym per institution
            result = revoke_all.revoke_all(wallet)
            assert set(result.revoked) == {g.consent for g in given}
        finally:
            wallet.close()
    finally:
        proxy.stop()
    by_conn: dict[str, list[dict]] = {}
    for entry in proxy.log:
        by_conn.setdefault(entry["conn"], []).append(entry)
    batches = [c for c, entries in by_conn.items() if any(e["path"] == "/v1/tx/batch" and len(e["keys"]) > 1
                                                            for e in entries)]
    assert len(batches) == 1
    alone = by_conn.pop(batches[0])
    assert len(alone) == 1 and set(alone[0]["keys"]) == signers  # the batch, and nothing else, on its connection
    for conn, entries in by_conn.items():
        keys = {k for e in entries for k in e["keys"]}
        assert len(keys) <= 1, (conn, [(e["method"], e["path"]) for e in entries])
