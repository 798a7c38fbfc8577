"""The Credentials view: answer an issuer's offer, store the credential, see it listed
with its issuer, attributes and ledger status."""

from __future__ import annotations

import json

import pytest

from tests.wallet.credential_net import PATIENT, make_issuer, obtain
from wallet.core.credentials.verifier import StudyVerifier
from wallet.core.desks.clinic import ClinicDesk
from wallet.core.keys.sodium import ARGON2_MIN

from .conftest import wait_quiet


@pytest.fixture(scope="module")
def module_issuer(shared_node, tmp_path_factory):
    """One issuer for the module (its keys take seconds to make)."""
    issuer = make_issuer(tmp_path_factory.mktemp("issuer") / "desk", shared_node, max_credentials=8)
    yield issuer
    issuer.close()


def test_receive_a_credential_through_the_view(qtbot, wallet, open_window, dialogs, tmp_path, module_issuer):
    issuer = module_issuer
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


def test_answer_a_proof_request_after_seeing_who_asks_and_what(qtbot, wallet, open_window, dialogs, tmp_path,
                                                               shared_node, module_issuer, shown_errors):
    obtain(wallet, module_issuer, PATIENT)
    desk = ClinicDesk.create(tmp_path / "study", "Lakeside Sleep Study", "research", [shared_node.url],
                             passphrase="study", use_keyring=False, kdf_limits=ARGON2_MIN)
    desk.register(shared_node.governance)
    verifier = StudyVerifier(wallet.network, desk.key, [module_issuer.cred_def_id()])
    request = tmp_path / "request.json"
    request.write_text(json.dumps(verifier.request(reveal=["insured"], predicates=[("birth_year", "<", 2008)])))
    window = open_window(wallet)
    window.show_section("credentials")
    view = window.views["credentials"]
    # Declined: nothing is proven, nothing written, and the view says so.
    dialogs.file.append(request)
    dialogs.confirm_answers.append(False)
    view.prove_button.click()
    qtbot.waitUntil(lambda: len(dialogs.confirmed) == 1, timeout=20_000)
    wait_quiet(qtbot)
    title, text, informative = dialogs.confirmed[0]
    assert title == "Prove this to Lakeside Sleep Study?"
    assert text == ("Lakeside Sleep Study asks for: see your insured; a proof that birth_year is less than 2008 "
                    "(the value itself stays hidden).")
    assert "registered research institution" in informative and desk.key.public[:16] in informative
    assert "Declined" in view.status.text()
    # Accepted: the proof is saved and the study verifies it.
    proof = tmp_path / "proof.json"
    dialogs.file.append(request)
    dialogs.confirm_answers.append(True)
    dialogs.save_paths.append(proof)
    view.prove_button.click()
    qtbot.waitUntil(lambda: proof.exists(), timeout=20_000)
    wait_quiet(qtbot)
    result = verifier.verify(json.loads(request.read_text()), json.loads(proof.read_text()))
    assert result.revealed == {"insured": "1"} and "Lakeside Sleep Study" in view.status.text()
    # A request nobody signed is refused before any question is asked.
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({"type": "medwallet/proof-request", "v": 1, "verifier": "Friendly",
                                  "chain_id": wallet.network.chain_id, "request": {}}))
    dialogs.file.append(forged)
    view.prove_button.click()
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=20_000)
    assert "not signed by an institution" in shown_errors[-1][1] and len(dialogs.confirmed) == 2
    desk.close()
