"""Standard dialogs behind one injectable service (Picard's pattern).

Views ask this service for file names, confirmations and opening files in other
applications; tests pass a scripted service instead, so no modal dialog ever waits for a
click during a test run.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from .i18n import _


def start_folder() -> str:
    """Where file dialogs open: the Documents folder, else the home folder (never the program's own)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())


class DialogService:
    """The real dialogs (modal, native where the platform has them)."""

    def open_files(self, parent: QWidget | None, title: str, name_filter: str) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(parent, title, start_folder(), name_filter)
        return [Path(n) for n in names]

    def open_file(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(parent, title, start_folder(), name_filter)
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, name_filter: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(parent, title, str(Path(start_folder()) / suggested),
                                                    name_filter)
        return Path(name) if name else None

    def choose_folder(self, parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
        """A folder to save into, starting at ``start`` (the one used last) or Documents."""
        where = str(start) if start is not None and start.is_dir() else start_folder()
        name = QFileDialog.getExistingDirectory(parent, title, where)
        return Path(name) if name else None

    def camera_source(self):
        """The camera's frames (None without Qt Multimedia); tests give prepared frames instead."""
        from .camera_dialog import camera_source

        return camera_source()

    def confirm(self, parent: QWidget | None, title: str, text: str, *, ok_label: str,
                informative: str = "") -> bool:
        """Ask before something that cannot be undone; Cancel is the default button."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
        box.setInformativeText(informative)
        ok = box.addButton(ok_label, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName(title)
        box.exec()
        return box.clickedButton() is ok

    def open_url(self, url: QUrl) -> bool:
        """Open a local file in the application the system uses for it."""
        return QDesktopServices.openUrl(url)


def file_filters() -> str:
    return _("Medical records (*.pdf *.json *.png *.jpg *.jpeg *.tif *.tiff *.dcm *.xml *.txt);;All files (*)")
