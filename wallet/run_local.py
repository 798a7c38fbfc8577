"""``make run``: Medwallet with its embedded local network.

Starts the bundled ledger node on this machine (creating the network on first use),
then opens the desktop wallet on it; the node stops when the wallet exits. Where the
desktop GUI is not available it prints how to use the CLI against the running node.
"""

from __future__ import annotations

import os
import sys

from .core.local_node import LocalNode


def main() -> int:
    node = LocalNode()
    url = node.start()
    os.environ.setdefault("MEDWALLET_NODES", url)
    print(f"Local Medwallet network running at {url} (data in {node.data}).")
    try:
        try:
            from .gui.app import run_gui  # type: ignore[import-not-found]
        except ImportError:
            return _serve_for_cli(node)
        return run_gui(None)
    finally:
        node.stop()


def _serve_for_cli(node: LocalNode) -> int:
    print("Try:  .venv/bin/medwallet init          (creates your wallet on this network)")
    print("      .venv/bin/medwallet import FILE   then   .venv/bin/medwallet --help")
    print(f"Clinic desks register with the local governance key: {node.governance_key_path}")
    print("Press Ctrl-C to stop the node.")
    try:
        if node.proc:
            node.proc.wait()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
