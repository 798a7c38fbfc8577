"""Issue 12's patient window items beyond the first-hour flow: the recovery phrase shown
again from Settings only after the passphrase, the passphrase changed, the unlock page's
words for a passphrase-only wallet and its "forgot it" path (restore from the 24 words,
the old folder kept aside), the grant form on a care network with no institution, and
the help page with its About box."""

from __future__ import annotations

from wallet.core import importing
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet
from wallet.gui.main_window import MainWindow
from wallet.gui.session import WalletSession

from ..conftest import PASSPHRASE
from .conftest import TIMEOUT_MS, wait_quiet, write_pdf

NEW = "a brand new passphrase"


def test_settings_shows_the_phrase_after_the_passphrase_and_changes_it(qtbot, wallet, open_window, tmp_path):
    window = open_window(wallet)
    window.show_section("settings")
    settings = window.views["settings"]
    settings.phrase_button.click()
    dialog = settings.dialog
    assert dialog.passphrase.isVisible() and not dialog.grid_box.isVisible()
    dialog.passphrase.setText("not the passphrase")
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=TIMEOUT_MS)
    assert all(label.text() == "" for label in dialog.words) and not dialog.grid_box.isVisible()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.grid_box.isVisible(), timeout=TIMEOUT_MS)
    shown = [label.text().split(". ", 1)[1] for label in dialog.words]
    assert " ".join(shown) == wallet.keys.phrase()
    dialog.reject()
    assert all(label.text() == "" for label in dialog.words)  # the words leave with the dialog

    settings.passphrase_button.click()
    change = settings.dialog
    change.current.setText("wrong")
    change.new.setText(NEW)
    change.repeat.setText(NEW)
    change.change_button.click()
    qtbot.waitUntil(lambda: change.error.text() != "", timeout=TIMEOUT_MS)
    assert wallet.keystore.verify_passphrase(PASSPHRASE)  # nothing changed
    change.current.setText(PASSPHRASE)
    change.new.setText(NEW)
    change.repeat.setText(NEW + "x")
    change.change_button.click()
    qtbot.waitUntil(lambda: change.error.text() != "" and change.change_button.isEnabled(), timeout=TIMEOUT_MS)
    assert wallet.keystore.verify_passphrase(PASSPHRASE)
    change.repeat.setText(NEW)
    with qtbot.waitSignal(change.accepted, timeout=TIMEOUT_MS):
        change.change_button.click()
    assert "passphrase is changed" in settings.status.text()
    assert wallet.keystore.verify_passphrase(NEW) and not wallet.keystore.verify_passphrase(PASSPHRASE)
    directory = wallet.dir
    wait_quiet(qtbot)
    window.shutdown()
    wallet.close()
    Wallet.open(directory, NEW).close()  # the next start opens with the new one


def test_unlock_words_and_forgot_restores_from_the_words(qtbot, make_wallet, dialogs, shared_node, tmp_path):
    wallet = make_wallet("forgetful")
    importing.import_file(wallet, write_pdf(tmp_path / "scan.pdf"), title="Old scan")
    phrase, directory = wallet.keys.phrase(), wallet.dir
    wallet.close()
    window = MainWindow(WalletSession(directory, kdf_limits=ARGON2_MIN), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.unlock_view is not None and window.unlock_view.isVisible(),
                        timeout=TIMEOUT_MS)
        unlock = window.unlock_view
        assert unlock.hint.text() == "Type your passphrase to open your wallet."
        assert "keyring" not in unlock.hint.text() and unlock.forgot_button.isVisible()
        dialogs.confirm_answers.append(False)  # changed their mind: nothing happens
        unlock.forgot_button.click()
        assert window.pages.currentWidget() is unlock and "24 recovery words" in dialogs.confirmed[-1][1]
        dialogs.confirm_answers.append(True)
        unlock.forgot_button.click()
        qtbot.waitUntil(lambda: window.onboarding is not None and window.onboarding.isVisible(), timeout=TIMEOUT_MS)
        wizard = window.onboarding
        wizard.phrase_input.setPlainText(phrase)
        wizard.next_button.click()
        assert wizard.nodes_input.text() == shared_node.url  # the forgotten wallet's own network
        wizard.next_button.click()
        qtbot.waitUntil(lambda: wizard.machine.keyring_available is not None, timeout=TIMEOUT_MS)
        wizard.passphrase_input.setText(NEW)
        wizard.repeat_input.setText(NEW)
        with qtbot.waitSignal(window.wallet_shown, timeout=TIMEOUT_MS):
            wizard.next_button.click()
        view = window.views["records"]
        qtbot.waitUntil(lambda: [r["title"] for r in view.model.rows] == ["Old scan"], timeout=TIMEOUT_MS)
        aside = [p for p in directory.parent.iterdir() if p.name.startswith(directory.name + "-forgotten-")]
        assert len(aside) == 1 and Wallet.exists(aside[0])  # kept aside, not deleted
        Wallet.open(aside[0], PASSPHRASE).close()
        wait_quiet(qtbot)
    finally:
        window.shutdown()
    Wallet.open(directory, NEW).close()


def test_grant_form_on_a_care_network_without_institutions(qtbot, node, open_window, tmp_path):
    wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASSPHRASE, use_keyring=False, nodes=[node.url],
                              kdf_limits=ARGON2_MIN)
    importing.import_file(wallet, write_pdf(tmp_path / "a.pdf"), title="Letter")
    window = open_window(wallet)
    window.show_section("consent")
    consent = window.views["consent"]
    consent.grant_button.click()
    qtbot.waitUntil(lambda: consent.grant_dialog is not None
                    and "No institution" in consent.grant_dialog.note.text(), timeout=TIMEOUT_MS)
    dialog = consent.grant_dialog
    assert "operator" in dialog.note.text()
    assert not dialog.setup_button.isVisible()  # a desk on this computer is only for the network of this computer
    assert not dialog.grant_button.isEnabled()
    dialog.reject()
    wait_quiet(qtbot)
    wallet.close()


def test_help_page_and_about_box(qtbot, wallet, open_window):
    window = open_window(wallet)
    window.show_section("help")
    help_view = window.views["help"]
    assert window.stack.currentWidget() is help_view
    assert help_view.about_button.text().replace("&", "") == "About Medwallet…"
    assert any("24 words" in section.text() for section in help_view.sections)
    help_view.about_button.click()
    about = help_view.about
    assert about is not None and about.isVisible()
    assert "MIT" in about.text.text() and wallet.settings.network_name in about.text.text()
    about.accept()
