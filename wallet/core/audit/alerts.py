"""Alerts: rules over the verified audit trail that deserve the patient's attention.

Pure and table-driven (the model is :mod:`ledger_client.contract`): :func:`evaluate`
takes the trail's events (as :func:`wallet.core.audit.trail.events` returns them) and the
rules' parameters, and returns one :class:`Alert` per event that trips a rule, each
with a stable rule code and its words. Only *verified* events count (a node cannot raise
or silence an alert by what it claims), and the patient's own reads never alert.

=================  =====================================================================
rule               trips on
=================  =====================================================================
first_read         the first read of the patient's records by a requester
unusual_hours      a read between ``night_start`` and ``night_end`` (local time)
burst              the ``burst_count``-th read by one requester within ``burst_window``
repeated_refusals  the ``refusal_count``-th refusal of one requester within ``refusal_window``
emergency          any read under an emergency-care consent
=================  =====================================================================

Which alerts the patient has already seen is kept in the wallet's database
(:func:`unseen`, :func:`mark_seen`), so each is announced once.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from ..texts import alert_text, english
from ..wallet import Wallet
from .trail import events as trail_events

SEEN_KEY = "alerts_seen"


@dataclass(frozen=True)
class AlertRules:
    """The rules' parameters (times in seconds, hours in the patient's local time)."""

    night_start: int = 22
    night_end: int = 6
    burst_count: int = 10
    burst_window: int = 600
    refusal_count: int = 3
    refusal_window: int = 86_400
    timezone: tzinfo | None = None  # None: the computer's local time


@dataclass(frozen=True)
class Alert:
    """One event that tripped one rule."""

    rule: str
    tx: str
    requester: str
    requester_name: str
    time: int
    count: int = 1

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.tx}"

    @property
    def text(self) -> str:
        """The alert's words in English (what JSON output and logs keep); faces show :meth:`words`."""
        return english(f"alert.{self.rule}", {"who": self.requester_name or english("party.unknown_requester"),
                                              "count": self.count})

    @property
    def words(self) -> str:
        """The alert's words in the patient's chosen language."""
        return alert_text(self.rule, self.requester_name, self.count)


def evaluate(rows: list[dict[str, Any]], own: set[str], rules: AlertRules | None = None) -> list[Alert]:
    """Every alert the verified events in ``rows`` raise (``own``: this wallet's pseudonyms)."""
    rules = rules or AlertRules()
    counted = (r for r in rows if r["verified"] and r["requester"] not in own)
    events = sorted(counted, key=lambda r: (r["height"], r["time"], r["tx"]))  # the ledger's order
    alerts: list[Alert] = []
    readers: set[str] = set()
    recent: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    for row in events:
        if row["kind"] == "access":
            if row["requester"] not in readers:
                readers.add(row["requester"])
                alerts.append(_alert("first_read", row))
            if _at_night(row["time"], rules):
                alerts.append(_alert("unusual_hours", row))
            if row["purpose"] == "emergency":
                alerts.append(_alert("emergency", row))
            count = _count(recent[("access", row["requester"])], row["time"], rules.burst_window)
            if count == rules.burst_count:
                alerts.append(_alert("burst", row, count))
        elif row["kind"] == "refusal":  # deletions are the patient's own; settled passcode attempts are no refusals
            count = _count(recent[("refusal", row["requester"])], row["time"], rules.refusal_window)
            if count == rules.refusal_count:
                alerts.append(_alert("repeated_refusals", row, count))
    return alerts


def by_event(alerts: list[Alert]) -> dict[str, list[str]]:
    """The rule codes each transaction tripped (for the access log's filter)."""
    out: dict[str, list[str]] = defaultdict(list)
    for alert in alerts:
        out[alert.tx].append(alert.rule)
    return dict(out)


def rules_for(wallet: Wallet) -> AlertRules:
    """The rules with this wallet's settings (its night hours; equal hours: never night)."""
    start, end = (list(wallet.settings.alert_night) + [22, 6])[:2]
    return AlertRules(night_start=int(start) % 24, night_end=int(end) % 24)


def for_wallet(wallet: Wallet, rows: list[dict[str, Any]], rules: AlertRules | None = None) -> list[Alert]:
    """:func:`evaluate` with this wallet's own pseudonyms and (by default) its settings."""
    return evaluate(rows, {p["public"] for p in wallet.pseudonyms()}, rules or rules_for(wallet))


def unseen(wallet: Wallet, alerts: list[Alert]) -> list[Alert]:
    """The alerts not yet shown to the patient."""
    seen = set(json.loads(wallet.db.get_meta(SEEN_KEY, "[]") or "[]"))
    return [a for a in alerts if a.id not in seen]


def mark_seen(wallet: Wallet, alerts: list[Alert]) -> None:
    """Remember that the patient was shown ``alerts``."""
    seen = set(json.loads(wallet.db.get_meta(SEEN_KEY, "[]") or "[]")) | {a.id for a in alerts}
    wallet.db.set_meta(SEEN_KEY, json.dumps(sorted(seen)))


def _alert(rule: str, row: dict[str, Any], count: int = 1) -> Alert:
    return Alert(rule, row["tx"], row["requester"], row.get("requester_name") or "", row["time"], count)


def _count(window: deque[int], moment: int, span: int) -> int:
    """Add ``moment`` to a sliding window of ``span`` seconds; how many it now holds."""
    window.append(moment)
    while window and window[0] <= moment - span:
        window.popleft()
    return len(window)


def _at_night(moment: int, rules: AlertRules) -> bool:
    hour = datetime.fromtimestamp(moment, UTC).astimezone(rules.timezone).hour
    if rules.night_start > rules.night_end:
        return hour >= rules.night_start or hour < rules.night_end
    return rules.night_start <= hour < rules.night_end


def annotate(wallet: Wallet, rows: list[dict[str, Any]], rules: AlertRules | None = None) -> list[dict[str, Any]]:
    """``rows`` (the access log's, :func:`~.trail.access_log`), each with ``alerts``: the rule
    codes its events tripped. The rules run over the trail's events, as :func:`announce` does;
    a row that folds several events (a consent's key fetch and the read it served) carries
    the alerts of each."""
    tags = by_event(for_wallet(wallet, trail_events(wallet), rules))
    for row in rows:
        row["alerts"] = list(dict.fromkeys(rule for tx in row.get("txs") or [row["tx"]] for rule in tags.get(tx, [])))
    return rows


def announce(wallet: Wallet, txs: set[str] | None = None, rules: AlertRules | None = None) -> list[Alert]:
    """The alerts not shown yet (only those of ``txs`` if given), now marked as shown."""
    fresh = [a for a in unseen(wallet, for_wallet(wallet, trail_events(wallet), rules)) if txs is None or a.tx in txs]
    mark_seen(wallet, fresh)
    return fresh
