"""RECURRENCE-ID;RANGE=THISANDFUTURE (issue 15, point 3): the series is split where it says,
as the editor's "this and the following" does: the old part ends before it, a new series from
it takes the override's time and text. Files are written here, not copied from a corpus."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from whitephone.store import Store

NY = ZoneInfo("America/New_York")

HEAD = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Split//EN\r
BEGIN:VTIMEZONE\r
TZID:America/New_York\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
DTSTART:20070311T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
TZNAME:EDT\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
DTSTART:20071104T020000\r
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
TZNAME:EST\r
END:STANDARD\r
END:VTIMEZONE\r
"""

MASTER = """BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=America/New_York:20260302T090000\r
DTEND;TZID=America/New_York:20260302T093000\r
RRULE:FREQ=WEEKLY;COUNT=6\r
SUMMARY:Team sync\r
LOCATION:Room A\r
END:VEVENT\r
"""


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), NY)


@pytest.fixture
def diary(tmp_path):
    s = Store(tmp_path / "wp.db")
    s.diary.default_timezone = "America/New_York"
    yield s.diary
    s.close()


def load(diary, tmp_path, *events: str) -> dict:
    path = tmp_path / "cal.ics"
    path.write_bytes((HEAD + "".join(events) + "END:VCALENDAR\r\n").encode())
    return diary.import_ics(path)


def occurrences(diary):
    return diary.occurrences(at(date(2026, 2, 1), 0), at(date(2026, 6, 1), 0))


def test_this_and_future_splits_the_series_across_the_clock_change(diary, tmp_path):
    split = """BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20260316T090000\r
DTSTART;TZID=America/New_York:20260316T100000\r
DTEND;TZID=America/New_York:20260316T110000\r
SUMMARY:Team sync (new time)\r
LOCATION:Room B\r
END:VEVENT\r
"""
    report = load(diary, tmp_path, MASTER, split)
    assert report["errors"] == [] and report["imported"] == 2
    occs = occurrences(diary)
    before = [o for o in occs if o.subject == "Team sync"]
    after = [o for o in occs if o.subject == "Team sync (new time)"]
    # 2 and 9 March at 09:00 (EST, then EDT from 8 March), from 16 March on at 10:00 for an hour
    assert [(o.start.day, o.start.astimezone(NY).hour) for o in before] == [(2, 9), (9, 9)]
    assert [(o.start.month, o.start.day) for o in after] == [(3, 16), (3, 23), (3, 30), (4, 6)]
    assert {o.start.astimezone(NY).hour for o in after} == {10}
    assert {(o.end - o.start).seconds for o in after} == {3600}
    assert {o.appointment.place for o in after} == {"Room B"}
    assert len({o.uid for o in after}) == 1 and after[0].uid != before[0].uid
    # imported again: the same two series, nothing new (the new part has a stable UID)
    again = load(diary, tmp_path, MASTER, split)
    assert (again["imported"], again["skipped"]) == (0, 2)


def test_a_plain_override_after_the_split_lands_in_the_new_part(diary, tmp_path):
    split = """BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;TZID=America/New_York;RANGE=THISANDFUTURE:20260316T090000\r
DTSTART;TZID=America/New_York:20260316T090000\r
DTEND;TZID=America/New_York:20260316T093000\r
SUMMARY:Team sync v2\r
END:VEVENT\r
"""
    moved = """BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;TZID=America/New_York:20260330T090000\r
DTSTART;TZID=America/New_York:20260331T140000\r
DTEND;TZID=America/New_York:20260331T143000\r
SUMMARY:Team sync v2 (Tuesday)\r
END:VEVENT\r
"""
    report = load(diary, tmp_path, moved, MASTER, split)  # order in the file does not matter
    assert report["errors"] == []
    occs = occurrences(diary)
    assert [(o.subject, o.start.month, o.start.day) for o in occs] == [
        ("Team sync", 3, 2), ("Team sync", 3, 9), ("Team sync v2", 3, 16), ("Team sync v2", 3, 23),
        ("Team sync v2 (Tuesday)", 3, 31), ("Team sync v2", 4, 6)]


def test_this_and_future_from_the_first_occurrence_changes_the_whole_series(diary, tmp_path):
    split = """BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20260302T090000\r
DTSTART;TZID=America/New_York:20260302T080000\r
DTEND;TZID=America/New_York:20260302T083000\r
SUMMARY:Early sync\r
END:VEVENT\r
"""
    report = load(diary, tmp_path, MASTER, split)
    assert report["errors"] == [] and report["imported"] == 1
    occs = occurrences(diary)
    assert len(occs) == 6 and {(o.subject, o.start.astimezone(NY).hour) for o in occs} == {("Early sync", 8)}


def test_a_this_and_future_of_no_occurrence_is_that_items_error(diary, tmp_path):
    split = """BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20260317T090000\r
DTSTART;TZID=America/New_York:20260317T100000\r
DTEND;TZID=America/New_York:20260317T110000\r
SUMMARY:Nowhere\r
END:VEVENT\r
"""
    report = load(diary, tmp_path, MASTER, split)
    assert report["imported"] == 1 and len(report["errors"]) == 1
    err = report["errors"][0]
    assert "THISANDFUTURE" in err["reason"] and err["item"] == 2 and err["line"] > 20
    assert len(occurrences(diary)) == 6  # the series is kept whole
