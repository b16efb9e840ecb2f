"""Series edits in the cases a review found broken: "This and the following" (store.diary
update_occurrence / core.diary.split_series) and .ics RECURRENCE-ID;RANGE=THISANDFUTURE."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from whitephone.core import diary as core
from whitephone.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def diary(tmp_path):
    s = Store(tmp_path / "wp.db")
    s.diary.default_timezone = "Europe/Berlin"
    yield s.diary
    s.close()


def days(diary, uid: str, lo: datetime, hi: datetime) -> list[str]:
    return [o.start.astimezone(BERLIN).strftime("%a %d %b") for o in core.expand(diary.get(uid), lo, hi)]


def test_this_and_following_on_a_count_series_with_a_deleted_occurrence_adds_one(diary):
    """A daily stand-up of 10 (Mon 4 - Wed 13 Jan), Tue 5 deleted: 9 meetings. The user edits
    Fri 8 "This and the following" (new subject). Expected: the series still ends Wed 13 (4, 6, 7
    then 8..13: 9 meetings). Seen: the new part runs to Thu 14, one meeting more than before,
    because the COUNT share-out counts the occurrences left after EXDATE, while RFC 5545 counts
    COUNT before EXDATE removes any."""
    st = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
    a = diary.add(subject="Stand-up", start=st, end=st + timedelta(minutes=15), rrule="FREQ=DAILY;COUNT=10",
                  timezone="Europe/Berlin")
    diary.delete(a.uid, recurrence_id=st + timedelta(days=1))
    lo, hi = st - timedelta(days=1), st + timedelta(days=40)
    before = days(diary, a.uid, lo, hi)
    assert len(before) == 9
    new = diary.update_occurrence(a.uid, st + timedelta(days=4), "following", subject="Stand-up (new room)")
    after = days(diary, a.uid, lo, hi) + days(diary, new.uid, lo, hi)
    assert after == before, f"{len(before)} meetings became {len(after)}: {after}"


def test_this_and_following_moved_to_another_weekday_keeps_the_old_weekday(diary):
    """A weekly Monday meeting (FREQ=WEEKLY;BYDAY=MO, as Google and Outlook write every weekly
    rule). From Mon 18 Jan on it moves to Tuesdays: the user drags/edits Mon 18 to Tue 19 and
    picks "This and the following". Expected: Tue 19, Tue 26, Tue 2 Feb... Seen: Tue 19 itself
    vanishes (the new series' rule still says BYDAY=MO, so its own start is no occurrence) and the
    meetings go on on Mondays 25 Jan, 1 Feb..., exactly where the user no longer has them."""
    st = datetime(2027, 1, 4, 9, tzinfo=BERLIN)  # a Monday
    a = diary.add(subject="Weekly", start=st, end=st + timedelta(hours=1), rrule="FREQ=WEEKLY;BYDAY=MO",
                  timezone="Europe/Berlin")
    tue = st + timedelta(days=15)
    new = diary.update_occurrence(a.uid, st + timedelta(days=14), "following", start=tue, end=tue + timedelta(hours=1))
    got = days(diary, new.uid, st, st + timedelta(days=36))
    assert got == ["Tue 19 Jan", "Tue 26 Jan", "Tue 02 Feb"], got


ICS_WEEKLY_SPLIT = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Review//Split//EN\r
BEGIN:VEVENT\r
UID:weekly-review@example.com\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Europe/Berlin:20270104T090000\r
DTEND;TZID=Europe/Berlin:20270104T100000\r
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6\r
EXDATE;TZID=Europe/Berlin:20270111T090000\r
SUMMARY:Weekly\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly-review@example.com\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20270118T090000\r
DTSTART;TZID=Europe/Berlin:20270119T090000\r
DTEND;TZID=Europe/Berlin:20270119T100000\r
SUMMARY:Weekly (Tuesdays)\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_this_and_future_to_tuesday_keeps_mondays_and_one_too_many(diary, tmp_path):
    """An .ics series of 6 Mondays (4 Jan - 8 Feb, 11 Jan excepted) whose RANGE=THISANDFUTURE
    override moves it to Tuesdays from 18 Jan. The sender's calendar shows Mon 4, then Tue 19,
    Tue 26, Tue 2 Feb, Tue 9 Feb. After the import the diary shows Mon 25 Jan ... Mon 22 Feb:
    Tuesday 19 is lost, the rest stay on Mondays, and there is a fifth one (the EXDATE is not
    counted in the COUNT share-out)."""
    p = tmp_path / "weekly.ics"
    p.write_text(ICS_WEEKLY_SPLIT, newline="")
    res = diary.import_ics([p])
    assert res["errors"] == [], res
    occ = diary.occurrences(datetime(2027, 1, 1, tzinfo=BERLIN), datetime(2027, 3, 1, tzinfo=BERLIN))
    got = [o.start.astimezone(BERLIN).strftime("%a %d %b") for o in occ]
    assert got == ["Mon 04 Jan", "Tue 19 Jan", "Tue 26 Jan", "Tue 02 Feb", "Tue 09 Feb"], got


def ev(extra: str) -> str:
    return "BEGIN:VEVENT\r\nUID:daily-review@example.com\r\nDTSTAMP:20260101T000000Z\r\n" + extra + "END:VEVENT\r\n"


def test_ics_override_after_a_time_changing_split_doubles_that_day(diary, tmp_path):
    """A daily 09:00 series (8 days from Mon 4 Jan); from Wed 6 on it is at 10:00
    (RANGE=THISANDFUTURE); Saturday's meeting was then moved to 12:00, named as RFC 5545 names an
    instance, by its original start (RECURRENCE-ID 20270109T090000). The sender's calendar shows one
    meeting on Saturday, at 12:00. After the import the diary shows two on Saturday: "Daily at 10"
    at 10:00 and "Saturday special" at 12:00 (the override matched no occurrence of the new part
    and was added as an extra date)."""
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Review//Split//EN\r\n"
           + ev("DTSTART;TZID=Europe/Berlin:20270104T090000\r\nDTEND;TZID=Europe/Berlin:20270104T093000\r\n"
                "RRULE:FREQ=DAILY;COUNT=8\r\nSUMMARY:Daily\r\n")
           + ev("RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20270106T090000\r\n"
                "DTSTART;TZID=Europe/Berlin:20270106T100000\r\nDTEND;TZID=Europe/Berlin:20270106T103000\r\n"
                "SUMMARY:Daily at 10\r\n")
           + ev("RECURRENCE-ID;TZID=Europe/Berlin:20270109T090000\r\n"
                "DTSTART;TZID=Europe/Berlin:20270109T120000\r\nDTEND;TZID=Europe/Berlin:20270109T123000\r\n"
                "SUMMARY:Saturday special\r\n")
           + "END:VCALENDAR\r\n")
    p = tmp_path / "daily.ics"
    p.write_text(ics, newline="")
    res = diary.import_ics([p])
    assert res["errors"] == [], res
    occ = diary.occurrences(datetime(2027, 1, 9, tzinfo=BERLIN), datetime(2027, 1, 10, tzinfo=BERLIN))
    got = [(o.subject, o.start.astimezone(BERLIN).strftime("%H:%M")) for o in occ]
    assert got == [("Saturday special", "12:00")], got


def test_this_and_following_from_a_moved_occurrence_moves_all_that_follow(diary):
    """Wednesday's 09:00 stand-up alone was moved to 15:00 (dragged, "This occurrence"). On that
    Wednesday the user changes only the place to "Room 2", "This and the following". Expected:
    Thursday and Friday stay at 09:00 in Room 2. Seen: they are all at 15:00 now (the new part
    starts at the moved time and shifts the whole rest by the one-off move)."""
    st = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
    a = diary.add(subject="Stand-up", start=st, end=st + timedelta(minutes=15), rrule="FREQ=DAILY;COUNT=5",
                  timezone="Europe/Berlin", place="Room 1")
    wed = st + timedelta(days=2)
    diary.move(a.uid, wed + timedelta(hours=6), wed + timedelta(hours=6, minutes=15), recurrence_id=wed)
    new = diary.update_occurrence(a.uid, wed, "following", place="Room 2")
    got = {o.start.astimezone(BERLIN).strftime("%a %H:%M") for o in core.expand(
        diary.get(new.uid), st, st + timedelta(days=10)) if o.start.astimezone(BERLIN).day in (7, 8)}
    assert got == {"Thu 09:00", "Fri 09:00"}, got


def test_this_and_following_from_an_extra_date_moves_the_series_to_it(diary):
    """A weekly Monday 09:00 review with one extra date, Wed 13 Jan 14:00 (RDATE, as calendars
    write an added meeting). On that Wednesday the user changes only the place, "This and the
    following". Expected: the Mondays 18 and 25 Jan stay Mondays at 09:00. Seen: the new part
    starts at the extra date, so the weekly rule now runs on Wednesdays at 14:00."""
    st = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
    extra = datetime(2027, 1, 13, 14, tzinfo=BERLIN)
    a = diary.add(subject="Review", start=st, end=st + timedelta(hours=1), rrule="FREQ=WEEKLY;COUNT=5",
                  timezone="Europe/Berlin", rdates=[extra])
    new = diary.update_occurrence(a.uid, extra, "following", place="Room 2")
    got = days(diary, a.uid, st, st + timedelta(days=30)) + days(diary, new.uid, st, st + timedelta(days=30))
    assert "Mon 18 Jan" in got and "Mon 25 Jan" in got, got


def test_reimporting_an_updated_calendar_whose_split_moved_doubles_the_meetings(diary, tmp_path):
    """A daily 09:00 series of 8 (4-11 Jan) that moved to 10:00 from Wed 6 (RANGE=THISANDFUTURE)
    is imported. The sender then changes it: 10:00 only from Fri 8 on. The user imports the new
    export with --on-duplicate update. Expected: 8 meetings (4-7 at 09:00, 8-11 at 10:00). Seen:
    14: the part split off at 6 Jan by the first import stays and overlaps both the updated series
    and the new part (6 Jan to 11 Jan twice)."""
    def split(day: int) -> str:
        return ev(f"RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:202701{day:02d}T090000\r\n"
                  f"DTSTART;TZID=Europe/Berlin:202701{day:02d}T100000\r\n"
                  f"DTEND;TZID=Europe/Berlin:202701{day:02d}T103000\r\nSUMMARY:Daily at 10\r\n")

    master = ev("DTSTART;TZID=Europe/Berlin:20270104T090000\r\nDTEND;TZID=Europe/Berlin:20270104T093000\r\n"
                "RRULE:FREQ=DAILY;COUNT=8\r\nSUMMARY:Daily\r\n")
    for i, day in enumerate((6, 8)):
        p = tmp_path / f"v{i}.ics"
        p.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Review//Split//EN\r\n" + master + split(day)
                     + "END:VCALENDAR\r\n", newline="")
        assert diary.import_ics([p], on_duplicate="update")["errors"] == []
    occ = diary.occurrences(datetime(2027, 1, 1, tzinfo=BERLIN), datetime(2027, 2, 1, tzinfo=BERLIN))
    got = [o.start.astimezone(BERLIN).strftime("%d %H:%M") for o in occ]
    assert got == ["04 09:00", "05 09:00", "06 09:00", "07 09:00", "08 10:00", "09 10:00", "10 10:00",
                   "11 10:00"], got


def test_an_occurrence_edit_with_a_text_field_that_is_not_text_is_refused(diary):
    from whitephone.store.diary import DiaryError

    st = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
    a = diary.add(subject="Stand-up", start=st, end=st + timedelta(minutes=15), rrule="FREQ=DAILY;COUNT=5")
    for scope in ("this", "following"):
        with pytest.raises(DiaryError, match="subject must be text"):
            diary.update_occurrence(a.uid, st + timedelta(days=1), scope, subject=5)
    with pytest.raises(DiaryError, match="place must be text"):
        diary.update(a.uid, place=["Room 2"])


def test_a_rule_with_interval_0_is_refused_in_the_diary_too(diary):
    from whitephone.store.diary import DiaryError

    st = datetime(2027, 1, 4, 9, tzinfo=BERLIN)
    with pytest.raises(DiaryError, match="INTERVAL"):
        diary.add(subject="Spin", start=st, end=st + timedelta(minutes=5), rrule="FREQ=DAILY;INTERVAL=0")
