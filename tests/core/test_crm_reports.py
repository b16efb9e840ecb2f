"""CRM reports over a real store file: open records by type, priority, owner and group; overdue
reminders; closed per day/week/month; calls per user per day; XLSX (read back with openpyxl) and
CSV export; bad input."""

from __future__ import annotations

import csv
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from whitephone.core import crm_reports
from whitephone.core.calls import CallLogEntry
from whitephone.store import Store
from whitephone.store import models as m
from whitephone.sync.hub_client import HubError

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "wp.db")
    yield s
    s.close()


def as_user(store, user_id: int, name: str) -> None:
    store.sync.set("user_id", str(user_id))
    store.sync.set("user_name", name)


def closed_on(store, uid: str, when: datetime) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(m.crm_records).where(m.crm_records.c.uid == uid).values(closed_at=when.isoformat()))


@pytest.fixture
def filled(store):
    crm = store.crm
    as_user(store, 1, "Ana")
    a = crm.create(subject="Quote", type="Sales enquiry", priority="high")
    b = crm.create(subject="Broken", type="Support", priority="high", group_id=3)
    c = crm.create(subject="Rude", type="Complaint", priority="low")
    as_user(store, 2, "Jan")
    d = crm.create(subject="Call back", type="Follow-up", priority="medium")
    e = crm.create(subject="Printer", type="Support", priority="medium", group_id=3)
    f = crm.create(subject="Done 1", type="Support", priority="low")
    g = crm.create(subject="Done 2", type="Support", priority="low")
    crm.remind(a.uid, (NOW - timedelta(days=2)).isoformat())  # overdue
    crm.remind(d.uid, (NOW + timedelta(days=1)).isoformat())  # not yet
    crm.remind(f.uid, (NOW - timedelta(days=9)).isoformat())  # overdue, but closed below: not listed
    for rec, when in ((f, datetime(2026, 11, 29, 9, tzinfo=UTC)), (g, datetime(2026, 12, 2, 9, tzinfo=UTC))):
        crm.close(rec.uid)
        closed_on(store, rec.uid, when)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g}


def test_open_records_by_type_priority_owner_group_and_overdue(store, filled):
    reps = {r.key: r for r in crm_reports.open_records(store, {3: "Support desk"}, now=NOW)}
    assert reps["open_by_type"].rows == [("Sales enquiry", 1), ("Support", 2), ("Complaint", 1), ("Follow-up", 1)]
    assert reps["open_by_priority"].rows == [("high", 2), ("medium", 2), ("low", 1)]
    assert reps["open_by_owner"].rows == [("Ana", 3), ("Jan", 2)]
    assert reps["open_by_group"].rows == [("Company", 3), ("Support desk", 2)]
    [overdue] = reps["overdue"].rows
    assert overdue[:5] == ("pending", "Quote", "Sales enquiry", "high", "Ana") and overdue[6] == 2.0
    assert reps["open_by_type"].total() == 5


def test_an_unknown_group_and_an_unsynced_owner_still_count(store):
    store.crm.create(subject="x", type="Support", group_id=9)
    reps = {r.key: r for r in crm_reports.open_records(store, now=NOW)}
    assert reps["open_by_group"].rows == [("group 9", 1)]
    assert reps["open_by_owner"].rows == [("me (not synced yet)", 1)]


def test_closed_per_day_week_and_month(store, filled):
    assert crm_reports.closed_per_period(store, "day").rows == [("2026-11-29", 1), ("2026-12-02", 1)]
    assert crm_reports.closed_per_period(store, "week").rows == [("2026-W48", 1), ("2026-W49", 1)]
    assert crm_reports.closed_per_period(store, "month").rows == [("2026-11", 1), ("2026-12", 1)]
    since = datetime(2026, 12, 1, tzinfo=UTC)
    assert crm_reports.closed_per_period(store, "month", since=since).rows == [("2026-12", 1)]
    with pytest.raises(ValueError, match="unknown period"):
        crm_reports.closed_per_period(store, "fortnight")


