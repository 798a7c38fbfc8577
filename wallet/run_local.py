"""``make run``: Medwallet with its embedded local network.

With a display, it opens the desktop wallet, which starts the bundled ledger node on
this machine when the wallet has no network configured (creating the local network on
first use) and stops it on exit. Without a display (a server, an SSH session) it starts
the node itself and explains how to use the command line against it.
"""

from __future__ import annotations

import os
import signal
import sys

from .core.local_node import LocalNode


def has_display() -> bool:
    """Whether a window can be shown (Linux needs X11 or Wayland, or an explicit Qt platform)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main() -> int:
    from .core import logfile
    logfile.install()  # the window's log file, as when it is opened by ``medwallet``
    if has_display():
        try:
            from .gui.app import run_gui
        except ImportError as exc:  # PySide6 missing: the command line still works
            print(f"The desktop window is not available ({exc}); starting the node for the command line.")
        else:
            return run_gui(None)
    else:
        print("No display found (DISPLAY/WAYLAND_DISPLAY unset): the window needs a desktop session "
              "(or try `xvfb-run make run`). Starting the local node for the command line instead.")
    return _serve_for_cli(LocalNode())


def _exit_cleanly(*_: object) -> None:
    raise SystemExit(0)  # runs the finally below, which stops the node


def _serve_for_cli(node: LocalNode) -> int:
    url = node.start()
    print(f"Local Medwallet network running at {url} (data in {node.data}).")
    print(f"  export MEDWALLET_NODES={url}")
    print("  .venv/bin/medwallet init            # creates your wallet on this network")
    print("  .venv/bin/medwallet import FILE     # then see .venv/bin/medwallet --help")
    print(f"Clinic desks register with the local governance key: {node.governance_key_path}")
    print("Press Ctrl-C to stop the node.")
    signal.signal(signal.SIGTERM, _exit_cleanly)
    try:
        if node.proc:
            node.proc.wait()
    except KeyboardInterrupt:
        pass
    finally:
        node.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
