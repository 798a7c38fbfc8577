"""The window in French and in Dutch: it starts translated, every section's labels and buttons
have room for their text (no text cut or elided), a screenshot of each section per language is
saved under the test's folder, and Settings keeps the language chosen."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QTabBar, QWidget

from wallet.core import texts
from wallet.gui.main_window import SECTIONS

from ..i18n_files import build_catalogues
from .conftest import TIMEOUT_MS, wait_quiet

# a word of each section in each language: proof that the window is translated, not just unchanged
EXPECTED = {"fr": {"records": "&Importer…", "settings": "Paramètres", "access": "Journal des accès",
                   "delegates": "&Ajouter le délégué"},
            "nl": {"records": "&Importeren…", "settings": "Instellingen", "access": "Toegangslogboek",
                   "delegates": "Gemachtigde &toevoegen"}}


@pytest.fixture
def language(qapp):
    """``language("fr")``: the window's texts (and the core's) in that language for this test."""
    from wallet.gui.i18n import install_translator

    build_catalogues()
    before = QLocale()

    def use(lang: str) -> None:
        assert install_translator(qapp, lang) == lang

    yield use
    install_translator(qapp, "en")
    QLocale.setDefault(before)
    texts.use_language("en")


def _too_narrow(root: QWidget) -> list[str]:
    """The visible texts that do not fit their widget: a label or button narrower than its text
    (its sizeHint) or squeezed below the height of a line, a combo box narrower than its entry,
    a tab whose title is elided."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        text = ""
        label = isinstance(widget, QLabel) and not widget.wordWrap()
        if (label or isinstance(widget, QAbstractButton)) and widget.text():
            text = widget.text()
        elif isinstance(widget, QComboBox) and widget.count():
            text = widget.currentText()
        if text and widget.sizeHint().width() > widget.width() + 1:
            found.append(f"{type(widget).__name__} {text!r}: needs {widget.sizeHint().width()} px, "
                         f"has {widget.width()}")
        elif text and widget.height() < widget.minimumSizeHint().height():
            found.append(f"{type(widget).__name__} {text!r}: squeezed to {widget.height()} px high, needs "
                         f"{widget.minimumSizeHint().height()}")
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.tabRect(i).width() < widget.tabSizeHint(i).width():
                    found.append(f"tab {widget.tabText(i)!r} elided")
    return found


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_section_in_the_language_fits(qtbot, wallet, open_window, language, lang, tmp_path):
    language(lang)
    window = open_window(wallet)
    problems, shots = {}, []
    for key, _label in SECTIONS:
        window.show_section(key)
        wait_quiet(qtbot)
        QApplication.processEvents()
        shot = tmp_path / f"{lang}-{key}.png"
        assert window.grab().save(str(shot))
        shots.append(shot)
        if key in EXPECTED[lang]:
            texts_shown = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton)
                           if w.isVisible()]
            texts_shown += [window.sections.item(i).text() for i in range(window.sections.count())]
            assert EXPECTED[lang][key] in texts_shown, f"{key}: not in {lang}"
        cut = _too_narrow(window)
        if cut:
            problems[key] = cut
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
    assert all(s.stat().st_size > 10_000 for s in shots)
    print("screenshots:", *shots, sep="\n  ")


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_lock_screen_in_the_language_fits(qtbot, wallet, open_window, language, lang, tmp_path):
    language(lang)
    window = open_window(wallet)
    with qtbot.waitSignal(window.locked, timeout=TIMEOUT_MS):
        window.views["settings"].lock_button.click()
    wait_quiet(qtbot)
    QApplication.processEvents()
    assert window.grab().save(str(tmp_path / f"{lang}-locked.png"))
    assert _too_narrow(window) == []
    assert {"fr": "&Déverrouiller", "nl": "&Ontgrendelen"}[lang] in [b.text() for b in
                                                                    window.findChildren(QAbstractButton)]


def test_an_error_is_shown_in_the_language(qtbot, wallet, open_window, language, shown_errors):
    language("fr")
    window = open_window(wallet)
    view = window.views["settings"]
    view.nodes.setText("not a url")
    view.apply_nodes.click()
    assert shown_errors
    assert shown_errors[0][1] != "" and "Medwallet" in window.windowTitle()