def test_the_counts_follow_changes(store, filled):
    """The kept counts (triggers) move with close, re-open and a changed type or priority."""
    store.crm.close(filled["a"].uid)
    store.crm.update(filled["c"].uid, type="Support", priority="high")
    store.crm.reopen(filled["f"].uid)
    reps = {r.key: r for r in crm_reports.open_records(store, now=NOW)}
    assert reps["open_by_type"].rows == [("Sales enquiry", 0), ("Support", 4), ("Complaint", 0), ("Follow-up", 1)]
    assert reps["open_by_priority"].rows == [("high", 2), ("medium", 2), ("low", 1)]
    assert [row[1] for row in reps["overdue"].rows] == ["Done 1"]  # re-opened: its reminder is overdue again
    expected = Counter({"2026-12-02": 1})  # g; a was closed just now (f is open again)
    expected[datetime.now(UTC).strftime("%Y-%m-%d")] += 1
    assert crm_reports.closed_per_period(store, "day").rows == sorted(expected.items())


def test_calls_per_user_per_day(store):
    def call(account, start, seconds, answered=True):
        store.calls.add(CallLogEntry(direction="out", peer_uri="sip:x@example.com", account=account,
                                     started_at=start, answered_at=start if answered else None,
                                     duration=seconds, result="answered" if answered else "missed"))

    call("ana", "2026-12-01T09:00:00+00:00", 120)
    call("ana", "2026-12-01T10:00:00+00:00", 60)
    call("ana", "2026-12-02T10:00:00+00:00", 0, answered=False)
    call("jan", "2026-12-01T11:00:00+00:00", 30)
    rep = crm_reports.calls_per_user_per_day(store)
    assert rep.rows == [("ana", "2026-12-01", 2, 2, 3.0, 1.5), ("jan", "2026-12-01", 1, 1, 0.5, 0.5),
                        ("ana", "2026-12-02", 1, 0, 0.0, 0.0)]
    assert rep.source == "local" and "This computer" in rep.note
    since = crm_reports.calls_per_user_per_day(store, since=datetime(2026, 12, 2, tzinfo=UTC))
    assert since.rows == [("ana", "2026-12-02", 1, 0, 0.0, 0.0)]

    # the team's from the hub when it answers; else this computer's, saying why
    hub = {"since": "2026-12-01", "until": "2026-12-02", "rows": [
        {"user_id": 2, "user_name": "Ana Lee", "day": "2026-12-01", "calls": 5, "answered": 4, "seconds": 600,
         "average_seconds": 150.0}]}
    asked = []
    team = crm_reports.team_calls(store, lambda s, u, tz: asked.append((s, u, tz)) or hub,
                                  date(2026, 12, 1), date(2026, 12, 2))
    assert asked == [("2026-12-01", "2026-12-02", crm_reports.local_zone())]
    assert team.source == "hub" and team.rows == [("Ana Lee", "2026-12-01", 5, 4, 10.0, 2.5)]
    assert "from the hub" in team.note

    def refused(_s, _u, _tz):
        raise HubError("invalid", "needs the 'reports' or 'crm_admin' permission to see the team's calls")
    local = crm_reports.team_calls(store, refused, date(2026, 12, 1), date(2026, 12, 1))
    assert local.source == "local" and "'reports'" in local.note
    assert local.rows == [("ana", "2026-12-01", 2, 2, 3.0, 1.5), ("jan", "2026-12-01", 1, 1, 0.5, 0.5)]
    offline = crm_reports.team_calls(store, None)
    assert offline.source == "local" and "not signed in" in offline.note and len(offline.rows) == 3


def test_xlsx_export_reads_back(store, filled, tmp_path):
    reps = crm_reports.all_reports(store, {3: "Support desk"}, "week", now=NOW)
    path = crm_reports.export_xlsx(reps, tmp_path / "reports.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Open records by type", "Open records by priority", "Open records by owner",
                             "Open records by group", "Overdue reminders", "Records closed per week",
                             "Calls per user per day"]
    ws = wb["Open records by type"]
    assert [c.value for c in ws[1]] == ["Type", "Open"] and ws["A1"].font.bold
    assert list(ws.iter_rows(min_row=2, values_only=True)) == [
        ("Sales enquiry", 1), ("Support", 2), ("Complaint", 1), ("Follow-up", 1)]
    overdue = list(wb["Overdue reminders"].iter_rows(min_row=2, values_only=True))
    assert overdue[0][1] == "Quote" and overdue[0][6] == 2.0
    assert list(wb["Records closed per week"].iter_rows(min_row=2, values_only=True)) == [
        ("2026-W48", 1), ("2026-W49", 1)]
    assert not (tmp_path / "reports.xlsx.part").exists()


