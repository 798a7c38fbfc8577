"""Screenshots of every view in the light and the dark scheme, from the real windows offscreen
over a wallet holding records, consents and an access log (a read and a refusal) on a real
node, and the clinic desk after a read.

They are written under the test's own folder, or to ``$MEDWALLET_SCREENSHOTS`` when set
(``make screenshots`` writes the set the README shows, ``docs/screenshots/``). The test
checks that each is drawn in its scheme's colours; a person looks at them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ReadRefused
from wallet.gui import colours, theme
from wallet.gui.main_window import SECTIONS

from .conftest import TIMEOUT_MS, wait_quiet, write_pdf

NAMES = {"records": "records", "consent": "sharing", "access": "access-log", "credentials": "credentials",
         "settings": "settings", "links": "links", "delegates": "delegates", "help": "help"}


@pytest.fixture
def out_dir(tmp_path) -> Path:
    chosen = os.environ.get("MEDWALLET_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def full_wallet(wallet, make_clinic, folder: Path):
    """Three records; a clinic read one; another was refused after the patient revoked; a live consent."""
    letter = importing.import_file(wallet, write_pdf(folder / "letter.pdf"), title="Discharge letter").record
    scan = importing.import_file(wallet, write_pdf(folder / "scan.pdf"), title="Knee MRI report").record
    importing.import_file(wallet, write_pdf(folder / "lab.pdf"), title="Blood test results")
    lake, hill = make_clinic("Clinique du Lac"), make_clinic("Hill Research")
    until = int(time.time()) + 30 * 86400
    read = grants.grant(wallet, lake.key.public, [letter], "treatment", until, label="Anna M.")
    result = lake.read(decode_grant(read.code), folder / "lake")
    refused = grants.grant(wallet, hill.key.public, [scan], "research", until)
    grants.revoke(wallet, refused.consent)
    with pytest.raises(ReadRefused):
        hill.read(decode_grant(refused.code), folder / "hill")
    return lake, read, result


def background(image) -> str:
    """The colour of a window's top-right corner: its ground."""
    return image.pixelColor(image.width() - 3, 3).name()


def test_every_view_in_both_schemes(qtbot, wallet, make_clinic, open_window, open_desk, out_dir, tmp_path):
    lake, read, _result = full_wallet(wallet, make_clinic, tmp_path)
    window = open_window(wallet)
    window.resize(1100, 720)
    window.show_section("access")
    qtbot.waitUntil(lambda: window.access_view.model.rowCount() == 2, timeout=TIMEOUT_MS)
    saved = []
    for scheme in (colours.LIGHT, colours.DARK):
        theme.current().set_choice(scheme)
        for key, _label in SECTIONS:
            window.show_section(key)
            wait_quiet(qtbot)
            qtbot.wait(50)
            image = window.grab().toImage()
            path = out_dir / f"{NAMES[key]}-{scheme}.png"
            assert image.save(str(path))
            saved.append(path)
            assert background(image) == colours.SCHEMES[scheme]["window"], (key, scheme)
    desk = open_desk(lake)
    desk.resize(960, 680)
    desk.desk_view.scan_input.setText(read.code)
    desk.desk_view.scan_typed()
    qtbot.waitUntil(lambda: desk.desk_view.read_button.isEnabled(), timeout=TIMEOUT_MS)
    desk.desk_view.read_button.click()
    qtbot.waitUntil(lambda: desk.desk_view.table.rowCount() == 1, timeout=TIMEOUT_MS)
    wait_quiet(qtbot)
    window.lock()
    wait_quiet(qtbot)
    for scheme in (colours.LIGHT, colours.DARK):
        theme.current().set_choice(scheme)
        QApplication.processEvents()
        for name, shown in (("clinic-desk", desk), ("unlock", window)):
            image = shown.grab().toImage()
            path = out_dir / f"{name}-{scheme}.png"
            assert image.save(str(path))
            saved.append(path)
            assert background(image) == colours.SCHEMES[scheme]["window"], (name, scheme)
    assert len(saved) == 2 * (len(SECTIONS) + 2)
    theme.current().set_choice("system")
