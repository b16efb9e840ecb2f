"""The diary window in the cases a review found broken: an edited occurrence of a series ("This occurrence /
This and the following / All") and "Open the record" of an appointment's reminder message."""

from __future__ import annotations

import time as clock
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTimer

from whitephone.core import diary as core

LONDON = ZoneInfo("Europe/London")
MON = date(2027, 1, 4)


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), LONDON)


@pytest.fixture
def tab(qtbot, window):
    t = window.diary
    t.diary.default_timezone = "Europe/London"
    t.set_zone(LONDON)
    window.tabs.setCurrentWidget(t)
    window.resize(1200, 800)
    return t


def show_week(qtbot, tab, day: date = MON):
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.anchor = day
        tab.set_view("week")


def answer_with(tab, button: str) -> None:
    def click() -> None:
        box = tab._question
        if box is None or not box.isVisible():
            QTimer.singleShot(20, click)
            return
        [b] = [b for b in box.buttons() if b.text() == button]
        b.click()

    tab._question = None
    QTimer.singleShot(0, click)


def save(qtbot, tab, ed, button: str) -> None:
    answer_with(tab, button)
    with qtbot.waitSignal(tab.changed, timeout=10000):
        ed.accept()
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        pass


def occ_on(tab, uid: str, day: date):
    return next(o for o in tab.occurrences if o.uid == uid and o.start.astimezone(LONDON).date() == day)


def test_renaming_all_occurrences_from_a_renamed_one_leaves_that_one_unchanged(qtbot, tab):
    """Wednesday's stand-up was renamed "Stand-up with the CEO" (This occurrence). The user opens
    that Wednesday, types "Daily sync" and picks "All occurrences". Every other day now reads
    "Daily sync", but the Wednesday the user just edited still reads "Stand-up with the CEO":
    the series' subject changed, the occurrence's own one stayed on top of it."""
    a = tab.diary.add(subject="Stand-up", start=at(MON, 9), end=at(MON, 9, 15), timezone="Europe/London",
                      rrule="FREQ=DAILY;COUNT=5")
    wed = MON + timedelta(2)
    tab.diary.update_occurrence(a.uid, at(wed, 9), "this", subject="Stand-up with the CEO")
    show_week(qtbot, tab)
    with qtbot.waitSignal(tab.editorOpened, timeout=10000):  # read on the reader thread
        tab.open_occurrence(occ_on(tab, a.uid, wed))
    ed = tab._editor
    assert ed.subject.text() == "Stand-up with the CEO"
    ed.subject.setText("Daily sync")
    save(qtbot, tab, ed, "All occurrences")
    subjects = {o.start.astimezone(LONDON).date(): o.subject for o in tab.occurrences if o.uid == a.uid}
    assert subjects[wed] == "Daily sync", subjects


def test_this_and_following_from_a_renamed_occurrence_renames_all_that_follow(qtbot, tab):
    """Wednesday's stand-up alone is "Stand-up with the CEO". On that Wednesday the user changes
    only the place ("Room 2") and picks "This and the following". Expected: from Wednesday on the
    meetings are in Room 2 and Thursday, Friday... are still "Stand-up". Seen: every following
    meeting is now called "Stand-up with the CEO" (the dialog's whole content, not what was
    changed, goes to the new series)."""
    a = tab.diary.add(subject="Stand-up", start=at(MON, 9), end=at(MON, 9, 15), timezone="Europe/London",
                      place="Room 1", rrule="FREQ=DAILY;COUNT=5")
    wed = MON + timedelta(2)
    tab.diary.update_occurrence(a.uid, at(wed, 9), "this", subject="Stand-up with the CEO")
    show_week(qtbot, tab)
    with qtbot.waitSignal(tab.editorOpened, timeout=10000):  # read on the reader thread
        tab.open_occurrence(occ_on(tab, a.uid, wed))
    ed = tab._editor
    ed.place.setText("Room 2")
    save(qtbot, tab, ed, "This and the following")
    got = {o.start.astimezone(LONDON).date(): o.subject for o in tab.occurrences if "tand-up" in o.subject}
    assert got[MON + timedelta(3)] == "Stand-up" and got[MON + timedelta(4)] == "Stand-up", got


def test_open_the_record_of_a_moved_occurrences_reminder_opens_the_whole_series(qtbot, window, app, tab):
    """A weekly review; the one of Mon 11 Jan was moved to Thu 14 Jan 16:00. The hub's reminder
    message for it links the occurrence by its original start (appointment:UID@20270111T140000Z,
    as the hub writes it). "Open the record" should open that occurrence (Thu 14 Jan 16:00);
    instead the diary jumps to the series' first date (4 Jan) and opens the whole series."""
    a = app.store.diary.add(subject="Quarterly review", start=at(MON, 14), end=at(MON, 15),
                            timezone="Europe/London", rrule="FREQ=WEEKLY;COUNT=4")
    rid = at(MON + timedelta(7), 14)
    moved = at(MON + timedelta(10), 16)
    app.store.diary.move(a.uid, moved, moved + timedelta(hours=1), recurrence_id=rid)
    [mid] = app.store.messages.add_incoming([dict(
        kind="reminder", sender_id=1, sender_name="Me", body="Reminder: Quarterly review",
        received_at=clock.time(), sent_at=clock.time(), hub_id=9001, client_id=str(uuid.uuid4()),
        link=f"appointment:{a.uid}@{core.rid_key(rid)}")])
    view = window.messages.tab.view
    view.show_message(app.store.messages.get(mid))
    window.tabs.setCurrentWidget(window.messages.tab)
    with qtbot.waitSignal(tab.editorOpened, timeout=10000):
        view.record_btn.click()
    assert window.tabs.currentWidget() is tab
    ed = tab._editor
    assert ed.fields()["start"] == moved, f"opened {ed.fields()['start']} ({ed.windowTitle()})"
    ed.reject()
