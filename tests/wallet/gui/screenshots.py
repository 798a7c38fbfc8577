"""Screenshots of the real application for the README, rendered offscreen.

    QT_QPA_PLATFORM=offscreen MEDWALLET_KEYRING=none .venv/bin/python -m tests.wallet.gui.screenshots

Starts a real node, makes a demo wallet (records, consents, reads, a refusal) and three
registered institutions, drives the real windows to each main view and saves
``QWidget.grab()`` of each to ``assets/screenshots/``. Nothing here is a test.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MEDWALLET_KEYRING", "none")

from PySide6.QtCore import QCoreApplication, QDate, QEventLoop, Qt

from tests.nodeproc import new_network
from tests.wallet.gui.conftest import FakeDialogs
from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ClinicDesk, ReadRefused
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet
from wallet.gui import ops
from wallet.gui.app import application

OUT = ROOT / "assets" / "screenshots"
PASS = "demo passphrase"


def settle(condition=lambda: True, timeout: float = 20.0) -> None:
    """Run the event loop until ``condition`` holds and no op is running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition() and ops.running() == 0:
            break
        time.sleep(0.02)
    for _ in range(5):  # let the last repaints happen
        QCoreApplication.processEvents()
        time.sleep(0.02)


def save(widget, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print("saved", OUT / f"{name}.png")


def sample_files(folder: Path) -> list[tuple[Path, str]]:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    letter = folder / "discharge-letter.pdf"
    letter.write_bytes(b"%PDF-1.7\n% demo discharge letter\n" + os.urandom(180_000))
    bp = folder / "blood-pressure.json"
    bp.write_text(json.dumps({"resourceType": "Observation", "id": "bp", "status": "final",
                              "code": {"text": "Blood pressure"}, "effectiveDateTime": "2025-03-05T10:00:00Z"}))
    labs = folder / "lab-results.json"
    labs.write_text(json.dumps({"resourceType": "DiagnosticReport", "id": "cbc", "status": "final",
                                "code": {"text": "Complete blood count"}, "issued": "2025-04-11T08:30:00Z"}))
    xray = folder / "chest-xray.png"
    image = Image.new("L", (900, 700), 20)
    ImageDraw.Draw(image).ellipse((250, 120, 650, 600), fill=90)
    image.save(xray)
    return [(letter, "Discharge letter"), (bp, "Blood pressure"), (labs, "Lab results"), (xray, "Chest X-ray")]


def demo(base: Path, node) -> tuple[Wallet, list[ClinicDesk], dict]:
    wallet, _ = Wallet.create(base / "wallet", passphrase=PASS, use_keyring=False, nodes=[node.url],
                              kdf_limits=ARGON2_MIN)
    desks = []
    for name, kind in (("Clinique du Lac", "clinic"), ("Hôpital Nord", "hospital"),
                       ("Laboratoire Central", "lab")):
        desk = ClinicDesk.create(base / name.replace(" ", "-"), name, kind, [node.url], passphrase=PASS,
                                 use_keyring=False, kdf_limits=ARGON2_MIN)
        desk.register(node.governance)
        desks.append(desk)
    ids = {title: importing.import_file(wallet, path, title=title).record for path, title in sample_files(base / "in")}
    lac, nord, lab = desks
    until = int(time.time()) + 30 * 86400
    g1 = grants.grant(wallet, lac.key.public, [ids["Discharge letter"], ids["Chest X-ray"]], "treatment", until)
    lac.read(decode_grant(g1.code), base / "lac")
    g2 = grants.grant(wallet, lab.key.public, [ids["Lab results"]], "treatment", until)
    lab.read(decode_grant(g2.code), base / "lab")
    g3 = grants.grant(wallet, nord.key.public, [ids["Blood pressure"]], "insurance", until)
    grants.revoke(wallet, g3.consent)
    try:
        nord.read(decode_grant(g3.code), base / "nord")
    except ReadRefused:
        pass
    return wallet, desks, {"ids": ids, "lac": g1}


def onboarding_shot(base: Path, node) -> None:
    from wallet.gui.main_window import MainWindow
    from wallet.gui.session import WalletSession

    window = MainWindow(WalletSession(base / "new-wallet", kdf_limits=ARGON2_MIN), dialogs=FakeDialogs(),
                        rng=random.Random(1))
    window.show()
    settle(lambda: window.onboarding is not None)
    wizard = window.onboarding
    settle(lambda: wizard.machine.keyring_available is not None)
    save(window, "onboarding-welcome")
    wizard.create_button.click()
    wizard.remote_radio.setChecked(True)
    wizard.nodes_input.setText(node.url)
    wizard.next_button.click()
    wizard.passphrase_input.setText(PASS + "!!")
    wizard.repeat_input.setText(PASS + "!!")
    wizard.next_button.click()
    settle()
    save(window, "onboarding-phrase")
    window.shutdown()
    window.close()


def wallet_shots(wallet: Wallet, desks, facts: dict) -> None:
    from wallet.gui.main_window import MainWindow
    from wallet.gui.session import WalletSession

    session = WalletSession(wallet.dir, kdf_limits=ARGON2_MIN)
    session.adopt(wallet)
    window = MainWindow(session, dialogs=FakeDialogs(), poll_interval_ms=300)
    window.show()
    settle(lambda: window.wallet_page is not None and len(window.views["records"].model.rows) == 4)
    window.views["records"].table.selectRow(1)
    settle()
    save(window, "records")
    window.show_section("consent")
    consent_view = window.views["consent"]
    settle(lambda: consent_view.model.rows != [])
    consent_view.tables["active"].selectRow(0)
    settle()
    save(window, "sharing")
    consent_view.new_grant()
    settle(lambda: consent_view.grant_dialog is not None and bool(consent_view.grant_dialog.institutions))
    dialog = consent_view.grant_dialog
    dialog.search.setText("nord")
    dialog.record_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.expiry.setDate(QDate.currentDate().addDays(14))
    settle()
    save(dialog, "grant-dialog")
    dialog.reject()
    consent_view.show_qr(facts["lac"].code, "Clinique du Lac",
                         "Consent for Clinique du Lac, Treatment. Let the desk scan this code, or copy its text.")
    settle(lambda: consent_view.qr_dialog.pixmap is not None)
    save(consent_view.qr_dialog, "qr-dialog")
    consent_view.qr_dialog.accept()
    window.show_section("records")
    settle()
    # a new read while the wallet is open: the banner appears
    lac = desks[0]
    lac.read(decode_grant(facts["lac"].code), Path(tempfile.mkdtemp()))
    settle(lambda: window.banner.isVisible())
    window.show_section("access")
    window.banner.announce(window.banner.text.text())  # keep it on screen for the picture
    access = window.views["access"]
    settle(lambda: access.model.rowCount() >= 6)
    save(window, "access-log")
    window.show_section("settings")
    settle(lambda: window.views["settings"].keystore.text() not in ("", "checking…"))
    save(window, "settings")
    window.show_section("credentials")
    settle()
    save(window, "credentials")
    window.shutdown()
    window.close()


def clinic_shots(wallet: Wallet, desks, facts: dict) -> None:
    from wallet.gui.clinic_window import ClinicWindow
    from wallet.gui.session import ClinicSession

    lac = desks[0]
    session = ClinicSession(lac.dir)
    session.desk = lac
    window = ClinicWindow(session, dialogs=FakeDialogs())
    window.show()
    settle(lambda: window.desk_view.heading.text() != "")
    view = window.desk_view
    view.scan_input.setText(facts["lac"].code)
    view.scan_typed()
    settle(lambda: view.read_button.isEnabled())
    view.read()
    settle(lambda: view.table.rowCount() == 2)
    save(window, "clinic-desk")
    reopened = Wallet.open(wallet.dir, PASS)  # the wallet window closed its own handle
    grants.revoke(reopened, facts["lac"].consent)
    reopened.close()
    view.scan_input.setText(facts["lac"].code)
    view.scan_typed()
    settle(lambda: view.status.text() == "Revoked by the patient")
    view.read()
    settle(lambda: view.problem.isVisible())
    save(window, "clinic-refused")
    window.shutdown()
    window.close()


def main() -> int:
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        node = new_network(base / "node").start()
        try:
            onboarding_shot(base, node)
            wallet, desks, facts = demo(base, node)
            wallet_shots(wallet, desks, facts)
            clinic_shots(wallet, desks, facts)
        finally:
            node.stop()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
