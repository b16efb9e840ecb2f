"""Review (issue 15): occurrences in or across the hour the clocks skip or repeat.

`core.diary._shift` adds the wall-clock length to the wall-clock start. A daily 02:30-03:00
(Berlin) series gives (compare instants: aware datetimes of one zone subtract as wall time), on 29 March 2026, an occurrence that ends (03:00+02:00 = 01:00Z) half an
hour before it starts (02:30+01:00 = 01:30Z); on 25 October the same 30 minutes last 90.
RFC 5545 3.8.5.3: with DTEND the same exact duration applies to every occurrence. A single
02:30-03:30 appointment on 29 March is stored with no length at all."""

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


@pytest.mark.parametrize("first_day", [datetime(2026, 3, 27, 2, 30), datetime(2026, 10, 23, 2, 30)])
def test_every_occurrence_of_a_half_hour_series_lasts_half_an_hour(store, first_day):
    start = first_day.replace(tzinfo=BERLIN)
    store.diary.add(subject="Night backup call", start=start, end=start + timedelta(minutes=30),
                    timezone="Europe/Berlin", rrule="FREQ=DAILY;COUNT=5")
    occ = store.diary.occurrences(start - timedelta(days=1), start + timedelta(days=6))
    lengths = {o.start.isoformat(): timedelta(seconds=o.end.timestamp() - o.start.timestamp()) for o in occ}
    assert len(occ) == 5
    assert set(lengths.values()) == {timedelta(minutes=30)}, f"lengths across the clock change: {lengths}"


def test_an_hour_appointment_starting_in_the_skipped_hour_keeps_its_hour(store):
    a = store.diary.add(subject="Early call", start=datetime(2026, 3, 29, 2, 30),
                        end=datetime(2026, 3, 29, 3, 30), timezone="Europe/Berlin")
    assert a.end.timestamp() > a.start.timestamp(), f"stored as {a.start.isoformat()} - {a.end.isoformat()}: no length at all"
