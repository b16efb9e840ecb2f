"""Review (issue 15): reminders and phone meetings are remembered as done by (uid, occurrence
key), and a single appointment's key is always "". Move it (drag in the week view) to another
day after its reminder was shown, or after its meeting was started, and the new time never gets
a reminder, and the automatic phone meeting is never dialled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from whitephone.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.db")
    s.diary.default_timezone = "UTC"
    yield s
    s.close()


def test_a_moved_appointment_is_reminded_again_at_its_new_time(store):
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    a = store.diary.add(subject="Call back Acme", start=soon, end=soon + timedelta(minutes=30), remind_minutes=15)
    due = store.diary.due_reminders(soon - timedelta(minutes=15))
    assert [o.subject for o, _ in due] == ["Call back Acme"]
    store.diary.mark_reminded(o for o, _ in due)
    # the customer asks for tomorrow instead: the appointment is dragged one day on
    tomorrow = soon + timedelta(days=1)
    store.diary.move(a.uid, tomorrow, tomorrow + timedelta(minutes=30))
    due = store.diary.due_reminders(tomorrow - timedelta(minutes=15))
    assert [o.subject for o, _ in due] == ["Call back Acme"], "the moved appointment is never reminded again"


def test_a_moved_phone_meeting_is_dialled_at_its_new_time(store):
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    a = store.diary.add(subject="Board call", start=now, end=now + timedelta(minutes=30),
                        meeting={"number": "+44 20 7946 0000", "mode": "automatic"})
    started = store.diary.meetings_starting(now)
    assert [o.subject for o in started] == ["Board call"]
    store.diary.mark_meeting_started(started)
    # nobody answered; the meeting is moved to the next day
    tomorrow = now + timedelta(days=1)
    store.diary.move(a.uid, tomorrow, tomorrow + timedelta(minutes=30))
    assert [o.subject for o in store.diary.meetings_starting(tomorrow)] == ["Board call"], \
        "the moved phone meeting is never started again"
