"""Review (issue 15): a hostile .ics with an endless FREQ=SECONDLY rule (started years ago) is
imported without complaint, and afterwards listing a single day of the diary never finishes:
dateutil walks every second from DTSTART. The importer (or the expansion) must bound it."""

from __future__ import annotations

import os
import subprocess
import sys

BOMB = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//t//EN\r
BEGIN:VEVENT\r
UID:bomb@x\r
DTSTART:20000101T000000Z\r
DTEND:20000101T000001Z\r
RRULE:FREQ=SECONDLY\r
SUMMARY:tick\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:good@x\r
DTSTART:20260301T090000Z\r
DTEND:20260301T100000Z\r
SUMMARY:Real meeting\r
END:VEVENT\r
END:VCALENDAR\r
"""


def wp(profile, *args, timeout=60):
    env = {**os.environ, "TZ": "Europe/Berlin"}
    return subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), "diary", *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


def test_an_endless_secondly_rule_does_not_hang_listing_one_day(tmp_path):
    p = tmp_path / "p"
    f = tmp_path / "bomb.ics"
    f.write_text(BOMB, encoding="utf-8")
    r = wp(p, "import", str(f))
    assert r.returncode == 0, r.stderr
    try:
        r = wp(p, "list", "--from", "2026-03-01T00:00", "--to", "2026-03-02T00:00", timeout=30)
    except subprocess.TimeoutExpired:
        raise AssertionError("`diary list` of one day did not finish in 30 s after importing a "
                             "FREQ=SECONDLY rule from 2000 (the real meeting is unreachable too)") from None
    assert r.returncode == 0, r.stderr
    assert "Real meeting" in r.stdout
