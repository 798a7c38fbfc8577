"""A large, scannable QR code of a grant: save it as PNG, or copy its text.

The code holds node addresses, the network, the consent id and the expiry (no health data,
no key): the clinic desk fetches everything else from the ledger under the consent.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .accessibility import name_standard_buttons
from .i18n import _
from .ops import Op

QR_SIDE = 440  # pixels on screen: big enough for a phone or a desk scanner at arm's length


class QrDialog(QDialog):
    def __init__(self, parent: QWidget | None, code: str, caption: str, dialogs) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Show this code to the institution"))
        self.code = code
        self._dialogs = dialogs
        layout = QVBoxLayout(self)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.caption.setObjectName("qrCaption")
        layout.addWidget(self.caption)
        self.image = QLabel(_("Drawing the code…"))
        self.image.setObjectName("qrImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(QR_SIDE, QR_SIDE)
        self.image.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image.setAccessibleName(_("QR code of the grant"))
        layout.addWidget(self.image, 1)
        self.text = QLineEdit(code)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Grant code text"))
        self.text.setCursorPosition(0)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(_("&Save PNG…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setAccessibleName(_("Save the QR code as a PNG image"))
        self.copy_button = buttons.addButton(_("Copy &text"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setAccessibleName(_("Copy the grant code text"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Close"))
        self.save_button.clicked.connect(self.save_png)
        self.copy_button.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.reject)
        name_standard_buttons(buttons)
        layout.addWidget(buttons)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.pixmap: QPixmap | None = None
        Op(self, lambda ctx: _render(code), serial=False).success(self._show).run()

    def _show(self, png: bytes) -> None:
        image = QImage()
        image.loadFromData(png, "PNG")
        # Scale by whole modules with no smoothing: blurred edges make codes harder to scan.
        self.pixmap = QPixmap.fromImage(image).scaled(QR_SIDE, QR_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.FastTransformation)
        self.image.setPixmap(self.pixmap)

    def copy_text(self) -> None:
        QApplication.clipboard().setText(self.code)
        self.status.setText(_("Copied. Paste it into the clinic desk's scan field."))

    def save_png(self) -> None:
        path = self._dialogs.save_file(self, _("Save the QR code"), "medwallet-grant.png", _("PNG image (*.png)"))
        if path is None:
            return
        code = self.code
        Op(self, lambda ctx: _save(code, path), serial=False).success(
            lambda _r: self.status.setText(_("Saved to {path}").format(path=str(path)))).run()


def _render(code: str) -> bytes:
    from ..core.consent.qr import render_png

    return render_png(code)


def _save(code: str, path) -> None:
    from ..core.consent.qr import save_png

    save_png(code, path)
