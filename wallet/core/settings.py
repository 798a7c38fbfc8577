"""Per-wallet settings, declared once with types and defaults, stored as JSON.

No secrets here. ``version`` allows migrations; unknown keys from a newer version are
kept untouched so a downgrade does not lose them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .atomic_file import atomic_write
from .errors import WalletError

SETTINGS_VERSION = 1


class SettingsError(WalletError):
    """The wallet's settings file is damaged. Fix or delete settings.json and set the network again."""

    code = "settings"


@dataclass
class Settings:
    """What a wallet remembers between runs."""

    version: int = SETTINGS_VERSION
    nodes: list[str] = field(default_factory=list)
    genesis_hash: str = ""
    network_name: str = ""
    wallet_id: str = ""
    auto_lock_minutes: int = 10
    alert_night: list[int] = field(default_factory=lambda: [22, 6])  # reads from..until (local hour) alert
    background_alerts: bool = False  # the alert checker runs while the window is closed (autostart entry)
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
