"""Break-it review of issue 13 in the window and the local reports: the CRM record window with
its store work on the writer thread (held busy here like a long import holds it), and the
calls report's "day"."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import add_people, app, window  # noqa: F401  (fixtures)
from whitephone.ui.crm_window import Person

LEFT = Qt.MouseButton.LeftButton
pytestmark = pytest.mark.timeout(60)


def settle(qtbot, w) -> None:
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)


def hold_writer(window) -> threading.Event:
    """Keep the GUI's writer thread busy (an import, a big sync apply) until the event is set."""
    go = threading.Event()
    window.tasks.write.submit(lambda: go.wait(20))
    return go


def _open(qtbot, window, app):
    mary, = add_people(app, 1)
    contact = app.store.contacts.get(mary)
    first = app.store.crm.create(subject="Earlier", type="Support", contact=contact.uid)
    w = window.crm.open(Person(contact.display_name, contact.uid, None))
    settle(qtbot, w)
    assert w.current.uid == first.uid
    return w, first


def test_a_second_note_typed_while_the_first_is_saving_is_not_wiped(qtbot, window, app):
    """The writer thread is busy (an import is running). The user types "Called back", presses
    Add Note, then types a second note "Sent the quote" and presses Add Note again. The second
    press does nothing and says nothing (one change at a time), and when the first note is
    saved the box is cleared: "Sent the quote" is gone, never saved, no message. Expected: the
    second note is saved too, or it stays in the box (with a word why it was not added)."""
    w, first = _open(qtbot, window, app)
    go = hold_writer(window)
    try:
        w.note_edit.setPlainText("Called back")
        qtbot.mouseClick(w.add_note_btn, LEFT)
        w.note_edit.setPlainText("Sent the quote")
        qtbot.mouseClick(w.add_note_btn, LEFT)
    finally:
        go.set()
    settle(qtbot, w)
    bodies = [n.body for n in app.store.crm.notes(first.uid)]
    assert "Sent the quote" in bodies or w.note_edit.toPlainText() == "Sent the quote", \
        (bodies, w.note_edit.toPlainText(), w.notice.text())
    w.close()


def test_text_typed_after_add_note_is_kept(qtbot, window, app):
    """Add Note is pressed while the writer is busy; the user goes on typing the next note in
    the box ("Next: "). When the first note is saved, the box is cleared and what they typed
    meanwhile is lost. Expected: only the text that was saved leaves the box."""
    w, first = _open(qtbot, window, app)
    go = hold_writer(window)
    try:
        w.note_edit.setPlainText("Called back")
        qtbot.mouseClick(w.add_note_btn, LEFT)
        qtbot.keyClicks(w.note_edit, " and then")
    finally:
        go.set()
    settle(qtbot, w)
    assert [n.body for n in app.store.crm.notes(first.uid)] == ["Called back"]
    assert "and then" in w.note_edit.toPlainText()
    w.close()


def test_record_made_just_before_the_window_closes_shows_in_the_crm_tab(qtbot, window, app):
    """Create Task, then Esc at once (the writer was busy a moment). The record is saved, but
    the window is gone when the write comes back, so `changed` is never sent: the CRM tab does
    not list the new record (and no sync is kicked for its task id) until the user presses
    Refresh. Expected: the CRM tab lists it as it does when the window stays open."""
    tab = window.crm.tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    w = window.crm.open(None, new=True)
    settle(qtbot, w)
    if w.pages.currentWidget() is not w.new_page:
        w.show_new()
        settle(qtbot, w)
    go = hold_writer(window)
    try:
        qtbot.keyClicks(w.subject, "Printer on fire")
        qtbot.mouseClick(w.create_btn, LEFT)
        w.close()
    finally:
        go.set()
    qtbot.waitUntil(lambda: app.store.crm.count() == 1, timeout=5000)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and tab.model.rowCount() == 0:
        qtbot.wait(100)
    assert tab.model.rowCount() == 1


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


def test_reports_window_closed_while_the_hub_is_asked(qtbot, window, app, monkeypatch):
    """Signed in, the user opens Reports and closes it again before the (slow) hub has answered
    the team's calls. When the answer comes, the closed window's callback reads its deleted
    list widget: "RuntimeError: Internal C++ object (QListWidget) already deleted" in the log
    (pytest-qt catches it). Expected: a late answer for a closed window is dropped quietly."""
    import whitephone.sync.session as session_mod

    started = threading.Event()

    class SlowHub:
        def call_report(self, since, until):
            started.set()
            time.sleep(1.0)
            return {"since": since, "until": until, "rows": []}

    monkeypatch.setattr(session_mod.Session, "signed_in", property(lambda self: True))
    monkeypatch.setattr(app.session, "ensure", lambda *a, **k: SlowHub())
    monkeypatch.setattr(app.sync, "kick", lambda *a, **k: None, raising=False)
    window.crm.show_reports()
    rw = window.crm.reports
    qtbot.waitUntil(lambda: rw.hub_busy, timeout=10000)
    assert started.wait(5)
    rw.close()
    qtbot.wait(2000)  # the hub's answer arrives for the closed window


def test_the_record_i_moved_to_stays_shown_when_an_earlier_change_finishes(qtbot, window, app):
    """The user adds a note to record A (the writer is busy a moment), then clicks record B in
    the list to read it. When A's note is saved the window jumps back to A under their eyes.
    Expected: B stays shown (A's note is saved all the same)."""
    mary, = add_people(app, 1)
    contact = app.store.contacts.get(mary)
    a = app.store.crm.create(subject="A", type="Support", contact=contact.uid)
    time.sleep(0.01)
    b = app.store.crm.create(subject="B", type="Support", contact=contact.uid)
    w = window.crm.open(Person(contact.display_name, contact.uid, None))
    settle(qtbot, w)
    item_of = {w.records.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): w.records.topLevelItem(i)
               for i in range(w.records.topLevelItemCount())}
    w.records.setCurrentItem(item_of[a.uid])
    settle(qtbot, w)
    assert w.current.uid == a.uid
    go = hold_writer(window)
    try:
        w.note_edit.setPlainText("Called back")
        qtbot.mouseClick(w.add_note_btn, LEFT)
        w.records.setCurrentItem(item_of[b.uid])
    finally:
        go.set()
    settle(qtbot, w)
    assert [n.body for n in app.store.crm.notes(a.uid)] == ["Called back"]
    assert w.current.uid == b.uid, w.current.subject
    w.close()


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
