"""The desk's camera scanning, with a generated frame source: real QR codes of real grants
rendered into noisy camera-sized frames, played through the same video sink a camera fills.
Also the message where no camera (or no Qt Multimedia) exists."""

from __future__ import annotations

import random
import time

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.qr import render_png

from .conftest import TIMEOUT_MS, write_pdf

pytest.importorskip("PySide6.QtMultimedia")


def frames_showing(code: str, count: int = 6) -> list[QImage]:
    """640x480 frames: grey noise, then the code (scaled, moved) in some of them."""
    qr = QImage()
    qr.loadFromData(render_png(code), "PNG")
    rng = random.Random(12)
    frames = []
    for n in range(count):
        frame = QImage(640, 480, QImage.Format.Format_RGB32)
        frame.fill(QColor(rng.randrange(90, 160), rng.randrange(90, 160), rng.randrange(90, 160)))
        painter = QPainter(frame)
        for _ in range(400):
            painter.fillRect(rng.randrange(640), rng.randrange(480), 3, 3, QColor(rng.randrange(256), 0, 0))
        if n >= count // 2:  # the patient brings the code into view
            side = 300 + 20 * n
            painter.drawImage(40 + 10 * n, 20, qr.scaled(side, side))
        painter.end()
        frames.append(frame)
    return frames


def test_camera_frames_find_the_grant_code(qtbot, wallet, clinic, open_desk, dialogs, tmp_path):
    from wallet.gui.camera_dialog import ImageFrames

    record = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"), title="Letter").records[0].record
    given = grants.grant(wallet, clinic.key.public, [record], "treatment", int(time.time()) + 3600, label="Anna")
    dialogs.camera = ImageFrames(frames_showing(given.code))
    view = open_desk(clinic).desk_view
    view.camera_button.click()
    camera = view.camera
    qtbot.waitUntil(lambda: camera.frames_seen >= 1 and camera.preview.pixmap() is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.read_button.isEnabled(), timeout=TIMEOUT_MS)
    assert not camera.isVisible() and view.patient.text() == "Anna" and view.status.text() == "Active"
    assert not dialogs.camera.timer.isActive()  # the camera stops with the dialog


def test_no_camera_is_said_plainly(qtbot, clinic, open_desk, dialogs):
    from wallet.gui.camera_dialog import CameraSource

    dialogs.camera = CameraSource()  # this machine has no camera
    view = open_desk(clinic).desk_view
    view.camera_button.click()
    assert "No camera was found on this computer" in view.camera.message.text()
    assert "Open QR image" in view.camera.message.text()
    view.camera.reject()
    dialogs.camera = None  # no Qt Multimedia at all
    view.camera_button.click()
    assert "PySide6-Addons" in view.camera.message.text()
    view.camera.reject()
