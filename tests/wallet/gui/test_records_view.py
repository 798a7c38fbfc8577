"""The records view against a real node: import by dialog and by drop, status column,
cancel and resume, open a decrypted copy, delete after confirmation; and the event loop
keeps serving during a large upload."""

from __future__ import annotations

import itertools
import os
import stat
import time
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent

from wallet.core import importing
from wallet.core.records import library, pipeline

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf

DATA = Path(__file__).resolve().parents[2] / "data" / "fhir"


def rows(view) -> list[dict]:
    return view.model.rows


def status_texts(view) -> list[str]:
    return [view.model.index(i, 4).data() for i in range(view.model.rowCount())]


def select_first(view) -> None:
    view.table.selectRow(0)


def test_import_by_dialog_shows_anchored_status(qtbot, wallet, open_window, dialogs, tmp_path):
    window = open_window(wallet)
    view = window.views["records"]
    assert view.drop_hint.isVisible() and not view.open_button.isEnabled()
    dialogs.files.append([write_pdf(tmp_path / "letter.pdf"), write_pdf(tmp_path / "scan.pdf")])
    view.import_button.click()
    qtbot.waitUntil(lambda: len(rows(view)) == 2 and view._import_op is None, timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    assert status_texts(view) == ["Stored safely", "Stored safely"]
    assert {r["title"] for r in rows(view)} == {"letter", "scan"}
    assert view.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole).startswith("Encrypted, uploaded and anchored")
    assert not view.drop_hint.isVisible() and not view.progress.isVisible()
    assert "stored safely" in view.status.text()


def test_drop_imports_local_files(qtbot, wallet, open_window, tmp_path):
    window = open_window(wallet)
    view = window.views["records"]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write_pdf(tmp_path / "dropped.pdf")))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: [r["title"] for r in rows(view)] == ["dropped"], timeout=TIMEOUT_MS)
    remote = QMimeData()
    remote.setUrls([QUrl("https://example.org/x.pdf")])
    assert view._local_files(remote) == []


