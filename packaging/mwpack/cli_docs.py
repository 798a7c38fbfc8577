"""Man pages and shell completion for ``medwallet`` and ``medwallet-node``, made from their
argparse parsers at build time (so they never drift from ``--help``).

Man pages through argparse-manpage (dated by SOURCE_DATE_EPOCH, gzip without a timestamp, so
the .deb stays reproducible); completion through argcomplete for bash, zsh and fish: the
scripts ask the installed command itself, which answers from the same parser.
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

COMMANDS = ("medwallet", "medwallet-node")
SHELLS = {  # shell: (folder under /usr/share, file name)
    "bash": ("bash-completion/completions", "{name}"),
    "zsh": ("zsh/vendor-completions", "_{name}"),
    "fish": ("fish/vendor_completions.d", "{name}.fish"),
}


def _parsers():  # type: ignore[no-untyped-def]
    from ledger_client.node.cli import build_parser as node_parser
    from wallet.cli import build_parser as wallet_parser
    return {"medwallet": wallet_parser(), "medwallet-node": node_parser()}


def man_page(name: str, version: str, epoch: int) -> str:
    from argparse_manpage.manpage import Manpage
    page = Manpage(_parsers()[name], _data={
        "date": datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d"),
        "project_name": name, "version": version, "manual_title": "Medwallet Manual"})
    return str(page)


def completion(name: str, shell: str) -> str:
    import argcomplete
    return str(argcomplete.shellcode([name], shell=shell))


def write_cli_docs(share: Path, version: str, epoch: int) -> list[Path]:
    """Write the man pages (``share/man/man1``) and completions under ``share``; returns the files."""
    written = []
    man = share / "man" / "man1"
    man.mkdir(parents=True, exist_ok=True)
    for name in COMMANDS:
        target = man / f"{name}.1.gz"
        with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
            out.write(man_page(name, version, epoch).encode("utf-8"))
        written.append(target)
        for shell, (folder, pattern) in SHELLS.items():
            path = share / folder / pattern.format(name=name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(completion(name, shell), "utf-8")
            written.append(path)
    return written
