"""Reading a SMART Health Link in a window (the desk's, and the patient's): a thin view over
:mod:`wallet.core.shl.reader`. The link is pasted, scanned by a wedge scanner or read from a
QR image; the reader names who is opening it; a ``P`` link asks for its passcode. Fetching
and decrypting run off the GUI thread; what the link holds is listed by title and can be
saved to a folder (the desk's received files) or kept in the wallet."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.consent.qr import decode_image
from ..core.shl import reader
from ..core.shl.link import parse
from .i18n import _
from .ops import Op


class ShlReaderDialog(QDialog):
    """Open a ``shlink:/``, show what it holds, then save it (``folder``) or keep it (``keep``)."""

    def __init__(self, dialogs: Any, *, folder: Callable[[], Path] | None = None,
                 keep: Callable[[reader.SHLContents], Any] | None = None, recipient: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs, self.folder, self.keep = dialogs, folder, keep
        self.contents: reader.SHLContents | None = None
        self._op: Op | None = None
        self.setWindowTitle(_("Read a SMART Health Link"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.link = QLineEdit()
        self.link.setAccessibleName(_("SMART Health Link"))
        self.link.setPlaceholderText(_("Scan or paste the shlink:/ code"))
        self.link.setMaxLength(8192)
        self.recipient = QLineEdit(recipient)
        self.recipient.setAccessibleName(_("Who is opening the link"))
        self.passcode = QLineEdit()
        self.passcode.setEchoMode(QLineEdit.EchoMode.Password)
        self.passcode.setAccessibleName(_("Passcode of the link"))
        form.addRow(_("&Link:"), self.link)
        form.addRow(_("Opened &by:"), self.recipient)
        form.addRow(_("&Passcode:"), self.passcode)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.image_button = QPushButton(_("From QR &image…"))
        self.image_button.clicked.connect(self.choose_image)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setProperty("primary", True)
        self.open_button.clicked.connect(self.open_link)
        buttons.addWidget(self.image_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.problem = QLabel()
        self.problem.setObjectName("refusal")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.items = QListWidget()
        self.items.setAccessibleName(_("What the link holds"))
        layout.addWidget(self.items, 1)
        actions = QHBoxLayout()
        self.save_button = QPushButton(_("&Save files"))
        self.save_button.clicked.connect(self.save)
        self.keep_button = QPushButton(_("&Keep in my wallet"))
        self.keep_button.clicked.connect(self.keep_contents)
        for button, wanted in ((self.save_button, folder), (self.keep_button, keep)):
            button.setEnabled(False)
            button.setVisible(wanted is not None)
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.resize(640, 480)

    def choose_image(self) -> None:
        path = self.dialogs.open_file(self, _("Open a QR code image"), _("Images (*.png *.jpg *.jpeg);;All files (*)"))
        if path is None or self._op is not None:
            return
        self._op = Op(self, lambda ctx: [t for t in decode_image(path) if "shlink:/" in t])
        self._op.success(self._found).failure(self._failed).finally_(self._done).run()

    def _found(self, found: list[str]) -> None:
        if found:
            self.link.setText(found[0])
        else:
            self._show_problem(_("No SMART Health Link in that image."))

    def open_link(self) -> None:
        text, who, code = self.link.text().strip(), self.recipient.text().strip(), self.passcode.text()
        if self._op is not None or not text:
            return
        self.problem.hide()
        self.items.clear()
        self._op = Op(self, lambda ctx: reader.open_link(text, who, code or None))
        self._op.success(self._show).failure(self._failed).finally_(self._done).run()

    def _show(self, contents: reader.SHLContents) -> None:
        self.contents = contents
        label = parse(self.link.text()).label
        if label:
            self.items.addItem(_("“{label}”").format(label=label))
        for item in contents.files:
            for line in reader.describe_file(item) or [item.content_type]:
                self.items.addItem(line)
        self.save_button.setEnabled(True)
        self.keep_button.setEnabled(True)
        self.passcode.clear()

    def save(self) -> None:
        if self.contents is None or self.folder is None:
            return
        folder = self.folder()
        contents = self.contents

        def work(ctx: Any) -> list[Path]:
            saved = []
            for n, item in enumerate(contents.files):
                path = folder / f"shl-{os.getpid()}-{id(contents)}-{n + 1}.json"
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    out.write(item.data)
                saved.append(path)
            return saved
        self._op = Op(self, work)
        self._op.success(lambda paths: self.items.addItem(_("Saved {n} file(s) in {folder}").format(
            n=len(paths), folder=folder))).failure(self._failed).finally_(self._done).run()

    def keep_contents(self) -> None:
        if self.contents is None or self.keep is None:
            return
        contents, keep = self.contents, self.keep
        self._op = Op(self, lambda ctx: keep(contents))
        self._op.success(lambda reports: self.items.addItem(_("Kept in your wallet: {n} record(s)").format(
            n=sum(len(r.records) for r in reports)))).failure(self._failed).finally_(self._done).run()

    def _failed(self, exc: BaseException) -> None:
        from .errors import user_message

        self._show_problem(user_message(exc) or str(exc))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _done(self) -> None:
        self._op = None
