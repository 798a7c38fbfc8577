"""Help: what each part of Medwallet is for, in plain words, the way to get help, and the
About box (version, licence, network, support contact)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from . import branding, messages
from .accessibility import name_standard_buttons
from .context import ViewContext, WalletView
from .i18n import _


def version() -> str:
    try:
        from importlib.metadata import version as installed

        return installed("medwallet")
    except Exception:
        from .._version import __version__

        return __version__


class AboutDialog(QDialog):
    """Name, version, licence, the network in use and whom to ask for help."""

    def __init__(self, parent: QWidget | None, network: str = "") -> None:
        super().__init__(parent)
        brand = branding.current()
        self.setWindowTitle(_("About {name}").format(name=brand.app_name))
        layout = QVBoxLayout(self)
        heading = QLabel(f"{brand.app_name} {version()}")
        heading.setObjectName("viewTitle")
        layout.addWidget(heading)
        self.text = QLabel(messages.about(network, brand.support_text, brand.app_name != branding.APP_NAME))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        name_standard_buttons(buttons)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


class HelpView(WalletView):
    def __init__(self, ctx: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Help"))
        title.setObjectName("viewTitle")
        layout.addWidget(title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        column = QVBoxLayout(body)
        self.sections: list[QLabel] = []
        for heading, text in messages.help_sections():
            caption = QLabel(heading)
            caption.setObjectName("helpHeading")
            paragraph = QLabel(text)
            paragraph.setWordWrap(True)
            paragraph.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(caption)
            column.addWidget(paragraph)
            self.sections.append(paragraph)
        self.support = QLabel()
        self.support.setWordWrap(True)
        column.addWidget(self.support)
        column.addStretch(1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.about_button = QPushButton(_("&About Medwallet…"))
        self.about_button.setAccessibleName(_("About Medwallet"))
        self.about_button.clicked.connect(self.show_about)
        row.addWidget(self.about_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.about: AboutDialog | None = None

    def activated(self) -> None:
        brand = branding.current()
        self.about_button.setText(_("&About {name}…").format(name=brand.app_name))
        self.support.setText(_("Support: {contact}").format(contact=brand.support_text) if brand.support_text
                             else _("Questions about your care network go to the hospital or program that "
                                    "gave you its address."))

    def show_about(self) -> None:
        wallet = self.ctx.wallet
        network = wallet.settings.network_name if wallet is not None else ""
        self.about = AboutDialog(self, network)
        self.about.open()
