"""Screenshots of the real application for the README, from the first-hour flow.

    xvfb-run -a -s "-screen 0 1280x900x24" env QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.wallet.gui.screenshots

Runs :mod:`tests.wallet.gui.first_hour` (the flow ``test_first_hour.py`` tests) from the
real entry point of ``make run``, in a fresh home with no keyring, on the embedded network,
under a real X server, and saves ``QWidget.grab()`` of the windows at each step to
``assets/screenshots/``. Nothing is prepared beforehand. Nothing here is a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "assets" / "screenshots"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        from tests.wallet.gui.first_hour import FirstHour, fresh_home, sample_files, scripted_dialogs

        os.environ.update(fresh_home(base / "home"))
        for name in ("MEDWALLET_NODES", "MEDWALLET_WALLET_DIR", "MEDWALLET_CLINIC_DIR", "MEDWALLET_PASSPHRASE"):
            os.environ.pop(name, None)
        from PySide6.QtCore import QCoreApplication, QEventLoop

        from wallet.gui import app, ops

        def settle(condition=lambda: True, timeout: float = 30.0) -> None:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                if condition():
                    break
                time.sleep(0.02)
            else:
                raise SystemExit(f"screenshots: timed out waiting at {sys._getframe(1).f_lineno}")
            for _ in range(10):  # let the last repaints happen
                QCoreApplication.processEvents()
                time.sleep(0.02)

        def shot(widget, name: str) -> None:
            settle(lambda: ops.running() == 0 or name in ("access-log",), timeout=10)
            OUT.mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(OUT / f"{name}.png"))
            print("saved", OUT / f"{name}.png")

        def patch(owner, name, value) -> None:
            setattr(owner, name, value)

        dialogs = scripted_dialogs(patch)
        shown = []
        app._exec = lambda _app, window: shown.append(window) or 0
        flow = FirstHour(settle, dialogs, base, shot)
        try:
            flow.start(lambda: shown[-1])
            flow.window.resize(1100, 720)
            flow.onboard()
            flow.import_records(sample_files(base / "in"))
            flow.set_up_desk_and_grant()
            flow.open_desk(lambda window: (window.resize(960, 680), window.show(), window)[2])
            flow.desk_reads_png()
            flow.read_appears_by_itself()
            flow.revoke()
            flow.desk_is_refused()
            flow.refusal_appears_by_itself()
            flow.window.show_section("access")
            settle(lambda: ops.running() == 0, timeout=10)
            shot(flow.window, "access-log")
            flow.other_pages()
        finally:
            flow.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
