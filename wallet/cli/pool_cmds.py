"""``medwallet pool status`` and ``medwallet pool refill``: the pseudonyms registered ahead of time.

A grant to a new institution takes one of them (:mod:`wallet.core.pool`) and registers
nothing. The window fills the pool at random idle moments, and so does the background
checker (``medwallet alerts --background on``); ``pool refill`` fills it from here, one
registration after another with a random spacing between two, so that they stand apart
from each other as they do from the grants.
"""

from __future__ import annotations

import sys
import time

from ..core import pool
from ..core.audit import checker
from ..core.texts import tr as _
from .common import report
from .delegation_cmds import _family
from .patient_cmds import _open

_sleep = time.sleep  # the wait between two registrations (a test's own)


def _state(wallet) -> dict[str, object]:
    return {"ready": len(pool.members(wallet)), "size": pool.POOL_SIZE, "missing": pool.missing(wallet),
            "background": checker.enabled(wallet.dir)}


def cmd_status(args) -> int:
    wallet = _open(args)
    state = _state(wallet)
    text = _("{ready} of {size} pseudonyms registered ahead of time are ready for grants to new "
             "institutions.").format(ready=state["ready"], size=state["size"])
    if state["background"]:
        text += "\n" + _("The background checker keeps the pool filled.")
    elif state["missing"]:
        text += "\n" + _("Run 'medwallet pool refill', or turn the background checker on "
                         "('medwallet alerts --background on'), to fill it.")
    report(args, state, text)
    return 0


def cmd_refill(args) -> int:
    wallet = _open(args)
    registered = 0
    while pool.missing(wallet):
        if registered:
            if args.one:
                break
            delay = pool.next_delay()
            if not args.json:
                print(_("Registered {done}; the next one in {seconds:.0f} s (Ctrl+C stops; what is registered "
                        "stays).").format(done=registered, seconds=delay), file=sys.stderr, flush=True)
            _sleep(delay)
        pool.register_one(wallet)
        registered += 1
    state = {**_state(wallet), "registered": registered}
    report(args, state, _("Registered {done}; {ready} of {size} ready.").format(
        done=registered, ready=state["ready"], size=state["size"]))
    return 0


def register(sub) -> None:
    add = _family(sub, "pool", _("pseudonyms registered ahead of time, for grants to new institutions"),
                  cmd_status, "pool_command")
    add("status", cmd_status, _("how many are ready, and what keeps the pool filled"))
    p = add("refill", cmd_refill, _("register the missing ones, with a random wait between two"))
    p.add_argument("--one", action="store_true", help=_("register only one, now"))
