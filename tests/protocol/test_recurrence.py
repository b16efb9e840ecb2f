"""protocol/recurrence.py: a rule restarted near a given instant has the same occurrences from
there on (across DST, every FREQ and the BY parts a rule inherits from DTSTART), and the rules
dateutil would walk for ever or to the year 9999 are refused with a reason."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from whitephone.protocol.recurrence import fast_forward, parse, rule_problem

RULES = ["FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=WEEKLY;INTERVAL=2",
         "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;WKST=SU", "FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=5",
         "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=2", "FREQ=YEARLY",
         "FREQ=YEARLY;INTERVAL=3;BYMONTH=3;BYDAY=-1SU", "FREQ=HOURLY;INTERVAL=5", "FREQ=HOURLY;BYHOUR=9,17",
         "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=DAILY;UNTIL=20400101T000000Z",
         "FREQ=MONTHLY;BYMONTHDAY=-1"]


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "UTC"])
@pytest.mark.parametrize("rule", RULES)
def test_a_rule_restarted_near_now_has_the_same_occurrences(rule, zone):
    tz = ZoneInfo(zone)
    rnd = random.Random(f"{rule}{zone}")
    for _ in range(4):
        start = datetime(rnd.randint(1995, 2025), rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 23),
                         rnd.choice([0, 30]), tzinfo=tz)
        near = datetime(2026, rnd.randint(1, 12), rnd.randint(1, 28), tzinfo=UTC)
        r = parse(rule, start)
        lo, hi = near - timedelta(days=1), near + timedelta(days=400)
        assert fast_forward(r, near).between(lo, hi, inc=True) == r.between(lo, hi, inc=True), (start, near)


def test_a_series_from_1990_is_restarted_near_now():
    r = parse("FREQ=HOURLY", datetime(1990, 1, 1, 9, tzinfo=UTC))
    near = datetime(2026, 12, 5, 12, 30, tzinfo=UTC)
    ff = fast_forward(r, near)
    assert near - timedelta(days=10) < ff._dtstart <= near  # noqa: SLF001
    assert ff.after(near) == datetime(2026, 12, 5, 13, tzinfo=UTC)


@pytest.mark.parametrize(("rule", "why"), [
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be 1 or more"),
    ("FREQ=WEEKLY;INTERVAL=-2", "INTERVAL must be 1 or more"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "no month has that day"),
    ("FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=31", "no month has that day"),
    ("FREQ=YEARLY;BYYEARDAY=400", "no year has that day"),
    ("FREQ=DAILY;INTERVAL=14;BYDAY=TU", "another weekday"),
    ("FREQ=DAILY;UNTIL=20000101T000000Z", "yields no occurrence"),
    ("FREQ=FORTNIGHTLY", "cannot be expanded"),
    ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "BYSETPOS"),  # no month has a sixth Monday
    ("FREQ=DAILY;BYSETPOS=2", "BYSETPOS"),
])
def test_rules_without_occurrences_are_refused_with_the_reason(rule, why):
    assert why in (rule_problem(rule, datetime(2026, 1, 5, 9, tzinfo=UTC)) or ""), rule


def test_ordinary_rules_pass():
    start = datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Europe/Berlin"))  # a Monday
    for rule in RULES + ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
                         "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5", "FREQ=DAILY;BYHOUR=9,17;BYSETPOS=2"]:
        assert rule_problem(rule, start) is None, rule
