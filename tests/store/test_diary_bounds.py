"""Recurrence work is bounded (issue 15 review): rules repeating every second or minute are
refused with a reason, one that arrives anyway (an older hub) is skipped, not walked; a finite rule
that can never match does not send dateutil to the year 9999; every occurrence of a timed series
lasts exactly as long as the first, an all-day one stays whole days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from whitephone.core import diary as d
from whitephone.core.diary import DiaryError
from whitephone.store import Store
from whitephone.store.database import write_transaction
from whitephone.store.sync_rows import AppointmentRows

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.db")
    s.diary.default_timezone = "Europe/Berlin"
    yield s
    s.close()


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=15", "RRULE:freq=secondly;COUNT=3"])
def test_a_rule_more_often_than_hourly_is_refused_with_the_reason(store, rule):
    start = datetime(2026, 3, 2, 9, tzinfo=BERLIN)
    with pytest.raises(DiaryError, match="more often than hourly"):
        store.diary.add(subject="tick", start=start, end=start + timedelta(minutes=1), rrule=rule)
    assert store.diary.all() == []


def test_a_synced_secondly_row_is_skipped_and_the_rest_of_the_day_still_lists(store):
    with write_transaction(store.engine) as conn:
        AppointmentRows().upsert(conn, [("bomb", {
            "subject": "tick", "start": "2000-01-01T00:00:00+00:00", "end": "2000-01-01T00:00:01+00:00",
            "timezone": "UTC", "rrule": "FREQ=SECONDLY"})])
    start = datetime(2026, 3, 2, 9, tzinfo=BERLIN)
    store.diary.add(subject="Real", start=start, end=start + timedelta(hours=1))
    day = (datetime(2026, 3, 2, tzinfo=BERLIN), datetime(2026, 3, 3, tzinfo=BERLIN))
    assert [o.subject for o in store.diary.occurrences(*day)] == ["Real"]
    assert store.diary.due_reminders(start) == []


def test_a_finite_rule_that_never_matches_is_refused_not_walked():
    # 30 February: dateutil would walk every day to the year 9999 looking for one (seconds per
    # call): refused with the reason instead (protocol/recurrence.py); the store leaves such a
    # synced row out of its views (it catches the error per appointment)
    start = datetime(2026, 1, 1, 10, tzinfo=UTC)
    a = d.Appointment(uid="x", subject="x", start=start, end=start + timedelta(hours=1), timezone="UTC",
                      rrule="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5")
    with pytest.raises(d.DiaryError, match="no month has that day"):
        d.horizon(a)
    with pytest.raises(d.DiaryError, match="no month has that day"):
        d.expand(a, start, start + timedelta(days=400))


def test_a_counted_series_ends_after_its_last_occurrence():
    start = datetime(2026, 3, 27, 9, tzinfo=BERLIN)
    a = d.Appointment(uid="x", subject="x", start=start, end=start + timedelta(hours=1),
                      timezone="Europe/Berlin", rrule="FREQ=DAILY;COUNT=3")
    last_end = datetime(2026, 3, 29, 10, tzinfo=BERLIN).timestamp()
    assert last_end <= d.horizon(a) <= last_end + 3600


def test_an_hour_long_series_lasts_an_hour_and_an_all_day_one_a_day_across_the_change(store):
    start = datetime(2026, 3, 28, 1, 30, tzinfo=BERLIN)
    store.diary.add(subject="Night", start=start, end=start + timedelta(hours=1), rrule="FREQ=DAILY;COUNT=3")
    day = datetime(2026, 3, 28, tzinfo=BERLIN)
    store.diary.add(subject="Trip", start=day, end=day + timedelta(days=1), all_day=True, rrule="FREQ=DAILY;COUNT=3")
    occ = store.diary.occurrences(day, day + timedelta(days=4))
    night = [o.end.timestamp() - o.start.timestamp() for o in occ if o.subject == "Night"]
    assert night == [3600, 3600, 3600]
    trip = [(o.start.astimezone(BERLIN).hour, o.end.astimezone(BERLIN).hour) for o in occ if o.subject == "Trip"]
    assert trip == [(0, 0)] * 3


def test_a_sign_in_while_editing_keeps_my_colleagues_answers(store):
    start = datetime(2026, 3, 27, 10, tzinfo=BERLIN)
    bob = {"kind": "user", "id": "2", "name": "bob", "email": "bob@example.com", "answer": "needs-action"}
    a = store.diary.add(subject="Demo", start=start, end=start + timedelta(hours=1), participants=[bob])
    store.diary.answer(a.uid, "declined", user_id=2)
    store.diary.update(a.uid, participants=[dict(bob, answer="accepted")])  # a stale or forged answer
    assert [p["answer"] for p in store.diary.get(a.uid).participants] == ["declined"]
