"""The one place errors become dialogs: :func:`show_error`.

* :class:`Cancelled` (and a cancelled transfer): nothing, the patient asked for it.
* :class:`WalletError` / :class:`LedgerError`: a message box with the error's text, which
  the core writes for the patient (and never fills with a key, a phrase or health data).
* Anything else is a bug: logged, and shown with a "Copy details" button whose text holds
  the exception's type and the code locations of its traceback, never its message or any
  variable (which could hold a record's name or a key).
"""

from __future__ import annotations

import logging
import platform
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .accessibility import name_standard_buttons
from .i18n import _

log = logging.getLogger(__name__)


def _present(dialog: QDialog) -> None:
    """Show without a nested event loop (tests replace ``presenter`` to collect the dialogs)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


presenter = _present


def is_cancellation(exc: BaseException) -> bool:
    from ..core.errors import Cancelled

    return isinstance(exc, Cancelled)


def user_message(exc: BaseException) -> str | None:
    """The patient-facing text of a known error, or None for a bug."""
    from ledger_client.contract import REASON_TEXT
    from ledger_client.errors import AccessDenied, LedgerError

    from ..core import texts
    from ..core.errors import WalletError

    if isinstance(exc, AccessDenied) and exc.reason in REASON_TEXT:
        return _("The ledger refused this read: {reason}.").format(reason=texts.reason_text(exc.reason))
    if isinstance(exc, (WalletError, LedgerError)):
        return texts.error_text(exc)  # the catalogue's text for its code, translated (else its own words)
    return None


def show_error(parent: QWidget | None, exc: BaseException) -> QDialog | None:
    """Tell the patient what went wrong (see the module docstring); returns the dialog."""
    if is_cancellation(exc):
        return None
    text = user_message(exc)
    if text is not None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Medwallet"), text, QMessageBox.StandardButton.Ok, parent)
        box.setAccessibleName(_("Error message"))
        presenter(box)
        return box
    details = safe_details(exc)
    log.error("unexpected error:\n%s", details)  # never the message: it could hold a title or a key
    dialog = UnexpectedErrorDialog(parent, details)
    presenter(dialog)
    return dialog


def safe_details(exc: BaseException) -> str:
    """A bug report without the exception's message or values: type, code locations, versions."""
    from PySide6 import __version__ as pyside_version

    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"{type(exc).__module__}.{type(exc).__qualname__}"]
    lines += [f"  {_short(f.filename)}:{f.lineno} in {f.name}" for f in frames]
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        lines.append(f"caused by {type(cause).__module__}.{type(cause).__qualname__}")
    lines.append(f"Medwallet {_version()}, Python {platform.python_version()}, PySide6 {pyside_version}, "
                 f"{platform.system()} {platform.machine()}")
    return "\n".join(lines)


def _short(path: str) -> str:
    """A source path from the package down (no user name or home folder in the report)."""
    parts = path.replace("\\", "/").split("/")
    for anchor in ("wallet", "ledger_client", "site-packages"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor):])
    return parts[-1]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("medwallet")
    except Exception:
        return "unknown"


class UnexpectedErrorDialog(QDialog):
    """'Something went wrong' with the safe details and a Copy button."""

    def __init__(self, parent: QWidget | None, details: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Medwallet: unexpected error"))
        self.details = details
        layout = QVBoxLayout(self)
        label = QLabel(_("Something went wrong inside Medwallet. Your records are safe. If this happens again, "
                         "copy the details below (they contain no health data and no key) and send them to "
                         "your support contact."))
        label.setWordWrap(True)
        layout.addWidget(label)
        view = QPlainTextEdit(details)
        view.setReadOnly(True)
        view.setAccessibleName(_("Error details"))
        layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(_("&Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setAccessibleName(_("Copy error details"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        name_standard_buttons(buttons)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
