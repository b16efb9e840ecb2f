"""The Diary tab over a real store: views drawn with appointments, keys, double-click to create,
drag to move and resize, the editor's round trip, reminders and phone meetings, .ics import."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import call_window
from whitephone.ui.diary.editor import AppointmentEditor
from whitephone.ui.diary.views import HOUR_HEIGHT

LONDON = ZoneInfo("Europe/London")
TUE = date(2026, 3, 24)  # the week of the clocks going forward (Sunday 29 March)
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots" / "diary"


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


def show(qtbot, tab, view: str, day: date = TUE):
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.anchor = day
        tab.set_view(view)
    return tab.view


def seed(diary):
    add = diary.add
    return {
        "demo": add(subject="Demo for Acme", start=at(TUE, 10), end=at(TUE, 11, 30), place="Acme office",
                    timezone="Europe/London"),
        "call": add(subject="Call back Mary", start=at(TUE, 10, 30), end=at(TUE, 11), timezone="Europe/London"),
        "lunch": add(subject="Lunch", start=at(TUE, 11), end=at(TUE, 12), timezone="Europe/London"),
        "standup": add(subject="Stand-up", start=at(date(2026, 3, 23), 9), end=at(date(2026, 3, 23), 9, 15),
                       rrule="FREQ=DAILY;COUNT=10", timezone="Europe/London"),
        "fair": add(subject="Trade fair", start=at(TUE + timedelta(1), 0), end=at(TUE + timedelta(3), 0),
                    all_day=True, timezone="Europe/London"),
        "meeting": add(subject="Supplier review", start=at(TUE + timedelta(2), 14), end=at(TUE + timedelta(2), 15),
                       timezone="Europe/London", meeting={"number": "+44 20 7946 0018", "mode": "manual",
                                                          "contact": "Mary Smith", "notes": "prices"}),
    }


@contextmanager
def written(qtbot, tab):
    """The block's write finished and the views read the store again after it (a reload the
    change watch started before it is superseded: only the newest read is shown)."""
    with qtbot.waitSignal(tab.changed, timeout=10000):
        yield
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        pass


def save(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_week_view_draws_overlaps_side_by_side_all_day_and_recurring(qtbot, tab):
    a = seed(tab.diary)
    view = show(qtbot, tab, "week")
    subjects = {pl.occ.subject for _r, pl, _d in view.body.rects}
    assert {"Demo for Acme", "Call back Mary", "Lunch", "Stand-up", "Supplier review"} <= subjects
    assert sum(1 for _r, pl, _d in view.body.rects if pl.occ.subject == "Stand-up") == 7  # one a day
    assert "Trade fair" not in subjects  # all day: in the row above the hours
    assert [pl.occ.subject for _r, pl in view.header.rects] == ["Trade fair", "Trade fair"]
    boxes = {pl.occ.uid: r for r, pl, d in view.body.rects if d == TUE}
    demo, call, lunch = boxes[a["demo"].uid], boxes[a["call"].uid], boxes[a["lunch"].uid]
    assert demo.right() <= call.left() and abs(call.left() - lunch.left()) < 1  # side by side; B, C share
    assert demo.top() == pytest.approx(10 * HOUR_HEIGHT) and demo.height() == pytest.approx(1.5 * HOUR_HEIGHT - 1)
    # Sunday 29 March (clocks forward): the stand-up is still drawn at 09:00
    sunday = [r for r, pl, d in view.body.rects if d == date(2026, 3, 29)][0]
    assert sunday.top() == pytest.approx(9 * HOUR_HEIGHT)
    save(tab.window(), "week")


def test_day_month_and_agenda_views_render(qtbot, tab):
    seed(tab.diary)
    day = show(qtbot, tab, "day")
    assert len(day.s.days) == 1 and len(day.body.rects) == 4
    save(tab.window(), "day")
    month = show(qtbot, tab, "month")
    assert len(month.s.days) == 42 and month.s.days[0] == date(2026, 2, 23)
    on_tue = [pl.occ.subject for _r, pl, d in month.rects if d == TUE]
    assert on_tue[0] == "Stand-up" and len(on_tue) + sum(n for _r, d, n in month.more if d == TUE) >= 3
    save(tab.window(), "month")
    agenda = show(qtbot, tab, "agenda")
    assert agenda.ordered()[0].subject == "Stand-up" and "Supplier review" in [o.subject for o in agenda.ordered()]
    save(tab.window(), "agenda")


def test_month_view_says_how_many_more_when_a_day_is_full(qtbot, tab):
    for i in range(30):
        tab.diary.add(subject=f"Call {i}", start=at(TUE, 8) + timedelta(minutes=10 * i),
                      end=at(TUE, 8) + timedelta(minutes=10 * i + 10), timezone="Europe/London")
    month = show(qtbot, tab, "month")
    shown = sum(1 for _r, _p, d in month.rects if d == TUE)
    assert 0 < shown < 30 and [(d, n) for _r, d, n in month.more] == [(TUE, 30 - shown)]
    save(tab.window(), "month-full")


def test_keys_move_the_day_page_switch_views_and_go_today(qtbot, tab):
    show(qtbot, tab, "week")
    view = tab.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert tab.anchor == TUE + timedelta(1)
    with qtbot.waitSignal(tab.loaded):
        QTest.keyClick(view, Qt.Key.Key_PageDown)
    assert tab.anchor == TUE + timedelta(8) and tab.view.s.days[0] == date(2026, 3, 30)
    with qtbot.waitSignal(tab.loaded):
        QTest.keyClick(tab.view, Qt.Key.Key_3)
    assert tab.view_name == "month" and tab.view_buttons["month"].isChecked()
    QTest.keyClick(tab.view, Qt.Key.Key_Down)  # a week on, in the April shown: nothing to read again
    assert tab.anchor == TUE + timedelta(15) and tab.view.s.anchor == tab.anchor
    with qtbot.waitSignal(tab.loaded):
        QTest.keyClick(tab.view, Qt.Key.Key_PageUp)
    assert tab.anchor == date(2026, 3, 8)
    with qtbot.waitSignal(tab.loaded):
        QTest.keyClick(tab.view, Qt.Key.Key_T)
    assert tab.anchor == datetime.now(LONDON).date()
    with qtbot.waitSignal(tab.loaded):
        QTest.keyClick(tab.view, Qt.Key.Key_1)
    QTest.keyClick(tab.view, Qt.Key.Key_Down)
    assert tab.view_name == "day" and tab.minutes == 9 * 60 + 30
    assert tab.app.profile.get("diary_view") == "day"  # the next start opens the same view


def test_tab_cycles_the_days_appointments_enter_opens_delete_deletes(qtbot, tab, monkeypatch):
    a = seed(tab.diary)
    show(qtbot, tab, "day")
    QTest.keyClick(tab.view, Qt.Key.Key_Tab)
    assert tab.selection.subject == "Stand-up"
    QTest.keyClick(tab.view, Qt.Key.Key_Tab)
    assert tab.selection.uid == a["demo"].uid
    with qtbot.waitSignal(tab.editorOpened, timeout=5000):
        QTest.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab._editor.subject.text() == "Demo for Acme" and tab._editor.isVisible()
    tab._editor.reject()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with written(qtbot, tab):
        QTest.keyClick(tab.view, Qt.Key.Key_Delete)
    assert tab.diary.get(a["demo"].uid) is None and tab.selection is None


def test_enter_without_a_selection_creates_at_the_selected_slot(qtbot, tab):
    show(qtbot, tab, "day")
    for _ in range(4):
        QTest.keyClick(tab.view, Qt.Key.Key_Down)  # 09:00 -> 11:00
    QTest.keyClick(tab.view, Qt.Key.Key_Return)
    f = tab._editor.fields()
    assert (f["start"], f["end"]) == (at(TUE, 11), at(TUE, 12))
    tab._editor.reject()


def test_deleting_one_occurrence_of_a_series_asks_which(qtbot, tab, monkeypatch):
    a = seed(tab.diary)
    show(qtbot, tab, "day")
    QTest.keyClick(tab.view, Qt.Key.Key_Tab)  # the stand-up of Tuesday
    monkeypatch.setattr(tab, "ask_which", lambda title, text, following=False: "this")
    with written(qtbot, tab):
        QTest.keyClick(tab.view, Qt.Key.Key_Delete)
    days = [o.start.date() for o in tab.diary.occurrences(at(date(2026, 3, 23), 0), at(date(2026, 4, 2), 0))
            if o.uid == a["standup"].uid]
    assert TUE not in days and len(days) == 9


def test_double_click_creates_at_that_time_and_the_editor_saves(qtbot, tab):
    view = show(qtbot, tab, "week")
    x = int(view.column_x(1) + view.column_width() / 2)  # Tuesday
    y = int(14 * HOUR_HEIGHT + 5)
    QTest.mouseDClick(view.body, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    ed = tab._editor
    assert ed.isVisible() and ed.windowTitle() == "New appointment"
    f = ed.fields()
    assert f["start"] == at(TUE, 14) and f["end"] == at(TUE, 15) and not f["all_day"]
    ed.accept()  # no subject: refused with a reason, nothing lost
    assert ed.isVisible() and "subject" in ed.error.text()
    ed.subject.setText("Demo call")
    with written(qtbot, tab):
        ed.accept()
    [o] = tab.occurrences
    assert o.subject == "Demo call" and o.start == at(TUE, 14)
    # double-click in the all-day row: an all-day appointment
    QTest.mouseDClick(view.header, Qt.MouseButton.LeftButton, pos=QPoint(x, 30))
    f = tab._editor.fields()
    assert f["all_day"] and f["start"] == at(TUE, 0) and f["end"] == at(TUE + timedelta(1), 0)
    tab._editor.reject()


def test_editor_round_trip_of_every_field(qtbot, tab, app, monkeypatch):
    from tests.ui.conftest import add_people

    add_people(app, 2)
    appt = tab.diary.add(subject="Quarterly review", start=at(TUE, 14), end=at(TUE, 16), timezone="Europe/London",
                         place="Room 2", description="bring figures", record="T-1042", remind_minutes=60,
                         rrule="FREQ=WEEKLY;COUNT=4", private=True,
                         participants=[{"kind": "contact", "id": 1, "name": "Mary Smith",
                                        "email": "mary@example.com", "answer": "accepted"}],
                         meeting={"number": "+44 20 7946 0018", "mode": "automatic", "contact": "Mary Smith",
                                  "notes": "prices"})
    show(qtbot, tab, "week")
    [occ] = [o for o in tab.occurrences if o.uid == appt.uid]
    with qtbot.waitSignal(tab.editorOpened, timeout=5000):  # read on the reader thread
        tab.open_occurrence(occ)
    ed = tab._editor
    assert ed.windowTitle() == "Appointment (repeating)"
    monkeypatch.setattr(tab, "ask_which", lambda title, text, following=False: "all")
    assert (ed.place.text(), ed.record.text(), ed.remind.currentData()) == ("Room 2", "T-1042", 60)
    assert ed.freq.currentData() == "WEEKLY" and ed.count.value() == 4 and ed.private.isChecked()
    assert ed.automatic.isChecked() and ed.number.text() == "+44 20 7946 0018"
    assert "accepted" in ed.people.item(0).text() and "Europe/London" in ed.zone.text()
    ed.person.setText("Jan Kowalski")
    ed.add_person()
    ed.person.setText("nobody at all")
    ed.add_person()
    qtbot.waitUntil(lambda: not ed.busy(), timeout=5000)  # searched on the reader thread
    assert "No contact or colleague" in ed.error.text() and len(ed.participants) == 2
    ed.remind.setCurrentIndex(ed.remind.findData(15))
    ed.freq.setCurrentIndex(ed.freq.findData("MONTHLY"))
    ed.ends.setCurrentIndex(1)
    from PySide6.QtCore import QDate

    ed.until.setDate(QDate(2026, 12, 31))
    ed.manual.setChecked(True)
    save(ed, "editor")
    with written(qtbot, tab):
        ed.accept()
    b = tab.diary.get(appt.uid)
    assert b.remind_minutes == 15 and b.rrule.startswith("FREQ=MONTHLY;UNTIL=20261231")
    assert [p["name"] for p in b.participants] == ["Mary Smith", "Jan Kowalski"]
    assert b.meeting["mode"] == "manual" and b.place == "Room 2" and b.record == "T-1042" and b.private


def test_invited_colleague_accepts_from_the_editor(qtbot, tab):
    appt = tab.diary.add(subject="Planning", start=at(TUE, 9), end=at(TUE, 10), timezone="Europe/London",
                         organizer_id=7, participants=[{"kind": "user", "id": 3, "name": "Me", "email": "me@x.org",
                                                        "answer": "needs-action"}])
    tab.diary.my_user_id = lambda: 3  # signed in as user 3 (the hub sign-in is the Team tests' business)
    answers = []
    real_answer = tab.diary.answer
    tab.diary.answer = lambda uid, answer: answers.append(answer) or real_answer(uid, answer, user_id=3)
    show(qtbot, tab, "day")
    with qtbot.waitSignal(tab.editorOpened, timeout=5000):  # read on the reader thread
        tab.open_occurrence(tab.occurrences[0])
    ed = tab._editor
    assert ed.invitation.isVisible() and "no answer yet" in ed.invitation_text.text()
    with qtbot.waitSignal(tab.changed, timeout=5000):
        ed.accept_button.click()
    assert answers == ["accepted"] and tab.diary.get(appt.uid).participants[0]["answer"] == "accepted"
    assert not ed.accept_button.isEnabled() and ed.decline_button.isEnabled()
    ed.reject()


def drag(body, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(body, Qt.MouseButton.LeftButton, pos=start)
    mid = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    QTest.mouseMove(body, mid)
    QTest.mouseMove(body, end)
    QTest.mouseRelease(body, Qt.MouseButton.LeftButton, pos=end)


def test_drag_moves_to_another_day_and_time_and_resizes(qtbot, tab):
    a = seed(tab.diary)
    view = show(qtbot, tab, "week")
    r = view.box_of(next(o for o in tab.occurrences if o.uid == a["lunch"].uid))
    start = QPoint(int(r.center().x()), int(r.top() + 8))
    end = start + QPoint(int(view.column_width()), 2 * HOUR_HEIGHT)  # Wednesday, two hours later
    with written(qtbot, tab):
        drag(view.body, start, end)
    moved = tab.diary.get(a["lunch"].uid)
    assert (moved.start, moved.end) == (at(TUE + timedelta(1), 13), at(TUE + timedelta(1), 14))
    r = view.box_of(next(o for o in tab.occurrences if o.uid == a["lunch"].uid))
    edge = QPoint(int(r.center().x()), int(r.bottom() - 2))
    with written(qtbot, tab):
        drag(view.body, edge, edge + QPoint(0, HOUR_HEIGHT // 2))  # half an hour longer
    assert tab.diary.get(a["lunch"].uid).end == at(TUE + timedelta(1), 14, 30)


def test_drag_of_a_repeating_occurrence_asks_this_or_all(qtbot, tab, monkeypatch):
    a = seed(tab.diary)
    view = show(qtbot, tab, "week")
    asked = []
    monkeypatch.setattr(tab, "ask_which", lambda title, text, following=False: asked.append(text) or "this")
    tue = next(o for o in tab.occurrences if o.uid == a["standup"].uid and o.start.date() == TUE)
    r = view.box_of(tue)
    start = QPoint(int(r.center().x()), int(r.center().y()))
    with written(qtbot, tab):
        drag(view.body, start, start + QPoint(0, HOUR_HEIGHT))
    assert asked and "repeats" in asked[0]
    occs = [o for o in tab.occurrences if o.uid == a["standup"].uid]
    assert [o.start.hour for o in occs if o.start.date() == TUE] == [10]
    assert all(o.start.hour == 9 for o in occs if o.start.date() != TUE)
    monkeypatch.setattr(tab, "ask_which", lambda title, text, following=False: "all")
    wed = next(o for o in tab.occurrences if o.uid == a["standup"].uid and o.start.date() == TUE + timedelta(1))
    r = view.box_of(wed)
    start = QPoint(int(r.center().x()), int(r.center().y()))
    with written(qtbot, tab):
        drag(view.body, start, start + QPoint(0, -HOUR_HEIGHT))  # every one an hour earlier
    occs = [o for o in tab.occurrences if o.uid == a["standup"].uid]
    assert {o.start.hour for o in occs if o.start.date() not in (TUE,)} == {8}
    # across the clocks going forward the wall-clock time holds (08:00 on Sunday 29 March too)
    assert [o.start.hour for o in occs if o.start.date() == date(2026, 3, 29)] == [8]
    monkeypatch.setattr(tab, "ask_which", lambda title, text, following=False: "following")
    fri = next(o for o in tab.occurrences if o.uid == a["standup"].uid and o.start.date() == date(2026, 3, 27))
    r = view.box_of(fri)
    start = QPoint(int(r.center().x()), int(r.center().y()))
    with written(qtbot, tab):
        drag(view.body, start, start + QPoint(0, 2 * HOUR_HEIGHT))  # from Friday on: 10:00
    hours = {o.start.date().day: o.start.hour for o in tab.occurrences if o.subject == "Stand-up"}
    assert (hours[23], hours[26], hours[27], hours[28], hours[29]) == (8, 8, 10, 10, 10)
    assert len({o.uid for o in tab.occurrences if o.subject == "Stand-up"}) == 2  # split in two series


def test_month_drag_moves_by_days(qtbot, tab):
    a = seed(tab.diary)
    view = show(qtbot, tab, "month")
    occ = next(o for o in tab.occurrences if o.uid == a["meeting"].uid)
    r = view.box_of(occ)
    target = view.cell(view.s.days.index(TUE + timedelta(9))).center()  # Thursday 26 -> Thursday 2 April
    with written(qtbot, tab):
        drag(view, QPoint(int(r.center().x()), int(r.center().y())), QPoint(int(target.x()), int(target.y())))
    moved = tab.diary.get(a["meeting"].uid)
    assert moved.start == at(date(2026, 4, 2), 14) and moved.end == at(date(2026, 4, 2), 15)  # after DST: 14:00


def test_reminders_shown_once_also_those_due_while_closed(qtbot, app, monkeypatch):
    from whitephone.ui.diary import reminders
    from whitephone.ui.main_window import MainWindow

    now = datetime.now(UTC)
    diary = app.store.diary
    diary.add(subject="Call back Jan", start=now + timedelta(minutes=16), end=now + timedelta(minutes=40),
              remind_minutes=15)
    diary.add(subject="Demo", start=now + timedelta(minutes=32), end=now + timedelta(minutes=50), remind_minutes=30)
    diary.add(subject="Later", start=now + timedelta(hours=5), end=now + timedelta(hours=6), remind_minutes=5)
    # the app opens three minutes later: both reminders fell due (a minute ago, two) while it was closed
    monkeypatch.setattr(reminders, "utc_now", lambda: now + timedelta(minutes=3))
    seen = []
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.reminders.notified.connect(lambda title, text: seen.append((title, text)))
    w.show()
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert seen[0][0] == "2 reminders while WhitePhone was closed"
        assert "Call back Jan" in seen[0][1] and "Demo" in seen[0][1] and "Later" not in seen[0][1]
        qtbot.waitUntil(lambda: not diary.due_reminders(now + timedelta(minutes=3)), timeout=5000)  # marked
        w.reminders.check()
        qtbot.wait(300)
        assert len(seen) == 1
        # an hour on, a new one comes alone, by its name
        diary.add(subject="Ring the bank", start=now + timedelta(minutes=35), end=now + timedelta(minutes=45),
                  remind_minutes=30)
        monkeypatch.setattr(reminders, "utc_now", lambda: now + timedelta(minutes=6))
        w.reminders.check()
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
        assert seen[1][0] == "Reminder: Ring the bank"
    finally:
        w.shutdown()


def test_manual_phone_meeting_prompts_and_automatic_one_dials(qtbot, window, app):
    now = datetime.now(UTC)
    diary = app.store.diary
    diary.add(subject="Supplier call", start=now - timedelta(seconds=5), end=now + timedelta(minutes=30),
              meeting={"number": "+44 20 7946 0018", "mode": "manual", "contact": "Mary Smith", "notes": "prices"})
    calls = []
    window.callRequested.connect(lambda target, contact: calls.append(target.e164))
    with qtbot.waitSignal(window.reminders.meetingPrompted, timeout=5000):
        window.reminders.check()
    [box] = [b for b in window.reminders.questions if "Call Mary Smith" in b.text()]
    assert "prices" in box.text() and not calls
    box.button(QMessageBox.StandardButton.Yes).click()
    assert calls == ["+442079460018"]
    diary.add(subject="Daily check-in", start=now - timedelta(seconds=5), end=now + timedelta(minutes=15),
              meeting={"number": "+48 601 234 567", "mode": "automatic"})
    with qtbot.waitSignal(window.reminders.meetingDialled, timeout=5000):
        window.reminders.check()
    assert calls[-1] == "+48601234567"
    window.reminders.check()  # started once: never dialled again
    qtbot.wait(300)
    assert len(calls) == 2 and not diary.meetings_starting()


def test_import_shows_per_item_errors_and_keeps_the_good_events(qtbot, tab, tmp_path):
    ics = tmp_path / "mixed.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
                   "BEGIN:VEVENT\r\nUID:good-1\r\nDTSTART:20260324T100000Z\r\nDTEND:20260324T110000Z\r\n"
                   "SUMMARY:Good one\r\nEND:VEVENT\r\n"
                   "BEGIN:VEVENT\r\nUID:bad-1\r\nDTSTART:not a date\r\nSUMMARY:Broken\r\nEND:VEVENT\r\n"
                   "END:VCALENDAR\r\n", encoding="utf-8")
    show(qtbot, tab, "week")
    with qtbot.waitSignal(tab.changed, timeout=10000):
        tab.import_ics([str(ics)])
    qtbot.waitUntil(lambda: getattr(tab, "report_dialog", None) is not None and tab.report_dialog.isVisible())
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    text = " ".join(w.text() for w in tab.report_dialog.findChildren(QLabel))
    assert "Added: 1" in text and "Problems: 1" in text
    assert "mixed.ics" in tab.report_dialog.findChild(QPlainTextEdit).toPlainText()
    save(tab.report_dialog, "import-report")
    assert [o.subject for o in tab.diary.occurrences(at(TUE, 0), at(TUE, 23))] == ["Good one"]


def test_import_of_a_file_that_is_not_a_calendar_says_so(qtbot, tab, tmp_path, monkeypatch):
    bad = tmp_path / "notes.ics"
    bad.write_text("hello, this is not a calendar\n")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    tab.import_ics([str(bad)])
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert warned[0].startswith("Nothing imported") and tab.diary.count() == 0


def test_export_writes_the_shown_range(qtbot, tab, tmp_path):
    seed(tab.diary)
    show(qtbot, tab, "day")
    out = tmp_path / "day.ics"
    msgs = []
    tab.status.connect(msgs.append)
    tab.export_ics(str(out), everything=False)
    qtbot.waitUntil(lambda: any(m.startswith("Exported") for m in msgs), timeout=10000)
    text = out.read_text(encoding="utf-8")
    assert "Demo for Acme" in text and "Trade fair" not in text


def test_automatic_phone_meeting_calls_an_agent_at_the_start(qtbot, phone, app):
    from tests.sip.agents import AgentProcess

    with AgentProcess("--answer", "--once") as peer:
        now = datetime.now(UTC)
        app.store.diary.add(subject="Weekly supplier call", start=now - timedelta(seconds=2),
                            end=now + timedelta(minutes=30),
                            meeting={"number": peer.uri, "mode": "automatic", "notes": "prices"})
        with qtbot.waitSignal(phone.reminders.meetingDialled, timeout=10000):
            phone.reminders.check()
        window = call_window(qtbot, phone, answered=True)
        window.hang_up()
        peer.wait_for("ended")
    qtbot.waitUntil(lambda: bool(app.store.calls.list()) and app.store.calls.list()[0].result == "answered",
                    timeout=5000)
    assert app.store.calls.list()[0].direction == "out"
    assert not app.store.diary.meetings_starting()  # started once, never dialled again


def test_all_day_appointment_dragged_in_the_week_header_moves_by_days(qtbot, tab):
    a = seed(tab.diary)
    view = show(qtbot, tab, "week")
    [(r, _pl), _] = view.header.rects  # the fair: Wednesday and Thursday
    start = QPoint(int(r.center().x()), int(r.center().y()))
    with written(qtbot, tab):
        drag(view.header, start, start + QPoint(int(2 * view.column_width()), 0))
    fair = tab.diary.get(a["fair"].uid)
    assert fair.all_day and fair.start.date() == date(2026, 3, 27) and fair.end.date() == date(2026, 3, 29)
    assert [d.day for d, items in view.s.per_day.items() if any(p.all_day for p in items)] == [27, 28]


def test_a_meeting_whose_number_cannot_be_dialled_says_why(qtbot, window, app):
    now = datetime.now(UTC)
    app.store.diary.add(subject="Broken number", start=now - timedelta(seconds=2), end=now + timedelta(minutes=5),
                        meeting={"number": "call me maybe", "mode": "automatic"})
    seen = []
    window.reminders.notified.connect(lambda title, text: seen.append((title, text)))
    calls = []
    window.callRequested.connect(lambda *a: calls.append(a))
    window.reminders.check()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0][0] == "Phone meeting: Broken number" and "cannot be dialled" in seen[0][1] and not calls


def test_appointments_written_elsewhere_show_up(qtbot, tab, app):
    from whitephone.store import Store

    show(qtbot, tab, "week")
    with Store(app.store.path) as other:  # another writer: the sync engine, the `whitephone diary` CLI
        other.diary.add(subject="Invitation from Jan", start=at(TUE, 16), end=at(TUE, 17), timezone="Europe/London")
    qtbot.waitUntil(lambda: [o.subject for o in tab.occurrences] == ["Invitation from Jan"], timeout=5000)


def test_agenda_keeps_its_days_while_the_selection_moves(qtbot, tab):
    seed(tab.diary)
    agenda = show(qtbot, tab, "agenda")
    first = agenda.s.days[0]
    for _ in range(5):  # Tuesday's stand-up, demo, call, lunch; Wednesday's fair
        QTest.keyClick(agenda, Qt.Key.Key_Down)
    assert tab.selection.subject == "Trade fair" and agenda.s.days[0] == first  # nothing dropped off the top
    QTest.keyClick(agenda, Qt.Key.Key_Up)
    assert tab.selection.subject == "Lunch"
    r = agenda.box_of(tab.selection)
    QTest.mouseClick(agenda.body, Qt.MouseButton.LeftButton, pos=QPoint(int(r.center().x()), int(r.center().y())))
    assert agenda.s.days[0] == first


def test_participants_from_colleagues_and_contacts_and_the_invitation_screen(qtbot, tab, app):
    from tests.ui.conftest import add_people

    add_people(app, 1)
    tab.colleagues = lambda: [(7, "Jan Nowak", "jan@acme.example")]
    ed = tab.editor(start=at(TUE, 9), end=at(TUE, 10))
    qtbot.addWidget(ed)
    ed.subject.setText("Planning")
    for text in ("Jan Nowak", "Mary Smith", "someone@elsewhere.org"):
        ed.person.setText(text)
        ed.add_person()
    qtbot.waitUntil(lambda: not ed.busy(), timeout=5000)  # searched on the reader thread
    kinds = [(p["kind"], p["id"], p["email"]) for p in ed.participants]
    assert kinds[0] == ("user", 7, "jan@acme.example") and kinds[1][0] == "contact" and kinds[1][1]
    assert kinds[2] == ("contact", None, "someone@elsewhere.org")
    ed.person.setText("Jan Nowak")
    ed.add_person()  # already there: not twice
    qtbot.waitUntil(lambda: not ed.busy(), timeout=5000)
    assert len(ed.participants) == 3
    # the invitee's side: accept/decline above the appointment
    appt = tab.diary.add(subject="Planning", start=at(TUE, 9), end=at(TUE, 10), timezone="Europe/London",
                         organizer_id=2, participants=[{"kind": "user", "id": 2, "name": "Jan Nowak", "email": "",
                                                        "answer": "accepted"},
                                                       {"kind": "user", "id": 3, "name": "Me", "email": "",
                                                        "answer": None}])
    tab.my_user_id = 3  # signed in as user 3 (read with the occurrences, on the reader thread)
    inv = tab.editor(appointment=appt)
    qtbot.addWidget(inv)
    inv.show()
    assert inv.invitation.isVisible() and inv.accept_button.isEnabled()
    save(inv, "editor-invitation")
    inv.reject()


def test_switching_to_the_diary_tab_gives_its_view_the_keys(qtbot, window):
    window.tabs.setCurrentWidget(window.address_books)
    window.activateWindow()
    window.tabs.setCurrentWidget(window.diary)
    qtbot.waitUntil(lambda: window.diary.view.hasFocus() or window.focusWidget() is window.diary.view, timeout=2000)


def test_editor_refuses_what_cannot_be_saved_and_keeps_what_was_typed(qtbot, tab):
    from PySide6.QtCore import QDate

    tab.create(at(TUE, 14), at(TUE, 15), False)
    ed = tab._editor
    ed.subject.setText("Review")
    ed.end.setDateTime(ed.start.dateTime().addSecs(-3600))
    ed.accept()
    assert ed.isVisible() and "ends before it starts" in ed.error.text()
    ed.end.setDateTime(ed.start.dateTime().addSecs(3600))
    ed.meeting.setChecked(True)
    ed.accept()
    assert ed.isVisible() and "needs the number" in ed.error.text()
    ed.number.setText("+44 20 7946 0018")
    ed.freq.setCurrentIndex(ed.freq.findData("WEEKLY"))
    ed.ends.setCurrentIndex(1)
    ed.until.setDate(QDate(2026, 3, 1))
    ed.accept()
    assert ed.isVisible() and "repeat ends before" in ed.error.text()
    assert ed.subject.text() == "Review" and ed.number.text() == "+44 20 7946 0018"
    ed.until.setDate(QDate(2026, 4, 30))
    with written(qtbot, tab):
        ed.accept()
    [a] = tab.diary.all()
    assert a.rrule.startswith("FREQ=WEEKLY;UNTIL=20260430") and a.meeting["number"] == "+44 20 7946 0018"


def test_a_failed_move_says_why_and_the_appointment_stays(qtbot, tab, monkeypatch):
    a = seed(tab.diary)
    view = show(qtbot, tab, "week")
    tab.diary.delete(a["lunch"].uid)  # gone meanwhile (another computer deleted it)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    lunch = next(o for o in tab.occurrences if o.uid == a["lunch"].uid)
    r = view.box_of(lunch)
    start = QPoint(int(r.center().x()), int(r.top() + 8))
    drag(view.body, start, start + QPoint(0, HOUR_HEIGHT))
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)
    qtbot.waitUntil(lambda: all(o.uid != a["lunch"].uid for o in tab.occurrences), timeout=5000)


def test_all_day_appointment_made_longer_by_its_right_edge(qtbot, tab):
    a = seed(tab.diary)
    view = show(qtbot, tab, "week")
    r = view.header.rects[1][0]  # the fair's last day (Thursday)
    edge = QPoint(int(r.right() - 2), int(r.center().y()))
    with written(qtbot, tab):
        drag(view.header, edge, edge + QPoint(int(view.column_width()), 0))  # to Friday
    fair = tab.diary.get(a["fair"].uid)
    assert fair.start.date() == date(2026, 3, 25) and fair.end.date() == date(2026, 3, 28)  # Wed-Fri


def test_a_reminder_is_saved_as_shown_before_it_is_shown(qtbot, app, monkeypatch):
    """Killed right after the notification, the app must not show it again at the next start."""
    from whitephone.ui.diary import reminders
    from whitephone.ui.main_window import MainWindow

    now = datetime.now(UTC)
    diary = app.store.diary
    diary.add(subject="Call back Jan", start=now + timedelta(minutes=16), end=now + timedelta(minutes=40),
              remind_minutes=15)
    monkeypatch.setattr(reminders, "utc_now", lambda: now + timedelta(minutes=3))
    pending_when_shown = []
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.reminders.notified.connect(
        lambda title, text: pending_when_shown.append(diary.due_reminders(now + timedelta(minutes=3))))
    w.show()
    try:
        qtbot.waitUntil(lambda: bool(pending_when_shown), timeout=5000)
        assert pending_when_shown == [[]], "the reminder was shown before it was saved as shown"
    finally:
        w.shutdown()


def test_the_editor_reads_the_store_off_the_main_thread(qtbot, tab, app, monkeypatch):
    import threading

    from tests.ui.conftest import add_people

    add_people(app, 1)
    seed(tab.diary)
    on_main: list[str] = []
    for obj, name in ((tab.diary, "get"), (tab.diary, "my_user_id"), (app.contacts, "search")):
        real = getattr(obj, name)

        def spy(*a, _real=real, _name=name, **kw):
            if threading.current_thread() is threading.main_thread():
                on_main.append(_name)
            return _real(*a, **kw)
        monkeypatch.setattr(obj, name, spy)
    show(qtbot, tab, "day")
    with qtbot.waitSignal(tab.editorOpened, timeout=5000) as opened:
        tab.open_occurrence(tab.occurrences[0])
    ed = opened.args[0]
    ed._search("Mar")  # typing in the participant box
    qtbot.waitUntil(lambda: not ed.busy(), timeout=5000)
    assert any("Mary Smith" in k for k in ed._matches)
    ed.person.setText("Mary Smith")
    ed.add_person()
    qtbot.waitUntil(lambda: not ed.busy(), timeout=5000)
    assert [p["name"] for p in ed.participants][-1] == "Mary Smith"
    ed.reject()
    tab.create(at(TUE, 15), at(TUE, 16), False)
    tab._editor.reject()
    assert on_main == []


def hold_reader(window) -> threading.Event:
    go = threading.Event()
    window.tasks.read.submit(lambda: go.wait(20))
    return go


def test_a_participant_added_just_before_save_is_invited(qtbot, tab, window):
    """New appointment: the user types "Jan Nowak" in the participant box, presses Add and then
    Save at once. The name search is still on the reader thread, so the appointment is saved
    without Jan (no invitation goes out) and no word is said; Jan is added afterwards to the
    dialog that is already gone. Expected: Save takes the participant being added (or waits)."""
    tab.colleagues = lambda: [(7, "Jan Nowak", "jan@acme.example")]
    tab.create(at(TUE, 9), at(TUE, 10), False)
    ed = tab._editor
    ed.subject.setText("Planning")
    go = hold_reader(window)
    try:
        ed.person.setText("Jan Nowak")
        ed.add_person()
        ed.accept()
    finally:
        go.set()
    qtbot.waitUntil(lambda: not ed.busy(), timeout=5000)
    qtbot.waitUntil(lambda: any(a.subject == "Planning" for a in tab.diary.all()), timeout=5000)
    qtbot.wait(300)
    saved = [a for a in tab.diary.all() if a.subject == "Planning"]
    assert saved, "the appointment was not saved"
    assert any(p.get("email") == "jan@acme.example" for p in (saved[0].participants or [])), saved[0].participants


def test_a_failed_participant_search_says_so(qtbot, window):
    """The participant search fails (the store is locked, a broken index): the user presses Add
    and nothing happens, no message; the exception is swallowed on the way back from the reader
    thread. Expected: the editor says the search failed (its red error line)."""
    def broken(text):
        raise RuntimeError("database is locked")

    ed = AppointmentEditor(None, start=at(TUE, 9), end=at(TUE, 10), search_people=broken,
                           reader=window.tasks.read)
    qtbot.addWidget(ed)
    ed.show()
    ed.person.setText("Jan Nowak")
    ed.add_person()
    qtbot.waitUntil(lambda: not ed.busy(), timeout=5000)
    assert ed.error.isVisible() and ed.error.text(), "no word that the search failed"


def test_opening_an_appointment_twice_quickly_opens_one_editor(qtbot, tab, window):
    """The reader is busy; the user double-clicks an appointment, sees nothing, and presses Enter
    on it again. When the reads come back two editors of the same appointment open on top of
    each other (the tab only remembers the last), and both can be saved. Expected: one editor."""
    seed(tab.diary)
    show(qtbot, tab, "week")
    occ = next(o for o in tab.occurrences if o.subject == "Demo for Acme")
    go = hold_reader(window)
    try:
        tab.open_occurrence(occ)
        tab.open_occurrence(occ)
    finally:
        go.set()
    qtbot.wait(1000)
    editors = [w for w in QApplication.topLevelWidgets() + tab.findChildren(AppointmentEditor)
               if isinstance(w, AppointmentEditor) and w.isVisible()]
    assert len(set(map(id, editors))) == 1, len(set(map(id, editors)))
