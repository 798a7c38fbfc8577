"""Hyperledger AnonCreds, loaded once.

The ``anoncreds`` package loads its shared library on first use and then installs the
library's logger. Two threads reaching first use together both install it, and the second
one panics (``env_logger::init should not be called after logger initialized``). Importing
this module loads the library while Python's import lock is held, so it happens exactly once
and before any function that uses it can run on a thread. Everything in Medwallet (node,
wallet, desks, tests) reaches AnonCreds through this module.
"""

from __future__ import annotations

import anoncreds
from anoncreds import bindings as _bindings

_bindings.get_library()

__all__ = ["anoncreds"]
