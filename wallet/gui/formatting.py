"""How numbers, times and progress stages read on screen."""

from __future__ import annotations

from datetime import UTC, datetime

from .i18n import _


def human_size(n: int | None) -> str:
    size = float(n or 0)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def when(ts: int | None) -> str:
    """A local date and time, minutes precision."""
    if not ts:
        return ""
    return datetime.fromtimestamp(ts, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def day(ts: int | None) -> str:
    if not ts:
        return ""
    return datetime.fromtimestamp(ts, UTC).astimezone().strftime("%Y-%m-%d")


def stage_text(stage: str) -> str:
    return {"encrypt": _("Encrypting"), "upload": _("Uploading"), "download": _("Downloading"),
            "decrypt": _("Decrypting and checking"), "scan": _("Looking for your records"),
            "copy": _("Preparing the shared copy"), "read": _("Reading"), "validate": _("Checking FHIR entries"),
            "anchor": _("Anchoring on the ledger")}.get(stage, _("Working"))


def percent(done: int, total: int) -> int:
    """0-100 for a progress bar; -1 when the total is unknown (busy indicator)."""
    if not total:
        return -1
    return max(0, min(100, int(100 * done / total)))
