"""Issue 12's small faults: file dialogs open in Documents or the home folder (never the
program's own folder), no sort arrow over the records until the patient sorts them, the
grant form lists records in the records view's order, sort arrows point as on most
desktops, the wallet folder shown as the patient knows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from wallet.core import importing
from wallet.core.records import library
from wallet.gui.dialog_service import start_folder

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf


def test_file_dialogs_start_in_documents_or_home(monkeypatch, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(Path(__file__).parent)  # started from the source folder, as `make run` is
    assert Path(start_folder()) == home
    (home / "Documents").mkdir()
    assert Path(start_folder()) == home / "Documents"


def test_records_order_and_sort_arrows(qtbot, wallet, open_window, tmp_path):
    for title in ("Bravo", "Alpha", "Charlie"):
        importing.import_file(wallet, write_pdf(tmp_path / f"{title}.pdf", 1000), title=title)
    window = open_window(wallet)
    view = window.views["records"]
    qtbot.waitUntil(lambda: len(view.model.rows) == 3, timeout=TIMEOUT_MS)
    core_order = [r["title"] for r in library.list_records(wallet)]
    assert [view.proxy.index(r, 0).data() for r in range(3)] == core_order  # as the core lists them
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() < 0 or header.sortIndicatorSection() >= 5  # no arrow over that order
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [view.proxy.index(r, 0).data() for r in range(3)] == ["Alpha", "Bravo", "Charlie"]
    assert header.sortIndicatorSection() == 0
    # the grant form offers the records in the core's order too
    consent = window.views["consent"]
    window.show_section("consent")
    consent.grant_button.click()
    qtbot.waitUntil(lambda: consent.grant_dialog is not None, timeout=TIMEOUT_MS)
    dialog = consent.grant_dialog
    assert [dialog.record_list.item(i).text() for i in range(3)] == core_order
    dialog.reject()
    wait_quiet(qtbot)


def test_sort_arrows_point_up_for_ascending(qtbot):
    """Ascending (A to Z, oldest first) draws the up arrow, descending (newest first) the down one:
    Qt's style-sheet engine draws ``::up-arrow`` for an ascending column (checked by eye in the
    access log's screenshot, newest first under a down arrow)."""
    from wallet.gui.assets import assets_dir, style_sheet

    sheet = style_sheet()
    icons = (assets_dir() / "icons").as_posix()
    assert f"QHeaderView::up-arrow {{ image: url({icons}/arrow-up.svg)" in sheet
    assert f"QHeaderView::down-arrow {{ image: url({icons}/arrow-down.svg)" in sheet


def test_wallet_folder_shown_from_home(wallet, monkeypatch):
    from wallet.gui import settings_view

    monkeypatch.setattr(Path, "home", classmethod(lambda cls: wallet.dir.parent))
    assert settings_view._home_relative(wallet.dir) == f"~/{wallet.dir.name}"
    assert settings_view._home_relative(Path("/elsewhere/w")) == "/elsewhere/w"


def test_grant_form_name_for_the_desk_is_the_patients_or_empty(qtbot, wallet, open_window):
    """The name shown to the desk is what the patient typed (or last used), never a purpose's
    words: a loop variable once shadowed it, and every code said "Health-care operations"."""
    from wallet.core.consent.grants import PURPOSE_LABELS
    from wallet.gui.grant_dialog import GrantDialog

    window = open_window(wallet)
    blank = GrantDialog(window, wallet, [])
    named = GrantDialog(window, wallet, [], label="Anna M.")
    wait_quiet(qtbot)
    assert blank.label.text() == "" and named.label.text() == "Anna M."
    assert [blank.purpose.itemData(i) for i in range(blank.purpose.count())] == list(PURPOSE_LABELS)
    blank.deleteLater()
    named.deleteLater()


def test_every_section_name_fits_the_sidebar(qtbot, wallet, open_window):
    """No section name is cut or scrolled sideways ("Links & evidence" once was)."""
    window = open_window(wallet)
    wait_quiet(qtbot)
    sections = window.sections
    for row in range(sections.count()):
        rect = sections.visualItemRect(sections.item(row))
        assert rect.right() <= sections.viewport().width(), sections.item(row).text()
    assert not sections.horizontalScrollBar().isVisible()


def test_the_open_section_is_shown_selected_from_the_start(qtbot, wallet, open_window):
    """The section the window opens on is selected, not only current, before any click (the style
    fills only a selected item)."""
    window = open_window(wallet)
    wait_quiet(qtbot)
    sections = window.sections
    assert sections.currentRow() >= 0
    assert sections.selectedItems() == [sections.currentItem()]
    assert window.pages.currentWidget() is window.wallet_page
