"""Shared by the benchmarks: run a child process and measure it alone."""

from __future__ import annotations

import os
import subprocess
import time


def run_measured(cmd: list[str], **kwargs) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MiB (of that child alone, via wait4) and stdout of a command.

    stdout and stderr go to pipes that are read one after the other, so a child that
    writes much to stderr should be run with stderr sent elsewhere.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed: {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, out
