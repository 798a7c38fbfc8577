"""Granting and revoking consent against a real node on loopback, with real files: the
clinic reads through a QR code, the patient sees it verified, revokes, and the next read
is refused; institutions get unlinkable copies."""

from __future__ import annotations

import time

import pytest

from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.audit import trail
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.consent.qr import save_png
from wallet.core.desks.clinic import ReadRefused


def test_patient_to_clinic_with_qr_png_audit_and_revoke(wallet, clinic, tmp_path):
    src = write_pdf(tmp_path / "letter.pdf")
    rec = importing.import_file(wallet, src).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    save_png(granted.code, tmp_path / "grant.png")
    grant = clinic.scan_image(tmp_path / "grant.png")
    assert grant.consent_id.hex() == granted.consent
    view = clinic.consent(grant)
    assert view.status == "active" and view.purpose == "treatment"
    result = clinic.read(grant, tmp_path / "desk")
    assert result.files[0].read_bytes() == src.read_bytes()
    trail.refresh(wallet)
    reads = trail.events(wallet, record=rec, outcome="access")
    assert reads and all(e["verified"] for e in reads)
    assert reads[0]["requester_name"] == clinic.name
    grants.revoke(wallet, granted.consent)
    with pytest.raises(ReadRefused) as refused:
        clinic.read(grant, tmp_path / "desk2")
    assert refused.value.reason == "consent_revoked"
    trail.refresh(wallet)
    refusals = trail.events(wallet, outcome="refusal")
    assert any(e["reason"] == "consent_revoked" and e["verified"] for e in refusals)
    assert grants.list_grants(wallet)[0]["status"] == "revoked"


def test_institutions_see_unlinkable_copies(wallet, make_clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    first, second = make_clinic("A"), make_clinic("B")
    until = int(time.time()) + 3600
    g1 = grants.grant(wallet, first.key.public, [rec], "treatment", until)
    g2 = grants.grant(wallet, second.key.public, [rec], "treatment", until)
    c1, c2 = first.consent(decode_grant(g1.code)), second.consent(decode_grant(g2.code))
    assert c1.grantor != c2.grantor
    assert not set(c1.records) & set(c2.records)
    assert rec not in c1.records + c2.records
    # The same institution gets the same copy again (no needless re-upload).
    g3 = grants.grant(wallet, first.key.public, [rec], "treatment", until)
    assert first.consent(decode_grant(g3.code)).records == c1.records
