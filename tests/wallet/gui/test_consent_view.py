"""The sharing view against a real node: the grant dialog (directory search, records,
purpose, expiry), the QR dialog (scannable image, save PNG, copy text), active, expired
and revoked lists, revoke after confirmation."""

from __future__ import annotations

import time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.consent.qr import decode_image

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


def tab_counts(view) -> list[str]:
    return [view.tabs.tabText(i) for i in range(view.tabs.count())]


def grant_through_dialog(qtbot, view, clinic, search: str):
    view.grant_button.click()
    qtbot.waitUntil(lambda: view.grant_dialog is not None and view.grant_dialog.isVisible(), timeout=TIMEOUT_MS)
    dialog = view.grant_dialog
    qtbot.waitUntil(lambda: bool(dialog.institutions), timeout=TIMEOUT_MS)
    assert not dialog.grant_button.isEnabled()
    qtbot.keyClicks(dialog.search, search)
    assert dialog.institution_list.count() == 1  # the search narrowed the directory to one
    assert dialog.selected_institution()["sign_key"] == clinic.key.public
    dialog.record_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("treatment"))
    dialog.expiry.setDate(QDate.currentDate().addDays(7))
    assert dialog.grant_button.isEnabled()
    dialog.grant_button.click()
    qtbot.waitUntil(lambda: view.qr_dialog is not None and view.qr_dialog.pixmap is not None, timeout=TIMEOUT_MS)
    return view.qr_dialog


def test_grant_qr_save_copy_and_revoke(qtbot, wallet, make_clinic, open_window, dialogs, tmp_path):
    clinic = make_clinic("Clinique du Lac")
    make_clinic("Hôpital Nord")
    importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"))
    window = open_window(wallet)
    window.show_section("consent")
    view = window.views["consent"]
    qr = grant_through_dialog(qtbot, view, clinic, "lac")
    assert qr.isVisible() and "Clinique du Lac" in qr.caption.text()
    assert qr.pixmap.width() >= 400  # large enough to scan from a screen
    code = qr.text.text()
    grant = decode_grant(code)
    qr.copy_button.click()
    assert QApplication.clipboard().text() == code
    dialogs.save_paths.append(tmp_path / "grant.png")
    qr.save_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "grant.png").exists(), timeout=TIMEOUT_MS)
    assert decode_image(tmp_path / "grant.png") == [code]
    # the image on screen scans too
    screen = tmp_path / "screen.png"
    qr.image.grab().save(str(screen))
    assert decode_image(screen) == [code]
    qr.accept()
    wait_quiet(qtbot)
    qtbot.waitUntil(lambda: tab_counts(view)[0] == "Active (1)", timeout=TIMEOUT_MS)
    consent = grant.consent_id.hex()
    assert grants.list_grants(wallet, refresh=False)[0]["consent"] == consent
    # Show QR again from the list
    table = view.tables["active"]
    table.selectRow(0)
    view.qr_button.click()
    qtbot.waitUntil(lambda: view.qr_dialog is not qr and view.qr_dialog.text.text() == code, timeout=TIMEOUT_MS)
    view.qr_dialog.accept()
    # Revoke: refused once, then confirmed
    table.selectRow(0)
    dialogs.confirm_answers += [False, True]
    view.revoke_button.click()
    wait_quiet(qtbot)
    assert tab_counts(view)[0] == "Active (1)"
    view.revoke_button.click()
    qtbot.waitUntil(lambda: tab_counts(view) == ["Active (0)", "Expired (0)", "Revoked (1)"], timeout=TIMEOUT_MS)
    # the list refreshes on the revocation's event, which can land before the operation's own reply
    qtbot.waitUntil(lambda: "refused" in view.status.text(), timeout=TIMEOUT_MS)
    assert "refuses every read" in dialogs.confirmed[0][2]
    grantor = wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (consent,))["pseudonym"]
    assert wallet.network.client.consent(consent, wallet.signing_key(grantor))["status"] == "revoked"


