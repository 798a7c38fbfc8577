"""The patient's "Delegates" page, driven like a user on a real node: a delegate added from a
picture of their code with limits, what the delegate did shown as verified, the delegation
ended (keeping its consents), then a second one ended with its consents."""

from __future__ import annotations

import time

from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.consent.grant_code import decode_grant
from wallet.core.consent.qr import save_png
from wallet.core.delegation import acting
from wallet.core.desks.clinic import ReadRefused


def test_add_see_and_end_delegates_from_the_window(qtbot, wallet, make_wallet, clinic, open_window, dialogs,
                                                   tmp_path):
    importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 2_000), title="Growth chart")
    parent = make_wallet("parent")
    _, code = acting.new_code(parent, "Sam")
    save_png(code.text(), tmp_path / "code.png")
    window = open_window(wallet)
    window.show_section("delegates")
    view = window.views["delegates"]
    dialogs.file.append(tmp_path / "code.png")
    view.scan_code()
    qtbot.waitUntil(lambda: view.code.text() == code.text(), timeout=30_000)
    view.name.setText("Mum")
    view.longest.setValue(7)
    view.add_button.click()
    qtbot.waitUntil(lambda: code.fingerprint in view.note.text(), timeout=60_000)
    qtbot.waitUntil(lambda: view.delegates.count() == 1, timeout=30_000)
    assert "Mum" in view.delegates.item(0).text() and "active" in view.delegates.item(0).text()
    given = acting.grant(parent, "Sam", clinic.key.public, [], "treatment", int(time.time()) + 3 * 86400)
    view.refresh()
    qtbot.waitUntil(lambda: view.done_for_you.count() == 1, timeout=30_000)
    assert "granted by Mum for you" in view.done_for_you.item(0).text()
    view.delegates.setCurrentRow(0)
    dialogs.confirm_answers.append(True)
    view.revoke_button.click()
    qtbot.waitUntil(lambda: "can no longer act" in view.note.text(), timeout=30_000)
    qtbot.waitUntil(lambda: "revoked" in view.delegates.item(0).text(), timeout=30_000)
    assert clinic.read(decode_grant(given.code), tmp_path / "desk").titles == ["Growth chart"]  # its consent stays
    # a second delegate, ended with every consent it gave
    _, second = acting.new_code(parent, "Alex")
    view.code.setText(second.text())
    view.name.setText("Dad")
    view.add_button.click()
    qtbot.waitUntil(lambda: view.delegates.count() == 2, timeout=60_000)
    other = acting.grant(parent, "Alex", clinic.key.public, [], "treatment", int(time.time()) + 3 * 86400)
    row = next(i for i, r in enumerate(view.rows) if r["label"] == "Dad")
    view.delegates.setCurrentRow(row)
    dialogs.confirm_answers.append(True)
    view.revoke_all_button.click()
    qtbot.waitUntil(lambda: "1 consent(s) revoked" in view.note.text(), timeout=30_000)
    try:
        clinic.read(decode_grant(other.code), tmp_path / "desk2")
        raise AssertionError("a consent of an ended delegation was still read")
    except ReadRefused:
        pass
