"""The Diary tab's "This occurrence / This and the following / All" question when an occurrence
of a series is edited (issue 15, point 2), answered in the real message box; and appointment
reminders that arrive as messages: one notification per occurrence, whichever comes first, and
"Open the record" opens the appointment (point 4)."""

from __future__ import annotations

import time as clock
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTimer

from whitephone.core import diary as core

LONDON = ZoneInfo("Europe/London")
MON = date(2026, 3, 23)


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


@contextmanager
def written(qtbot, tab):
    with qtbot.waitSignal(tab.changed, timeout=10000):
        yield
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        pass


def show_week(qtbot, tab, day: date = MON):
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.anchor = day
        tab.set_view("week")


def answer_with(qtbot, tab, button: str) -> list[str]:
    """Click `button` in the question the tab is about to ask (its real QMessageBox)."""
    asked: list[str] = []

    def click() -> None:
        box = tab._question
        if box is None or not box.isVisible():
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        [b] = [b for b in box.buttons() if b.text() == button]
        b.click()

    tab._question = None
    QTimer.singleShot(0, click)
    return asked


def occ_on(tab, uid: str, day: date):
    return next(o for o in tab.occurrences if o.uid == uid and o.start.astimezone(LONDON).date() == day)


def test_editing_an_occurrence_asks_which_and_does_each(qtbot, tab, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    a = tab.diary.add(subject="Stand-up", start=at(MON, 9), end=at(MON, 9, 15), timezone="Europe/London",
                      place="Room 1", rrule="FREQ=DAILY;COUNT=10")
    show_week(qtbot, tab)
    wed = MON + timedelta(2)
    with qtbot.waitSignal(tab.editorOpened, timeout=10000):  # read on the reader thread
        tab.open_occurrence(occ_on(tab, a.uid, wed))
    ed = tab._editor
    assert ed.windowTitle() == "Appointment (repeating)"
    assert ed.fields()["start"] == at(wed, 9)  # this occurrence's own time, not the series' first
    ed.subject.setText("Stand-up with the board")
    ed.place.setText("Board room")
    asked = answer_with(qtbot, tab, "This occurrence")
    with written(qtbot, tab):
        ed.accept()
    assert asked and "repeats" in asked[0] and not ed.isVisible()
    subjects = {o.start.astimezone(LONDON).date(): o.subject for o in tab.occurrences if o.uid == a.uid}
    assert subjects[wed] == "Stand-up with the board"
    assert {s for d, s in subjects.items() if d != wed} == {"Stand-up"}
    assert tab.diary.get(a.uid).overrides[core.rid_key(at(wed, 9))]["place"] == "Board room"

    # reopened, the occurrence shows its own text; a per-series change for one occurrence is refused
    with qtbot.waitSignal(tab.editorOpened, timeout=10000):  # read on the reader thread
        tab.open_occurrence(occ_on(tab, a.uid, wed))
    ed = tab._editor
    assert (ed.subject.text(), ed.place.text()) == ("Stand-up with the board", "Board room")
    ed.remind.setCurrentIndex(ed.remind.findData(15))
    answer_with(qtbot, tab, "This occurrence")
    ed.accept()
    qtbot.waitUntil(lambda: ed.error.isVisible(), timeout=10000)
    assert "whole series" in ed.error.text() and ed.isVisible() and warned
    # cancelled question: nothing saved, the dialog stays open with what was typed
    answer_with(qtbot, tab, "Cancel")
    ed.accept()
    assert ed.isVisible() and "Not saved" in ed.error.text()
    ed.reject()

    # this and the following ones: the series splits on Friday, from there at 10:00
    fri = MON + timedelta(4)
    with qtbot.waitSignal(tab.editorOpened, timeout=10000):  # read on the reader thread
        tab.open_occurrence(occ_on(tab, a.uid, fri))
    ed = tab._editor
    ed.start.setDateTime(ed.start.dateTime().addSecs(3600))
    ed.end.setDateTime(ed.end.dateTime().addSecs(3600))
    ed.subject.setText("Late stand-up")
    answer_with(qtbot, tab, "This and the following")
    with written(qtbot, tab):
        ed.accept()
    show_week(qtbot, tab, MON + timedelta(7))
    show_week(qtbot, tab, MON)
    by_day = {o.start.astimezone(LONDON).date(): (o.subject, o.start.astimezone(LONDON).hour)
              for o in tab.occurrences if "tand-up" in o.subject}
    assert by_day[MON] == ("Stand-up", 9) and by_day[fri] == ("Late stand-up", 10)
    # across the clocks going forward (Sunday 29 March) still 10:00 London time
    assert by_day[date(2026, 3, 29)] == ("Late stand-up", 10)
    assert len({o.uid for o in tab.occurrences if "tand-up" in o.subject}) == 2

    # all occurrences: Tuesday's description goes to the whole first part
    with qtbot.waitSignal(tab.editorOpened, timeout=10000):  # read on the reader thread
        tab.open_occurrence(occ_on(tab, a.uid, MON + timedelta(1)))
    ed = tab._editor
    ed.description.setPlainText("bring the numbers")
    answer_with(qtbot, tab, "All occurrences")
    with written(qtbot, tab):
        ed.accept()
    got = tab.diary.get(a.uid)
    assert got.description == "bring the numbers" and got.start == at(MON, 9)


def reminder_message(app, appt_uid: str, key: str, subject: str) -> int:
    [mid] = app.store.messages.add_incoming([dict(
        kind="reminder", sender_id=1, sender_name="Me", body=f"Reminder: {subject}", received_at=clock.time(),
        sent_at=clock.time(), hub_id=9000 + len(app.store.messages.list()), client_id=str(uuid.uuid4()),
        link=f"appointment:{appt_uid}@{key}")])
    return mid


def test_a_reminder_is_shown_once_whether_the_message_or_the_diary_comes_first(qtbot, window, app, monkeypatch):
    from whitephone.ui.diary import reminders

    now = datetime.now(UTC).replace(microsecond=0)
    diary = app.store.diary
    first = diary.add(subject="Call back Jan", start=now + timedelta(minutes=16), end=now + timedelta(minutes=30),
                      remind_minutes=15)
    second = diary.add(subject="Demo", start=now + timedelta(minutes=17), end=now + timedelta(minutes=40),
                       remind_minutes=15)
    seen: list[tuple[str, str]] = []
    window.reminders.notified.connect(lambda title, text: seen.append((title, text)))
    qtbot.wait(300)  # the start-up check: nothing due yet
    assert seen == []

    # the hub's message comes first: it is the one notification; the diary stays silent
    reminder_message(app, first.uid, core.rid_key(first.start), "Call back Jan")
    window.messages.store_changed()
    qtbot.waitUntil(lambda: getattr(window.messages, "last_notification", ("",))[0] == "Reminder", timeout=10000)
    assert "Call back Jan" in window.messages.last_notification[1]

    # the diary comes first (a minute on, both are due): it shows the second only ...
    monkeypatch.setattr(reminders, "utc_now", lambda: now + timedelta(minutes=3))
    window.reminders.check()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    qtbot.wait(300)
    assert seen == [("Reminder: Demo", seen[0][1])]
    # ... and the message for it that arrives later is not announced again
    window.messages.last_notification = None
    reminder_message(app, second.uid, core.rid_key(second.start), "Demo")
    with qtbot.waitSignal(window.messages.tab.loaded, timeout=10000):
        window.messages.store_changed()
    qtbot.wait(500)
    assert window.messages.last_notification is None
    window.reminders.check()
    qtbot.wait(300)
    assert len(seen) == 1


def test_open_the_record_of_an_appointment_reminder_opens_it_in_the_diary(qtbot, window, app, tab):
    a = app.store.diary.add(subject="Quarterly review", start=at(MON, 14), end=at(MON, 15), timezone="Europe/London",
                            rrule="FREQ=WEEKLY;COUNT=4")
    rid = at(MON + timedelta(7), 14)
    mid = reminder_message(app, a.uid, core.rid_key(rid), "Quarterly review")
    msg = app.store.messages.get(mid)
    view = window.messages.tab.view
    view.show_message(msg)
    assert not view.record_btn.isHidden()
    window.tabs.setCurrentWidget(window.messages.tab)
    with qtbot.waitSignal(tab.editorOpened, timeout=10000):
        view.record_btn.click()
    assert window.tabs.currentWidget() is tab
    ed = tab._editor
    assert ed.subject.text() == "Quarterly review" and ed.fields()["start"] == rid
    ed.reject()
    app.store.diary.delete(a.uid)
    view.record_btn.click()
    qtbot.waitUntil(lambda: "no longer in your diary" in window.statusBar().currentMessage(),
                    timeout=10000)  # read on the reader thread
    assert "no longer in your diary" in window.statusBar().currentMessage()
