"""The first hour of a new user, driven through the real windows from the real entry point
of ``make run`` (:func:`wallet.run_local.main`) in a fresh home folder with no keyring, on
the embedded network: onboarding, import, a clinic desk set up on this computer from the
grant form, grant, the QR saved as PNG, the desk (``medwallet clinic``'s own entry point)
reads that PNG, the read appears in the access log by itself, revoke, the refusal appears.

Used by ``test_first_hour.py`` (pytest-qt, offscreen) and ``screenshots.py`` (Xvfb), which
passes ``shot`` to save what the patient sees at each step. Only the file dialogs are
scripted (:class:`FakeDialogs` stands in for the system's); everything else is the app.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tests.nodeproc import free_port
from tests.wallet.gui.conftest import FakeDialogs

PASS = "a first-hour passphrase"
DESK_PASS = "the desk's own passphrase"
LABEL = "Anna M."
Wait = Callable[[Callable[[], bool]], None]
Shot = Callable[[object, str], None]


def fresh_home(home: Path) -> dict[str, str]:
    """Environment of a new user: an empty home, no keyring, the embedded network on a free port."""
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share"), "XDG_CONFIG_HOME": str(home / ".config"),
            "MEDWALLET_KEYRING": "none", "MEDWALLET_LOCAL_PORT": str(free_port())}


def scripted_dialogs(patch: Callable[[type, str, object], None]) -> FakeDialogs:
    """Every window's DialogService answers from one FakeDialogs (no modal dialog waits)."""
    from wallet.gui.dialog_service import DialogService

    fake = FakeDialogs()
    for name in ("open_files", "open_file", "save_file", "confirm", "open_url", "choose_folder", "camera_source"):
        patch(DialogService, name, lambda self, *a, _n=name, **k: getattr(fake, _n)(*a, **k))
    return fake


def sample_files(folder: Path) -> list[Path]:
    import json

    folder.mkdir(parents=True, exist_ok=True)
    letter = folder / "discharge-letter.pdf"
    letter.write_bytes(b"%PDF-1.7\n% discharge letter\n" + os.urandom(60_000))
    labs = folder / "lab-results.json"
    labs.write_text(json.dumps({"resourceType": "DiagnosticReport", "id": "cbc", "status": "final",
                                "code": {"text": "Complete blood count"}, "issued": "2025-04-11T08:30:00Z"}))
    return [letter, labs]


