"""The clinic desk window against a real node: keyboard-wedge scan, QR image, consent
shown with its proof, records read and opened, refusals and bad codes explained; first
start (set up and register) and unlocking with the passphrase."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.qr import save_png
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.gui.clinic_window import ClinicWindow
from wallet.gui.session import ClinicSession

from ..conftest import PASSPHRASE
from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


def wedge_scan(qtbot, desk_view, code: str) -> None:
    """What a keyboard-wedge scanner does: type the code fast, then Enter."""
    qtbot.keyClicks(desk_view.scan_input, code)
    qtbot.keyClick(desk_view.scan_input, Qt.Key.Key_Return)


def test_wedge_scan_read_and_open(qtbot, wallet, clinic, open_desk, dialogs, tmp_path):
    source = write_pdf(tmp_path / "letter.pdf")
    rec = importing.import_file(wallet, source).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    window = open_desk(clinic)
    view = window.desk_view
    assert clinic.name in view.heading.text()
    wedge_scan(qtbot, view, granted.code)
    qtbot.waitUntil(lambda: view.read_button.isEnabled(), timeout=TIMEOUT_MS)
    assert view.scan_input.text() == ""  # ready for the next patient
    assert view.purpose.text() == "Treatment" and view.status.text() == "Active"
    assert view.record_count.text() == "1" and "Verified" in view.proof.text()
    view.read_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=TIMEOUT_MS)
    title, path = view.files[0]
    assert path.read_bytes() == source.read_bytes() and view.table.item(0, 0).text() == title
    view.table.cellWidget(0, 2).click()
    assert dialogs.opened == [path]
    window.shutdown()
    assert not path.exists()  # what the desk read leaves with it


def test_qr_image_and_refusal_explained(qtbot, wallet, clinic, open_desk, dialogs, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf")).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    save_png(granted.code, tmp_path / "grant.png")
    window = open_desk(clinic)
    view = window.desk_view
    dialogs.file.append(tmp_path / "grant.png")
    view.image_button.click()
    qtbot.waitUntil(lambda: view.read_button.isEnabled(), timeout=TIMEOUT_MS)
    grants.revoke(wallet, granted.consent)
    view.read_button.click()
    qtbot.waitUntil(lambda: view.problem.isVisible(), timeout=TIMEOUT_MS)
    assert "the patient revoked this consent" in view.problem.text()
    assert "recorded on the ledger" in view.problem.text() and view.table.rowCount() == 0
    # the consent box follows the ledger's answer (no new scan): revoked, and Read stays off
    qtbot.waitUntil(lambda: view.status.text() == "Revoked by the patient", timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    assert not view.read_button.isEnabled()


def test_consent_box_after_a_read_then_a_refusal(qtbot, wallet, clinic, open_desk, dialogs, tmp_path):
    """Issue 12 failure 6: after a refusal the box no longer says "Active: n record(s) read"."""
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf")).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600, label="J. D.")
    view = open_desk(clinic).desk_view
    wedge_scan(qtbot, view, granted.code)
    qtbot.waitUntil(lambda: view.read_button.isEnabled(), timeout=TIMEOUT_MS)
    assert view.patient.text() == "J. D."
    view.read_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=TIMEOUT_MS)
    assert view.status.text() == "Active" and "1 record(s) read" in view.read_note.text()
    grants.revoke(wallet, granted.consent)
    view.read_button.click()
    qtbot.waitUntil(lambda: view.problem.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.status.text() == "Revoked by the patient", timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    assert not view.read_button.isEnabled() and "Active" not in view.status.text()


def test_received_files_are_saved_to_a_remembered_folder(qtbot, wallet, clinic, open_desk, dialogs, tmp_path):
    source = write_pdf(tmp_path / "letter.pdf")
    rec = importing.import_file(wallet, source).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    window = open_desk(clinic)
    view = window.desk_view
    assert not view.save_button.isEnabled()  # nothing received yet
    wedge_scan(qtbot, view, granted.code)
    qtbot.waitUntil(lambda: view.read_button.isEnabled(), timeout=TIMEOUT_MS)
    view.read_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1 and view.save_button.isEnabled(), timeout=TIMEOUT_MS)
    target = tmp_path / "received"
    dialogs.folders.append(target)
    view.save_button.click()
    qtbot.waitUntil(lambda: "Saved 1 file(s)" in view.saved_note.text(), timeout=TIMEOUT_MS)
    saved = list(target.iterdir())
    assert [p.read_bytes() for p in saved] == [source.read_bytes()]
    assert dialogs.folder_starts[-1] is None and "received" in view.save_button.text()
    # the next time the folder is offered first, and nothing already there is overwritten
    dialogs.folders.append(target)
    view.save_button.click()
    qtbot.waitUntil(lambda: len(list(target.iterdir())) == 2, timeout=TIMEOUT_MS)
    assert dialogs.folder_starts[-1] == target
    assert all(p.read_bytes() == source.read_bytes() for p in target.iterdir())
    wait_quiet(qtbot)
    window.shutdown()
    assert clinic.save_folder() == target  # remembered in the desk's settings


def test_bad_codes_are_explained_inline(qtbot, clinic, make_clinic, wallet, open_desk, tmp_path, shown_errors):
    window = open_desk(clinic)
    view = window.desk_view
    wedge_scan(qtbot, view, "HELLO-NOT-A-GRANT")
    qtbot.waitUntil(lambda: view.problem.isVisible(), timeout=TIMEOUT_MS)
    assert "not a Medwallet grant code" in view.problem.text() and not view.read_button.isEnabled()
    # a grant for another institution
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf")).record
    other = make_clinic("Other")
    granted = grants.grant(wallet, other.key.public, [rec], "treatment", int(time.time()) + 3600)
    wedge_scan(qtbot, view, granted.code)
    qtbot.waitUntil(lambda: "another institution" in view.problem.text(), timeout=TIMEOUT_MS)
    assert shown_errors == []


def test_first_start_sets_up_and_registers_the_desk(qtbot, shared_node, dialogs, tmp_path):
    session = ClinicSession(tmp_path / "desk", kdf_limits=ARGON2_MIN)
    window = ClinicWindow(session, dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.setup_view is not None and window.setup_view.isVisible(), timeout=TIMEOUT_MS)
    setup = window.setup_view
    setup.create_button.click()
    assert "institution's name" in setup.error.text()
    qtbot.keyClicks(setup.name, "Cabinet Rive")
    setup.nodes.setText(shared_node.url)
    dialogs.file.append(shared_node.data / "governance.key")
    browse = next(b for b in setup.findChildren(type(setup.create_button)) if b.text() == "&Browse…")
    browse.click()
    setup.passphrase.setText(PASSPHRASE)
    setup.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(window.desk_shown, timeout=TIMEOUT_MS):
        setup.create_button.click()
    wait_quiet(qtbot)
    assert session.desk.is_registered() and "Cabinet Rive" in window.desk_view.heading.text()
    assert "not registered" not in window.desk_view.registration.text()
    window.shutdown()
    # next start: the passphrase opens it
    again = ClinicWindow(ClinicSession(tmp_path / "desk"), dialogs=dialogs)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.unlock_view is not None and again.unlock_view.isVisible(), timeout=TIMEOUT_MS)
    qtbot.keyClicks(again.unlock_view.passphrase, PASSPHRASE)
    with qtbot.waitSignal(again.desk_shown, timeout=TIMEOUT_MS):
        qtbot.keyClick(again.unlock_view.passphrase, Qt.Key.Key_Return)
    again.shutdown()


def test_a_one_time_consent_shows_its_reads_left_then_is_used_up(qtbot, wallet, clinic, open_desk, dialogs, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf")).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600, max_reads=1)
    view = open_desk(clinic).desk_view
    wedge_scan(qtbot, view, granted.code)
    qtbot.waitUntil(lambda: view.read_button.isEnabled(), timeout=TIMEOUT_MS)
    assert view.reads_left.text() == "One-time consent: 1 read left"
    view.read_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.reads_left.text() == "One-time consent: 0 read left", timeout=TIMEOUT_MS)
    view.read_button.click()  # the ledger refuses the second read and says why
    qtbot.waitUntil(lambda: view.problem.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.status.text() == "Used up (no reads left)", timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    assert not view.read_button.isEnabled()
