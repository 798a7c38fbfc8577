"""The man pages and shell completions the .deb installs, made from the parsers (no build needed:
the installer test checks they are in the package)."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

from mwpack.cli_docs import COMMANDS, write_cli_docs

EPOCH = 1_700_000_000


@pytest.fixture(scope="module")
def share(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("share")
    write_cli_docs(root, "9.9.9", EPOCH)
    return root


def test_man_pages_cover_every_command_and_the_exit_codes(share):
    from ledger_client import console
    page = gzip.decompress((share / "man/man1/medwallet.1.gz").read_bytes()).decode()
    assert page.startswith('.TH MEDWALLET "1" "2023\\-11\\-14" "medwallet 9.9.9" "Medwallet Manual"')
    for word in ("grant", "revoke", "restore", "clinic", "\\-\\-json", "\\-\\-version", "exit status"):
        assert word in page, word
    node = gzip.decompress((share / "man/man1/medwallet-node.1.gz").read_bytes()).decode()
    for word in ("verify", "backup", "register\\-institution", "exit status"):
        assert word in node, word
    for code, _ in console.EXIT_CODES:
        assert f"  {code} " in page and f"  {code} " in node


def test_the_files_are_reproducible(share, tmp_path):
    write_cli_docs(tmp_path, "9.9.9", EPOCH)
    for path in share.rglob("*"):
        if path.is_file():
            assert (tmp_path / path.relative_to(share)).read_bytes() == path.read_bytes(), path


def test_completion_for_each_shell(share):
    for name in COMMANDS:
        assert (share / f"zsh/vendor-completions/_{name}").read_text().startswith(f"#compdef {name}")
        assert f"complete --command {name}" in (share / f"fish/vendor_completions.d/{name}.fish").read_text()
        assert (share / f"bash-completion/completions/{name}").read_text()


@pytest.mark.skipif(not shutil.which("bash"), reason="needs bash")
@pytest.mark.parametrize(("line", "expected"), [("medwallet gra", {"grant", "grants"}),
                                                ("medwallet-node verify --b", {"--blobs"})])
def test_bash_completes_from_the_real_command(share, line, expected):
    """The installed bash script, sourced by a real bash, asks the real command."""
    name = line.split()[0]
    words = line.split()
    script = (f'source "{share}/bash-completion/completions/{name}"\n'
              f'COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}\n'
              f'fn=$(complete -p {name} | sed -E "s/.*-F ([^ ]+).*/\\1/")\n'
              f'$fn {name} {words[-1]} {words[-2]}\nprintf "%s\\n" "${{COMPREPLY[@]}}"\n')
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    assert {w.strip() for w in done.stdout.splitlines() if w.strip()} == expected, done.stderr
