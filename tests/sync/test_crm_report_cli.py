"""`whitephone crm report`: calls per user per day, the team's from the hub when signed in and
allowed, else this computer's call log (saying so); --xlsx writes every report."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from tests.sync.test_cli import PASSWORD, out, wp
from whitephone.core.calls import CallLogEntry
from whitephone.profile import Profile
from whitephone.store import Store

pytestmark = pytest.mark.timeout(240)


def _add_calls(profile_dir, account: str, durations: list[int]) -> str:
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    store = Store(Profile.open(profile_dir).db_path)
    try:
        for d in durations:
            store.calls.add(CallLogEntry("out", "sip:x@example.com", now, account=account, answered_at=now if d else None,
                                         ended_at=now, duration=d, result="answered" if d else "missed"))
    finally:
        store.close()
    return now[:10]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_crm_report_from_the_hub_or_this_computer(hub, tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    # never signed in: this computer's call log, and it says so
    out(wp(c, "crm", "types"))  # the profile exists
    today = _add_calls(c, "desk", [90, 0])
    (rep,) = out(wp(c, "crm", "report"))
    assert rep["source"] == "local" and "not signed in" in rep["note"]
    assert rep["rows"] == [{"user": "desk", "day": today, "calls": 2, "answered": 1, "minutes": 1.5,
                            "average_minutes": 1.5}]
    assert wp(c, "crm", "report", "--since", "2026-12-05", "--until", "2026-12-01").returncode == 2
    assert wp(c, "crm", "report", "--since", "yesterday").returncode == 2

    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        h.post("/api/v1/users", headers={"Authorization": f"Bearer {tok['access_token']}"},
               json={"name": "Bob", "email": "bob@example.com", "password": PASSWORD})
    out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    _add_calls(a, "alice-line", [60])
    _add_calls(b, "bob-line", [120, 240])
    out(wp(a, "sync", "--once"))
    out(wp(b, "sync", "--once"))

    (rep,) = out(wp(a, "crm", "report", "--since", today, "--until", today, "--xlsx", str(tmp_path / "r.xlsx")))
    assert rep["source"] == "hub", rep["note"]
    assert (rep["since"], rep["until"]) == (today, today)
    assert sorted((r["user"], r["calls"], r["minutes"], r["average_minutes"]) for r in rep["rows"]) == [
        ("Alice", 1, 1.0, 1.0), ("Bob", 2, 6.0, 3.0)]
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "r.xlsx")["Calls per user per day"]
    assert sorted(row[0] for row in ws.iter_rows(min_row=2, values_only=True)) == ["Alice", "Bob"]

    # Bob holds no `reports` permission: his own call log, and why
    (rep,) = out(wp(b, "crm", "report"))
    assert rep["source"] == "local" and "reports" in rep["note"]
    assert [(r["user"], r["calls"]) for r in rep["rows"]] == [("bob-line", 2)]


def test_crm_report_until_year_one_is_a_clean_refusal(tmp_path):
    """`whitephone crm report --until 0001-01-10` (a typo for 2001, or a script's zero date)
    dies with a Python traceback "OverflowError: date value out of range" (the default start is
    29 days before). Expected: a refusal in the command's JSON error form on stderr (exit 2),
    like `--since is after --until`, or an empty report."""
    p = tmp_path / "p"
    r = wp(p, "crm", "report", "--until", "0001-01-10")
    assert "Traceback" not in r.stderr, r.stderr[-400:]
    assert r.returncode in (0, 2), r.stderr[-400:]
    if r.returncode == 2:
        assert "error" in json.loads(r.stderr.strip().splitlines()[-1])
