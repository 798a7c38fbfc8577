"""Turn pip's output into a short progress report for a first `make run` or `make test`.

Reads pip's standard output on stdin, writes all of it (and pip's warnings, sent here
too) to the log file given as the first argument, and prints only how far it is:
the packages resolved so far, then the install. On a terminal it is one updating line.
"""

import re
import sys
import time

log = open(sys.argv[1], "a", encoding="utf-8")  # noqa: SIM115 (kept open for the whole stream)
tty = sys.stdout.isatty()
seen = 0
last = 0.0
phase = "resolving"
for line in sys.stdin:
    log.write(line)
    match = re.match(r"\s*(Collecting|Requirement already satisfied:|Obtaining)\s+(\S+)", line)
    if match:
        seen += 1
        now = time.monotonic()
        if tty:
            name = match.group(2)[:40]
            print(f"\r  resolving: {seen:3d} packages ({name})".ljust(72), end="", flush=True)
        elif now - last > 10:
            print(f"  resolving: {seen} packages so far", flush=True)
            last = now
    elif line.startswith("Installing collected packages:"):
        count = len(line.split(":", 1)[1].split(","))
        note = " (the largest, Qt, take a minute)" if count > 10 else ""
        print(("\r" if tty else "") + f"  installing {count} packages{note}…".ljust(72), flush=True)
        phase = "installing"
    elif line.startswith("Successfully installed"):
        print(f"  installed {len(line.split()) - 2} packages.", flush=True)
log.close()
if tty and phase == "resolving":
    print()