def test_expired_grants_have_their_own_list(qtbot, wallet, clinic, open_window, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf")).record
    soon = int(time.time()) + 10  # the grant itself spaces its pseudonyms' submissions by 1-2 s each
    grants.grant(wallet, clinic.key.public, [rec], "emergency", soon)
    grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    time.sleep(max(0.0, soon - time.time()) + 0.1)
    window = open_window(wallet)
    window.show_section("consent")
    view = window.views["consent"]
    qtbot.waitUntil(lambda: tab_counts(view) == ["Active (1)", "Expired (1)", "Revoked (0)"], timeout=TIMEOUT_MS)
    view.tabs.setCurrentIndex(1)
    view.tables["expired"].selectRow(0)
    assert not view.revoke_button.isEnabled() and not view.qr_button.isEnabled()
    assert view.tables["expired"].model().index(0, 1).data() == "Emergency care"


def test_nothing_to_share_says_so(qtbot, wallet, open_window):
    window = open_window(wallet)
    view = window.views["consent"]
    view.grant_button.click()
    qtbot.waitUntil(lambda: "Import a record first" in view.status.text(), timeout=TIMEOUT_MS)
    assert view.grant_dialog is None


def test_share_deidentified_shows_the_preview_and_asks(qtbot, wallet, tmp_path, shared_node, open_window, dialogs):
    """The window's de-identified sharing: the same core preview as the command line, before anything leaves."""
    import json

    from tests.wallet.conftest import PASSPHRASE
    from wallet.core.desks.clinic import ClinicDesk
    from wallet.core.keys.sodium import ARGON2_MIN

    study = ClinicDesk.create(tmp_path / "study", "Window Cohort", "research", [shared_node.url],
                              passphrase=PASSPHRASE, use_keyring=False, kdf_limits=ARGON2_MIN)
    study.register(shared_node.governance)
    source = tmp_path / "obs.json"
    source.write_text(json.dumps({"resourceType": "Observation", "status": "final",
                                  "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}],
                                           "text": "Pulse taken by Dr Gaston Frimousse"},
                                  "valueQuantity": {"value": 72, "unit": "/min"}}))
    importing.import_file(wallet, source)
    window = open_window(wallet)
    window.show_section("consent")
    view = window.views["consent"]

    def open_dialog():
        view.deidentified_dialog = None
        view.deidentified_button.click()
        qtbot.waitUntil(lambda: view.deidentified_dialog is not None and view.deidentified_dialog.isVisible(),
                        timeout=TIMEOUT_MS)
        dialog = view.deidentified_dialog
        dialog.institution.setCurrentIndex(dialog.institution.findData(study.key.public))
        assert dialog.institution.currentData() == study.key.public and dialog.record.count() == 1
        return dialog

    open_dialog().preview_button.click()  # declined: nothing shared
    qtbot.waitUntil(lambda: len(dialogs.confirmed) == 1, timeout=TIMEOUT_MS)
    _title, question, informative = dialogs.confirmed[0]
    assert "Window Cohort" in question and "1 Observation" in informative
    assert "The copy keeps:" in informative and "It removes:" in informative and "Frimousse" not in informative
    qtbot.waitUntil(lambda: view.status.text() == "Not shared.", timeout=TIMEOUT_MS)
    assert grants.list_grants(wallet, refresh=False) == []
    dialogs.confirm_answers.append(True)
    open_dialog().preview_button.click()
    qtbot.waitUntil(lambda: view.qr_dialog is not None and view.qr_dialog.pixmap is not None, timeout=TIMEOUT_MS)
    (grant,) = grants.list_grants(wallet, refresh=False)
    assert grant["purpose"] == "research" and grant["institution"] == study.key.public
    read = study.read(decode_grant(view.qr_dialog.text.text()), tmp_path / "study-out")
    assert b"Frimousse" not in read.files[0].read_bytes()
    wait_quiet(qtbot)


def test_the_grant_form_limits_the_reads_and_the_list_shows_them_left(qtbot, wallet, clinic, open_window, tmp_path):
    importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"))
    window = open_window(wallet)
    window.show_section("consent")
    view = window.views["consent"]
    view.grant_button.click()
    qtbot.waitUntil(lambda: view.grant_dialog is not None and view.grant_dialog.isVisible(), timeout=TIMEOUT_MS)
    dialog = view.grant_dialog
    qtbot.waitUntil(lambda: bool(dialog.institutions), timeout=TIMEOUT_MS)
    assert [dialog.reads.itemText(i) for i in range(dialog.reads.count())] == [
        "Unlimited (until it ends)", "Once", "A number of times"]
    assert dialog.reads.currentData() == "unlimited" and not dialog.read_count.isEnabled()
    dialog.reads.setCurrentIndex(dialog.reads.findData("count"))
    assert dialog.read_count.isEnabled()
    dialog.read_count.setValue(2)
    qtbot.keyClicks(dialog.search, clinic.name)
    for n in range(dialog.institution_list.count()):
        dialog.institution_list.setCurrentRow(n)
        if dialog.selected_institution()["sign_key"] == clinic.key.public:
            break
    assert dialog.selected_institution()["sign_key"] == clinic.key.public
    dialog.record_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.request().max_reads == 2
    dialog.reads.setCurrentIndex(dialog.reads.findData("once"))
    assert dialog.request().max_reads == 1
    dialog.reads.setCurrentIndex(dialog.reads.findData("count"))
    dialog.grant_button.click()
    qtbot.waitUntil(lambda: view.qr_dialog is not None and view.qr_dialog.pixmap is not None, timeout=TIMEOUT_MS)
    view.qr_dialog.accept()
    qtbot.waitUntil(lambda: tab_counts(view)[0] == "Active (1)", timeout=TIMEOUT_MS)
    (row,) = grants.list_grants(wallet, refresh=False)
    assert (row["max_reads"], row["reads_left"]) == (2, 2)
    assert view.tables["active"].model().index(0, 4).data() == "2 of 2"
