"""The PDFs patients print: real events and records on a real node, the text read back with
pdfminer.six (an independent PDF text extractor)."""

from __future__ import annotations

import time

from pdfminer.high_level import extract_text

from tests.wallet.core.fhir.bundle_gen import write_bundle
from tests.wallet.files import write_pdf
from wallet.core import importing, printing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant


def test_access_log_pdf_lists_the_verified_reads(wallet, clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 2_000), title="Knee MRI report").record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    out = printing.access_log_pdf(wallet, tmp_path / "log.pdf")
    assert out.read_bytes().startswith(b"%PDF-") and oct(out.stat().st_mode & 0o777) == "0o600"
    text = " ".join(extract_text(str(out)).split())
    assert "Who accessed my medical records" in text and "2 event(s)" in text  # the key envelope, the record
    assert "the record keys of your consent" in text
    assert "Knee MRI report" in text and clinic.name in text and "treatment" in text and "read" in text


def test_records_summary_pdf_groups_the_fhir_records(wallet, tmp_path):
    src = tmp_path / "patient.json"
    write_bundle(src, 40, style="collection", seed=3)
    importing.import_file(wallet, src, split=True)
    importing.import_file(wallet, write_pdf(tmp_path / "b.pdf", 2_000), title="Discharge letter – Zoë Müller")
    out = printing.records_summary_pdf(wallet, tmp_path / "summary.pdf")
    text = " ".join(extract_text(str(out)).split())
    for heading in ("Medication Summary", "Allergies and Intolerances", "Problem List", "All records"):
        assert heading in text
    assert "Condition:" in text and "Discharge letter – Zoë Müller" in text  # Unicode kept
