"""Editing one occurrence of a series (issue 15, point 2): this occurrence only (an override with
its RECURRENCE-ID), this and the following ones (the series split), and what cannot differ for
one occurrence refused with the reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from whitephone.core.diary import DiaryError
from whitephone.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), BERLIN)


@pytest.fixture
def diary(tmp_path):
    s = Store(tmp_path / "wp.db")
    s.diary.default_timezone = "Europe/Berlin"
    yield s.diary
    s.close()


def series(diary, **kw):
    # daily at 09:00 across the clocks going forward (Sunday 29 March 2026)
    return diary.add(subject="Stand-up", start=at(date(2026, 3, 25), 9), end=at(date(2026, 3, 25), 9, 15),
                     timezone="Europe/Berlin", place="Room 1", rrule="FREQ=DAILY;COUNT=10", remind_minutes=5, **kw)


def day_view(diary, uid=None):
    occs = diary.occurrences(at(date(2026, 3, 1), 0), at(date(2026, 5, 1), 0))
    return [o for o in occs if uid is None or o.uid == uid]


def test_this_occurrence_keeps_its_own_time_subject_and_place(diary):
    a = series(diary)
    rid = at(date(2026, 3, 27), 9)
    diary.update_occurrence(a.uid, rid, "this", start=at(date(2026, 3, 27), 11), end=at(date(2026, 3, 27), 12),
                            subject="Stand-up with the board", place="Board room")
    occs = day_view(diary)
    assert len(occs) == 10 and len({o.uid for o in occs}) == 1
    fri = next(o for o in occs if o.recurrence_id == rid)
    assert (fri.start, fri.end, fri.subject) == (at(date(2026, 3, 27), 11), at(date(2026, 3, 27), 12),
                                                 "Stand-up with the board")
    stored = diary.get(a.uid)
    assert stored.overrides[fri.key]["place"] == "Board room"
    assert {o.subject for o in occs if o.recurrence_id != rid} == {"Stand-up"}
    assert all(o.start.astimezone(BERLIN).hour == 9 for o in occs if o.recurrence_id != rid)
    # the same place again: no difference kept; an unchanged field is not an override
    diary.update_occurrence(a.uid, rid, "this", place="Room 1")
    assert "place" not in diary.get(a.uid).overrides[fri.key]


def test_this_occurrence_refuses_what_only_a_series_has(diary):
    a = series(diary)
    rid = at(date(2026, 3, 27), 9)
    with pytest.raises(DiaryError, match="remind_minutes apply to the whole series"):
        diary.update_occurrence(a.uid, rid, "this", remind_minutes=60)
    with pytest.raises(DiaryError, match="rrule"):
        diary.update_occurrence(a.uid, rid, "this", rrule="FREQ=WEEKLY")
    # the same rule written another way is no change
    diary.update_occurrence(a.uid, rid, "this", rrule="RRULE:FREQ=DAILY;COUNT=10", subject="Moved")
    with pytest.raises(DiaryError, match="not part of the series"):
        diary.update_occurrence(a.uid, at(date(2026, 3, 27), 10), "this", subject="x")
    with pytest.raises(DiaryError, match="subject"):
        diary.update_occurrence(a.uid, rid, "this", subject="  ")
    diary.delete(a.uid, recurrence_id=at(date(2026, 3, 30), 9))
    with pytest.raises(DiaryError, match="not part of the series"):
        diary.update_occurrence(a.uid, at(date(2026, 3, 30), 9), "this", subject="x")
    assert [o.subject for o in day_view(diary) if o.recurrence_id == rid] == ["Moved"]


def test_this_and_following_splits_the_series_across_the_clock_change(diary):
    a = series(diary)
    rid = at(date(2026, 3, 28), 9)  # Saturday; the clocks go forward that night
    new = diary.update_occurrence(a.uid, rid, "following", start=at(date(2026, 3, 28), 10),
                                  end=at(date(2026, 3, 28), 10, 30), subject="Late stand-up", place="Room 2",
                                  rrule="FREQ=DAILY;COUNT=10", remind_minutes=15)
    assert new.uid != a.uid
    old = day_view(diary, a.uid)
    rest = day_view(diary, new.uid)
    assert [o.start.day for o in old] == [25, 26, 27]
    # COUNT shared out: 3 before, 7 from the split; 10:00 wall clock on both sides of the change
    assert [o.start.day for o in rest] == [28, 29, 30, 31, 1, 2, 3]
    assert {o.start.astimezone(BERLIN).hour for o in rest} == {10}
    assert {(o.end - o.start) for o in rest} == {timedelta(minutes=30)}
    got = diary.get(new.uid)
    assert (got.subject, got.place, got.remind_minutes) == ("Late stand-up", "Room 2", 15)
    assert diary.get(a.uid).subject == "Stand-up" and diary.get(a.uid).remind_minutes == 5


def test_this_and_following_keeps_later_changes_and_exceptions(diary):
    a = series(diary)
    diary.delete(a.uid, recurrence_id=at(date(2026, 3, 31), 9))  # an exception after the split
    diary.update_occurrence(a.uid, at(date(2026, 4, 1), 9), "this", subject="Special")
    new = diary.update_occurrence(a.uid, at(date(2026, 3, 27), 9), "following", start=at(date(2026, 3, 27), 8),
                                  end=at(date(2026, 3, 27), 8, 15), subject="Early")
    rest = day_view(diary, new.uid)
    assert 31 not in [o.start.day for o in rest if o.start.month == 3]
    special = [o for o in rest if o.start.month == 4 and o.start.day == 1]
    assert [(o.subject, o.start.astimezone(BERLIN).hour) for o in special] == [("Special", 8)]


def test_this_and_following_from_the_first_occurrence_leaves_nothing_behind(diary):
    a = series(diary)
    new = diary.update_occurrence(a.uid, at(date(2026, 3, 25), 9), "following", subject="Renamed")
    assert day_view(diary, a.uid) == []
    assert len(day_view(diary, new.uid)) == 10


def test_an_occurrence_edit_of_a_single_appointment_is_refused(diary):
    a = diary.add(subject="Once", start=at(date(2026, 3, 25), 9), end=at(date(2026, 3, 25), 10))
    with pytest.raises(DiaryError, match="does not repeat"):
        diary.update_occurrence(a.uid, a.start, "this", subject="x")
    with pytest.raises(DiaryError, match="scope"):
        diary.update_occurrence(a.uid, a.start, "everything", subject="x")


def test_an_overridden_place_goes_out_to_ics_and_comes_back(diary, tmp_path):
    a = series(diary)
    rid = at(date(2026, 3, 27), 9)
    diary.update_occurrence(a.uid, rid, "this", place="Board room", description="numbers")
    path = tmp_path / "out.ics"
    diary.export_ics(path)
    text = path.read_text()
    assert "RECURRENCE-ID" in text and "Board room" in text
    diary.delete(a.uid)
    diary.import_ics(path)
    [back] = diary.all()
    ov = back.overrides[rid.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")]
    assert ov["place"] == "Board room" and ov["description"] == "numbers"
