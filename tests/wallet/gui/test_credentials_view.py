"""The Credentials view: answer an issuer's offer, store the credential, see it listed
with its issuer, attributes and ledger status."""

from __future__ import annotations

import json

from tests.wallet.credential_net import make_issuer

from .conftest import wait_quiet


def test_receive_a_credential_through_the_view(qtbot, wallet, open_window, dialogs, tmp_path, shared_node):
    issuer = make_issuer(tmp_path / "issuer", shared_node, max_credentials=4)
    try:
        window = open_window(wallet)
        window.show_section("credentials")
        view = window.views["credentials"]
        offer, request = tmp_path / "offer.json", tmp_path / "request.json"
        offer.write_text(json.dumps(issuer.offer()))
        dialogs.file.append(offer)
        dialogs.save_paths.append(request)
        view.answer_button.click()
        wait_quiet(qtbot)
        assert request.exists() and "request.json" in view.status.text()
        credential = tmp_path / "credential.json"
        issued = issuer.issue(json.loads(request.read_text()), {"patient_of": "St. Example", "insured": "1",
                                                                "birth_year": "1990"})
        credential.write_text(json.dumps(issued))
        dialogs.file.append(credential)
        view.store_button.click()
        wait_quiet(qtbot)
        qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=20_000)
        assert view.table.item(0, 0).text() == issuer.name
        assert "birth_year: 1990" in view.table.item(0, 2).text()
        assert view.table.item(0, 3).text() == "Valid"
        assert not view.text.isVisible()
    finally:
        issuer.close()


def test_a_file_that_is_not_json_is_a_clear_error(qtbot, wallet, open_window, dialogs, tmp_path, shown_errors):
    window = open_window(wallet)
    window.show_section("credentials")
    view = window.views["credentials"]
    bad = tmp_path / "credential.json"
    bad.write_text("not json")
    dialogs.file.append(bad)
    view.store_button.click()
    wait_quiet(qtbot)
    assert shown_errors and "credential" in str(shown_errors[-1]).lower()
