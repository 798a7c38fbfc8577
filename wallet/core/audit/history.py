"""Remember the ledger history this wallet verified, and refuse a node that rewrote it.

A node's header chain is verified from genesis, but a node whose database was tampered
with (blocks dropped or replaced, then served as a chain of its own) could still pass
that check. So the wallet keeps the hash of every block it verified and resumes from
them: the node must still hold the last one (any change before it would change it, as
headers are hash-linked) and may only extend the chain. Otherwise nothing it says is used.
"""

from __future__ import annotations

from ledger_client.errors import HistoryMismatch

from ..errors import WalletError
from ..wallet import Wallet


class HistoryChanged(WalletError):
    """The ledger node's history differs from what this wallet verified before: the node may have been
    tampered with. Nothing it says is used; try another node of the network and tell its operator."""

    code = "history_changed"


def check_history(wallet: Wallet) -> int:
    """Sync the verified header chain on from what this wallet verified before.

    Returns the verified height; raises :class:`HistoryChanged` when the node's history
    is not an extension of the one already verified.
    """
    light = wallet.network.light
    known = [row["hash"] for row in wallet.db.query("SELECT hash FROM headers ORDER BY height")]
    if light.height == 0 and known:
        light.resume(known)
    try:
        height = light.sync()
    except HistoryMismatch as exc:
        raise HistoryChanged(f"{HistoryChanged.user_text()} ({exc.message})", detail=exc.code) from None
    if height > len(known):
        with wallet.db.transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO headers(height, hash) VALUES (?, ?)",
                             [(h, light.hashes[h - 1]) for h in range(len(known) + 1, height + 1)])
    return height
