"""Per-wallet settings, declared once with types and defaults, stored as JSON.

No secrets here. ``version`` allows migrations (:data:`MIGRATIONS`, one function per
version step, each tested); unknown keys from a newer version are kept untouched so a
downgrade does not lose them.

A wallet or desk is on one network: either a care network, reached through ``nodes``, or
the embedded network of this computer (``local_node``), whose current address is recorded
in ``local_node_url`` at every connection (the node's port is kept in its own data folder).
Either way ``genesis_hash`` pins the network.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .atomic_file import atomic_write
from .errors import WalletError

SETTINGS_VERSION = 2


class SettingsError(WalletError):
    """The wallet's settings file is damaged. Fix or delete settings.json and set the network again."""

    code = "settings"


@dataclass
class Settings:
    """What a wallet remembers between runs."""

    version: int = SETTINGS_VERSION
    nodes: list[str] = field(default_factory=list)  # a care network's node addresses (empty: embedded)
    local_node: bool = False  # on the embedded network of this computer
    local_node_url: str = ""  # where the embedded node answered last
    genesis_hash: str = ""
    network_name: str = ""
    wallet_id: str = ""
    auto_lock_minutes: int = 10
    language: str = ""  # the window's language ("fr", "nl", "en"); empty: the system's
    alert_night: list[int] = field(default_factory=lambda: [22, 6])  # reads from..until (local hour) alert
    background_alerts: bool = False  # the alert checker runs while the window is closed (autostart entry)
    appearance: str = "system"  # the window's colours: "system" (follow the desktop), "light" or "dark"
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        try:
            doc = json.loads(path.read_text("utf-8"))
            if not isinstance(doc, dict):
                raise ValueError("not an object")
        except (ValueError, OSError) as exc:
            raise SettingsError(detail=str(exc)) from None
        doc = migrate(doc)
        known = {f.name for f in fields(cls)} - {"extra"}
        values = {k: v for k, v in doc.items() if k in known}
        values["extra"] = {k: v for k, v in doc.items() if k not in known}
        try:
            return cls(**values)
        except TypeError as exc:
            raise SettingsError(detail=str(exc)) from None

    def save(self, path: Path) -> None:
        doc = asdict(self)
        extra = doc.pop("extra")
        atomic_write(path, (json.dumps({**extra, **doc}, indent=2, sort_keys=True) + "\n").encode())


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept no node address for the embedded network: no nodes meant embedded."""
    return {**doc, "local_node": not doc.get("nodes"), "local_node_url": "", "version": 2}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring a settings document up to :data:`SETTINGS_VERSION` (newer ones are left alone)."""
    version = doc.get("version", 1)
    while isinstance(version, int) and version in MIGRATIONS:
        doc = MIGRATIONS[version](doc)
        version = doc["version"]
    return doc
