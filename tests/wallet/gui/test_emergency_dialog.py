"""The "Emergency set" dialog and the emergency banner, driven like a user against a real
node: the policy is shown, the set is published with a picked record, a hospital's request
raises the banner at once (wherever the patient is) with Approve and Veto, and Approve opens
the request on the ledger."""

from __future__ import annotations

from ledger_client.client import LedgerClient
from tests.wallet.core.fhir.bundle_gen import write_bundle
from wallet.core import importing
from wallet.core.emergency import requester
from wallet.gui.emergency_dialog import EmergencyDialog


def test_publish_then_approve_from_the_banner(qtbot, wallet, make_clinic, open_window, shared_node, tmp_path):
    client = LedgerClient([shared_node.url])
    client.submit_signed(shared_node.governance, "emergency_policy", {
        "institutions": [], "kinds": ["clinic"], "delay": 3600, "open_for": 3600, "threshold": 1,
        "nodes": [client.status()["node_key"]]})
    src = tmp_path / "patient.json"
    write_bundle(src, 10, style="collection", seed=3)
    importing.import_file(wallet, src, split=True)
    window = open_window(wallet)
    window.show_section("links")
    view = window.views["links"]
    view.emergency_set()
    dialog = view.shown
    assert isinstance(dialog, EmergencyDialog)
    qtbot.waitUntil(lambda: "Who may ask: any clinic" in dialog.policy.text(), timeout=60_000)
    qtbot.waitUntil(lambda: dialog.records.count() > 0, timeout=30_000)
    dialog.records.item(0).setCheckState(dialog.records.item(0).checkState().Checked)
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: "published (2 file(s))" in dialog.note.text(), timeout=60_000)
    qtbot.waitUntil(lambda: "Emergency card: medwallet-emergency:" in dialog.state.text(), timeout=30_000)
    card = dialog.state.text().split("Emergency card: ", 1)[1]
    desk = make_clinic("Night ER")
    request = requester.request(desk, card, "found unconscious")
    window.poll_audit()
    qtbot.waitUntil(lambda: window.banner.isVisible() and window.banner.approve_button.isVisible(), timeout=60_000)
    assert "EMERGENCY" in window.banner.text.text() and "Night ER" in window.banner.text.text()
    assert window.banner.request == request
    window.banner.approve_button.click()
    qtbot.waitUntil(lambda: requester.status(desk, request)["status"] == "open", timeout=60_000)
    qtbot.waitUntil(lambda: "Approved" in window.banner.text.text(), timeout=30_000)
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.requests.count() == 1 and "open" in dialog.requests.item(0).text(),
                    timeout=30_000)
    dialog.close()
    desk.close()
    window.shutdown()
