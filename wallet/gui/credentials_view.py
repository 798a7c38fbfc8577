"""Credentials: a placeholder until the anonymous-credentials issue fills it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from . import messages
from .assets import icon
from .context import ViewContext, WalletView
from .i18n import _


class CredentialsView(WalletView):
    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Credentials"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        picture = QLabel()
        picture.setPixmap(icon("credentials").pixmap(96, 96))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        heading = QLabel(_("No credentials yet"))
        heading.setObjectName("emptyHeading")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        self.text = QLabel(messages.credentials_placeholder())
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setObjectName("emptyText")
        layout.addWidget(self.text)
        layout.addStretch(1)
