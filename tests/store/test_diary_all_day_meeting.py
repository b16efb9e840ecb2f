"""Review (issue 15): an all-day phone meeting ("call Jim on Friday") in automatic mode is
dialled at 00:00 local time (its start), in the middle of the night."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from whitephone.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.db")
    s.diary.default_timezone = "Europe/Berlin"
    yield s
    s.close()


def test_an_all_day_automatic_meeting_is_not_dialled_at_midnight(store):
    day = datetime(2026, 3, 27, tzinfo=BERLIN)
    store.diary.add(subject="Call Jim", start=day, end=day + timedelta(days=1), all_day=True,
                    meeting={"number": "+44 20 7946 0000", "mode": "automatic"})
    due = store.diary.meetings_starting(day + timedelta(minutes=1))
    assert not [o for o in due if o.meeting["mode"] == "automatic"], \
        "the all-day automatic phone meeting is dialled at 00:01"

