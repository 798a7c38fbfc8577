"""GUI test fixtures: offscreen Qt (set once in tests/conftest.py), a scripted dialog
service so no modal dialog ever waits for a click (Picard's pattern), collected error
dialogs, and windows over real wallets on a real node.

Every test ends with no background op running and no dialog left open.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wallet.core.keys.sodium import ARGON2_MIN

TIMEOUT_MS = 20_000


class FakeDialogs:
    """The dialog service with scripted answers; records what it was asked."""

    def __init__(self) -> None:
        self.files: list[list[Path]] = []  # answers to open_files, in order
        self.file: list[Path | None] = []  # answers to open_file
        self.save_paths: list[Path | None] = []
        self.confirm_answers: list[bool] = []
        self.confirmed: list[tuple[str, str, str]] = []  # (title, text, informative) asked
        self.opened: list[Path] = []  # files handed to the desktop
        self.asked: list[str] = []  # which dialogs were asked for, in order
        self.folders: list[Path | None] = []  # answers to choose_folder
        self.folder_starts: list[Path | None] = []  # where choose_folder was asked to start
        self.camera = None  # the frame source the camera dialog gets (None: no Qt Multimedia)

    def open_files(self, parent, title, name_filter):
        self.asked.append("open_files")
        return self.files.pop(0) if self.files else []

    def open_file(self, parent, title, name_filter):
        return self.file.pop(0) if self.file else None

    def save_file(self, parent, title, suggested, name_filter):
        return self.save_paths.pop(0) if self.save_paths else None

    def confirm(self, parent, title, text, *, ok_label, informative=""):
        self.confirmed.append((title, text, informative))
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def open_url(self, url) -> bool:
        self.opened.append(Path(url.toLocalFile()))
        return True

    def choose_folder(self, parent, title, start=None):
        self.folder_starts.append(start)
        return self.folders.pop(0) if self.folders else None

    def camera_source(self):
        return self.camera


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


def _qt_free(request) -> bool:
    """Modules that test Qt-free code set ``QT_FREE = True``: no QApplication for them."""
    return bool(getattr(request.module, "QT_FREE", False))


@pytest.fixture(autouse=True)
def gui_environment(request, monkeypatch, tmp_path):
    """No keyring (passphrase vaults, cheap Argon2id); no node address from the developer's shell;
    the window state and appearance this computer keeps (QSettings) in the test's own folder,
    and the look as it ships (following the system, light offscreen)."""
    monkeypatch.setenv("MEDWALLET_KEYRING", "none")
    monkeypatch.delenv("MEDWALLET_NODES", raising=False)
    if not _qt_free(request):
        from PySide6.QtCore import QSettings

        for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
        request.getfixturevalue("qapp")
        from wallet.gui import theme
        from wallet.gui.app import application

        theme.current().choice, theme.current().accent = theme.SYSTEM, None
        application()  # the real style sheet and icons, as the app has them
    yield


@pytest.fixture(autouse=True)
def shown_errors(request, monkeypatch):
    """Errors show_error would display: (kind, text), collected instead of shown."""
    if _qt_free(request):
        yield []
        return
    qtbot = request.getfixturevalue("qtbot")
    from wallet.gui import errors

    shown: list[tuple[str, str]] = []

    def collect(dialog) -> None:
        text = getattr(dialog, "details", None) or dialog.text()
        shown.append((type(dialog).__name__, text))
        dialog.deleteLater()

    monkeypatch.setattr(errors, "presenter", collect)
    yield shown
    _settle(qtbot)


def _settle(qtbot) -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    from wallet.gui import ops

    qtbot.waitUntil(lambda: ops.running() == 0, timeout=TIMEOUT_MS)
    left = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    for dialog in left:
        dialog.reject()
    assert not [type(d).__name__ for d in left if d.isModal()], "a modal dialog was left open"


def wait_quiet(qtbot, timeout: int = TIMEOUT_MS) -> None:
    from wallet.gui import ops

    qtbot.waitUntil(lambda: ops.running() == 0, timeout=timeout)


@pytest.fixture
def open_window(qtbot, dialogs):
    """``open_window(wallet)``: the main window over an open wallet, shown and loaded."""
    from wallet.gui.main_window import MainWindow
    from wallet.gui.session import WalletSession

    windows = []

    def make(wallet, **kwargs):
        session = WalletSession(wallet.dir, kdf_limits=ARGON2_MIN)
        session.adopt(wallet)
        window = MainWindow(session, dialogs=dialogs, **kwargs)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.wallet_shown, timeout=TIMEOUT_MS):
            window.show()
        wait_quiet(qtbot)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


@pytest.fixture
def open_desk(qtbot, dialogs):
    """``open_desk(desk)``: the clinic window over an open, registered desk."""
    from wallet.gui.clinic_window import ClinicWindow
    from wallet.gui.session import ClinicSession

    windows = []

    def make(desk):
        session = ClinicSession(desk.dir, kdf_limits=ARGON2_MIN)
        session.desk = desk
        window = ClinicWindow(session, dialogs=dialogs)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.desk_shown, timeout=TIMEOUT_MS):
            window.show()
        wait_quiet(qtbot)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


def write_pdf(path: Path, size: int = 20_000) -> Path:
    import os

    path.write_bytes(b"%PDF-1.7\n" + os.urandom(size))
    return path
