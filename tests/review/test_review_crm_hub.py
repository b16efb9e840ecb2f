"""Break-it review of issue 13 on a real hub: the calls report route and the change feed's authors."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.server.conftest import RunningHub, bearer
from tests.server.test_crm_hub import _mut, _push, _team

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def client(tmp_path):
    h = RunningHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", tmp_path)
    with httpx.Client(base_url=h.base, timeout=20) as c:
        yield c
    h.stop()


def test_calls_report_far_future_until_is_a_400_not_a_500(client):
    """An admin types a far-future end date (9999-12-31) in the Reports range, or a script asks
    for it: the hub answers 500 Internal Server Error (OverflowError adding a day to the last
    date there is) and the Reports window falls back with "the hub's team report is not
    available". Expected: a 400 with the reason, like every other bad range."""
    admin, _bob, _cat, _ids = _team(client)
    r = client.get("/api/v1/reports/calls", headers=bearer(admin),
                   params={"since": "9999-12-01", "until": "9999-12-31"})
    assert r.status_code in (200, 400), (r.status_code, r.text)


def test_calls_report_far_past_until_without_since_is_a_400_not_a_500(client):
    """`until=0001-01-10` with no `since`: the default start (29 days before) is before year 1,
    so the hub crashes with 500. Expected: 400 saying the range is bad (or an empty report)."""
    admin, _bob, _cat, _ids = _team(client)
    r = client.get("/api/v1/reports/calls", headers=bearer(admin), params={"until": "0001-01-10"})
    assert r.status_code in (200, 400), (r.status_code, r.text)


def test_calls_report_day_is_not_the_writers_offset_text(client):
    """A call log's `started_at` is trusted as text: a client (another app version, the CLI,
    an import) that writes local time with its offset, e.g. 2026-11-02T00:30:00+02:00 (which is
    2026-11-01 22:30 UTC), is counted on 2026-11-02 although the route says days are UTC; and a
    report for 2026-11-01 (UTC) misses it. Expected: the day is the UTC day of the instant."""
    admin, bob, _cat, _ids = _team(client)
    call = {"direction": "out", "number_e164": "+4930123456", "started_at": "2026-11-02T00:30:00+02:00",
            "answered_at": "2026-11-02T00:30:05+02:00", "ended_at": "2026-11-02T00:40:00+02:00",
            "duration": 60, "result": "answered"}
    _push(client, bob, _mut("call_log", str(uuid.uuid4()), call))
    r = client.get("/api/v1/reports/calls", headers=bearer(admin),
                   params={"since": "2026-11-01", "until": "2026-11-01"})
    assert r.status_code == 200, r.text
    assert [(x["user_name"], x["day"], x["calls"]) for x in r.json()["rows"]] == [("bob", "2026-11-01", 1)]


def test_calls_report_default_range_ends_today_utc_on_a_hub_in_another_zone(client, monkeypatch):
    """The hub runs on the admin's own computer (the embedded hub) in a zone far from UTC. The
    Reports route's default range ("the last 30 days") is cut from the hub computer's local
    date while the days are UTC: for half of every day a call made just now is missing (west
    of UTC), or the oldest of the 30 UTC days is (east). Expected: the default range is the 30
    UTC days ending today (UTC), whatever the hub computer's zone."""
    import time
    from datetime import UTC, datetime, timedelta

    admin, bob, _cat, _ids = _team(client)
    now = datetime.now(UTC)
    if now.hour < 12:
        zone, when = "Etc/GMT+12", now  # local date is yesterday: today's call falls out
    else:
        zone, when = "Etc/GMT-14", now - timedelta(days=29)  # local date is tomorrow: day -29 falls out
    stamp = when.replace(microsecond=0).isoformat()
    _push(client, bob, _mut("call_log", str(uuid.uuid4()), {
        "direction": "out", "number_e164": "+4930123456", "started_at": stamp, "answered_at": stamp,
        "ended_at": stamp, "duration": 60, "result": "answered"}))
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        r = client.get("/api/v1/reports/calls", headers=bearer(admin))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert r.status_code == 200, r.text
    assert r.json()["until"] == now.date().isoformat(), r.json()
    assert [x["calls"] for x in r.json()["rows"]] == [1], r.json()
