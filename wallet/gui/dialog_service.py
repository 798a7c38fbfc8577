"""Standard dialogs behind one injectable service (Picard's pattern).

Views ask this service for file names, confirmations and opening files in other
applications; tests pass a scripted service instead, so no modal dialog ever waits for a
click during a test run.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from .i18n import _


class DialogService:
    """The real dialogs (modal, native where the platform has them)."""

    def open_files(self, parent: QWidget | None, title: str, name_filter: str) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(parent, title, "", name_filter)
        return [Path(n) for n in names]

    def open_file(self, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(parent, title, "", name_filter)
        return Path(name) if name else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, name_filter: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
        return Path(name) if name else None

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