def test_settings_keep_the_language_for_the_next_start(qtbot, wallet, open_window):
    from wallet.core.settings import Settings
    from wallet.core.wallet import SETTINGS_FILE
    from wallet.gui.app import _chosen_language

    window = open_window(wallet)
    window.show_section("settings")
    view = window.views["settings"]
    choices = [view.language.itemText(i) for i in range(view.language.count())]
    assert choices == ["System default", "English", "Français", "Nederlands"]
    assert "next time" in view.language_note.text()
    view.language.setCurrentIndex(view.language.findData("nl"))
    wait_quiet(qtbot)
    assert Settings.load(wallet.dir / SETTINGS_FILE).language == "nl"
    assert _chosen_language(wallet.dir) == "nl"
    assert "next time" in view.status.text()
    view.language.setCurrentIndex(0)
    wait_quiet(qtbot)
    assert json.loads((wallet.dir / SETTINGS_FILE).read_text())["language"] == ""


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_first_run_wizard_in_the_language_fits(qtbot, shared_node, dialogs, language, lang, tmp_path):
    """The wizard a new patient sees first, every step, translated and with room for its texts."""
    from PySide6.QtCore import Qt

    from wallet.core.keys.sodium import ARGON2_MIN
    from wallet.gui.main_window import MainWindow
    from wallet.gui.session import WalletSession

    language(lang)
    window = MainWindow(WalletSession(tmp_path / "new", kdf_limits=ARGON2_MIN), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    problems = {}

    def check(step: str) -> None:
        QApplication.processEvents()
        assert window.grab().save(str(tmp_path / f"{lang}-wizard-{step}.png"))
        cut = _too_narrow(window)
        if cut:
            problems[step] = cut

    try:
        qtbot.waitUntil(lambda: window.onboarding is not None and window.onboarding.isVisible(), timeout=TIMEOUT_MS)
        wizard = window.onboarding
        qtbot.waitUntil(lambda: wizard.machine.keyring_available is not None, timeout=TIMEOUT_MS)
        check("welcome")
        assert wizard.heading.text() == {"fr": "Bienvenue dans Medwallet", "nl": "Welkom bij Medwallet"}[lang]
        qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
        wizard.remote_radio.setChecked(True)
        qtbot.keyClicks(wizard.nodes_input, shared_node.url)
        check("network")
        wizard.next_button.click()
        qtbot.keyClicks(wizard.passphrase_input, "a passphrase for the flow")
        qtbot.keyClicks(wizard.repeat_input, "a passphrase for the flow")
        check("protection")
        wizard.next_button.click()
        words = [label.text().split(". ", 1)[1] for label in wizard.word_labels]
        check("phrase")
        wizard.next_button.click()
        for position, field in wizard.check_inputs.items():
            qtbot.keyClicks(field, words[position - 1])
        check("check")
        with qtbot.waitSignal(window.wallet_shown, timeout=TIMEOUT_MS):
            wizard.next_button.click()
        wait_quiet(qtbot)
        check("ready")
    finally:
        window.shutdown()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_emergency_set_dialog_in_the_language_fits(qtbot, wallet, open_window, language, lang, tmp_path):
    """The break-glass dialog (opened from SMART Health Links) translated, with room for its texts."""
    from wallet.gui.emergency_dialog import EmergencyDialog, delay_text, policy_text

    language(lang)
    window = open_window(wallet)
    window.show_section("links")
    window.views["links"].emergency_set()
    dialog = window.views["links"].shown
    assert isinstance(dialog, EmergencyDialog)
    qtbot.waitUntil(lambda: dialog.policy.text() not in ("", {"fr": "Chargement…", "nl": "Laden…"}[lang]),
                    timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    QApplication.processEvents()
    assert dialog.windowTitle() == {"fr": "Dossier d'urgence", "nl": "Noodgegevens"}[lang]
    assert dialog.publish_button.text() == {"fr": "&Publier le dossier", "nl": "&Publiceren"}[lang]
    assert dialog.grab().save(str(tmp_path / f"{lang}-emergency.png"))
    assert _too_narrow(dialog) == []
    rules = {"institution_names": [], "kinds": ["clinic"], "delay": 7200, "nodes": ["a", "b", "c"], "threshold": 2}
    assert policy_text(rules).startswith({"fr": "Qui peut demander : toute clinique. Une demande s'ouvre après "
                                                "2 heures", "nl": "Wie mag vragen: elke kliniek. Een verzoek wordt "
                                                                  "geopend na 2 uur"}[lang])
    assert {"fr": "3 nœuds", "nl": "3 knooppunten"}[lang] in policy_text(rules)
    assert delay_text(86400) == {"fr": "1 jour", "nl": "1 dag"}[lang]
    dialog.close()
