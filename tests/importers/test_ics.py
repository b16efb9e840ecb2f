"""iCalendar in and out: real files from other programs (read in place from ../shared/corpora),
per-item errors that keep the good events, round trips, and broken input fed by hypothesis."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whitephone.importers.ics import IcsFileError
from whitephone.store import Store

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ics"  # beside the checkout
BERLIN = ZoneInfo("Europe/Berlin")


def corpus(name: str) -> Path:
    p = CORPUS / name
    if not p.is_file():
        pytest.skip(f"the iCalendar corpus is not here ({CORPUS})")
    return p


@pytest.fixture
def store():
    s = Store(None)
    s.diary.default_timezone = "Europe/Berlin"
    yield s
    s.close()


def test_every_corpus_file_imports_or_is_refused_and_none_raises(store):
    if not CORPUS.is_dir():
        pytest.skip(f"the iCalendar corpus is not here ({CORPUS})")
    files = sorted(CORPUS.glob("*.ics"))
    assert len(files) >= 50
    refused, imported = [], 0
    for f in files:
        try:
            r = store.diary.import_ics([f])
        except IcsFileError as exc:
            refused.append((f.name, str(exc)))
            continue
        imported += r["imported"]
        for e in r["errors"]:
            assert e["file"] == str(f) and e["item"] >= 1 and e["line"] >= 1 and e["reason"]
    assert [n for n, _ in refused] == ["collective__icalendar__fuzz_testcase_vtimezone_lone_cr.ics"]
    assert "not an iCalendar file" in refused[0][1]
    assert imported > 600


@pytest.mark.parametrize(("name", "imported", "errors"), [
    ("Kozea__Radicale__broken-vevents.ics", 1, [(2, 17, "no DTSTART")]),
    ("ical4j__ical4j__13-MoonPhase.ics", 41, [(42, 213, "ends inside this event")]),
    ("collective__icalendar__parsing_error.ics", 1, [(2, 13, "EXDATE")]),
    ("pimutils__khal__non_dst_error.ics", 2, []),  # a broken alarm costs the reminder, not the trip
])
def test_malformed_files_give_one_error_per_bad_item_and_keep_the_good_ones(store, name, imported, errors):
    r = store.diary.import_ics([corpus(name)])
    assert r["imported"] == imported
    assert [(e["item"], e["line"]) for e in r["errors"]] == [(i, line) for i, line, _ in errors]
    for e, (_, _, reason) in zip(r["errors"], errors, strict=True):
        assert reason in e["reason"]
    assert store.diary.count() == imported


def test_late_errors_in_a_large_file_keep_the_events_before_and_after(store):
    r = store.diary.import_ics([corpus("jens-maus__node-ical__large-file-with-late-error.ics")])
    assert r["imported"] + len(r["errors"]) == 401 and r["imported"] >= 390
    assert all("DTSTART" in e["reason"] for e in r["errors"])


def test_overrides_become_moved_occurrences_of_their_series(store):
    store.diary.import_ics([corpus("Kozea__Radicale__event_issue1812.ics")])
    (a,) = store.diary.all()
    assert a.rrule and len(a.overrides) == 10 and len(a.exdates) > 3


def test_a_google_moved_instance(store):
    store.diary.import_ics([corpus("niccokunzmann__python-recurring-ical-events__issue_62_moved_event.ics")])
    (a,) = store.diary.all()
    (key, ov), = a.overrides.items()
    occ = store.diary.occurrences(datetime.fromisoformat(ov["start"]) - timedelta(hours=1),
                                  datetime.fromisoformat(ov["end"]) + timedelta(hours=1))
    assert [o.moved for o in occ] == [True]


def test_windows_zone_names_and_latin1_text(store):
    store.diary.import_ics([corpus("Kozea__Radicale__event_issue2151.ics")])
    (a,) = store.diary.all()
    assert a.timezone == "Europe/Berlin" and a.rrule and a.overrides
    store.diary.import_ics([corpus("mozilla__releases-comm-central__importLatin1.ics")])
    utf8 = Store(None)
    utf8.diary.import_ics([corpus("mozilla__releases-comm-central__import.ics")])
    assert sorted(x.subject for x in utf8.diary.all()) == sorted(
        x.subject for x in store.diary.all() if x.uid != a.uid)


CALS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//EN\r
BEGIN:VEVENT\r
UID:one@example.com\r
DTSTART;TZID=Europe/Berlin:20260327T100000\r
DTEND;TZID=Europe/Berlin:20260327T110000\r
SUMMARY:Größere Besprechung mit einer sehr langen Betreffzeile, die über die 75\r
  Zeichen hinaus gefaltet wird\r
RRULE:FREQ=DAILY;COUNT=3\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
TRIGGER:-PT10M\r
END:VALARM\r
END:VEVENT\r
END:VCALENDAR\r
BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Other//EN\r
BEGIN:VEVENT\r
UID:two@example.com\r
DTSTART;VALUE=DATE:20260329\r
SUMMARY:日本語のイベント\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:three@example.com\r
SUMMARY:no start\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_several_calendars_folded_lines_alarms_all_day_and_non_ascii(store, tmp_path):
    f = tmp_path / "two.ics"
    f.write_text(CALS, "utf-8", newline="")
    r = store.diary.import_ics([f])
    assert (r["imported"], [(e["item"], e["line"], e["reason"]) for e in r["errors"]]) == (
        2, [(3, 25, "no DTSTART")])
    one, two = sorted(store.diary.all(), key=lambda a: a.ical_uid)
    assert one.subject.endswith("gefaltet wird") and "über die 75 Zeichen" in one.subject
    assert one.remind_minutes == 15  # 10 minutes rounds up to the next choice
    assert two.all_day and two.subject == "日本語のイベント"
    assert [o.start.utcoffset().seconds // 3600 for o in store.diary.occurrences(
        datetime(2026, 3, 26, tzinfo=BERLIN), datetime(2026, 4, 1, tzinfo=BERLIN)) if o.uid == one.uid] == [1, 1, 2]
    again = store.diary.import_ics([f])
    assert (again["imported"], again["skipped"]) == (0, 2)
    f.write_text(CALS.replace("no start", "x").replace("日本語のイベント", "renamed"), "utf-8", newline="")
    upd = store.diary.import_ics([f], on_duplicate="update")
    assert (upd["imported"], upd["updated"]) == (0, 2)
    assert store.diary.by_ical_uid("two@example.com").subject == "renamed"


@pytest.mark.parametrize("content", [b"", b"hello world\n", b"BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n",
                                     b"\x00\xff" * 100])
def test_a_file_that_is_not_a_calendar_is_refused_and_nothing_is_written(store, tmp_path, content):
    good, bad = tmp_path / "good.ics", tmp_path / "bad.ics"
    good.write_text(CALS, "utf-8", newline="")
    bad.write_bytes(content)
    with pytest.raises(IcsFileError, match="not an iCalendar file"):
        store.diary.import_ics([good, bad])
    assert store.diary.count() == 0
    with pytest.raises(IcsFileError, match="cannot read"):
        store.diary.import_ics([tmp_path / "missing.ics"])


def test_round_trip_keeps_series_exceptions_moves_alarms_and_people(store, tmp_path):
    start = datetime(2026, 3, 23, 9, 30, tzinfo=BERLIN)
    a = store.diary.add(subject="Café planning — ünïcode", start=start, end=start + timedelta(minutes=45),
                        timezone="Europe/Berlin", rrule="FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260430T235959Z",
                        remind_minutes=30, place="Room 1; upstairs", description="Line 1\nLine 2, with; punct\\",
                        participants=[{"kind": "contact", "name": "Zoë", "email": "zoe@example.com",
                                       "answer": "accepted"}], private=True)
    store.diary.delete(a.uid, recurrence_id=start + timedelta(days=2))
    store.diary.move(a.uid, start + timedelta(days=7, hours=5), start + timedelta(days=7, hours=6),
                     recurrence_id=start + timedelta(days=7))
    store.diary.add(subject="Holiday", start=datetime(2026, 4, 3, tzinfo=BERLIN), all_day=True)
    out = tmp_path / "out.ics"
    assert store.diary.export_ics(out) == 2
    fresh = Store(None)
    fresh.diary.default_timezone = "UTC"  # the file names its zones: the importer's own zone must not matter
    r = fresh.diary.import_ics([out])
    assert (r["imported"], r["errors"]) == (2, [])
    span = (datetime(2026, 3, 1, tzinfo=BERLIN), datetime(2026, 6, 1, tzinfo=BERLIN))

    def shape(s):  # an all-day event is a date: midnight wherever the importer lives
        return [(o.subject, o.all_day, o.moved) + ((o.start.date(), o.end.date()) if o.all_day
                                                  else (o.start.timestamp(), o.end.timestamp()))
                for o in s.diary.occurrences(*span)]

    assert shape(fresh) == shape(store)
    b = fresh.diary.by_ical_uid(a.uid)
    assert (b.remind_minutes, b.place, b.description, b.private) == (30, a.place, a.description, True)
    assert [(p["email"], p["name"], p["answer"]) for p in b.participants] == [("zoe@example.com", "Zoë", "accepted")]
    # a range: only what has an occurrence in it
    assert store.diary.export_ics(tmp_path / "april.ics", datetime(2026, 4, 2, tzinfo=BERLIN),
                                  datetime(2026, 4, 4, tzinfo=BERLIN)) == 1


GOOD_EVENT = ("BEGIN:VEVENT\r\nUID:good-{i}@x\r\nDTSTART:20260301T10{i:02d}00Z\r\nDTEND:20260301T11{i:02d}00Z\r\n"
              "SUMMARY:Good {i}\r\nEND:VEVENT\r\n")
junk_line = st.one_of(
    st.text(max_size=60).map(lambda t: t.replace("\r", "").replace("\n", "")),
    st.sampled_from(["DTSTART:2026", "DTSTART;TZID=Nowhere/City:20260101T100000", "RRULE:FREQ=NEVER",
                     "RRULE:FREQ=DAILY;UNTL=2026", "EXDATE:", "RDATE;VALUE=PERIOD:garbage", "DURATION:PT-2H",
                     "BEGIN:VALARM", "END:VALARM", "TRIGGER:-PTXM", " folded", "SUMMARY", ":novalue",
                     "DTEND:19000101T000000Z", "RECURRENCE-ID:20260301T100000Z", "UID:good-0@x",
                     "BEGIN:VTIMEZONE", "TZOFFSETFROM:+9999", "END:VEVENT", "BEGIN:VEVENT",
                     "DTSTART;VALUE=DATE:20260230", "SUMMARY:\x00\x01 ü 日本"]),
)
bad_event = st.lists(junk_line, max_size=8).map(lambda lines: "BEGIN:VEVENT\r\n" + "".join(
    line + "\r\n" for line in lines) + "END:VEVENT\r\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bad=st.lists(bad_event, min_size=1, max_size=4), tail=st.binary(max_size=30))
def test_broken_events_never_raise_and_the_good_events_survive(tmp_path_factory, bad, tail):
    f = tmp_path_factory.mktemp("fz") / "fuzz.ics"
    body = GOOD_EVENT.format(i=0) + "".join(bad) + GOOD_EVENT.format(i=1) + GOOD_EVENT.format(i=2)
    f.write_bytes(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n{body}END:VCALENDAR\r\n".encode(
        "utf-8", "surrogatepass") + tail)
    s = Store(None)
    try:
        r = s.diary.import_ics([f])
        subjects = {a.subject for a in s.diary.all()}
        assert {"Good 1", "Good 2"} <= subjects, f.read_bytes()  # the good events after the junk survive
        for e in r["errors"]:
            assert e["item"] >= 1 and e["line"] >= 1 and e["reason"]
        s.diary.occurrences(datetime(2025, 1, 1, tzinfo=BERLIN), datetime(2027, 1, 1, tzinfo=BERLIN))
    finally:
        s.close()
