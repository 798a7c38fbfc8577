"""End-to-end flows of the wallet core against a real node on loopback, with real files."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from ledger_client.access import make_access_request
from ledger_client.errors import AccessDenied
from wallet.core import restore
from wallet.core.audit import trail as audit
from wallet.core.records import library as records
from wallet.core.consent import grants as sharing
from wallet.core.desks.clinic import ReadRefused
from wallet.core.errors import RecordIntegrityError
from wallet.core.consent.grant_code import decode_grant
from wallet.core.consent.qr import decode_image, save_png

from .conftest import PASSPHRASE

MARKER = b"PATIENT-NAME-Jane-Q-Example-MARKER"


def write_pdf(path: Path, size: int = 300_000) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + MARKER + os.urandom(size))
    return path


def write_fhir(path: Path) -> Path:
    doc = {"resourceType": "Observation", "id": "bp-1", "status": "final",
           "subject": {"display": MARKER.decode()}, "code": {"text": "Blood pressure"},
           "effectiveDateTime": "2024-03-05T10:00:00Z"}
    path.write_text(json.dumps(doc))
    return path


def test_import_records_metadata_and_no_plaintext_on_node(wallet, tmp_path, shared_node):
    pdf = records.import_file(wallet, write_pdf(tmp_path / "scan.pdf"), title="Discharge letter")
    obs = records.import_file(wallet, write_fhir(tmp_path / "obs.json"))
    rows = {r["record"]: r for r in records.list_records(wallet)}
    assert rows[pdf.record]["status"] == "anchored" and rows[pdf.record]["title"] == "Discharge letter"
    assert rows[pdf.record]["media_type"] == "application/pdf"
    assert rows[obs.record]["fhir_type"] == "Observation" and rows[obs.record]["record_date"] == "2024-03-05"
    anchored = wallet.network.client.record(obs.record)
    assert anchored["category"] == "fhir" and anchored["owner"] != ""
    # Confidentiality: nothing on the node's disk holds the plaintext or the patient name.
    for path in shared_node.data.rglob("*"):
        if path.is_file():
            assert MARKER not in path.read_bytes(), path
            assert b"Jane" not in path.read_bytes(), path


def test_export_round_trip_and_integrity(wallet, tmp_path, shared_node):
    src = write_pdf(tmp_path / "a.pdf")
    rec = records.import_file(wallet, src).record
    records.export_record(wallet, rec, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == src.read_bytes()
    # A lost local copy is fetched back from the node (as the owner's audited read).
    wallet.blob_path(rec).unlink()
    records.export_record(wallet, rec, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == src.read_bytes()
    # A flipped bit in the local copy (a cache) is detected and healed from the node's copy.
    flip(wallet.blob_path(rec))
    records.export_record(wallet, rec, tmp_path / "healed.pdf")
    assert (tmp_path / "healed.pdf").read_bytes() == src.read_bytes()
    # With the node's copy damaged too, the record is reported damaged and no file appears.
    flip(wallet.blob_path(rec))
    flip(next(p for p in (shared_node.data / "blobs").rglob(rec)))
    with pytest.raises(RecordIntegrityError):
        records.export_record(wallet, rec, tmp_path / "bad.pdf")
    assert not (tmp_path / "bad.pdf").exists()


def flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))


def test_patient_to_clinic_with_qr_png_audit_and_revoke(wallet, clinic, tmp_path):
    src = write_pdf(tmp_path / "letter.pdf")
    rec = records.import_file(wallet, src).record
    granted = sharing.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    save_png(granted.code, tmp_path / "grant.png")
    grant = clinic.scan_image(tmp_path / "grant.png")
    assert grant.consent_id.hex() == granted.consent
    view = clinic.consent(grant)
    assert view.status == "active" and view.purpose == "treatment"
    result = clinic.read(grant, tmp_path / "desk")
    assert result.files[0].read_bytes() == src.read_bytes()
    audit.refresh(wallet)
    reads = audit.events(wallet, record=rec, outcome="access")
    assert reads and all(e["verified"] for e in reads)
    assert reads[0]["requester_name"] == clinic.name
    sharing.revoke(wallet, granted.consent)
    with pytest.raises(ReadRefused) as refused:
        clinic.read(grant, tmp_path / "desk2")
    assert refused.value.reason == "consent_revoked"
    audit.refresh(wallet)
    refusals = audit.events(wallet, outcome="refusal")
    assert any(e["reason"] == "consent_revoked" and e["verified"] for e in refusals)
    assert sharing.list_grants(wallet)[0]["status"] == "revoked"


def test_refusals_name_their_reason(wallet, clinic, make_clinic, tmp_path):
    rec = records.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    other = records.import_file(wallet, write_pdf(tmp_path / "b.pdf", 1000)).record
    granted = sharing.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    grant = decode_grant(granted.code)
    with pytest.raises(ReadRefused) as wrong_purpose:
        clinic.read(grant, tmp_path / "x", purpose="research")
    assert wrong_purpose.value.reason == "wrong_purpose"
    # A record outside the consent's scope, asked for directly with the consent.
    network = clinic.network
    request = make_access_request(clinic.key, network.chain_id, other, granted.consent, "treatment", int(time.time()))
    with pytest.raises(AccessDenied) as not_in_scope:
        network.client.download_blob(request, open(os.devnull, "wb"))
    assert not_in_scope.value.code in ("not_in_scope", "unknown_record")
    # Another clinic cannot use this consent.
    intruder = make_clinic("Intruder")
    with pytest.raises(ReadRefused) as wrong_grantee:
        intruder.read(grant, tmp_path / "y")
    assert wrong_grantee.value.reason == "wrong_grantee"


def test_expired_consent_is_refused(wallet, clinic, tmp_path):
    rec = records.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    granted = sharing.grant(wallet, clinic.key.public, [rec], "emergency", int(time.time()) + 2)
    time.sleep(2.5)
    with pytest.raises(ReadRefused) as refused:
        clinic.read(decode_grant(granted.code), tmp_path / "out")
    assert refused.value.reason == "consent_expired"


def test_institutions_see_unlinkable_copies(wallet, make_clinic, tmp_path):
    rec = records.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    first, second = make_clinic("A"), make_clinic("B")
    until = int(time.time()) + 3600
    g1 = sharing.grant(wallet, first.key.public, [rec], "treatment", until)
    g2 = sharing.grant(wallet, second.key.public, [rec], "treatment", until)
    c1, c2 = first.consent(decode_grant(g1.code)), second.consent(decode_grant(g2.code))
    assert c1.grantor != c2.grantor
    assert not set(c1.records) & set(c2.records)
    assert rec not in c1.records + c2.records
    # The same institution gets the same copy again (no needless re-upload).
    g3 = sharing.grant(wallet, first.key.public, [rec], "treatment", until)
    assert first.consent(decode_grant(g3.code)).records == c1.records


def test_restore_from_phrase_rediscovers_everything(make_wallet, clinic, tmp_path):
    original = make_wallet("original")
    src = write_pdf(tmp_path / "a.pdf", 50_000)
    rec = records.import_file(original, src, title="Scan").record
    granted = sharing.grant(original, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    phrase = original.keys.phrase()
    restored, summary = restore.restore(tmp_path / "restored", phrase, nodes=original.settings.nodes,
                                        passphrase=PASSPHRASE, use_keyring=False,
                                        kdf_limits=__import__("wallet.core.keys.sodium", fromlist=["x"]).ARGON2_MIN)
    try:
        assert summary["pseudonyms"] == 2 and summary["grants"] == 1
        titles = {r["title"] for r in records.list_records(restored)}
        assert titles == {"Scan"}
        records.export_record(restored, rec, tmp_path / "back.pdf")
        assert (tmp_path / "back.pdf").read_bytes() == src.read_bytes()
        grants = sharing.list_grants(restored)
        assert grants[0]["records"] == [rec] and grants[0]["institution_name"] == clinic.name
        assert any(e["kind"] == "access" and e["requester_name"] == clinic.name for e in audit.events(restored))
    finally:
        restored.close()


def test_delete_shreds_record_and_copies(wallet, clinic, tmp_path, shared_node):
    rec = records.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    granted = sharing.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    copy = clinic.consent(decode_grant(granted.code)).records[0]
    retired = records.delete_record(wallet, rec)
    assert set(retired) == {rec, copy}
    assert not wallet.blob_path(rec).exists() and not records.list_records(wallet)
    assert wallet.network.client.record(rec)["retired"] is not None
    time.sleep(0.2)
    assert not any(p.name in (rec, copy) for p in (shared_node.data / "blobs").rglob("*"))
    with pytest.raises(ReadRefused) as refused:
        clinic.read(decode_grant(granted.code), tmp_path / "out")
    assert refused.value.reason in ("record_retired", "consent_revoked")


def test_cancelled_import_leaves_nothing(wallet, tmp_path):
    from wallet.core.errors import Cancelled
    src = write_pdf(tmp_path / "big.pdf", 5_000_000)
    seen = []

    def cancel() -> bool:
        return len(seen) > 2

    with pytest.raises(Cancelled):
        records.import_file(wallet, src, progress=lambda stage, done, total: seen.append(stage), cancel=cancel)
    assert wallet.db.query("SELECT record FROM records") == []
    assert not list(wallet.blob_dir.iterdir())
    rec = records.import_file(wallet, src).record  # and the same file imports fine afterwards
    records.export_record(wallet, rec, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == src.read_bytes()
