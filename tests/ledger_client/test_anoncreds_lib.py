"""AnonCreds is loaded once, at import, so threads that use it first together cannot race.

Without the loader, two threads reaching ``anoncreds`` first at the same time both install
the library's logger and the second one panics; this is what broke ``make test`` under load.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_library_is_loaded_by_the_import():
    from anoncreds import bindings

    from ledger_client import anoncreds_lib  # noqa: F401  (imported for its effect: loading the library)

    assert bindings.LIB is not None


def test_many_threads_using_anoncreds_first_do_not_panic():
    # A fresh interpreter, so the library is not loaded by an earlier test.
    script = textwrap.dedent("""
        import threading
        from ledger_client.anoncreds_lib import anoncreds
        start, errors = threading.Barrier(16), []

        def first_use():
            start.wait()
            try:
                anoncreds.generate_nonce()
            except Exception as exc:
                errors.append(repr(exc))

        threads = [threading.Thread(target=first_use) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print("errors:", errors)
        raise SystemExit(1 if errors else 0)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
