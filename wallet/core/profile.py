"""Pilot profiles: which network an installer's wallet connects to, signed by the pilot.

A profile is JSON ``{"profile": body, "signature": hex}``. The body names the network
(name, node URLs, genesis hash), the credential issuers it accepts, a support contact
and branding, the pilot's governance key that signed it and, optionally, the pilot's CA
certificate (``tls_ca``, PEM): the wallet then trusts only that CA for the nodes' https
addresses instead of the system's. The signature is Ed25519
over ``DOMAIN_PROFILE || sha256(canonical(body))``.

The wallet uses a profile only if (1) the signature verifies, (2) the node it reaches
serves the genesis whose hash the profile pins, and (3) the signing key is one of that
genesis' governance keys: a tampered profile, a node of another network, or a profile
signed by someone outside the pilot's governance are refused, never silently used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger_client import crypto as ledger_crypto
from ledger_client.encoding import canonical, check_domain, parse_json
from ledger_client.errors import LedgerError, MalformedError, SignatureError
from ledger_client.genesis import Genesis
from ledger_client.schema import HASH, KEY, SIG, Int, ListOf, Obj, Text

from .errors import WalletError

if TYPE_CHECKING:
    from .network import Network

PROFILE_VERSION = 1
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_PEM = re.compile(r"(-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n?)+")


class _PemCertificates(Text):
    """PEM certificates (Text refuses the newlines PEM needs)."""

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str) or len(value) > self.max_len or not _PEM.fullmatch(value):
            raise MalformedError(f"{path}: must be PEM certificates")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_len, "pattern": _PEM.pattern}

BODY = Obj(
    {"v": Int(1, 1), "network_name": Text(80), "nodes": ListOf(Text(200), 1, 8), "genesis_hash": HASH,
     "governance_key": KEY},
    {"accepted_issuers": ListOf(Text(200), 0, 64), "support": Obj({}, {"name": Text(120), "email": Text(200),
                                                                      "url": Text(200), "phone": Text(40)}),
     "branding": Obj({}, {"app_name": Text(60), "accent_color": Text(7), "icon_svg": Text(200_000)}),
     "tls_ca": _PemCertificates(20_000)},
)
DOCUMENT = Obj({"profile": BODY, "signature": SIG})


class ProfileError(WalletError):
    """This installation's network profile cannot be trusted, so Medwallet will not use it.
    Reinstall from your pilot program's official installer, or contact its support."""

    code = "profile_refused"


@dataclass(frozen=True)
class PilotProfile:
    """A profile whose signature has been verified (network checks are separate)."""

    body: dict[str, Any]
    signature: str

    @property
    def nodes(self) -> list[str]:
        return list(self.body["nodes"])

    @property
    def genesis_hash(self) -> str:
        return self.body["genesis_hash"]

    @property
    def network_name(self) -> str:
        return self.body["network_name"]

    @property
    def branding(self) -> dict[str, Any]:
        return self.body.get("branding", {})

    @property
    def support(self) -> dict[str, Any]:
        return self.body.get("support", {})

    @property
    def tls_ca(self) -> str | None:
        """The pinned CA certificate (PEM) for the nodes' https addresses, if the pilot pins one."""
        return self.body.get("tls_ca")


def _digest(body: dict[str, Any]) -> bytes:
    return ledger_crypto.sha256(canonical(body))


def sign_profile(body: dict[str, Any], key: ledger_crypto.SigningKey) -> dict[str, Any]:
    """The signed profile document (the pilot administrator's side)."""
    body = {**body, "v": PROFILE_VERSION, "governance_key": key.public}
    check_domain(body)
    BODY.check(body, "profile")
    _check_fields(body)
    return {"profile": body, "signature": key.sign(ledger_crypto.DOMAIN_PROFILE, _digest(body))}


def _check_fields(body: dict[str, Any]) -> None:
    for url in body["nodes"]:
        if not url.startswith(("http://", "https://")):
            raise ProfileError(detail=f"node URL {url!r} is not http(s)")
    color = body.get("branding", {}).get("accent_color")
    if color is not None and not _COLOR.match(color):
        raise ProfileError(detail="accent_color must look like #1a7f64")


def load_profile(data: bytes) -> PilotProfile:
    """Parse a profile and verify its signature; :class:`ProfileError` on any problem."""
    try:
        doc = parse_json(data, max_bytes=512 * 1024)
        DOCUMENT.check(doc, "$")
        _check_fields(doc["profile"])
        body = doc["profile"]
        ledger_crypto.verify(body["governance_key"], ledger_crypto.DOMAIN_PROFILE, _digest(body), doc["signature"])
    except SignatureError:
        raise ProfileError(detail="the profile's signature does not verify: it was altered") from None
    except LedgerError as exc:
        raise ProfileError(detail=f"the profile is malformed: {exc.message}") from None
    return PilotProfile(body, doc["signature"])


def load_profile_file(path: Path) -> PilotProfile:
    try:
        return load_profile(path.read_bytes())
    except OSError as exc:
        raise ProfileError(detail=f"cannot read {path}: {exc.strerror}") from None


def check_against_network(profile: PilotProfile, genesis: Genesis) -> None:
    """The node's network must be the pinned one, governed by the profile's signer."""
    if genesis.hash != profile.genesis_hash:
        raise ProfileError(detail=f"the node serves network {genesis.hash[:16]}…, not the pinned "
                                  f"{profile.genesis_hash[:16]}…")
    if profile.body["governance_key"] not in genesis.governance_keys:
        raise ProfileError(detail="the profile is not signed by a governance key of its network")


def write_profile(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", "utf-8")


ENV_PROFILE = "MEDWALLET_PROFILE"


def profile_locations() -> list[Path]:
    """Where an installer puts its profile, most specific first."""
    import os
    import sys
    places = []
    if os.environ.get(ENV_PROFILE):
        places.append(Path(os.environ[ENV_PROFILE]))
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle
    if bundle:
        places.append(Path(bundle) / "profile.json")
    places += [Path(sys.prefix) / "share" / "medwallet" / "profile.json", Path("/etc/medwallet/profile.json")]
    return places


def installed_profile() -> PilotProfile | None:
    """The profile this installation ships with (verified), or None for a plain install."""
    for place in profile_locations():
        if place.is_file():
            return load_profile_file(place)
    return None


def connect_with_profile(profile: PilotProfile) -> Network:
    """A :class:`~wallet.core.network.Network` for the profile, refused unless it checks out."""
    from .network import Network
    network = Network(profile.nodes, ca=profile.tls_ca)
    try:
        check_against_network(profile, network.genesis)
    except ProfileError:
        network.close()
        raise
    return network
