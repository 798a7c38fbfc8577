"""The onboarding wizard, rendered: one page per :class:`wallet.core.onboarding.Step`.

Every decision is the core state machine's; this view only shows the current step,
forwards what the patient typed or chose, and runs :func:`build_wallet` on a worker.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.onboarding import Onboarding, Step, build_wallet
from . import messages
from .assets import icon
from .i18n import N_, _
from .ops import Op
from .progress_panel import ProgressPanel
from .session import WalletSession

if TYPE_CHECKING:
    from ..core.profile import PilotProfile

STEP_TITLES = {Step.CHOOSE: N_("Welcome to Medwallet"), Step.ENTER_PHRASE: N_("Your recovery phrase"),
               Step.NETWORK: N_("Choose the network"), Step.PROTECTION: N_("Protect the wallet on this computer"),
               Step.SHOW_PHRASE: N_("Write down your recovery phrase"),
               Step.CHECK_PHRASE: N_("Check your recovery phrase"),
               Step.BUILD: N_("Setting up your wallet"), Step.DONE: N_("Ready")}


def _page(*widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 4, 0, 0)  # the page's text lines up with the heading and "Step n of m"
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return page


def _text(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class OnboardingView(QWidget):
    wallet_ready = Signal(object, object)  # (wallet, restore summary)

    def __init__(self, session: WalletSession, parent: QWidget | None = None, *, rng=None) -> None:
        super().__init__(parent)
        self.session = session
        self.machine = Onboarding(session.directory, rng=rng, kdf_limits=session.kdf_limits)
        self._build_op: Op | None = None
        self._build_failed_once = False
        outer = QHBoxLayout(self)  # a readable column in the middle of a wide window
        column = QWidget()
        column.setMaximumWidth(760)
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setSpacing(4)
        self.heading = _text("", "viewTitle")
        self.step_note = _text("", "stepNote")
        layout.addWidget(self.heading)
        layout.addWidget(self.step_note)
        self.pages = QStackedWidget()
        self._page_of: dict[Step, QWidget] = {}
        for step, page in ((Step.CHOOSE, self._choose_page()), (Step.ENTER_PHRASE, self._enter_page()),
                           (Step.NETWORK, self._network_page()), (Step.PROTECTION, self._protection_page()),
                           (Step.SHOW_PHRASE, self._show_page()), (Step.CHECK_PHRASE, self._check_page()),
                           (Step.BUILD, self._build_page()), (Step.DONE, _page(_text(_("Your wallet is ready.")))
                                                               )):
            self._page_of[step] = page
            self.pages.addWidget(page)
        layout.addWidget(self.pages, 1)
        self.error = _text("", "errorText")
        self.error.setAccessibleName(_("Problem"))
        layout.addWidget(self.error)
        nav = QHBoxLayout()
        self.back_button = QPushButton(_("< &Back"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(_("&Next >"))
        self.next_button.setAccessibleName(_("Next"))
        self.next_button.setProperty("primary", True)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        self._render()
        Op(self, lambda ctx: _probe(), serial=False).success(self._probed).run()

    # --- pages ------------------------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        self.create_button = QPushButton(icon("app"), _("&Create a new wallet"))
        self.create_button.setAccessibleName(_("Create a new wallet"))
        self.create_button.clicked.connect(lambda: self._act(self.machine.choose, "create"))
        self.restore_button = QPushButton(icon("refresh"), _("&Restore from a recovery phrase"))
        self.restore_button.setAccessibleName(_("Restore a wallet from its recovery phrase"))
        self.restore_button.clicked.connect(lambda: self._act(self.machine.choose, "restore"))
        for button in (self.create_button, self.restore_button):
            button.setObjectName("bigChoice")
            button.setIconSize(QSize(28, 28))
        return _page(_text(_("Medwallet keeps your medical records encrypted on this computer and lets you decide, "
                             "record by record, who may read them. Every read is recorded and you can check it.")),
                     self.create_button, self.restore_button)

    def _enter_page(self) -> QWidget:
        self.phrase_input = QPlainTextEdit()
        self.phrase_input.setAccessibleName(_("Recovery phrase"))
        self.phrase_input.setPlaceholderText(_("word1 word2 word3 … word24"))
        self.phrase_input.setTabChangesFocus(True)
        self.shares_button = QPushButton(_("Use my &guardians' shares instead…"))
        self.shares_button.setAccessibleName(_("Rebuild the recovery phrase from guardians' shares"))
        self.shares_button.clicked.connect(self.use_shares)
        return _page(_text(_("Type or paste the 24 words of your recovery phrase, in order. Medwallet then finds "
                             "your records, consents and access log on the network.")), self.phrase_input,
                     self.shares_button)

    def use_shares(self) -> None:
        """Rebuild the phrase from guardians' shares; it then restores like a typed one."""
        from .backup_dialogs import SharesDialog

        self.shares_dialog = SharesDialog(self)
        self.shares_dialog.accepted.connect(lambda: self.phrase_input.setPlainText(self.shares_dialog.phrase))
        self.shares_dialog.open()

    def _network_page(self) -> QWidget:
        self.local_radio = QRadioButton(_("&Try Medwallet on this computer (a network of its own)"))
        self.remote_radio = QRadioButton(_("Join my care &network (its addresses come from my hospital or pilot)"))
        self.local_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.local_radio)
        group.addButton(self.remote_radio)
        self.nodes_input = QLineEdit(os.environ.get("MEDWALLET_NODES", ""))
        self.nodes_input.setAccessibleName(_("Node addresses"))
        self.nodes_input.setPlaceholderText("https://node1.example.org, https://node2.example.org")
        self.genesis_input = QLineEdit()
        self.genesis_input.setAccessibleName(_("Genesis hash (optional)"))
        self.genesis_input.setPlaceholderText(_("64 characters, from your network's instructions (optional)"))
        form_box = QWidget()
        form = QFormLayout(form_box)
        nodes_label, genesis_label = QLabel(_("Network &addresses:")), QLabel(_("&Fingerprint:"))
        nodes_label.setBuddy(self.nodes_input)
        genesis_label.setBuddy(self.genesis_input)
        form.addRow(nodes_label, self.nodes_input)
        form.addRow(genesis_label, self.genesis_input)
        self.remote_radio.toggled.connect(form_box.setEnabled)
        form_box.setEnabled(False)
        self.profile_note = _text("", "hint")
        self.profile_note.hide()
        return _page(self.profile_note, self.local_radio, _text(messages.local_node_explained(), "hint"),
                     self.remote_radio,
                     _text(_("Your hospital or pilot program gives these addresses. The fingerprint (technically "
                             "the network's genesis hash, 64 characters) makes sure you join their network and no "
                             "other; you may leave it empty."), "hint"), form_box)

    def _protection_page(self) -> QWidget:
        self.keyring_radio = QRadioButton(_("System &keyring (checking…)"))
        self.passphrase_radio = QRadioButton(_("&Passphrase only (encrypted key file)"))
        group = QButtonGroup(self)
        group.addButton(self.keyring_radio)
        group.addButton(self.passphrase_radio)
        self.keyring_radio.setChecked(True)
        self.passphrase_input = QLineEdit()
        self.repeat_input = QLineEdit()
        for field, name in ((self.passphrase_input, _("Passphrase")), (self.repeat_input, _("Repeat passphrase"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        form_box = QWidget()
        form = QFormLayout(form_box)
        first, second = QLabel(_("Pass&phrase:")), QLabel(_("&Repeat:"))
        first.setBuddy(self.passphrase_input)
        second.setBuddy(self.repeat_input)
        form.addRow(first, self.passphrase_input)
        form.addRow(second, self.repeat_input)
        self.passphrase_note = _text("", "hint")
        self.keyring_why = _text("", "hint")
        self.keyring_why.hide()
        self.keyring_radio.toggled.connect(lambda _on: self._update_passphrase_note())
        self._update_passphrase_note()
        explained = _text(messages.passphrase_explained(), "hint")
        explained.setToolTip(_("Technically: the key file is sealed with a key that Argon2id, a deliberately slow "
                               "function, derives from the passphrase, so that guessing it takes very long."))
        return _page(self.keyring_radio, _text(messages.keyring_explained(), "hint"), self.keyring_why,
                     self.passphrase_radio, explained, form_box,
                     self.passphrase_note)

    def _show_page(self) -> QWidget:
        grid_box = QWidget()
        grid_box.setObjectName("phraseGrid")
        self.word_grid = QGridLayout(grid_box)
        self.word_labels: list[QLabel] = []
        for i in range(24):
            label = QLabel()
            label.setObjectName("phraseWord")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.word_grid.addWidget(label, i % 6, i // 6)
            self.word_labels.append(label)
        grid_box.setAccessibleName(_("The 24 recovery words"))
        return _page(_text(messages.phrase_intro()), grid_box)

    def _check_page(self) -> QWidget:
        box = QWidget()
        self.check_form = QFormLayout(box)
        self.check_inputs: dict[int, QLineEdit] = {}
        return _page(_text(_("To be sure your copy is right, type these words from your list.")), box)

    def _build_page(self) -> QWidget:
        self.build_note = _text("")
        self.build_progress = ProgressPanel(self)
        return _page(self.build_note, self.build_progress)

    # --- navigation ----------------------------------------------------------------------------

    def next(self) -> None:
        step = self.machine.step
        if step == Step.CHOOSE:
            return  # the two big buttons choose
        if step == Step.ENTER_PHRASE:
            self._act(self.machine.enter_phrase, self.phrase_input.toPlainText())
        elif step == Step.NETWORK:
            self._act(lambda: self.machine.set_network(local=self.local_radio.isChecked(),
                                                       nodes_text=self.nodes_input.text(),
                                                       genesis_hash=self.genesis_input.text()))
        elif step == Step.PROTECTION:
            self._act(lambda: self.machine.set_protection(use_keyring=self.keyring_radio.isChecked(),
                                                          passphrase=self.passphrase_input.text(),
                                                          repeat=self.repeat_input.text()))
        elif step == Step.SHOW_PHRASE:
            self._act(self.machine.phrase_written)
        elif step == Step.CHECK_PHRASE:
            self._act(lambda: self.machine.check_words({p: f.text() for p, f in self.check_inputs.items()}))
        elif step == Step.BUILD and self._build_op is None:
            self.start_build()

    def back(self) -> None:
        self.machine.back()
        self._render()

    def _act(self, action, *args) -> None:
        """Apply one patient action; a refused answer is explained under the page."""
        from ..core.errors import WalletError

        try:
            action(*args)
        except WalletError as exc:
            self.error.setText(_(exc.message))
            return
        self.error.clear()
        self._render()
        if self.machine.step == Step.BUILD:
            self.start_build()

    def _render(self) -> None:
        step = self.machine.step
        self.heading.setText(_(STEP_TITLES[step]))
        steps = self.machine.steps
        if step in steps and step != Step.CHOOSE:
            self.step_note.setText(_("Step {n} of {total}").format(n=steps.index(step) + 1, total=len(steps)))
        else:
            self.step_note.clear()
        self.pages.setCurrentWidget(self._page_of[step])
        self.back_button.setVisible(self.machine.can_go_back)
        self.next_button.setVisible(step not in (Step.CHOOSE, Step.DONE))
        self.next_button.setText(_("I have written them &down >") if step == Step.SHOW_PHRASE else _("&Next >"))
        if step == Step.SHOW_PHRASE:
            for i, (label, word) in enumerate(zip(self.word_labels, self.machine.words, strict=True)):
                label.setText(f"{i + 1:2d}. {word}")
        else:
            for label in self.word_labels:  # the words leave the screen with their step
                label.clear()
        if step == Step.CHECK_PHRASE:
            self._fill_check_inputs()
        if step == Step.BUILD:  # "Try again" only once something failed, never while building
            self.next_button.setText(_("&Try again"))
            self.next_button.setVisible(self._build_op is None and self._build_failed_once)
        self.next_button.setEnabled(True)
        self.focus_step()

    def focus_step(self) -> None:
        """Put the keyboard focus on the first thing to answer at this step."""
        step = self.machine.step
        radio = self.local_radio if step == Step.NETWORK else self.keyring_radio
        focus = {Step.CHOOSE: self.create_button, Step.ENTER_PHRASE: self.phrase_input,
                 Step.NETWORK: radio if radio.isChecked() else self.remote_radio,
                 Step.PROTECTION: radio if radio.isChecked() and radio.isEnabled() else self.passphrase_input,
                 Step.SHOW_PHRASE: self.next_button}.get(step)
        if focus is not None:
            focus.setFocus()

    def _fill_check_inputs(self) -> None:
        while self.check_form.rowCount():
            self.check_form.removeRow(0)
        self.check_inputs = {}
        for position in self.machine.check_positions:
            field = QLineEdit()
            field.setAccessibleName(_("Word number {n}").format(n=position))
            field.returnPressed.connect(self.next)
            self.check_inputs[position] = field
            self.check_form.addRow(_("Word {n}:").format(n=position), field)
        if self.check_inputs:
            next(iter(self.check_inputs.values())).setFocus()

    def forgot_passphrase(self, *, local: bool, nodes, genesis_hash) -> None:
        """Restore in place of a wallet whose passphrase is forgotten (on its own network)."""
        self.machine.forgot_passphrase(local=local, nodes=tuple(nodes), genesis_hash=genesis_hash)
        self.local_radio.setChecked(local)
        self.remote_radio.setChecked(not local)
        self.nodes_input.setText(", ".join(nodes))
        self.genesis_input.setText(genesis_hash or "")
        self.error.setText(_("Type your 24 recovery words. Your locked wallet's folder will be kept aside."))
        self._render()

    def _probed(self, found: tuple[bool, str, PilotProfile | None]) -> None:
        available, why, profile = found
        if profile is not None:  # an installer for a pilot network: its nodes are the default
            self.remote_radio.setChecked(True)
            self.nodes_input.setText(", ".join(profile.nodes))
            self.genesis_input.setText(profile.genesis_hash)
            self.profile_note.setText(_("This installation is set up for the {name} network.").format(
                name=profile.network_name))
            self.profile_note.show()
        self._keyring_known(available, why)

    def _keyring_known(self, available: bool, why: str = "") -> None:
        self.machine.set_keyring_available(available)
        if available:
            self.keyring_radio.setText(_("System &keyring"))
        else:
            self.keyring_radio.setText(_("System &keyring (not available on this computer)"))
            self.keyring_radio.setEnabled(False)
            self.passphrase_radio.setChecked(True)
            self.keyring_why.setText(_("Why: {reason} A passphrase protects the wallet just as well.").format(
                reason=_(why)) if why else "")
            self.keyring_why.setVisible(bool(why))
        self._update_passphrase_note()

    def _update_passphrase_note(self) -> None:
        self.passphrase_note.setText(_("With the keyring, a passphrase is optional: leave both fields empty to "
                                       "skip it.") if self.keyring_radio.isChecked() else
                                     _("Required: at least 8 characters."))

    # --- building ----------------------------------------------------------------------------

    def start_build(self) -> None:
        plan, session = self.machine.plan(), self.session
        self.build_note.setText(_("Restoring: looking for your records on the network…") if plan.mode == "restore"
                                else _("Creating your wallet and its keys…"))
        op = Op(self, lambda ctx: build_wallet(plan, start_local=session.start_local, progress=ctx.progress,
                                               cancel=ctx.cancelled))
        self._build_op = op
        self.build_progress.start(_("Restoring") if plan.mode == "restore" else _("Creating"), op)
        op.progress(self.build_progress.report).success(self._built).failure(self._build_failed).run()
        self._render()

    def _built(self, result) -> None:
        self._build_op = None
        self.build_progress.finish()
        wallet, summary = result
        self.machine.finished()
        self.phrase_input.clear()
        self.passphrase_input.clear()
        self.repeat_input.clear()
        self._render()
        self.wallet_ready.emit(wallet, summary)

    def _build_failed(self, exc: BaseException) -> None:
        from .errors import is_cancellation, show_error

        self._build_op = None
        self._build_failed_once = True
        self.build_progress.finish()
        self.machine.failed(exc)
        self._render()
        if is_cancellation(exc):
            self.error.setText(_("Cancelled. Nothing was kept; you can try again."))
        else:
            show_error(self, exc)


def _probe() -> tuple[bool, str, PilotProfile | None]:
    """(keyring usable, why not, the installed pilot profile or None): D-Bus and files, off the GUI thread."""
    from ..core.keys.seed import phrase_from_seed
    from ..core.protection import keyring_status

    phrase_from_seed(bytes(32))  # loads the BIP-39 word list now, off the GUI thread
    try:
        from ..core.profile import installed_profile

        profile = installed_profile()  # signature checked; the network is checked when the wallet is made
    except Exception:  # no profile module, or a damaged profile: the choice stays with the patient
        profile = None
    status = keyring_status()
    return status.available, status.reason, profile
