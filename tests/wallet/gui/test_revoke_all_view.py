""""Revoke all…" in the sharing view against a real node: cancelled changes nothing, confirmed
revokes every consent in force in one batch and says so, naming the institutions first."""

from __future__ import annotations

import time

from wallet.core import importing, pseudonyms
from wallet.core.consent import grants

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


def test_revoke_all_after_confirmation(qtbot, wallet, make_clinic, open_window, dialogs, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf")).record
    lake, north = make_clinic("Clinique du Lac"), make_clinic("Hôpital Nord")
    for desk in (lake, north):
        grants.grant(wallet, desk.key.public, [rec], "treatment", int(time.time()) + 3600)
    window = open_window(wallet)
    window.show_section("consent")
    view = window.views["consent"]
    qtbot.waitUntil(lambda: view.tabs.tabText(0).endswith("(2)"), timeout=TIMEOUT_MS)
    dialogs.confirm_answers += [False, True]
    view.revoke_all_button.click()
    wait_quiet(qtbot)
    assert view.tabs.tabText(0).endswith("(2)")  # cancelled: nothing sent
    question, explanation = dialogs.confirmed[0][1], dialogs.confirmed[0][2]
    assert "2 consent(s)" in question and lake.name in explanation and north.name in explanation
    assert "one patient" in explanation and "new wallet" in explanation  # what the ledger learns, what it cannot fix
    view.revoke_all_button.click()
    qtbot.waitUntil(lambda: "Revoked 2 consent(s)" in view.status.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.tabs.tabText(2).endswith("(2)"), timeout=TIMEOUT_MS)
    assert {g["status"] for g in grants.list_grants(wallet)} == {"revoked"}
    assert pseudonyms.RELATIONSHIP_ROLE not in {p["role"] for p in wallet.pseudonyms()}
