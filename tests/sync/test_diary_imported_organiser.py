"""Review (issue 15): an appointment imported from .ics has no organiser (organizer_id None:
the import path never sets it, unlike store.diary.add), and store.diary.is_mine counts a row
with no organiser as "mine" for everybody. Alice imports her calendar; after a sync every
colleague has her events in their own diary (not only the group calendar) and gets her reminders."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

UTC = ZoneInfo("UTC")


def ics(start: datetime) -> str:
    s = start.strftime("%Y%m%dT%H%M%SZ")
    e = (start + timedelta(hours=1)).strftime("%Y%m%dT%H%M%SZ")
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
            "BEGIN:VEVENT\r\nUID:dentist@google.com\r\n"
            f"DTSTART:{s}\r\nDTEND:{e}\r\nSUMMARY:Dentist\r\n"
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Dentist\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")


def test_imported_events_stay_out_of_colleagues_own_diaries_and_reminders(clients, tmp_path):
    a, c = clients("alice"), clients("carol")
    start = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(hours=3)
    f = tmp_path / "mine.ics"
    f.write_text(ics(start), encoding="utf-8")
    assert a.store.diary.import_ics([f])["imported"] == 1
    (appt,) = a.store.diary.all()
    assert a.engine.sync_once().rejected == 0
    c.engine.sync_once()
    window = (start - timedelta(days=1), start + timedelta(days=1))
    assert [o.subject for o in a.store.diary.occurrences(*window)] == ["Dentist"]
    mine = [o.subject for o in c.store.diary.occurrences(*window)]
    reminders = [o.subject for o, _ in c.store.diary.due_reminders(start - timedelta(minutes=10))]
    assert (mine, reminders) == ([], []), \
        f"Alice's imported event (organizer_id={appt.organizer_id}) is in Carol's own diary: {mine}, reminders {reminders}"
