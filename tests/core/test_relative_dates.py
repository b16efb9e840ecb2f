"""core/relative_dates.py: which day a time falls on, relative to now."""

from __future__ import annotations

import datetime as dt

import pytest

from whitephone.core.relative_dates import day_kind, local_time, relative_text

NOW = dt.datetime(2026, 12, 5, 15, 30).astimezone()  # a Saturday


def at(days: int, hour: int = 14, minute: int = 5) -> dt.datetime:
    d = NOW.date() + dt.timedelta(days=days)
    return dt.datetime(d.year, d.month, d.day, hour, minute).astimezone()


@pytest.mark.parametrize("days, kind, text", [
    (0, "today", "Today 14:05"), (-1, "yesterday", "Yesterday 14:05"), (1, "tomorrow", "Tomorrow 14:05"),
    (-2, "weekday", "Thu 14:05"), (-6, "weekday", "Sun 14:05"), (5, "date", "2026-12-10 14:05"),
    (-7, "date", "2026-11-28 14:05"), (30, "date", "2027-01-04 14:05"),
])
def test_kinds_and_plain_text(days, kind, text):
    assert day_kind(at(days), NOW) == kind
    assert relative_text(at(days), NOW) == text


def test_just_after_midnight_is_today_and_just_before_is_yesterday():
    assert day_kind(at(0, 0, 0), NOW) == "today"
    assert day_kind(at(-1, 23, 59), NOW) == "yesterday"


def test_inputs_the_store_keeps():
    utc = at(0).astimezone(dt.UTC)
    for value in (utc.isoformat(), utc.isoformat().replace("+00:00", "Z"), utc.timestamp(),
                  utc.replace(tzinfo=None).isoformat(), utc):
        assert local_time(value) == at(0), value
    assert relative_text(utc.isoformat(), NOW) == "Today 14:05"


def test_nothing_and_what_is_no_time():
    assert relative_text(None, NOW) == "" and relative_text("", NOW) == ""
    assert relative_text("soon", NOW) == "soon"
