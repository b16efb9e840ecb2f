"""The Diary views' plain-Python geometry: days shown, paging, local placement, overlaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whitephone.ui.diary import layout
from whitephone.ui.diary.editor import parse_rrule, rrule_text

LONDON = ZoneInfo("Europe/London")
NY = ZoneInfo("America/New_York")


@dataclass
class Occ:  # the fields of store.diary's Occurrence the layout reads
    subject: str
    start: datetime
    end: datetime
    all_day: bool = False
    uid: str = "u"
    recurrence_id: datetime | None = None


def test_visible_days_and_paging():
    tue = date(2026, 3, 24)
    assert layout.visible_days("day", tue) == [tue]
    week = layout.visible_days("week", tue)
    assert week[0] == date(2026, 3, 23) and len(week) == 7 and week[0].weekday() == 0
    month = layout.visible_days("month", tue)
    assert len(month) == 42 and month[0] == date(2026, 2, 23) and date(2026, 3, 31) in month
    assert layout.step("month", date(2026, 1, 31), 1) == date(2026, 2, 28)  # clamped, not 3 March
    assert layout.step("month", date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert layout.step("month", date(2026, 1, 15), -1) == date(2025, 12, 15)
    assert layout.step("week", tue, -1) == date(2026, 3, 17)
    assert layout.step("agenda", tue, 1) == date(2026, 4, 23)
    with pytest.raises(ValueError):
        layout.visible_days("year", tue)


def test_no_overlap_one_column_each():
    assert layout.pack_columns([(0, 60), (60, 120), (120, 180)]) == [(0, 1, 1)] * 3


def test_overlaps_side_by_side_and_stretch_into_free_columns():
    # A 10-11:30, B 10:30-11, C 11-12: B and C share column 1; A stays in column 0
    spans = [(600, 690), (630, 660), (660, 720)]
    assert layout.pack_columns(spans) == [(0, 1, 2), (1, 1, 2), (1, 1, 2)]
    # three all at once: three columns; a later one alone stretches over the group's width
    spans = [(0, 60), (0, 60), (0, 60), (30, 45), (200, 260)]
    cols = layout.pack_columns(spans)
    assert sorted(c for c, _s, _n in cols[:4]) == [0, 1, 2, 3] and all(n == 4 for _c, _s, n in cols[:4])
    assert cols[4] == (0, 1, 1)
    # D ends early, so E (after D, beside the long A) takes column 1 and may not stretch into B's
    spans = [(0, 120), (0, 30), (40, 120)]
    assert layout.pack_columns(spans) == [(0, 1, 2), (1, 1, 2), (1, 1, 2)]
    # a short one beside a long one in a wider group stretches over the free column to its right
    spans = [(0, 100), (0, 20), (0, 20), (50, 100)]
    packed = layout.pack_columns(spans)
    assert packed[3] == (1, 2, 3)


@given(st.lists(st.tuples(st.integers(0, 1400), st.integers(1, 300)), max_size=40))
def test_packing_never_puts_overlapping_spans_on_top_of_each_other(raw):
    spans = [(s, s + n) for s, n in raw]
    packed = layout.pack_columns(spans)
    for i, (a, (ci, si, ni)) in enumerate(zip(spans, packed, strict=True)):
        assert 0 <= ci < ni and ci + si <= ni
        for j in range(i + 1, len(spans)):
            b, (cj, sj, _nj) = spans[j], packed[j]
            if a[0] < b[1] and b[0] < a[1]:  # they overlap in time: their columns must not
                assert ci + si <= cj or cj + sj <= ci


def test_place_converts_timed_and_keeps_all_day_dates():
    o = Occ("call", datetime(2026, 3, 24, 14, 0, tzinfo=NY), datetime(2026, 3, 24, 15, 0, tzinfo=NY))
    p = layout.place(o, LONDON)
    assert (p.start.hour, p.first_day) == (18, date(2026, 3, 24))
    late = Occ("late", datetime(2026, 3, 24, 21, 0, tzinfo=NY), datetime(2026, 3, 24, 22, 0, tzinfo=NY))
    p = layout.place(late, LONDON)  # 01:00 the next day in London
    assert p.first_day == p.last_day == date(2026, 3, 25)
    fair = Occ("fair", datetime(2026, 3, 24, tzinfo=NY), datetime(2026, 3, 26, tzinfo=NY), all_day=True)
    p = layout.place(fair, LONDON)
    assert (p.first_day, p.last_day, p.all_day) == (date(2026, 3, 24), date(2026, 3, 25), True)
    overnight = Occ("night", datetime(2026, 3, 24, 22, tzinfo=UTC), datetime(2026, 3, 25, 2, tzinfo=UTC))
    days = layout.by_day([layout.place(overnight, UTC)], layout.visible_days("week", date(2026, 3, 24)))
    assert [d.day for d, items in days.items() if items] == [24, 25]
    p = layout.place(overnight, UTC)
    assert layout.minutes_in_day(p, date(2026, 3, 24)) == (22 * 60, 1440)
    assert layout.minutes_in_day(p, date(2026, 3, 25)) == (0, 120)


def test_wall_clock_minutes_on_a_daylight_saving_day():
    # 29 March 2026: London clocks go 01:00 -> 02:00; 10:00 is still drawn at 10:00
    o = Occ("after", datetime(2026, 3, 29, 10, tzinfo=LONDON), datetime(2026, 3, 29, 11, tzinfo=LONDON))
    p = layout.place(o, LONDON)
    assert layout.minutes_in_day(p, date(2026, 3, 29)) == (600, 660)
    assert layout.at_minutes(date(2026, 3, 29), 600, LONDON) == datetime(2026, 3, 29, 10, tzinfo=LONDON)
    assert layout.at_minutes(date(2026, 3, 29), 24 * 60, LONDON) == datetime(2026, 3, 30, tzinfo=LONDON)


def test_rrule_text_round_trip():
    assert rrule_text("") is None
    assert rrule_text("WEEKLY", count=5) == "FREQ=WEEKLY;COUNT=5"
    rule = rrule_text("MONTHLY", until=date(2026, 12, 31))
    assert parse_rrule(rule) == ("MONTHLY", date(2026, 12, 31), None, True)
    assert parse_rrule("FREQ=WEEKLY;BYDAY=MO,WE")[3] is False  # more than the editor shows: kept
    assert parse_rrule("FREQ=DAILY;COUNT=x") == ("DAILY", None, None, True)
    assert parse_rrule(None) == ("", None, None, True)
