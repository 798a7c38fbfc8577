"""The access log against a real node: verified mark, refusals highlighted, filters,
CSV export, and the notification when a new access appears (audit polled on a timer)."""

from __future__ import annotations

import csv
import time

import pytest
from PySide6.QtCore import Qt

from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ReadRefused
from wallet.gui import theme
from wallet.gui.access_log_view import REFUSAL_BACKGROUND
from wallet.gui.access_log_view import EventsModel as M

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


@pytest.fixture
def history(wallet, make_clinic, tmp_path):
    """Two records; clinic A read one; clinic B was refused after a revoke."""
    first = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"), title="Letter").record
    second = importing.import_file(wallet, write_pdf(tmp_path / "scan.pdf"), title="Scan").record
    a, b = make_clinic("Alpha"), make_clinic("Beta")
    until = int(time.time()) + 3600
    read = grants.grant(wallet, a.key.public, [first], "treatment", until)
    a.read(decode_grant(read.code), tmp_path / "a")
    refused = grants.grant(wallet, b.key.public, [second], "research", until)
    grants.revoke(wallet, refused.consent)
    with pytest.raises(ReadRefused):
        b.read(decode_grant(refused.code), tmp_path / "b")
    return {"records": (first, second), "clinics": (a, b)}


def visible(view) -> list[tuple[str, str]]:
    proxy = view.proxy
    return [(proxy.index(i, M.WHO).data(), proxy.index(i, M.OUTCOME).data()) for i in range(proxy.rowCount())]


def test_verified_marks_refusals_and_filters(qtbot, wallet, history, open_window, dialogs, tmp_path):
    window = open_window(wallet)
    window.show_section("access")
    view = window.views["access"]
    # one read (the consent's key fetch folded into it) and one refusal: no row for the keys themselves
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    alpha, beta = (c.name for c in history["clinics"])
    assert all(r["verified"] for r in view.model.rows)
    proof = view.model.index(0, M.PROOF)
    assert proof.data() == "Verified" and "block" in proof.data(Qt.ItemDataRole.ToolTipRole)
    assert proof.data(Qt.ItemDataRole.DecorationRole) is not None
    refusal_row = next(i for i, r in enumerate(view.model.rows) if r["kind"] == "refusal")
    cell = view.model.index(refusal_row, M.OUTCOME)
    assert cell.data() == "Refused: the patient revoked this consent"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == theme.colour(REFUSAL_BACKGROUND)
    assert theme.colour(REFUSAL_BACKGROUND).name() == "#fdecea"  # the light scheme's refusal ground
    assert cell.data(Qt.ItemDataRole.FontRole).bold()
    # outcome filter
    view.outcome_filter.setCurrentIndex(view.outcome_filter.findData("refusal"))
    assert visible(view) == [(beta, "Refused: the patient revoked this consent")]
    view.outcome_filter.setCurrentIndex(0)
    # institution filter
    view.institution_filter.setCurrentIndex(view.institution_filter.findText(alpha))
    assert {who for who, _ in visible(view)} == {alpha} and all(o == "Read" for _, o in visible(view))
    view.institution_filter.setCurrentIndex(0)
    # record filter: the read of Alpha's copy of "Letter" counts as a read of "Letter"
    view.record_filter.setCurrentIndex(view.record_filter.findData(history["records"][0]))
    assert visible(view) == [(alpha, "Read")]
    # CSV of what is shown
    dialogs.save_paths.append(tmp_path / "log.csv")
    view.export_button.click()
    qtbot.waitUntil(lambda: "Exported 1" in view.status.text(), timeout=TIMEOUT_MS)
    with open(tmp_path / "log.csv", newline="", encoding="utf-8") as src:
        rows = list(csv.DictReader(src))
    assert len(rows) == 1 and rows[0]["requester"] == alpha and rows[0]["record_title"] == "Letter"
    assert rows[0]["outcome"] == "read" and rows[0]["verified"] == "yes" and rows[0]["record"] == history["records"][0]


