"""`whitephone diary import|export|list|add`: the stable JSON contract, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

BAD_AND_GOOD = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//t//EN\r
BEGIN:VEVENT\r
UID:a@x\r
DTSTART;TZID=Europe/Berlin:20260327T100000\r
DTEND;TZID=Europe/Berlin:20260327T110000\r
RRULE:FREQ=DAILY;COUNT=3\r
SUMMARY:Daily Demo\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:b@x\r
SUMMARY:broken\r
DTSTART:2026\r
END:VEVENT\r
END:VCALENDAR\r
"""


def wp(profile, *args, tz="Europe/Berlin"):
    env = {**os.environ, "TZ": tz}
    return subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), "diary", *args],
                          capture_output=True, text=True, timeout=60, env=env)


def lines(r):
    assert r.returncode == 0, r.stderr
    return [json.loads(x) for x in r.stdout.splitlines()]


def test_import_list_export_round_trip(tmp_path):
    f = tmp_path / "cal.ics"
    f.write_text(BAD_AND_GOOD, "utf-8", newline="")
    p = tmp_path / "p"
    (report,) = lines(wp(p, "import", str(f)))
    assert {k: report[k] for k in ("imported", "updated", "skipped")} == {"imported": 1, "updated": 0, "skipped": 0}
    assert report["errors"] == [{"file": str(f), "item": 2, "line": 11, "reason": report["errors"][0]["reason"]}]
    assert "DTSTART" in report["errors"][0]["reason"]
    (again,) = lines(wp(p, "import", str(f), "--on-duplicate", "update"))
    assert (again["imported"], again["updated"]) == (0, 1)
    occ = lines(wp(p, "list", "--from", "2026-03-27T00:00+01:00", "--to", "2026-04-01T00:00+02:00"))
    assert [(o["subject"], o["start"], o["all_day"]) for o in occ] == [
        ("Daily Demo", "2026-03-27T10:00:00+01:00", False), ("Daily Demo", "2026-03-28T10:00:00+01:00", False),
        ("Daily Demo", "2026-03-29T10:00:00+02:00", False)]
    assert occ[2]["recurrence_id"] == "2026-03-29T10:00:00+02:00" and occ[2]["end"] == "2026-03-29T11:00:00+02:00"
    out = tmp_path / "out.ics"
    (done,) = lines(wp(p, "export", str(out), "--from", "2026-03-01", "--to", "2026-04-01"))
    assert done["exported"] == 1 and "RRULE:FREQ=DAILY;COUNT=3" in out.read_text()
    (empty,) = lines(wp(p, "export", str(tmp_path / "none.ics"), "--from", "2030-01-01", "--to", "2030-02-01"))
    assert empty["exported"] == 0


def test_add_with_participant_reminder_and_rule(tmp_path):
    p = tmp_path / "p"
    (a,) = lines(wp(p, "add", "--subject", "Call back Mr Smith", "--start", "2026-06-02T15:00",
                    "--end", "2026-06-02T15:30", "--participant", "smith@example.com", "--remind", "15m",
                    "--rrule", "FREQ=WEEKLY;COUNT=2"))
    assert a["start"] == "2026-06-02T15:00:00+02:00" and a["participants"][0]["email"] == "smith@example.com"
    occ = lines(wp(p, "list", "--from", "2026-06-01", "--to", "2026-07-01"))
    assert [o["start"] for o in occ] == ["2026-06-02T15:00:00+02:00", "2026-06-09T15:00:00+02:00"]
    assert all(o["uid"] == a["uid"] for o in occ)


@pytest.mark.parametrize(("args", "reason"), [
    (["add", "--subject", "x", "--start", "2026-01-01T10:00", "--end", "2026-01-01T09:00"], "end before"),
    (["add", "--subject", "x", "--start", "soon", "--end", "2026-01-01T09:00"], "not an ISO"),
    (["add", "--subject", "x", "--start", "2026-01-01T10:00", "--end", "2026-01-01T11:00", "--remind", "7m"],
     "reminder is one of"),
    (["add", "--subject", "x", "--start", "2026-01-01T10:00", "--end", "2026-01-01T11:00", "--remind", "soon"],
     "--remind"),
    (["add", "--subject", "x", "--start", "2026-01-01T10:00", "--end", "2026-01-01T11:00", "--rrule", "FREQ=X"],
     "repeat rule"),
    (["add", "--subject", "x", "--start", "2026-01-01T10:00", "--end", "2026-01-01T11:00", "--participant", "bob"],
     "not an e-mail"),
    (["list", "--from", "2026-02-01", "--to", "2026-01-01"], "before its start"),
])
def test_bad_input_exits_2_with_a_reason(tmp_path, args, reason):
    r = wp(tmp_path / "p", *args)
    assert r.returncode == 2 and reason in json.loads(r.stderr)["error"]


def test_a_file_that_is_not_a_calendar_exits_2_and_imports_nothing(tmp_path):
    good, bad = tmp_path / "good.ics", tmp_path / "bad.ics"
    good.write_text(BAD_AND_GOOD, "utf-8", newline="")
    bad.write_text("name,phone\nBob,123\n")
    p = tmp_path / "p"
    r = wp(p, "import", str(good), str(bad))
    assert r.returncode == 2 and "not an iCalendar file" in json.loads(r.stderr)["error"] and r.stdout == ""
    r = wp(p, "import", str(tmp_path / "missing.ics"))
    assert r.returncode == 2 and "cannot read" in json.loads(r.stderr)["error"]
    assert lines(wp(p, "list", "--from", "2026-01-01", "--to", "2027-01-01")) == []
