"""Review (issue 15): hostile and unusual .ics files through `whitephone diary import`.

- a 200-byte event whose rule can never produce an occurrence (30 February, FREQ=SECONDLY, COUNT=5)
  keeps the importer busy for more than half a minute (dateutil walks every day up to year 9999
  in `core.diary.horizon`): a few such events in one file stall an import, or the UI, for hours;
- a DESCRIPTION holding U+2028 or a form feed (legal TEXT, icalendar reads it) loses the whole
  event, because the splitter cuts lines with str.splitlines() (importers/ics.py, split_calendars);
- a TZID that names no zone (and no VTIMEZONE) is silently read as the profile's zone: the time
  lands wrong and the report says nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import icalendar


def cal(*events: str) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + "".join(events) + "END:VCALENDAR\r\n"


def ev(uid: str, body: str) -> str:
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid}\r\n{body}END:VEVENT\r\n"


def wp(profile, *args, timeout=60):
    env = {**os.environ, "TZ": "Europe/Berlin"}
    return subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), "diary", *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


def test_an_impossible_rule_does_not_stall_the_import(tmp_path):
    f = tmp_path / "impossible.ics"
    f.write_text(cal(ev("impossible", "DTSTART:20260101T100000Z\r\nDTEND:20260101T110000Z\r\n"
                                      "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5\r\n"),
                     ev("good", "DTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\n")), encoding="utf-8")
    try:
        r = wp(tmp_path / "p", "import", str(f), timeout=15)
    except subprocess.TimeoutExpired:
        raise AssertionError("importing one 30-February SECONDLY event took more than 15 s") from None
    assert r.returncode == 0, r.stderr


def test_a_line_separator_in_a_description_keeps_the_event(tmp_path):
    text = cal(ev("talk", "DTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\n"
                          "DESCRIPTION:Agenda\u2028- pricing\x0c- next steps\r\n"))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")  # the library reads it
    assert "pricing" in str(event["DESCRIPTION"])
    f = tmp_path / "ls.ics"
    f.write_bytes(text.encode("utf-8"))
    r = wp(tmp_path / "p", "import", str(f))
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout.splitlines()[0])
    assert report["imported"] == 1, f"the event was lost: {report['errors']}"


def test_an_unknown_tzid_is_reported_not_silently_replaced(tmp_path):
    f = tmp_path / "tz.ics"
    f.write_text(cal(ev("tz", "DTSTART;TZID=Nowhere/Atlantis:20260301T100000\r\n"
                              "DTEND;TZID=Nowhere/Atlantis:20260301T110000\r\n")), encoding="utf-8")
    r = wp(tmp_path / "p", "import", str(f))
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout.splitlines()[0])
    assert report["errors"], f"10:00 in an unknown zone became 10:00 Berlin without a word: {report}"


def test_a_minutely_rule_is_one_error_and_the_good_event_is_kept(tmp_path):
    f = tmp_path / "minutely.ics"
    f.write_text(cal(ev("tick", "DTSTART:20000101T000000Z\r\nDTEND:20000101T000100Z\r\nRRULE:FREQ=MINUTELY\r\n"),
                     ev("good", "DTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\n")), encoding="utf-8")
    r = wp(tmp_path / "p", "import", str(f))
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout.splitlines()[0])
    assert report["imported"] == 1
    (err,) = report["errors"]
    assert err["item"] and err["line"] == 4 and "more often than hourly" in err["reason"]


def test_a_known_tzid_without_vtimezone_still_imports(tmp_path):
    f = tmp_path / "tz.ics"
    f.write_text(cal(ev("ny", "DTSTART;TZID=America/New_York:20260301T100000\r\n"
                              "DTEND;TZID=America/New_York:20260301T110000\r\n")), encoding="utf-8")
    r = wp(tmp_path / "p", "import", str(f))
    report = json.loads(r.stdout.splitlines()[0])
    assert (report["imported"], report["errors"]) == (1, [])
