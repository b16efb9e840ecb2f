"""Review (issue 15): saving the appointment editor writes back fields the user did not touch.

- `AppointmentEditor.fields()` always sets `timezone` to the profile's zone: a weekly New York
  series opened in a Berlin profile just to fix its place becomes a Berlin series, and in the
  weeks between the US and the EU clock changes its occurrences move by an hour;
- the editor keeps the participants (with their answers) it loaded: a colleague's accept that
  arrives by sync while the dialog is open is overwritten with "no answer" on save.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from whitephone.store import Store
from whitephone.ui.diary.editor import AppointmentEditor

BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.db")
    s.diary.default_timezone = "Europe/Berlin"
    yield s
    s.close()


def test_editing_the_place_keeps_a_foreign_series_in_its_time_zone(qtbot, store):
    start = datetime(2026, 2, 2, 10, 0, tzinfo=NEW_YORK)
    a = store.diary.add(subject="NY standup", start=start, end=start + timedelta(minutes=30),
                        timezone="America/New_York", rrule="FREQ=WEEKLY;COUNT=10")
    week = (datetime(2026, 3, 9, tzinfo=NEW_YORK), datetime(2026, 3, 16, tzinfo=NEW_YORK))
    before = [o.start for o in store.diary.occurrences(*week)]
    assert [s.astimezone(NEW_YORK).hour for s in before] == [10]
    dlg = AppointmentEditor(appointment=store.diary.get(a.uid), tz=BERLIN)
    qtbot.addWidget(dlg)
    dlg.place.setText("Zoom")
    store.diary.update(a.uid, **dlg.fields())  # what DiaryTab.open_occurrence does on OK
    after = [o.start for o in store.diary.occurrences(*week)]
    assert after == before, f"changing the place moved the 9 March standup from {before} to {after}"
    assert store.diary.get(a.uid).timezone == "America/New_York"


def test_saving_the_editor_keeps_an_answer_that_arrived_meanwhile(qtbot, store):
    start = datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)
    bob = {"kind": "user", "id": "2", "name": "bob", "email": "bob@example.com"}
    a = store.diary.add(subject="Demo", start=start, end=start + timedelta(hours=1), participants=[bob],
                        organizer_id=1)
    dlg = AppointmentEditor(appointment=store.diary.get(a.uid), tz=BERLIN, my_user_id=1)
    qtbot.addWidget(dlg)
    store.diary.answer(a.uid, "accepted", user_id=2)  # Bob's answer comes in by sync
    dlg.place.setText("Room 2")
    store.diary.update(a.uid, **dlg.fields())
    assert [p["answer"] for p in store.diary.get(a.uid).participants] == ["accepted"], \
        "Bob's accept was overwritten by the stale participant list of the open editor"
