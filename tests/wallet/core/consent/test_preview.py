"""Consent preview against a real node: what the institution receives (titles, kinds, a FHIR
Bundle's resource types) and learns (its pseudonym links earlier consents; a Patient resource
identifies), what the ledger learns, checked against what the grant then really puts there."""

from __future__ import annotations

import time

import pytest

from tests.wallet.core.fhir.bundle_gen import write_bundle
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.consent import grants, preview, revoke_all
from wallet.core.consent.grants import GrantError


def test_preview_of_a_pdf_and_a_bundle_then_the_grant_matches(wallet, clinic, tmp_path):
    letter = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf", 5000), title="Letter").record
    doc = write_bundle(tmp_path / "bundle.json", entries=30)
    bundle = importing.import_file(wallet, tmp_path / "bundle.json").record
    until = int(time.time()) + 3600
    shown = preview.preview(wallet, clinic.key.public, [letter, bundle], "treatment", until)
    assert shown.institution_name == clinic.name and shown.earlier_consents == 0
    by_id = {r.record: r for r in shown.records}
    assert by_id[letter].title == "Letter" and by_id[letter].resource_types == {}
    expected: dict[str, int] = {}
    for entry in doc["entry"]:
        expected[entry["resource"]["resourceType"]] = expected.get(entry["resource"]["resourceType"], 0) + 1
    assert by_id[bundle].resource_types == dict(sorted(expected.items()))
    learns = " ".join(shown.institution_learns)
    assert "2 record(s)" in learns and "used only with" in learns
    assert ("Patient resource" in learns) == ("Patient" in expected)
    assert all(r.new_copy for r in shown.records)
    assert any("2 new encrypted copy(ies)" in s for s in shown.ledger_learns)
    assert any("titles" in s for s in shown.ledger_never_learns)

    granted = grants.grant(wallet, clinic.key.public, [letter, bundle], "treatment", until)
    grantor = wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (granted.consent,))["pseudonym"]
    on_ledger = wallet.network.client.consent(granted.consent, signed_by=wallet.signing_key(grantor))
    assert len(on_ledger["records"]) == len(shown.records) and on_ledger["purpose"] == "treatment"
    signer = wallet.signing_key(grantor)  # the copies' owner: the record metadata is answered to it alone
    categories = {wallet.network.client.record(c, signed_by=signer)["category"] for c in on_ledger["records"]}
    assert categories == {r.category for r in shown.records}  # the categories the preview named
    for copy in on_ledger["records"]:  # and nothing the preview says the ledger never learns
        anchored = wallet.network.client.record(copy, signed_by=signer)
        assert "Letter" not in str(anchored) and letter not in str(anchored) and bundle not in str(anchored)

    again = preview.preview(wallet, clinic.key.public, [letter], "treatment", until)
    assert again.earlier_consents == 1 and not again.records[0].new_copy
    assert "same person as your 1 earlier consent(s)" in " ".join(again.institution_learns)
    revoke_all.revoke_all(wallet)
    fresh = preview.preview(wallet, clinic.key.public, [letter], "treatment", until)
    assert fresh.earlier_consents == 0 and fresh.records[0].new_copy  # re-keyed: a fresh pseudonym and copy


def test_preview_refuses_what_the_grant_would(wallet, clinic, tmp_path):
    with pytest.raises(GrantError):
        preview.preview(wallet, clinic.key.public, [], "treatment", int(time.time()) + 60)
    with pytest.raises(GrantError):
        preview.preview(wallet, clinic.key.public, ["0" * 64], "treatment", int(time.time()) + 60)
    with pytest.raises(GrantError):
        preview.preview(wallet, clinic.key.public, ["0" * 64], "marketing", int(time.time()) + 60)
