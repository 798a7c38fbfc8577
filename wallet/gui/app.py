"""Entry points of the desktop application: :func:`run_gui` (``medwallet``) and
:func:`run_clinic_gui` (``medwallet clinic``).

Startup is kept lean: only QtCore/QtGui/QtWidgets and the window's own small modules load
before the first frame; the wallet core (libsodium, requests, keyring), the views and the
QR code libraries load on workers or when first needed.

``MEDWALLET_STARTUP_PROBE=1`` makes the application print ``medwallet-probe painted`` at
its first frame and ``medwallet-probe ready`` once the wallet is open and quiet, then quit
(``tests/benchmarks/bench_startup.py`` measures with it).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

PROBE_ENV = "MEDWALLET_STARTUP_PROBE"


def application(language: str | None = None) -> QApplication:
    """The QApplication, with the Medwallet name, icon, look (light or dark, see :mod:`.theme`)
    and translations (``language`` as Settings chose it, "" for the system's; None leaves the
    one installed)."""
    from . import theme
    from .assets import icon
    from .i18n import install_translator

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Medwallet")
    app.setOrganizationName("Medwallet")
    app.setApplicationDisplayName("Medwallet")
    app.setWindowIcon(icon("app"))
    theme.install(app)
    if language is not None or running is not app:
        install_translator(app, language or "")
    return app


def _chosen_language(directory) -> str:
    """The language Settings chose for the wallet in ``directory`` ("" for the system's, or
    when its settings cannot be read: the window says why later)."""
    from ..core.errors import WalletError
    from ..core.settings import Settings

    try:  # (wallet.SETTINGS_FILE: that module would load the whole core before the first frame)
        return Settings.load(directory / "settings.json").language
    except WalletError:
        return ""


def _quit_on_signals(app: QApplication) -> None:
    """SIGTERM/SIGINT close the app cleanly, so the local node it started is stopped too.

    Python runs signal handlers only between bytecodes, so a slow timer lets it in while
    Qt's event loop waits.
    """
    import signal

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: app.quit())
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


def _exec(app: QApplication, window) -> int:
    """The event loop, with bugs in slots shown like any unexpected error (the app goes on)."""
    previous = sys.excepthook

    def hook(kind, exc, tb) -> None:
        from .errors import show_error

        if exc is None or not issubclass(kind, Exception):
            previous(kind, exc, tb)
            return
        exc.__traceback__ = tb
        show_error(QApplication.activeWindow(), exc)  # logs it, then the dialog with safe details

    sys.excepthook = hook
    _quit_on_signals(app)
    try:
        return app.exec()
    finally:
        sys.excepthook = previous
        window.shutdown()


def _show(app: QApplication, window, ready_signal) -> int:
    """Show a window and run the event loop (with the start-up probe when asked)."""
    if os.environ.get(PROBE_ENV):
        _probe(app, window, ready_signal)
    window.show()
    _brand(window)
    return _exec(app, window)


def _brand(window) -> None:
    """A pilot installation's name, accent and support contact, read off the GUI thread after the first frame."""
    from . import branding
    from .ops import Op

    Op(window, lambda ctx: branding.load(), serial=False).success(
        lambda brand: branding.apply(brand, [window])).failure(lambda _exc: None).run()


def wallet_window(args=None):
    """The patient's window over the wallet folder ``args`` name (what :func:`run_gui` shows).

    Files named on the command line (a file manager's "Open with", or files dropped on the
    launcher) are imported once the wallet is open.
    """
    from pathlib import Path

    from ..core.paths import wallet_dir
    from .main_window import MainWindow
    from .session import WalletSession

    directory = wallet_dir(getattr(args, "wallet_dir", None))
    application(_chosen_language(directory))
    session = WalletSession(directory, passphrase_file=getattr(args, "passphrase_file", None))
    window = MainWindow(session)
    files = [Path(f) for f in getattr(args, "files", None) or []]
    if files:
        window.import_when_open(files)
    return window


def clinic_window(args=None):
    """The clinic desk's window over the desk folder ``args`` name (what :func:`run_clinic_gui` shows)."""
    from ..core.paths import clinic_dir
    from .clinic_window import ClinicWindow
    from .session import ClinicSession

    application()
    session = ClinicSession(clinic_dir(getattr(args, "clinic_dir", None)),
                            passphrase_file=getattr(args, "passphrase_file", None))
    return ClinicWindow(session)


def run_gui(args=None) -> int:
    """Open the patient's wallet window; returns the exit code."""
    window = wallet_window(args)
    return _show(application(), window, window.wallet_shown)


def run_clinic_gui(args=None) -> int:
    """Open the clinic desk window."""
    window = clinic_window(args)
    return _show(application(), window, window.desk_shown)


def _probe(app: QApplication, window, ready_signal) -> None:
    """Report the first frame and readiness on stdout, then quit (startup benchmark)."""
    from . import ops

    def say(word: str) -> None:
        print(f"medwallet-probe {word}", flush=True)

    def when_quiet() -> None:
        if ops.running():
            QTimer.singleShot(10, when_quiet)
            return
        if os.environ.get(PROBE_ENV) == "details":  # what the installer test checks of a pilot's branding
            from . import branding

            say(f"title {window.windowTitle()}")
            say(f"accent {branding.current().accent}")
            say(f"support {branding.current().support_text}")
        say("ready")
        app.quit()

    window.first_painted.connect(lambda: say("painted"))
    ready_signal.connect(lambda: QTimer.singleShot(0, when_quiet))
    def give_up() -> None:
        say("timeout")
        app.exit(3)

    QTimer.singleShot(60_000, give_up)
