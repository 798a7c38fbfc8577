"""Scan a grant code with a camera (Qt Multimedia, from PySide6-Addons).

Frames reach a :class:`QVideoSink`: from the camera (:class:`CameraSource`, a ``QCamera``
in a ``QMediaCaptureSession``), or from any other source that feeds the same sink
(:class:`ImageFrames` plays prepared pictures, as the tests do with real QR codes rendered
into frames). The dialog shows each frame as a preview and hands one frame at a time to
the core (:meth:`wallet.core.desks.clinic.ClinicDesk.scan_frame`) on a worker; the first
Medwallet code found is emitted as ``code_found`` and the dialog closes. Where Qt
Multimedia or a camera is missing it says so, and image, paste and scanner input remain.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .accessibility import name_standard_buttons
from .i18n import _
from .ops import Op

PREVIEW_WIDTH = 480


def multimedia_missing() -> str:
    """Why Qt Multimedia cannot be used here ('' when it can)."""
    try:
        from PySide6 import QtMultimedia  # noqa: F401
    except ImportError as exc:
        return _("Camera scanning needs Qt Multimedia (the PySide6-Addons package), which is not installed here "
                 "({detail}).").format(detail=type(exc).__name__)
    return ""


class FrameSource(QObject):
    """Something that fills :attr:`sink` with video frames between :meth:`start` and :meth:`stop`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QVideoSink

        self.sink = QVideoSink(self)

    def problem(self) -> str:
        """Why it cannot give frames ('' when it can)."""
        return ""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class CameraSource(FrameSource):
    """The computer's default camera."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices

        self.device = QMediaDevices.defaultVideoInput()
        self.camera = QCamera(self.device, self) if not self.device.isNull() else None
        self.capture = QMediaCaptureSession(self)
        if self.camera is not None:
            self.capture.setCamera(self.camera)
            self.capture.setVideoSink(self.sink)

    def problem(self) -> str:
        if self.camera is None:
            return _("No camera was found on this computer. Use a USB code scanner (it types into the scan field), "
                     "open a photo of the code with “Open QR image…”, or paste the code's text.")
        return ""

    def start(self) -> None:
        if self.camera is not None:
            self.camera.start()

    def stop(self) -> None:
        if self.camera is not None:
            self.camera.stop()


class ImageFrames(FrameSource):
    """Prepared pictures played as video frames, in a loop (tests, demonstrations)."""

    def __init__(self, images: list[QImage], interval_ms: int = 40, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.images, self._next = list(images), 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._play)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _play(self) -> None:
        from PySide6.QtMultimedia import QVideoFrame

        if self.images:
            self.sink.setVideoFrame(QVideoFrame(self.images[self._next % len(self.images)]))
            self._next += 1


def camera_source(parent: QObject | None = None) -> FrameSource | None:
    """The camera, or None when Qt Multimedia is not installed."""
    return None if multimedia_missing() else CameraSource(parent)


class CameraDialog(QDialog):
    code_found = Signal(str)  # the grant code's text

    def __init__(self, parent: QWidget | None, source: FrameSource | None, desk_of=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Scan with the camera"))
        self.source = source
        self._desk_of = desk_of or (lambda: getattr(getattr(parent, "session", None), "desk", None))
        self._decoding = False
        self.frames_seen = 0
        layout = QVBoxLayout(self)
        self.preview = QLabel(_("Starting the camera…"))
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 3 // 4)
        self.preview.setAccessibleName(_("Camera preview"))
        layout.addWidget(self.preview, 1)
        self.message = QLabel(_("Hold the patient's code in front of the camera."))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        name_standard_buttons(buttons)
        layout.addWidget(buttons)
        problem = (multimedia_missing() or _("Camera scanning needs Qt Multimedia (the PySide6-Addons package), "
                                             "which is not installed here.")) if source is None else source.problem()
        if problem:
            self.preview.setText(_("No camera"))
            self.message.setText(problem)
            self.message.setObjectName("errorText")
            return
        assert source is not None
        source.sink.videoFrameChanged.connect(self._frame)
        source.start()

    def _frame(self, frame) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self.frames_seen += 1
        self.preview.setPixmap(QPixmap.fromImage(image).scaledToWidth(PREVIEW_WIDTH,
                                                                      Qt.TransformationMode.SmoothTransformation))
        desk = self._desk_of()
        if self._decoding or desk is None:
            return  # one frame at a time: the others only refresh the preview
        self._decoding = True
        gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
        width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
        data = bytes(gray.constBits())

        def decode(ctx):
            from PIL import Image

            picture = Image.frombuffer("L", (width, height), data, "raw", "L", stride, 1)
            return desk.scan_frame(picture)

        Op(self, decode, serial=False).success(self._decoded).failure(self._refused).run()

    def _decoded(self, text: str | None) -> None:
        self._decoding = False
        if text:
            self.stop()
            self.code_found.emit(text)
            self.accept()

    def _refused(self, exc: BaseException) -> None:
        from .errors import user_message

        self._decoding = False
        self.message.setText(user_message(exc) or _("This code cannot be read."))

    def stop(self) -> None:
        if self.source is not None:
            self.source.stop()

    def done(self, result: int) -> None:  # Qt override: the camera goes off with the dialog
        self.stop()
        super().done(result)
