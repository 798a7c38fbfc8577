"""The whole patient-to-clinic flow, driven through the widgets against a real node:
create a wallet in the wizard, import a file, grant a registered clinic, show the QR,
the clinic desk scans the code text and reads the record, the access log shows the
verified read, the patient revokes, the clinic is refused, the refusal is shown on both
sides."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt

from wallet.core import importing
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.onboarding import Step
from wallet.gui.access_log_view import EventsModel as M
from wallet.gui.main_window import MainWindow
from wallet.gui.session import WalletSession

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf
from .test_clinic_window import wedge_scan
from .test_consent_view import grant_through_dialog, tab_counts

PASS = "a passphrase for the flow"


def onboard(qtbot, window, node_url: str) -> None:
    """Create a wallet through the wizard's widgets: network, passphrase, words, check."""
    qtbot.waitUntil(lambda: window.onboarding is not None and window.onboarding.isVisible(), timeout=TIMEOUT_MS)
    wizard = window.onboarding
    qtbot.waitUntil(lambda: wizard.machine.keyring_available is not None, timeout=TIMEOUT_MS)
    qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    assert wizard.machine.step == Step.NETWORK and wizard.step_note.text() == "Step 2 of 6"
    wizard.remote_radio.setChecked(True)
    qtbot.keyClicks(wizard.nodes_input, node_url)
    wizard.next_button.click()
    assert not wizard.keyring_radio.isEnabled() and wizard.passphrase_radio.isChecked()  # no keyring here
    qtbot.keyClicks(wizard.passphrase_input, PASS)
    qtbot.keyClicks(wizard.repeat_input, PASS + "x")
    wizard.next_button.click()
    assert "differ" in wizard.error.text() and wizard.machine.step == Step.PROTECTION
    wizard.repeat_input.setText(PASS)
    wizard.next_button.click()
    words = [label.text().split(". ", 1)[1] for label in wizard.word_labels]
    assert len(words) == 24 and all(words)
    wizard.next_button.click()
    assert all(not label.text() for label in wizard.word_labels)  # the words left the screen
    for position, field in wizard.check_inputs.items():
        qtbot.keyClicks(field, words[position - 1])
    with qtbot.waitSignal(window.wallet_shown, timeout=TIMEOUT_MS):
        wizard.next_button.click()
    assert window.session.wallet.keys.phrase().split() == words


def test_patient_to_clinic_and_back(qtbot, shared_node, make_clinic, dialogs, open_desk, tmp_path):
    clinic = make_clinic("Clinique du Lac")
    session = WalletSession(tmp_path / "patient", kdf_limits=ARGON2_MIN)
    window = MainWindow(session, dialogs=dialogs, rng=random.Random(3))
    qtbot.addWidget(window)
    window.show()
    try:
        onboard(qtbot, window, shared_node.url)
        wait_quiet(qtbot)
        # the section the window opens on is selected (the style fills only a selected item), not only current
        assert window.sections.selectedItems() == [window.sections.currentItem()] != [None]
        # import a file through the file dialog
        source = write_pdf(tmp_path / "discharge.pdf", 200_000)
        records_view = window.views["records"]
        dialogs.files.append([source])
        records_view.import_button.click()
        qtbot.waitUntil(lambda: [records_view.model.index(0, 4).data()] == ["Stored safely"]
                        if records_view.model.rows else False, timeout=TIMEOUT_MS)
        # grant to the registered clinic; the QR appears
        window.show_section("consent")
        consent_view = window.views["consent"]
        qr = grant_through_dialog(qtbot, consent_view, clinic, "du lac")
        code = qr.text.text()
        qr.accept()
        # the clinic desk scans the code text and reads the record
        desk = open_desk(clinic).desk_view
        wedge_scan(qtbot, desk, code)
        qtbot.waitUntil(lambda: desk.read_button.isEnabled(), timeout=TIMEOUT_MS)
        desk.read_button.click()
        qtbot.waitUntil(lambda: desk.table.rowCount() == 1, timeout=TIMEOUT_MS)
        assert desk.files[0][1].read_bytes() == source.read_bytes()
        # the patient's access log shows the verified read
        window.show_section("access")
        access = window.views["access"]
        access.refresh_button.click()
        qtbot.waitUntil(lambda: any(r["kind"] == "access" and r["title"] for r in access.model.rows),
                        timeout=TIMEOUT_MS)
        read = next(i for i, r in enumerate(access.model.rows) if r["kind"] == "access" and r["title"])
        assert access.model.index(read, M.WHO).data() == clinic.name
        assert access.model.index(read, M.PROOF).data() == "Verified"
        # revoke
        window.show_section("consent")
        consent_view.tables["active"].selectRow(0)
        dialogs.confirm_answers.append(True)
        consent_view.revoke_button.click()
        qtbot.waitUntil(lambda: tab_counts(consent_view)[2] == "Revoked (1)", timeout=TIMEOUT_MS)
        # the clinic is refused, and sees why
        wedge_scan(qtbot, desk, code)
        qtbot.waitUntil(lambda: desk.status.text() == "Revoked by the patient", timeout=TIMEOUT_MS)
        desk.read_button.click()
        qtbot.waitUntil(lambda: desk.problem.isVisible(), timeout=TIMEOUT_MS)
        assert "the patient revoked this consent" in desk.problem.text()
        # the refusal appears in the patient's log, highlighted
        window.show_section("access")
        access.refresh_button.click()
        qtbot.waitUntil(lambda: any(r["kind"] == "refusal" for r in access.model.rows), timeout=TIMEOUT_MS)
        refusal = next(i for i, r in enumerate(access.model.rows) if r["kind"] == "refusal")
        assert access.model.index(refusal, M.OUTCOME).data() == "Refused: the patient revoked this consent"
        assert access.model.index(refusal, M.PROOF).data() == "Verified"
        wait_quiet(qtbot)
    finally:
        window.shutdown()


def test_restore_through_the_wizard(qtbot, make_wallet, shared_node, dialogs, tmp_path):

    original = make_wallet("original")
    importing.import_file(original, write_pdf(tmp_path / "scan.pdf"), title="Old scan")
    phrase = original.keys.phrase()
    window = MainWindow(WalletSession(tmp_path / "restored", kdf_limits=ARGON2_MIN), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.onboarding is not None and window.onboarding.isVisible(), timeout=TIMEOUT_MS)
        wizard = window.onboarding
        wizard.restore_button.click()
        assert wizard.step_note.text() == "Step 2 of 5"
        wizard.phrase_input.setPlainText(" ".join(phrase.split()[:23]))
        wizard.next_button.click()
        assert "24 words" in wizard.error.text()
        wizard.phrase_input.setPlainText(phrase.upper())
        wizard.next_button.click()
        wizard.remote_radio.setChecked(True)
        wizard.nodes_input.setText(shared_node.url)
        wizard.next_button.click()
        qtbot.waitUntil(lambda: wizard.machine.keyring_available is not None, timeout=TIMEOUT_MS)
        wizard.passphrase_input.setText(PASS)
        wizard.repeat_input.setText(PASS)
        with qtbot.waitSignal(window.wallet_shown, timeout=TIMEOUT_MS):
            wizard.next_button.click()
        view = window.views["records"]
        qtbot.waitUntil(lambda: [r["title"] for r in view.model.rows] == ["Old scan"], timeout=TIMEOUT_MS)
        assert "Restored 1 record(s)" in view.status.text()
        wait_quiet(qtbot)
    finally:
        window.shutdown()
