"""Entry point of the installed app: one executable, two names.

``medwallet`` is the wallet (the window with no arguments, the CLI with a subcommand);
``medwallet-node`` (a link to the same executable) is the bundled ledger node.
"""

import os
import sys


def main() -> int:
    name = os.path.basename(sys.argv[0]).lower()
    if name.startswith("medwallet-node"):
        from ledger_client.node.cli import main as node_main
        return node_main()
    from wallet.cli import main as wallet_main
    return wallet_main()


if __name__ == "__main__":
    sys.exit(main())
