"""A first ``make run`` says what it installs and how far it is (issue 12): pip's output,
warnings included, goes to the log; the screen gets only the progress lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pip-progress.py"

PIP_OUTPUT = """\
Obtaining file:///home/patient/medwallet
  Installing build dependencies: started
Collecting PySide6-Essentials>=6.6
  Downloading pyside6_essentials-6.12.0-cp39-abi3-manylinux_2_28_x86_64.whl (95.1 MB)
Collecting pynacl>=1.5
Requirement already satisfied: requests>=2.31 in ./.venv/lib/python3.11/site-packages (2.32.3)
Collecting cffi>=1.4.1 (from pynacl>=1.5)
  SetuptoolsDeprecationWarning: License classifiers are deprecated.
Installing collected packages: cffi, pynacl, PySide6-Essentials, medwallet
Successfully installed PySide6-Essentials-6.12.0 cffi-1.17.1 medwallet-0.1 pynacl-1.5.0
"""


def test_progress_on_screen_everything_in_the_log(tmp_path):
    log = tmp_path / "bootstrap.log"
    done = subprocess.run([sys.executable, str(SCRIPT), str(log)], input=PIP_OUTPUT, capture_output=True,
                          text=True, timeout=60, check=True)
    lines = [line.rstrip() for line in done.stdout.splitlines()]
    assert lines[0] == "  resolving: 1 packages so far"  # not a tty: a line now and then, not one per package
    assert "  installing 4 packages…" in lines
    assert lines[-1] == "  installed 4 packages."
    assert "Warning" not in done.stdout and "Downloading" not in done.stdout
    assert log.read_text("utf-8") == PIP_OUTPUT  # nothing lost: the whole of pip's output is kept
