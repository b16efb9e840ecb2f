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
