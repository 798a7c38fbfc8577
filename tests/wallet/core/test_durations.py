"""One duration parser for every face: unambiguous months and minutes."""

from __future__ import annotations

from datetime import datetime

import pytest

from wallet.core.durations import Duration, InvalidDuration, parse_duration, parse_expiry

DAY = 86400


@pytest.mark.parametrize(("text", "duration"), [
    ("30d", Duration(0, 30 * DAY)),
    ("12h", Duration(0, 12 * 3600)),
    ("90min", Duration(0, 90 * 60)),
    ("2w", Duration(0, 14 * DAY)),
    ("6mo", Duration(6, 0)),
    ("6 MO", Duration(6, 0)),
    ("1y", Duration(12, 0)),
    ("P6M", Duration(6, 0)),
    ("p1y2m10dt2h30m", Duration(14, 10 * DAY + 2 * 3600 + 30 * 60)),
    ("PT6M", Duration(0, 6 * 60)),
    ("P2W", Duration(0, 14 * DAY)),
])
def test_durations(text, duration):
    assert parse_duration(text) == duration


def test_a_bare_m_is_refused_with_a_hint():
    with pytest.raises(InvalidDuration, match="ambiguous: write 6mo for months or 6min for minutes"):
        parse_duration("6m")


@pytest.mark.parametrize("text", ["", "P", "PT", "P1DT", "6", "d", "6 fortnights", "-3d", "1.5d", "P1H"])
def test_unreadable_durations_are_refused(text):
    with pytest.raises(InvalidDuration):
        parse_duration(text) if text else parse_expiry(text)


def test_months_are_calendar_months_and_clamp_to_the_last_day():
    start = datetime(2026, 8, 31, 10, 0).astimezone()
    assert Duration(6, 0).after(start).date().isoformat() == "2027-02-28"
    assert Duration(1, 0).after(datetime(2028, 1, 31).astimezone()).day == 29  # a leap year
    now = int(datetime(2026, 1, 15, 12, 0).astimezone().timestamp())
    six = datetime.fromtimestamp(parse_expiry("6mo", now)).astimezone()
    assert (six.year, six.month, six.day, six.hour) == (2026, 7, 15, 12)
    assert parse_expiry("P6M", now) == parse_expiry("6mo", now)
    assert parse_expiry("30d", now) == now + 30 * DAY


def test_dates_are_local_and_a_bare_date_is_the_end_of_that_day():
    end = datetime.fromtimestamp(parse_expiry("2026-12-31")).astimezone()
    assert (end.year, end.month, end.day, end.hour, end.minute) == (2026, 12, 31, 23, 59)
    at = datetime.fromtimestamp(parse_expiry("2026-12-31T08:30")).astimezone()
    assert (at.hour, at.minute) == (8, 30)
    with pytest.raises(InvalidDuration, match="YYYY-MM-DD"):
        parse_expiry("2026-13-45")


def test_the_cli_uses_the_core_parser():
    from wallet.cli.common import parse_expiry as cli_parse
    assert cli_parse("6mo", 0) == parse_expiry("6mo", 0)
    with pytest.raises(InvalidDuration):
        cli_parse("6m")


def test_an_interval_is_seconds_and_never_calendar_months():
    from wallet.core.durations import parse_interval

    assert parse_interval("0.5") == 0.5 and parse_interval("30s") == 30 and parse_interval("5min") == 300
    assert parse_interval("PT5M") == 300 and parse_interval("1h") == 3600
    for wrong in ("6m", "1mo", "P1M", "-3", "nan", "soon"):
        with pytest.raises(InvalidDuration):
            parse_interval(wrong)