def test_csv_export_reads_back(store, filled, tmp_path):
    reps = crm_reports.open_records(store, now=NOW)[:2]
    path = crm_reports.export_csv(reps, tmp_path / "r.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[:3] == [["Open records by type"], ["Type", "Open"], ["Sales enquiry", "1"]]
    assert ["Open records by priority"] in rows and ["high", "2"] in rows
    one = crm_reports.export_csv(reps[:1], tmp_path / "one.csv")
    assert list(csv.reader(one.open(encoding="utf-8")))[0] == ["Type", "Open"]  # one report: no title line


def test_sheet_names_are_valid_and_unique(tmp_path):
    reps = [crm_reports.Report("a", "Open: by type [all]/now?", ["A"], [(1,)]),
            crm_reports.Report("b", "Open: by type [all]/now?", ["A"], [(2,)])]
    wb = load_workbook(crm_reports.export_xlsx(reps, tmp_path / "x.xlsx"))
    assert wb.sheetnames == ["Open by type allnow", "Open by type allnow 2"]


def test_export_to_a_folder_that_is_not_there_fails_cleanly(store, tmp_path):
    reps = crm_reports.open_records(store, now=NOW)
    with pytest.raises(OSError):
        crm_reports.export_xlsx(reps, tmp_path / "missing" / "r.xlsx")
    with pytest.raises(OSError):
        crm_reports.export_csv(reps, tmp_path / "missing" / "r.csv")


def test_local_calls_report_counts_a_call_on_the_users_own_day(store, monkeypatch):
    """A user in New York makes a call at 20:00 on Monday 2 November (01:00 UTC Tuesday). The
    Reports window / `crm report --since 2026-11-02 --until 2026-11-02` (offline, this computer's
    log) shows no call that Monday and puts it on Tuesday 3 November: the day is cut at UTC
    midnight, not the user's. Expected: the call counts on 2026-11-02, the user's day."""
    from datetime import date

    from whitephone.core import crm_reports
    from whitephone.core.calls import CallLogEntry

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        store.calls.add(CallLogEntry(direction="out", peer_uri="sip:+12125550100@x", account="me",
                                     started_at="2026-11-03T01:00:00.000+00:00",
                                     answered_at="2026-11-03T01:00:05.000+00:00",
                                     ended_at="2026-11-03T01:05:00.000+00:00", duration=295, result="answered"))
        rep = crm_reports.team_calls(store, None, date(2026, 11, 2), date(2026, 11, 2))
        assert [(r[1], r[2]) for r in rep.rows] == [("2026-11-02", 1)], rep.rows
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_exported_calls_report_says_it_is_only_this_computers(store, tmp_path):
    """Offline (or refused by the hub), the calls report is this computer's call log only, and
    the window and the CLI's JSON say so. Exported to XLSX or CSV (`crm report --xlsx`, the
    Export buttons) the note is gone: the sheet is titled "Calls per user per day" exactly like
    the team's report from the hub, and a manager forwards one person's calls as the team's.
    Expected: the export carries the note (where the figures come from)."""
    from datetime import UTC, date, datetime

    import openpyxl

    from whitephone.core import crm_reports
    from whitephone.core.calls import CallLogEntry

    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    store.calls.add(CallLogEntry("out", "sip:x@example.com", now, account="desk", answered_at=now, ended_at=now,
                                 duration=60, result="answered"))
    today = date.today()
    calls = crm_reports.team_calls(store, None, today, today)
    assert "This computer" in calls.note
    reps = crm_reports.all_reports(store, calls=calls)
    crm_reports.export_xlsx(reps, str(tmp_path / "r.xlsx"))
    crm_reports.export_csv(reps, str(tmp_path / "r.csv"))
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "This computer" in cells, cells[:300]
    assert "This computer" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")


def test_local_zone_and_report_range(monkeypatch):
    """The zone sent to the hub is this computer's IANA name (else its UTC offset); a range at
    the calendar's edges is refused with the reason, not an OverflowError."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert crm_reports.local_zone() == "America/New_York"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert crm_reports.report_range(None, date(2026, 12, 5)) == (date(2026, 11, 6), date(2026, 12, 5))
    assert crm_reports.report_range(None, date(1900, 1, 10)) == (date(1900, 1, 1), date(1900, 1, 10))
    for since, until in ((None, date(1, 1, 10)), (date(2026, 1, 1), date(9999, 12, 31)),
                         (date(2026, 12, 6), date(2026, 12, 5))):
        with pytest.raises(ValueError):
            crm_reports.report_range(since, until)
