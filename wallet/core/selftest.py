"""``medwallet --self-test``: is this installation able to work?

Each check returns a :class:`Check` (name, ok, detail); the CLI prints them as a
report or JSON and exits non-zero when one fails. The Qt check lives in the GUI
package and is added by the caller, so this module stays free of Qt.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from ledger_client.errors import LedgerError

from .errors import WalletError


@dataclass
class Check:
    name: str
    ok: bool
    detail: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _run(name: str, fn: Callable[[], str]) -> Check:
    try:
        return Check(name, True, fn())
    except (WalletError, LedgerError) as exc:
        detail = getattr(exc, "detail", "") or ""
        return Check(name, False, f"{exc}{' (' + detail + ')' if detail else ''}")
    except Exception as exc:  # a self-test reports, it does not crash
        return Check(name, False, f"{type(exc).__name__}: {exc}")


def check_crypto() -> str:
    """libsodium answers, and its constructions round-trip."""
    import io

    from .keys import sodium
    from .records.stream import decrypt_stream, encrypt_stream
    key = sodium.random_bytes(32)
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(b"self-test" * 1000), sealed, key)
    sealed.seek(0)
    out = io.BytesIO()
    decrypt_stream(sealed, out, key)
    if out.getvalue() != b"self-test" * 1000:
        raise WalletError("record encryption did not round-trip")
    box = sodium.box_key(sodium.random_bytes(32))
    if sodium.seal_open(box, sodium.seal(box.public_key, b"x")) != b"x":
        raise WalletError("sealed boxes did not round-trip")
    return sodium.library_version()


def check_credentials() -> str:
    """The anonymous-credentials library (a native library) loads and answers."""
    from ledger_client.anoncreds_lib import anoncreds

    nonce = anoncreds.generate_nonce()
    if not nonce.isdigit():
        raise WalletError("the anonymous-credentials library gave a malformed nonce")
    return f"AnonCreds {anoncreds.library_version()}"


def check_keystore() -> str:
    """Which keyring backend the wallet would use (a passphrase file works everywhere)."""
    from .keys.keystore import Keystore
    name = Keystore.backend_name()
    if not name or name == "none":
        return "no OS keyring here: the wallet uses a passphrase-protected file"
    return f"keyring backend: {name}"


def check_profile() -> str:
    from .profile import installed_profile
    profile = installed_profile()
    if profile is None:
        return "no pilot profile installed (the local embedded network is the default)"
    return f"profile for {profile.network_name!r} signed by {profile.body['governance_key'][:16]}… verifies"


def check_network(nodes: list[str] | None = None) -> str:
    from .network import Network
    from .profile import connect_with_profile, installed_profile
    profile = installed_profile()
    if profile is not None:
        network = connect_with_profile(profile)
    elif nodes:
        network = Network(nodes)
    else:
        return "no network configured: the wallet starts its own local node"
    try:
        status = network.client.status()
        return f"{network.genesis.network!r} at {network.nodes[0]}: height {status['height']}, genesis verified"
    finally:
        network.close()


def run_checks(extra: list[tuple[str, Callable[[], str]]] | None = None) -> list[Check]:
    """Every check, in order."""
    nodes = [n for n in os.environ.get("MEDWALLET_NODES", "").split(",") if n.strip()]
    checks = [("crypto library", check_crypto), ("anonymous credentials", check_credentials),
              ("keystore", check_keystore), ("pilot profile", check_profile),
              ("network", lambda: check_network(nodes))]
    return [_run(name, fn) for name, fn in checks + (extra or [])]
