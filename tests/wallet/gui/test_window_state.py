"""Window state kept on this computer (QSettings, here in the test's own folder): size and
position, the sidebar's width, the last section and the access log's column widths, for the
patient's window and the desk's; a position on a screen that is gone comes back on screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from wallet.gui import window_state


def test_main_window_state_comes_back(qtbot, wallet, open_window):
    first = open_window(wallet)
    first.move(40, 30)
    first.resize(1400, 760)  # room for a wider sidebar beside the widest view
    first.show_section("access")
    first.splitter.setSizes([300, first.splitter.width() - 300])
    header = first.access_view.table.horizontalHeader()
    header.resizeSection(0, 211)
    first.save_state()
    assert window_state.load("main", "sidebar") == 300
    # the offscreen screen (800 x 600) is narrower than this window: Qt would squeeze a restored
    # geometry onto it, leaving no room for a wider sidebar; the size is the desk test's part
    QSettings().remove("main/geometry")
    second = open_window(wallet)
    assert second.stack.currentWidget() is second.views["access"]  # the last view
    second.resize(1400, 760)  # (the restored size would be squeezed onto the 800-pixel offscreen screen)
    qtbot.wait(50)  # the sidebar is set once the splitter is laid out
    second._restore_sidebar()  # as it runs then, now at the width the patient had
    assert second.splitter.sizes()[0] == 300
    assert second.access_view.table.horizontalHeader().sectionSize(0) == 211
    first.save_state()
    third = open_window(wallet)
    assert third.y() == 30  # (Qt slides it sideways onto the small offscreen screen)


def test_first_start_has_the_defaults(qtbot, wallet, open_window):
    window = open_window(wallet)
    assert (window.width(), window.height()) == (max(1040, window.minimumSizeHint().width()), 700)
    assert window.stack.currentWidget() is window.views["records"]
    assert window.splitter.sizes()[0] >= window.sections.minimumWidth()


def test_desk_window_state_comes_back(qtbot, clinic, open_desk):
    first = open_desk(clinic)
    first.resize(700, 500)
    first.desk_view.table.horizontalHeader().resizeSection(1, 150)
    window_state.save_window(first, "desk")
    window_state.save_header(first.desk_view.table.horizontalHeader(), "desk", "records_columns")
    second = open_desk(clinic)
    assert (second.width(), second.height()) == (700, 500)
    assert second.desk_view.table.horizontalHeader().sectionSize(1) == first.desk_view.table.horizontalHeader(
    ).sectionSize(1)


def test_a_window_saved_on_a_screen_that_is_gone_comes_back_on_screen(qtbot):
    screens = [s.availableGeometry() for s in QGuiApplication.screens()]
    far = max(s.right() for s in screens) + 3000
    first = QMainWindow()
    qtbot.addWidget(first)
    first.setGeometry(QRect(far, far, 700, 500))  # where a second monitor was
    first.show()
    window_state.save_window(first, "gone")
    second = QMainWindow()
    qtbot.addWidget(second)
    assert window_state.restore_window(second, "gone")
    title = QRect(second.frameGeometry().topLeft(), second.frameGeometry().topRight())
    assert any(s.intersects(title.adjusted(0, 0, 0, window_state.VISIBLE_PART)) for s in screens)
    assert second.width() <= max(s.width() for s in screens)


def test_nothing_saved_or_damaged_is_no_restore(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    assert not window_state.restore_window(window, "never")
    window_state.save("broken", "geometry", "not bytes")
    assert not window_state.restore_window(window, "broken")
