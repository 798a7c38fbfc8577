"""Backup commands: guardians (the seed split into SLIP-39 shares), restore from their shares, and the
backup status with its reminder and phrase check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import backup, protection, restore
from ..core.keys import guardians
from ..core.paths import wallet_dir
from ..core.wallet import Wallet
from .common import ProgressPrinter, UsageError, creating, emit_json, owner_passphrase, passphrase, report, unlock, when
from .patient_cmds import _nodes


def cmd_guardians(args) -> int:
    wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
    if args.action == "status":
        recorded = guardians.current(wallet.db)
        if args.json:
            emit_json(recorded)
        elif recorded is None:
            print("No guardians yet. Create shares with: medwallet guardians create --guardian NAME ... --threshold N")
        else:
            print(f"{recorded['threshold']} of {len(recorded['guardians'])} guardians can restore this wallet: "
                  f"{', '.join(recorded['guardians'])} (shares made {when(recorded['created_at'])}).")
        return 0
    if not args.guardian or args.threshold is None:
        raise UsageError("Name each guardian with --guardian NAME and say how many are needed with --threshold N.")
    secret = owner_passphrase(args, wallet, "Making guardians' shares")
    shares = protection.guardian_shares(wallet, secret, args.guardian, args.threshold)  # checks it first
    if args.json:
        emit_json([{"guardian": s.guardian, "number": s.number, "threshold": s.threshold, "count": s.count,
                    "words": s.words} for s in shares])
        return 0
    print(f"Any {args.threshold} of these {len(shares)} shares restore your wallet; one alone reveals nothing.")
    print("Give each guardian their own share, on paper. Medwallet keeps no copy and shows them only now.\n")
    for share in shares:
        print(f"Share {share.number} of {share.count}, for {share.guardian} ({share.threshold} needed):")
        words = share.words.split()
        for row in range(0, len(words), 11):
            print("   " + "  ".join(f"{i + 1:2d}. {w:<10}" for i, w in enumerate(words[row:row + 11], start=row)))
        print()
    return 0


def cmd_restore_shares(args) -> int:
    if args.shares_file:
        text = Path(args.shares_file).read_text("utf-8")
    elif sys.stdin.isatty():
        text = "\n".join(iter(lambda: input("Share (33 words, empty line to finish): ").strip(), ""))
    else:
        text = sys.stdin.read()
    phrase = guardians.recover_phrase(guardians.shares_from_text(text))
    nodes, secret = _nodes(args), passphrase(args, new=True)
    progress = ProgressPrinter()
    wallet, summary = creating(lambda: restore.restore(wallet_dir(args.wallet_dir), phrase, nodes=nodes,
                                                       genesis_hash=args.genesis_hash, passphrase=secret,
                                                       use_keyring=not args.no_keyring, progress=progress))
    progress.done()
    args.closing.callback(wallet.close)
    backup.phrase_confirmed(wallet)
    report(args, summary, f"Restored from guardian shares: {summary['records']} records, {summary['grants']} "
                          f"consents and {summary['events']} audit events. Show your 24 words with 'medwallet "
                          "phrase' and write them down.")
    return 0


def cmd_backup(args) -> int:
    wallet = unlock(Wallet.open, wallet_dir(args.wallet_dir), args)
    if args.action == "check":
        if not sys.stdin.isatty():
            raise UsageError("The phrase check asks for words on a terminal.")
        positions = backup.check_positions()
        backup.check_words(wallet, {p: input(f"Word number {p} of your recovery phrase? ") for p in positions})
        report(args, {"confirmed": True}, "Correct: your recovery phrase is confirmed.")
        return 0
    if args.action == "snooze":
        backup.snooze(wallet.db)
    state = backup.status(wallet.db)
    text = ({"ok": "Backed up.", "never": "Your recovery phrase was never checked.",
             "stale": f"Your recovery phrase was last checked {when(state.confirmed_at)}."}[state.state]
            + (f" {state.threshold} of {state.guardians} guardians hold shares." if state.guardians else ""))
    if state.remind:
        text += ("\nCheck it now with 'medwallet backup check', or give shares to guardians with 'medwallet "
                 "guardians create'.")
    report(args, state.__dict__, text)
    return 0


def register(sub) -> None:
    p = sub.add_parser("guardians", help="split your wallet among guardians (SLIP-39 shares), or show who they are",
                       description="Split your wallet's seed into SLIP-39 shares, one per guardian, any THRESHOLD "
                                   "of which restore it.")
    p.set_defaults(func=cmd_guardians)
    p.add_argument("action", choices=["create", "status"])
    p.add_argument("--guardian", action="append", help="a guardian's name (repeat, one per guardian)")
    p.add_argument("--threshold", type=int, help="how many guardians are needed to restore")
    p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
    p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser("backup", help="is your wallet backed up? check your phrase, or put the reminder off",
                       description="Show whether the wallet is backed up (phrase checked recently, or guardians), "
                                   "check the recovery phrase, or put the reminder off for a week.")
    p.set_defaults(func=cmd_backup)
    p.add_argument("action", nargs="?", default="status", choices=["status", "check", "snooze"])
    p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
    p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser("restore-shares", help="restore a wallet from guardians' shares",
                       description="Restore a wallet from its guardians' SLIP-39 shares (one per line, or separated "
                                   "by blank lines).")
    p.set_defaults(func=cmd_restore_shares)
    p.add_argument("--shares-file", help="read the shares from this file")
    p.add_argument("--node", action="append", help="node URL of the network (repeat for several)")
    p.add_argument("--genesis-hash", help="refuse any network but this one")
    p.add_argument("--no-keyring", action="store_true", help="protect the wallet with a passphrase only")
    p.add_argument("--wallet-dir", default=argparse.SUPPRESS, help="wallet folder")
    p.add_argument("--passphrase-file", default=argparse.SUPPRESS, help="read the passphrase from this file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