class FirstHour:
    """The steps, in order; each leaves the windows where the next one starts."""

    def __init__(self, wait: Wait, dialogs: FakeDialogs, work: Path, shot: Shot | None = None) -> None:
        self.wait, self.dialogs, self.work = wait, dialogs, work
        self.shot = shot or (lambda widget, name: None)
        self.window = None
        self.desk_window = None
        self.png = work / "grant.png"

    def start(self, capture: Callable[[], object]) -> None:
        """``make run``: :func:`wallet.run_local.main`, its event loop replaced by ``capture``."""
        from wallet import run_local

        assert run_local.main() == 0
        self.window = capture()

    def onboard(self) -> None:
        window = self.window
        self.wait(lambda: window.onboarding is not None and window.onboarding.isVisible())
        wizard = window.onboarding
        self.wait(lambda: wizard.machine.keyring_available is not None)
        self.shot(window, "onboarding-welcome")
        wizard.create_button.click()
        assert wizard.local_radio.isChecked()  # the embedded network is the default
        wizard.next_button.click()
        assert not wizard.keyring_radio.isEnabled() and "MEDWALLET_KEYRING" in wizard.keyring_why.text()
        wizard.passphrase_input.setText(PASS)
        wizard.repeat_input.setText(PASS)
        wizard.next_button.click()
        words = [label.text().split(". ", 1)[1] for label in wizard.word_labels]
        self.shot(window, "onboarding-phrase")
        wizard.next_button.click()
        for position, field in wizard.check_inputs.items():
            field.setText(words[position - 1])
        wizard.next_button.click()
        assert not wizard.next_button.isVisible()  # no disabled "Try again" before anything failed
        self.wait(lambda: window.session.wallet is not None and window.wallet_page is not None
                  and window.pages.currentWidget() is window.wallet_page)
        self.phrase = " ".join(words)

    def import_records(self, files: list[Path]) -> None:
        view = self.window.views["records"]
        self.dialogs.files.append(files)
        view.import_button.click()
        self.wait(lambda: len(view.model.rows) == len(files) and all(r["status"] == "anchored"
                                                                     for r in view.model.rows))
        view.table.selectRow(0)
        self.shot(self.window, "records")

    def set_up_desk_and_grant(self) -> str:
        window = self.window
        window.show_section("consent")
        consent = window.views["consent"]
        self.shot(window, "sharing-empty")
        consent.grant_button.click()
        self.wait(lambda: consent.grant_dialog is not None and consent.grant_dialog.setup_button.isVisible())
        dialog = consent.grant_dialog
        assert "No institution" in dialog.note.text() and dialog.institution_list.count() == 0
        dialog.setup_button.click()
        self.wait(lambda: consent.desk_dialog is not None and consent.desk_dialog.needs_passphrase is not None)
        desk_dialog = consent.desk_dialog
        self.wait(lambda: not clipped(desk_dialog))  # sized again once the passphrase rows appear
        desk_dialog.passphrase.setText(DESK_PASS)
        desk_dialog.repeat.setText(DESK_PASS)
        desk_dialog.create_button.click()
        self.wait(lambda: dialog.institution_list.count() == 1)
        dialog.institution_list.setCurrentRow(0)
        from PySide6.QtCore import Qt

        dialog.record_list.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.label.setText(LABEL)
        self.shot(dialog, "grant-dialog")
        assert dialog.grant_button.isEnabled()
        dialog.grant_button.click()
        self.wait(lambda: consent.qr_dialog is not None and consent.qr_dialog.pixmap is not None)
        qr = consent.qr_dialog
        self.shot(qr, "qr-dialog")
        self.dialogs.save_paths.append(self.png)
        qr.save_button.click()
        self.wait(lambda: "Saved" in qr.status.text())
        code = qr.text.text()
        qr.accept()
        self.wait(lambda: consent.model.rows != [])
        consent.tables["active"].selectRow(0)
        self.shot(window, "sharing")
        return code

    def open_desk(self, capture: Callable[[object], object]) -> None:
        """``medwallet clinic``: the desk window's own entry point, unlocked with the desk's passphrase."""
        from wallet.gui import app

        desk = capture(app.clinic_window(None))
        self.desk_window = desk
        self.wait(lambda: desk.unlock_view is not None and desk.unlock_view.isVisible())
        assert "Forgot" not in desk.unlock_view.hint.text()
        desk.unlock_view.passphrase.setText(DESK_PASS)
        desk.unlock_view.button.click()
        self.wait(lambda: desk.pages.currentWidget() is desk.desk_view and desk.session.desk is not None)

    def desk_reads_png(self) -> None:
        view = self.desk_window.desk_view
        self.dialogs.file.append(self.png)
        view.image_button.click()
        self.wait(lambda: view.read_button.isEnabled())
        assert view.patient.text() == LABEL and view.status.text() == "Active"
        view.read_button.click()
        self.wait(lambda: view.table.rowCount() == 1)
        self.shot(self.desk_window, "clinic-desk")

    def read_appears_by_itself(self) -> None:
        window = self.window
        window.show_section("records")
        self.wait(lambda: window.banner.isVisible())  # no Refresh: the window looks at the ledger by itself
        assert self.desk_window.desk_view.session.desk.name in window.banner.text.text()
        window.show_section("access")
        access = window.views["access"]
        self.wait(lambda: any(r["kind"] == "access" and r["requester_name"] != "You (this wallet)"
                              for r in access.model.rows))
        assert not any("Consent keys" in (r.get("what") or "") for r in access.model.rows)
        window.banner.announce(window.banner.text.text())  # kept on screen for the picture
        self.shot(window, "access-log")

    def revoke(self) -> None:
        window = self.window
        window.show_section("consent")
        consent = window.views["consent"]
        consent.tables["active"].selectRow(0)
        self.dialogs.confirm_answers.append(True)
        consent.revoke_button.click()
        self.wait(lambda: any(r["status"] == "revoked" for r in consent.model.rows))

    def desk_is_refused(self) -> None:
        view = self.desk_window.desk_view
        self.dialogs.file.append(self.png)
        view.image_button.click()
        self.wait(lambda: view.status.text() == "Revoked by the patient")
        view.read_button.click()
        self.wait(lambda: view.problem.isVisible() and not view.read_button.isEnabled())
        assert "the patient revoked this consent" in view.problem.text()
        self.shot(self.desk_window, "clinic-refused")

    def refusal_appears_by_itself(self) -> None:
        window = self.window
        window.show_section("access")
        access = window.views["access"]
        self.wait(lambda: any(r["kind"] == "refusal" for r in access.model.rows))
        refusal = next(r for r in access.model.rows if r["kind"] == "refusal")
        assert refusal["what"] and refusal["verified"]

    def other_pages(self) -> None:
        window = self.window
        window.show_section("settings")
        settings = window.views["settings"]
        self.wait(lambda: settings.keystore.text() not in ("", "checking…"))
        self.shot(window, "settings")
        window.show_section("credentials")
        self.shot(window, "credentials")
        window.show_section("help")
        self.shot(window, "help")

    def close(self) -> None:
        for window in (self.desk_window, self.window):
            if window is not None:
                window.shutdown()
                window.close()


def clipped(dialog) -> list[str]:
    """The visible wrapped texts of ``dialog`` that do not get the height their width needs."""
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]
