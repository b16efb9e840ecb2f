"""The diary in the local store: recurrence across daylight-saving changes, moved and cancelled
occurrences, splitting a series, reminders (once, also after the app was closed), phone meetings
due, and clear refusals of bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from whitephone.store import Store
from whitephone.store.diary import DiaryError

BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.db")
    s.diary.default_timezone = "Europe/Berlin"
    yield s
    s.close()


@pytest.mark.parametrize(("zone", "change_day"), [(BERLIN, 29), (NEW_YORK, 8)])
def test_a_daily_series_keeps_its_wall_time_across_the_dst_change(store, zone, change_day):
    month = 3
    start = datetime(2026, month, change_day - 2, 9, 0, tzinfo=zone)
    a = store.diary.add(subject="Standup", start=start, end=start + timedelta(minutes=15),
                        timezone=zone.key, rrule="FREQ=DAILY;COUNT=5")
    occ = store.diary.occurrences(start - timedelta(days=1), start + timedelta(days=10))
    assert [o.start.astimezone(zone).strftime("%d %H:%M") for o in occ] == [
        f"{change_day - 2 + i:02d} 09:00" for i in range(5)]
    offsets = {o.start.astimezone(zone).day: o.start.astimezone(zone).utcoffset() for o in occ}
    assert offsets[change_day - 1] + timedelta(hours=1) == offsets[change_day]  # same wall time, new offset
    assert all(o.end - o.start == timedelta(minutes=15) for o in occ)
    assert all(o.uid == a.uid and o.recurrence_id == o.start for o in occ)


def test_an_all_day_series_stays_on_whole_days_across_the_change(store):
    a = store.diary.add(subject="Trade fair", start=datetime(2026, 3, 28, tzinfo=BERLIN), all_day=True,
                        timezone="Europe/Berlin", rrule="FREQ=DAILY;UNTIL=20260330")
    occ = store.diary.occurrences(datetime(2026, 3, 1, tzinfo=BERLIN), datetime(2026, 5, 1, tzinfo=BERLIN))
    hours = [(o.end.timestamp() - o.start.timestamp()) / 3600 for o in occ]
    assert [(o.start.day, o.start.hour) for o in occ] == [(28, 0), (29, 0), (30, 0)]
    assert hours == [24, 23, 24]  # the day summer time starts is 23 hours long
    assert all(o.all_day for o in occ) and occ[0].appointment.uid == a.uid


def test_one_occurrence_moved_one_cancelled_and_a_moved_one_found_in_its_new_week(store):
    start = datetime(2026, 4, 6, 10, 0, tzinfo=BERLIN)  # a Monday
    a = store.diary.add(subject="Review", start=start, end=start + timedelta(hours=1),
                        timezone="Europe/Berlin", rrule="FREQ=WEEKLY;COUNT=4")
    store.diary.delete(a.uid, recurrence_id=start + timedelta(weeks=1))
    # the third Monday's review moves to the Saturday before the first one
    store.diary.move(a.uid, datetime(2026, 4, 4, 16, 0, tzinfo=BERLIN), datetime(2026, 4, 4, 17, 0, tzinfo=BERLIN),
                     recurrence_id=start + timedelta(weeks=2))
    occ = store.diary.occurrences(datetime(2026, 4, 1, tzinfo=BERLIN), datetime(2026, 5, 1, tzinfo=BERLIN))
    assert [(o.start.day, o.start.hour, o.moved) for o in occ] == [(4,16, True), (6, 10, False), (27, 10, False)]
    assert occ[0].recurrence_id == start + timedelta(weeks=2)
    # asking only for the week it moved to still finds it; the week it left is empty
    first_week = store.diary.occurrences(datetime(2026, 4, 1, tzinfo=BERLIN), datetime(2026, 4, 5, tzinfo=BERLIN))
    assert [o.subject for o in first_week] == ["Review"]
    assert store.diary.occurrences(datetime(2026, 4, 19, tzinfo=BERLIN), datetime(2026, 4, 21, tzinfo=BERLIN)) == []
    with pytest.raises(DiaryError, match="not part of the series"):
        store.diary.delete(a.uid, recurrence_id=start + timedelta(hours=1))


def test_this_and_following_splits_the_series(store):
    start = datetime(2026, 5, 4, 9, 0, tzinfo=BERLIN)
    a = store.diary.add(subject="Course", start=start, end=start + timedelta(hours=2),
                        timezone="Europe/Berlin", rrule="FREQ=WEEKLY;COUNT=6")
    new = store.diary.move(a.uid, start + timedelta(weeks=3, hours=5), start + timedelta(weeks=3, hours=7),
                           recurrence_id=start + timedelta(weeks=3), this_and_following=True)
    assert new.uid != a.uid and new.rrule == "FREQ=WEEKLY;COUNT=3"
    occ = store.diary.occurrences(start - timedelta(days=1), start + timedelta(weeks=8))
    assert [(o.uid == a.uid, o.start.day, o.start.hour) for o in occ] == [
        (True, 4, 9), (True, 11, 9), (True, 18, 9), (False, 25, 14), (False, 1, 14), (False, 8, 14)]


def test_moving_a_whole_appointment_and_resizing(store):
    start = datetime(2026, 6, 1, 9, 0, tzinfo=BERLIN)
    a = store.diary.add(subject="Call back Mr Smith", start=start, end=start + timedelta(minutes=30))
    moved = store.diary.move(a.uid, start + timedelta(hours=6), start + timedelta(hours=7))
    assert (moved.start.hour, moved.end.hour) == (15, 16)
    assert store.diary.occurrences(start, start + timedelta(hours=2)) == []
    assert store.diary.get(a.uid).start == start + timedelta(hours=6)
    with pytest.raises(DiaryError, match="end before"):
        store.diary.move(a.uid, start, start - timedelta(hours=1))


def test_reminders_are_due_once_also_those_due_while_the_app_was_closed(tmp_path):
    path = tmp_path / "store.db"
    s = Store(path)
    s.diary.default_timezone = "UTC"
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=3)
    a = s.diary.add(subject="Demo", start=soon, end=soon + timedelta(hours=1), remind_minutes=15,
                    rrule="FREQ=DAILY;COUNT=3")
    s.diary.add(subject="No reminder", start=soon, end=soon + timedelta(hours=1))
    assert s.diary.due_reminders(soon - timedelta(minutes=16)) == []
    due = s.diary.due_reminders(soon - timedelta(minutes=15))
    assert [(o.subject, at) for o, at in due] == [("Demo", soon - timedelta(minutes=15))]
    s.diary.mark_reminded(o for o, _ in due)
    assert s.diary.due_reminders(soon) == []
    s.close()
    # the app was closed for two days: the two reminders missed meanwhile come once at start
    s = Store(path)
    later = soon + timedelta(days=2, hours=2)
    due = s.diary.due_reminders(later)
    assert [o.start for o, _ in due] == [soon + timedelta(days=1), soon + timedelta(days=2)]
    s.diary.mark_reminded([(a.uid, o.recurrence_id) for o, _ in due])
    assert s.diary.due_reminders(later) == []
    s.close()


def test_a_past_appointment_added_now_brings_no_reminder(store):
    past = datetime(2020, 1, 1, 10, 0, tzinfo=UTC)
    store.diary.add(subject="Old", start=past, end=past + timedelta(hours=1), remind_minutes=5)
    assert store.diary.due_reminders(past) == []


def test_phone_meetings_starting_now_once(store):
    now = datetime.now(UTC).replace(microsecond=0)
    auto = store.diary.add(subject="Board call", start=now - timedelta(minutes=1), end=now + timedelta(minutes=30),
                           meeting={"number": "+44 20 7946 0000", "mode": "automatic", "notes": "agenda"})
    store.diary.add(subject="Ask Jim", start=now, end=now + timedelta(minutes=10),
                    meeting={"number": "sip:jim@example.com"})
    store.diary.add(subject="Later", start=now + timedelta(hours=1), end=now + timedelta(hours=2),
                    meeting={"number": "123", "mode": "automatic"})
    starting = store.diary.meetings_starting(now)
    assert [(o.subject, o.meeting["mode"]) for o in starting] == [("Board call", "automatic"), ("Ask Jim", "manual")]
    store.diary.mark_meeting_started(starting[:1])
    assert [o.subject for o in store.diary.meetings_starting(now)] == ["Ask Jim"]
    assert store.diary.get(auto.uid).meeting["notes"] == "agenda"


@pytest.mark.parametrize(("fields", "reason"), [
    ({"subject": "", "start": "2026-01-01T10:00"}, "needs a subject"),
    ({"subject": "x"}, "needs a start"),
    ({"subject": "x", "start": "yesterday"}, "not an ISO"),
    ({"subject": "x", "start": "2026-01-01T10:00", "end": "2026-01-01T09:00"}, "end before"),
    ({"subject": "x", "start": "2026-01-01T10:00", "remind_minutes": 7}, "reminder is one of"),
    ({"subject": "x", "start": "2026-01-01T10:00", "rrule": "FREQ=SOMETIMES"}, "bad repeat rule"),
    ({"subject": "x", "start": "2026-01-01T10:00", "timezone": "Mars/Olympus"}, "unknown time zone"),
    ({"subject": "x", "start": "2026-01-01T10:00", "meeting": {"mode": "automatic"}}, "needs a number"),
    ({"subject": "x", "start": "2026-01-01T10:00", "meeting": {"number": "1", "mode": "loud"}}, "manual or automatic"),
    ({"subject": "x", "start": "2026-01-01T10:00", "participants": [{"kind": "robot"}]}, "participant"),
    ({"subject": "x", "start": "2026-01-01T10:00", "colour": "red"}, "unknown appointment field"),
])
def test_bad_input_is_refused_with_a_reason_and_nothing_is_stored(store, fields, reason):
    with pytest.raises(DiaryError, match=reason):
        store.diary.add(**fields)
    assert store.diary.count() == 0 and store.outbox.count() == 0


def test_every_change_leaves_an_outbox_row_and_is_seen_by_a_watch(store):
    watch = store.watch_changes()
    watch.changed()
    a = store.diary.add(subject="x", start=datetime(2026, 1, 1, 10, tzinfo=BERLIN))
    assert watch.changed()
    store.diary.update(a.uid, place="Room 2")
    store.diary.delete(a.uid)
    rows = store.outbox.pending()
    assert [(r["entity"], r["op"]) for r in rows] == [("appointment", "upsert")] * 2 + [("appointment", "delete")]
    with pytest.raises(DiaryError, match="no longer exists"):
        store.diary.update(a.uid, place="Room 3")


def test_rows_from_the_hub_with_bad_dates_or_rules_never_break_a_pull(store):
    from whitephone.store.database import write_transaction
    from whitephone.store.sync_rows import AppointmentRows

    good = {"subject": "Good", "start": "2026-03-02T10:00:00+01:00", "end": "2026-03-02T11:00:00+01:00",
            "timezone": "Europe/Berlin", "exdates": ["garbage"], "overrides": [{"recurrence_id": "x", "start": "y"}]}
    with write_transaction(store.engine) as conn:
        AppointmentRows().upsert(conn, [
            ("u1", good),
            ("u2", {"subject": "No date", "start": "next week"}),
            ("u3", {**good, "subject": "Bad rule", "rrule": "FREQ=NEVER"}),
            ("u4", {**good, "subject": "Bad zone", "timezone": "Mars/Base"}),
        ])
    assert store.diary.get("u2") is None
    occ = store.diary.occurrences(datetime(2026, 3, 1, tzinfo=BERLIN), datetime(2026, 3, 3, tzinfo=BERLIN))
    assert sorted(o.subject for o in occ) == ["Bad zone", "Good"]  # the bad rule is kept, not shown
    assert store.diary.get("u3").subject == "Bad rule" and store.outbox.count() == 0