def test_cancel_keeps_nothing(qtbot, wallet, open_window, tmp_path, shown_errors):
    window = open_window(wallet)
    view = window.views["records"]
    big = write_pdf(tmp_path / "big.pdf", 12_000_000)
    cancelled = []

    def cancel_when_uploading(stage, done, total):
        view.progress.report(stage, done, total)
        if stage == "upload" and not cancelled:
            cancelled.append(True)
            assert view.progress.isVisible() and view.progress.cancel_button.isEnabled()
            view.progress.cancel_button.click()

    view.import_files([big])
    view._import_op.progress(cancel_when_uploading)
    qtbot.waitUntil(lambda: view._import_op is None, timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    assert cancelled and shown_errors == []  # a cancellation shows no error
    assert rows(view) == [] and library.list_records(wallet) == [] and "cancelled" in view.status.text()


def test_failed_upload_shows_encrypted_then_resumes(qtbot, wallet, open_window, tmp_path, shown_errors,
                                                     monkeypatch):
    from ledger_client.errors import NodeUnavailable

    real = pipeline.seal_and_upload

    def node_lost_at_the_end(*args, **kwargs):
        sealed, _error = real(*args, **kwargs)
        return sealed, NodeUnavailable()

    monkeypatch.setattr(pipeline, "seal_and_upload", node_lost_at_the_end)
    window = open_window(wallet)
    view = window.views["records"]
    view.import_files([write_pdf(tmp_path / "scan.pdf")])
    qtbot.waitUntil(lambda: status_texts(view) == ["Encrypted"], timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    assert shown_errors and "No ledger node could be reached" in shown_errors[0][1]
    assert view.resume_button.isVisible()
    monkeypatch.undo()
    view.resume_button.click()
    qtbot.waitUntil(lambda: status_texts(view) == ["Stored safely"], timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    assert not view.resume_button.isVisible()


def test_open_decrypted_copy_in_private_folder(qtbot, wallet, open_window, dialogs, tmp_path):
    source = write_pdf(tmp_path / "report.pdf")
    importing.import_file(wallet, source)
    window = open_window(wallet)
    view = window.views["records"]
    qtbot.waitUntil(lambda: len(rows(view)) == 1, timeout=TIMEOUT_MS)
    select_first(view)
    assert view.open_button.isEnabled()
    view.open_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.opened), timeout=TIMEOUT_MS)
    opened = dialogs.opened[0]
    assert opened.read_bytes() == source.read_bytes() and opened.name == "report.pdf"
    folder = window.session.copies.path()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700 and folder in opened.parents
    window.lock()  # decrypted copies go with the lock
    wait_quiet(qtbot)
    assert not opened.exists()


def test_delete_asks_first_and_explains(qtbot, wallet, open_window, dialogs, tmp_path):
    importing.import_file(wallet, write_pdf(tmp_path / "old.pdf"))
    window = open_window(wallet)
    view = window.views["records"]
    qtbot.waitUntil(lambda: len(rows(view)) == 1, timeout=TIMEOUT_MS)
    select_first(view)
    dialogs.confirm_answers.append(False)
    view.delete_button.click()
    wait_quiet(qtbot)
    assert len(rows(view)) == 1
    _title, text, informative = dialogs.confirmed[0]
    assert "“old”" in text and "crypto-shredding" in informative and "cannot be undone" in informative
    assert "not crypto-shredding" in informative and "still opens with your recovery phrase" in informative
    select_first(view)
    dialogs.confirm_answers.append(True)
    view.delete_button.click()
    qtbot.waitUntil(lambda: rows(view) == [], timeout=TIMEOUT_MS)
    assert library.list_records(wallet) == []


def test_event_loop_keeps_serving_during_a_large_upload(qtbot, wallet, open_window, tmp_path):
    """A 40 MB import (encrypt, upload, anchor) on a worker: a 20 ms timer keeps ticking."""
    window = open_window(wallet)
    view = window.views["records"]
    big = write_pdf(tmp_path / "imaging.pdf", 40 * 1024 * 1024)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    view.import_files([big])
    qtbot.waitUntil(lambda: view._import_op is None, timeout=60_000)
    elapsed = time.monotonic() - started
    timer.stop()
    wait_quiet(qtbot)
    assert status_texts(view) == ["Stored safely"]
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # the loop ran all along (ticks keep coming), whatever the machine's load
    assert len(ticks) >= 5, (len(ticks), elapsed)
    # a loop blocked by the upload would show one gap as long as the upload itself
    assert max(gaps) < 0.5 * elapsed, (max(gaps), elapsed)


def test_a_fhir_bundle_imports_as_the_command_line_does(qtbot, wallet, make_wallet, open_window, dialogs, tmp_path,
                                                        shown_errors):
    """A Bundle with invalid entries is kept whole, its problems reported: not refused (the
    window used to refuse it and suggest a Bundle import it could not do)."""
    source = DATA / "invalid_entries.json"
    # what `medwallet import FILE` does by default, in another wallet (the same content
    # imported twice into one wallet is a duplicate and adds nothing)
    cli_way = importing.import_file(make_wallet(name="cli"), source)
    assert cli_way.is_bundle and not cli_way.split and len(cli_way.problems) == 6
    window = open_window(wallet)
    view = window.views["records"]
    copy = tmp_path / "portal-export.json"
    copy.write_bytes(source.read_bytes())
    dialogs.files.append([copy])
    view.import_button.click()
    qtbot.waitUntil(lambda: len(rows(view)) == 1 and view._import_op is None, timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    assert shown_errors == []
    imported = next(r for r in rows(view) if r["filename"] == "portal-export.json")
    assert imported["fhir_type"] == "Bundle" and imported["status"] == "anchored"
    assert imported["title"] == cli_way.records[0].title
    assert "FHIR bundle of 10 entries" in view.status.text() and "6 invalid entries" in view.status.text()
    assert status_texts(view) == ["Stored safely"]
    library.export_record(wallet, imported["record"], tmp_path / "back.json")
    assert (tmp_path / "back.json").read_bytes() == source.read_bytes()  # byte for byte, invalid entries too
