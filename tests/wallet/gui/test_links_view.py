"""The patient's "Links & evidence" page and the desk's SHL reader, driven like a user:
a summary shared as a link (its QR code shown), the link read in the desk's reader, the
evidence bundle and the PDFs saved through the page."""

from __future__ import annotations

import json
import time

from ledger_client.evidence import verify_bundle
from tests.wallet.core.fhir.bundle_gen import write_bundle
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.gui.qr_dialog import QrDialog
from wallet.gui.shl_reader_view import ShlReaderDialog


def test_share_read_evidence_and_print_from_the_window(qtbot, wallet, clinic, open_window, dialogs, tmp_path):
    src = tmp_path / "patient.json"
    write_bundle(src, 30, style="collection", seed=5)
    importing.import_file(wallet, src, split=True)
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 2_000), title="Scan").record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    window = open_window(wallet)
    window.show_section("links")
    view = window.views["links"]
    view.label.setText("For my carer")
    view.passcode.setText("harbour-light")
    view.share_button.click()
    qtbot.waitUntil(lambda: isinstance(view.shown, QrDialog), timeout=60_000)
    link = view.shown.code
    assert link.startswith("shlink:/")
    qtbot.waitUntil(lambda: view.links.count() == 1, timeout=30_000)
    assert "For my carer" in view.links.item(0).text()
    # the reader (the desk's dialog, saving into a folder)
    reader = ShlReaderDialog(dialogs, folder=lambda: tmp_path, recipient="Dr Window")
    qtbot.addWidget(reader)
    reader.link.setText(link)
    reader.passcode.setText("harbour-light")
    reader.open_button.click()
    qtbot.waitUntil(lambda: reader.save_button.isEnabled(), timeout=60_000)
    assert any("Condition" in reader.items.item(n).text() for n in range(reader.items.count()))
    reader.save_button.click()
    qtbot.waitUntil(lambda: "Saved 1 file" in reader.items.item(reader.items.count() - 1).text(), timeout=30_000)
    saved = [p for p in tmp_path.glob("shl-*.json")]
    assert json.loads(saved[0].read_text())["type"] == "document"
    # evidence and PDFs through the page
    dialogs.save_paths = [tmp_path / "evidence.json"]
    view.evidence()
    qtbot.waitUntil(lambda: "Evidence of" in view.note.text(), timeout=60_000)
    assert verify_bundle((tmp_path / "evidence.json").read_bytes()).events
    dialogs.save_paths = [tmp_path / "log.pdf"]
    view.print_log()
    qtbot.waitUntil(lambda: "log.pdf" in view.note.text(), timeout=60_000)
    assert (tmp_path / "log.pdf").read_bytes().startswith(b"%PDF-")
    window.shutdown()