def test_new_access_is_announced(qtbot, wallet, clinic, open_window, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"), title="Letter").record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    window = open_window(wallet, poll_interval_ms=150)
    assert window.views["records"].isVisible() and not window.banner.isVisible()
    clinic.read(decode_grant(granted.code), tmp_path / "desk")  # a read happens while the wallet is open
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=TIMEOUT_MS)
    text = window.banner.text.text()
    assert clinic.name in text and "Verified" in text
    window.banner.view_button.click()
    assert window.stack.currentWidget() is window.views["access"] and not window.banner.isVisible()
    wait_quiet(qtbot)
    assert wallet.db.one("SELECT COUNT(*) AS n FROM events WHERE seen=0")["n"] == 0


def test_fhir_exports_from_the_views(qtbot, wallet, clinic, open_window, dialogs, tmp_path):
    """The access log and the consents export as FHIR Bundles that validate."""
    import json
    import time

    from wallet.core.consent import grants
    from wallet.core.consent.grant_code import decode_grant
    from wallet.core.fhir.validate import resource_problems

    from .conftest import wait_quiet, write_pdf

    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf")).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 600)
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    window = open_window(wallet)
    wait_quiet(qtbot)
    audit_file, consent_file = tmp_path / "audit.json", tmp_path / "consents.json"
    dialogs.save_paths += [audit_file, consent_file]
    window.views["access"].export_fhir()
    wait_quiet(qtbot)
    window.views["consent"].export_fhir()
    wait_quiet(qtbot)
    audit_bundle, consent_bundle = json.loads(audit_file.read_text()), json.loads(consent_file.read_text())
    assert {e["resource"]["resourceType"] for e in audit_bundle["entry"]} == {"AuditEvent"}
    assert [e["resource"]["resourceType"] for e in consent_bundle["entry"]] == ["Consent"]
    for entry in audit_bundle["entry"] + consent_bundle["entry"]:
        assert resource_problems(entry["resource"]) == []


def test_a_deletion_is_in_the_log(qtbot, wallet, clinic, open_window, dialogs, tmp_path):
    from wallet.core import deletion

    record = importing.import_file(wallet, write_pdf(tmp_path / "gone.pdf"), title="Gone report").record
    granted = grants.grant(wallet, clinic.key.public, [record], "treatment", int(time.time()) + 3600)
    clinic.read(decode_grant(granted.code), tmp_path / "read")
    deletion.delete_record(wallet, record)
    window = open_window(wallet)
    window.show_section("access")
    view = window.views["access"]
    qtbot.waitUntil(lambda: any(r["kind"] == "deletion" for r in view.model.rows), timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    row = next(i for i, r in enumerate(view.model.rows) if r["kind"] == "deletion" and r["record"] == record)
    assert view.model.index(row, M.OUTCOME).data() == "Deleted by you"
    assert view.model.index(row, M.RECORD).data() == "Deleted record"
    assert view.model.index(row, M.PURPOSE).data() == "Your request"
    assert view.model.index(row, M.OUTCOME).data(Qt.ItemDataRole.BackgroundRole) is None
    assert view.model.index(row, M.PROOF).data() == "Verified"
    # The clinic's earlier read stays in the log, without the title the wallet forgot.
    assert all("Gone report" not in (view.model.index(i, M.RECORD).data() or "")
               for i in range(view.model.rowCount()))
    view.outcome_filter.setCurrentIndex(view.outcome_filter.findData("deletion"))
    assert {outcome for _who, outcome in visible(view)} == {"Deleted by you"}
    dialogs.save_paths.append(tmp_path / "log.csv")
    view.export_button.click()
    qtbot.waitUntil(lambda: "Exported" in view.status.text(), timeout=TIMEOUT_MS)
    with open(tmp_path / "log.csv", newline="", encoding="utf-8") as src:
        assert {r["outcome"] for r in csv.DictReader(src)} == {"deleted"}


def test_the_sharing_list_follows_a_read_of_a_limited_consent(qtbot, wallet, clinic, open_window, tmp_path):
    """A read while the patient looks at Sharing: its reads left go down without Refresh."""
    rec = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"), title="Letter").record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600, max_reads=3)
    window = open_window(wallet, poll_interval_ms=150)
    window.show_section("consent")
    qtbot.waitUntil(lambda: [r["reads_left"] for r in window.views["consent"].model.rows] == [3], timeout=TIMEOUT_MS)
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: [r["reads_left"] for r in window.views["consent"].model.rows] == [2], timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
