"""The team's calls per user per day on a real hub (SQLite and PostgreSQL): call logs stay their
writer's alone in the feed, while CRM admins and holders of `reports` read the aggregate (calls,
answered, total and average seconds per user per day over a date range); others get 403 with the
reason, and a bad range 400."""

from __future__ import annotations

import uuid

import pytest

from tests.server.conftest import bearer
from tests.server.test_crm_hub import _feed, _mut, _push, _team

pytestmark = pytest.mark.timeout(120)


def _call(day: str, hour: int, duration: int, answered: bool = True, direction: str = "out") -> dict:
    start = f"{day}T{hour:02d}:00:00.000+00:00"
    return {"direction": direction, "number_e164": "+4930123456", "started_at": start,
            "answered_at": f"{day}T{hour:02d}:00:05.000+00:00" if answered else None,
            "ended_at": f"{day}T{hour:02d}:10:00.000+00:00", "duration": duration if answered else 0,
            "result": "answered" if answered else "missed"}


def test_calls_per_user_per_day_for_report_readers_only(client):
    admin, bob, cat, ids = _team(client)
    r = client.put(f"/api/v1/users/{ids['cat']}/permissions", headers=bearer(admin), json={"permissions": ["reports"]})
    assert r.status_code == 200, r.text
    bob_calls = [_call("2026-11-02", 9, 60), _call("2026-11-02", 10, 120), _call("2026-11-02", 11, 0, False),
                 _call("2026-11-03", 9, 30), _call("2026-10-01", 9, 999)]  # the last is outside the range
    _push(client, bob, *[_mut("call_log", str(uuid.uuid4()), c) for c in bob_calls])
    _push(client, admin, _mut("call_log", str(uuid.uuid4()), _call("2026-11-02", 15, 300, direction="in")))

    # private: cat's feed has none of them
    assert not [c for c in _feed(client, cat).values() if c["entity"] == "call_log"]

    r = client.get("/api/v1/reports/calls", headers=bearer(bob), params={"since": "2026-11-01", "until": "2026-11-30"})
    assert r.status_code == 403 and "reports" in r.json()["detail"]

    for reader in (cat, admin):
        r = client.get("/api/v1/reports/calls", headers=bearer(reader),
                       params={"since": "2026-11-01", "until": "2026-11-30"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert (body["since"], body["until"]) == ("2026-11-01", "2026-11-30")
        got = [(x["user_name"], x["day"], x["calls"], x["answered"], x["seconds"], x["average_seconds"])
               for x in body["rows"]]
        assert got == [("bob", "2026-11-02", 3, 2, 180, 90.0), ("a", "2026-11-02", 1, 1, 300, 300.0),
                       ("bob", "2026-11-03", 1, 1, 30, 30.0)] or got == [
                       ("a", "2026-11-02", 1, 1, 300, 300.0), ("bob", "2026-11-02", 3, 2, 180, 90.0),
                       ("bob", "2026-11-03", 1, 1, 30, 30.0)]
        assert ids["bob"] in {x["user_id"] for x in body["rows"]}


def test_a_bad_range_is_refused_with_the_reason(client):
    admin, _bob, _cat, _ids = _team(client)
    for params, words in (({"since": "2026-13-01"}, "YYYY-MM-DD"), ({"since": "2026-11-05", "until": "2026-11-01"},
                                                                  "after"),
                          ({"since": "2020-01-01", "until": "2026-01-01"}, "at most")):
        r = client.get("/api/v1/reports/calls", headers=bearer(admin), params=params)
        assert r.status_code == 400 and words in r.json()["detail"], r.text
    r = client.get("/api/v1/reports/calls", headers=bearer(admin))
    assert r.status_code == 200 and r.json()["rows"] == []


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


def test_the_days_are_the_askers_own_zone(client):
    """`tz` (IANA name or UTC offset) says whose days: 01:00 UTC on 3 November is 2 November in
    New York (and at -05:00); an unknown zone is a 400 with the reason."""
    admin, bob, _cat, _ids = _team(client)
    _push(client, bob, _mut("call_log", str(uuid.uuid4()), _call("2026-11-03", 1, 60)))
    for tz in ("America/New_York", "-05:00"):
        r = client.get("/api/v1/reports/calls", headers=bearer(admin),
                       params={"since": "2026-11-02", "until": "2026-11-02", "tz": tz})
        assert r.status_code == 200, r.text
        assert [(x["day"], x["calls"]) for x in r.json()["rows"]] == [("2026-11-02", 1)], (tz, r.json())
    r = client.get("/api/v1/reports/calls", headers=bearer(admin),
                   params={"since": "2026-11-03", "until": "2026-11-03"})
    assert [(x["day"], x["calls"]) for x in r.json()["rows"]] == [("2026-11-03", 1)]
    r = client.get("/api/v1/reports/calls", headers=bearer(admin), params={"tz": "Mars/Olympus"})
    assert r.status_code == 400 and "time zone" in r.json()["detail"], r.text
