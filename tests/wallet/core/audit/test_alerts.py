"""Alert rules on generated trails (each rule tripped and not tripped, unverified events and
the patient's own reads ignored, announced once), then on a real node's verified trail."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta, timezone

from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.audit import alerts, trail
from wallet.core.audit.alerts import AlertRules
from wallet.core.consent import grants

ZONE = timezone(timedelta(hours=2))
RULES = AlertRules(timezone=ZONE)
NOON = int(datetime(2026, 5, 4, 12, 0, tzinfo=ZONE).timestamp())
_tx = iter(range(10**6))


def event(moment: int, who: str = "clinic", kind: str = "access", purpose: str = "treatment", verified: bool = True,
          reason: str = "consent") -> dict:
    return {"tx": f"{next(_tx):064x}", "kind": kind, "record": "r" * 64, "requester": who,
            "requester_name": who.title(), "consent": "c" * 64, "purpose": purpose, "reason": reason,
            "height": 1, "time": moment, "verified": verified}


def rules_of(rows, own=frozenset()) -> list[str]:
    return [a.rule for a in alerts.evaluate(rows, set(own), RULES)]


def test_first_read_once_per_requester():
    rows = [event(NOON), event(NOON + 60), event(NOON + 120, who="lab"), event(NOON + 3600)]
    found = alerts.evaluate(rows, set(), RULES)
    assert [(a.rule, a.requester) for a in found] == [("first_read", "clinic"), ("first_read", "lab")]
    assert found[0].tx == rows[0]["tx"] and found[0].text == "first read by Clinic"


def test_unusual_hours_in_the_patients_time_zone():
    at = [int(datetime(2026, 5, 4, hour, 30, tzinfo=ZONE).timestamp()) for hour in (5, 6, 21, 22, 23, 0)]
    rows = [event(NOON)] + [event(t) for t in at]
    night = [a for a in alerts.evaluate(rows, set(), RULES) if a.rule == "unusual_hours"]
    assert [datetime.fromtimestamp(a.time, ZONE).hour for a in night] == [0, 5, 22, 23]  # in time order
    # The same instants seen from another zone: a different set of hours is night there.
    other = AlertRules(timezone=UTC, night_start=1, night_end=4)
    assert [datetime.fromtimestamp(a.time, UTC).hour for a in alerts.evaluate(rows, set(), other)
            if a.rule == "unusual_hours"] == [3]


def test_burst_trips_once_at_the_threshold_within_the_window():
    slow = [event(NOON + i * 120) for i in range(12)]  # 12 reads, two minutes apart: 5 per window at most
    assert "burst" not in rules_of(slow)
    fast = [event(NOON + i * 20) for i in range(25)]
    found = [a for a in alerts.evaluate(fast, set(), RULES) if a.rule == "burst"]
    assert len(found) == 1 and found[0].count == 10 and found[0].tx == fast[9]["tx"]
    two = [event(NOON + i * 20, who="a") for i in range(9)] + [event(NOON + i * 20, who="b") for i in range(9)]
    assert "burst" not in rules_of(two)  # nine each: two requesters are not one burst


def test_repeated_refusals_within_a_day():
    spread = [event(NOON + i * 86_400, kind="refusal", reason="consent_revoked") for i in range(4)]
    assert rules_of(spread) == []
    close = [event(NOON + i * 600, kind="refusal", reason="no_consent") for i in range(4)]
    found = alerts.evaluate(close, set(), RULES)
    assert [a.rule for a in found] == ["repeated_refusals"] and found[0].count == 3
    assert "refused 3 times" in found[0].text


def test_emergency_reads_always_alert():
    rows = [event(NOON), event(NOON + 60, purpose="emergency"), event(NOON + 120, purpose="emergency")]
    assert rules_of(rows) == ["first_read", "emergency", "emergency"]


def test_unverified_events_and_own_reads_never_alert():
    forged = [event(NOON + i, verified=False, purpose="emergency") for i in range(30)]
    own = [event(NOON + i, who="me", purpose="emergency") for i in range(30)]
    assert rules_of(forged + own, own={"me"}) == []


def test_a_generated_trail_matches_a_direct_count():
    rng = random.Random(18)
    rows = []
    for _ in range(400):
        who = rng.choice(["lake", "north", "lab", "pharmacy"])
        kind = rng.choice(["access"] * 5 + ["refusal"])
        rows.append(event(NOON + rng.randrange(0, 3 * 86_400), who=who, kind=kind,
                          purpose=rng.choice(["treatment"] * 9 + ["emergency"])))
    found = alerts.evaluate(list(reversed(rows)), set(), RULES)  # the order given does not matter
    reads = [r for r in rows if r["kind"] == "access"]
    assert sum(a.rule == "first_read" for a in found) == len({r["requester"] for r in reads})
    assert sum(a.rule == "emergency" for a in found) == sum(r["purpose"] == "emergency" for r in reads)
    night = sum(not 6 <= datetime.fromtimestamp(r["time"], ZONE).hour < 22 for r in reads)
    assert sum(a.rule == "unusual_hours" for a in found) == night
    assert alerts.evaluate(rows, set(), RULES) == found


def test_on_a_real_node_a_first_read_alerts_once(wallet, clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf")).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "emergency", int(time.time()) + 3600)
    from wallet.core.consent.grant_code import decode_grant
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    trail.refresh(wallet)
    found = alerts.for_wallet(wallet, trail.events(wallet))
    assert {a.rule for a in found} >= {"first_read", "emergency"}
    assert all(a.requester == clinic.key.public for a in found)
    assert alerts.unseen(wallet, found) == found
    alerts.mark_seen(wallet, found)
    assert alerts.unseen(wallet, found) == []
    assert alerts.unseen(wallet, alerts.for_wallet(wallet, trail.events(wallet))) == []


def test_night_hours_from_the_wallets_settings(wallet):
    assert alerts.rules_for(wallet).night_start == 22 and alerts.rules_for(wallet).night_end == 6
    wallet.settings.alert_night = [0, 0]
    rows = [event(NOON + h * 3600) for h in range(24)]
    assert "unusual_hours" not in [a.rule for a in alerts.for_wallet(wallet, rows)]
