"""The hub's next appointment reminder (server/appointment_reminders.next_reminder): a series
expanded in its own zone across a clock change, with exceptions, moved and cancelled
occurrences; the occurrence keys are the client diary's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from whitephone.core import diary as core
from whitephone.server.appointment_reminders import next_reminder

BERLIN = ZoneInfo("Europe/Berlin")
NY = ZoneInfo("America/New_York")


def fields(start: datetime, **kw) -> dict:
    f = {"subject": "Stand-up", "start": start.isoformat(), "end": (start + timedelta(minutes=15)).isoformat(),
         "timezone": start.tzinfo.key, "remind_minutes": 15}
    f.update(kw)
    return f


def ts(dt: datetime) -> float:
    return dt.timestamp()


def test_a_single_appointment_is_reminded_once_before_it():
    start = datetime(2026, 3, 28, 9, tzinfo=BERLIN)
    f = fields(start)
    key, due, at = next_reminder(f, ts(start) - 3600)
    assert (key, due, at) == (core.rid_key(start), ts(start - timedelta(minutes=15)), start)
    assert next_reminder(f, due) is None  # its time passed
    assert next_reminder(f, 0, skip={key}) is None  # already reminded
    assert next_reminder({**f, "remind_minutes": None}, 0) is None


def test_a_daily_series_keeps_its_wall_clock_across_the_change_in_two_zones():
    for tz, change in ((BERLIN, datetime(2026, 3, 29, tzinfo=BERLIN)), (NY, datetime(2026, 3, 8, tzinfo=NY))):
        start = change - timedelta(days=2) + timedelta(hours=9)
        f = fields(start, rrule="FREQ=DAILY;COUNT=5")
        after, seen = 0.0, []
        while (nxt := next_reminder(f, after)) is not None:
            key, due, at = nxt
            seen.append(at.astimezone(tz))
            after = due
        assert [s.hour for s in seen] == [9] * 5, tz
        assert [s.day for s in seen] == [(change + timedelta(days=i - 2)).day for i in range(5)]
        # the keys are the client's: its diary names the same occurrences
        a = core.from_fields("x", f)
        client = [o.key for o in core.expand(a, start - timedelta(days=1), start + timedelta(days=7))]
        assert client == [core.rid_key(s) for s in seen]


def test_exceptions_moved_and_cancelled_occurrences():
    start = datetime(2026, 3, 23, 9, tzinfo=BERLIN)
    keys = [core.rid_key(start + timedelta(days=i)) for i in range(5)]
    moved_to = datetime(2026, 3, 26, 7, tzinfo=BERLIN)  # Thursday's, moved before Wednesday's
    f = fields(start, rrule="FREQ=DAILY;COUNT=5", exdates=[keys[1]],
               overrides=[{"recurrence_id": keys[2], "cancelled": True},
                          {"recurrence_id": keys[3], "start": moved_to.isoformat(),
                           "end": (moved_to + timedelta(minutes=15)).isoformat()}])
    after, order = ts(start - timedelta(hours=1)), []
    while (nxt := next_reminder(f, after)) is not None:
        order.append((nxt[0], nxt[2]))
        after = nxt[1]
    assert order == [(keys[0], start), (keys[3], moved_to), (keys[4], start + timedelta(days=4))]
    # a skipped (already delivered) key is passed over, the next one comes
    assert next_reminder(f, ts(start - timedelta(hours=1)), skip={keys[0]})[0] == keys[3]


def test_an_all_day_series_and_an_endless_one():
    day = datetime(2026, 12, 24, tzinfo=BERLIN)
    f = {"subject": "Holiday", "start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat(),
         "all_day": True, "timezone": "Europe/Berlin", "remind_minutes": 1440, "rrule": "FREQ=YEARLY"}
    key, due, at = next_reminder(f, ts(datetime(2030, 1, 1, tzinfo=UTC)))
    assert at == datetime(2030, 12, 24, tzinfo=BERLIN) and due == ts(datetime(2030, 12, 23, tzinfo=BERLIN))
