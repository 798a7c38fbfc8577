"""Durations and expiry moments as a patient writes them, one parser for every face.

``6mo`` is six calendar months, ``30d`` thirty days, ``P6M`` the same six months in ISO 8601
(``PT6M`` is six minutes there: the ``T`` makes it unambiguous), ``2026-12-31`` the end of that
day. A bare ``m`` is refused with a hint: a patient who writes ``6m`` for a consent means
months, a programmer means minutes, and a consent six minutes long (or six months long when
minutes were meant) is a mistake nobody sees until it matters.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .errors import WalletError


class InvalidDuration(WalletError):
    """This duration or date cannot be read. Write e.g. 30d, 6mo, 1y, P6M or 2026-12-31."""

    code = "invalid_duration"


@dataclass(frozen=True)
class Duration:
    """Calendar months (``mo``, ``y``, ISO ``M``/``Y``) and exact seconds, kept apart."""

    months: int = 0
    seconds: int = 0

    def after(self, start: datetime) -> datetime:
        """``start`` moved by this duration; the 31st plus a month is the last day of the next."""
        total = start.month - 1 + self.months
        year, month = start.year + total // 12, total % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return start.replace(year=year, month=month, day=day) + timedelta(seconds=self.seconds)


_UNITS: dict[str, tuple[int, int]] = {  # unit: (months, seconds) per one
    "s": (0, 1), "sec": (0, 1), "min": (0, 60), "h": (0, 3600), "d": (0, 86400), "w": (0, 7 * 86400),
    "mo": (1, 0), "y": (12, 0),
}
_SHORT = re.compile(r"^(\d+)\s*([a-z]+)$")
_ISO = re.compile(r"^p(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)w)?(?:(\d+)d)?(?:t(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?)?$")
EXAMPLES = "30d, 12h, 2w, 6mo, 1y, P6M or 2026-12-31"


def parse_duration(text: str) -> Duration:
    """``30d``, ``12h``, ``90min``, ``2w``, ``6mo``, ``1y`` or ISO 8601 ``P1Y2M10DT2H30M``."""
    value = text.strip().lower()
    short = _SHORT.match(value)
    if short:
        count, unit = int(short.group(1)), short.group(2)
        if unit == "m":
            raise InvalidDuration(f"{text.strip()!r} is ambiguous: write {count}mo for months or {count}min "
                                  "for minutes.")
        if unit not in _UNITS:
            raise InvalidDuration(f"Cannot read the duration {text.strip()!r}: the unit {unit!r} is unknown "
                                  f"(use {', '.join(_UNITS)}).")
        months, seconds = _UNITS[unit]
        return Duration(months * count, seconds * count)
    iso = _ISO.match(value)
    if iso and value not in ("p", "pt") and not value.endswith("t"):
        y, mo, w, d, h, mi, s = (int(g or 0) for g in iso.groups())
        return Duration(12 * y + mo, (((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s)
    raise InvalidDuration(f"Cannot read the duration {text.strip()!r}: use e.g. {EXAMPLES}.")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_expiry(text: str, now: float | None = None) -> int:
    """The moment (Unix time) ``text`` names: a duration from ``now`` (months on the local
    calendar: the patient's "6 months from today") or a local date ``YYYY-MM-DD[THH:MM]``,
    a bare date meaning the end of that day."""
    value = text.strip()
    if not _DATE.match(value):
        start = datetime.now(UTC) if now is None else datetime.fromtimestamp(now, UTC)
        return int(parse_duration(value).after(start.astimezone()).timestamp())
    try:
        moment = datetime.fromisoformat(value.upper())
    except ValueError:
        raise InvalidDuration(f"Cannot read the date {value!r}: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM.") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    if len(value) == 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    return int(moment.timestamp())


def parse_interval(text: str) -> float:
    """A pause between two rounds, in seconds: ``30s``, ``5min``, ``1h``, ISO ``PT5M``, or a bare
    number of seconds (``0.5``). Calendar units (``mo``, ``y``) are refused: a month has no fixed
    length in seconds."""
    value = text.strip()
    try:
        seconds = float(value)
    except ValueError:
        duration = parse_duration(value)
        if duration.months:
            raise InvalidDuration(f"{value!r} is in months or years; give an interval in s, min, h or d.") from None
        seconds = float(duration.seconds)
    if not 0 <= seconds < float("inf"):
        raise InvalidDuration(f"Cannot use {value!r} as an interval: give a positive duration such as 30s or 5min.")
    return seconds
