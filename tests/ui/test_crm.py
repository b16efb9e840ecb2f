"""The CRM windows driven like a user would: the CRM tab (empty state, filters, Task ID lookup,
snapshot, keys), the record window (create, notes, close/re-open, reminder), opening it from the
contact card and the Online Monitor, due reminders (also after a restart), the Reports window's
export. The call window's CRM button is in test_crm_call.py (a real agent call)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from sqlalchemy import update

from tests.ui.conftest import add_people
from whitephone.store import models as m
from whitephone.ui.crm_window import CLOSED_REASON, CrmWindow, Person

LEFT = Qt.MouseButton.LeftButton


def crm_tab(qtbot, window):
    window.tabs.setCurrentWidget(window.crm.tab)
    tab = window.crm.tab
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    return tab


def reload(qtbot, tab) -> None:
    tab.model.refresh()
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)


def settle(qtbot, w) -> None:
    """Wait until the CRM window's reads and changes (reader and writer threads) are done."""
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)


def set_task_number(app, uid: str, n: int) -> None:
    """What the hub does at the first sync (the sync tests cover the real path)."""
    with app.store.engine.begin() as conn:
        conn.execute(update(m.crm_records).where(m.crm_records.c.uid == uid).values(task_number=n))


def make(app, n: int) -> list:
    types = app.store.crm.types()
    return [app.store.crm.create(subject=f"Record {i}", type=types[i % len(types)],
                                 priority=("low", "medium", "high")[i % 3], number=f"+44207946{i:04d}")
            for i in range(n)]


def test_the_tab_starts_empty_and_ctrl_n_makes_a_record(qtbot, window, app, tmp_path):
    tab = crm_tab(qtbot, window)
    assert tab.pages.currentWidget() is tab.empty and "No CRM records" in tab.empty.text()
    window.grab().save(str(tmp_path / "crm-empty.png"))
    # Ctrl+N on the CRM tab: a new record, not a new contact
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    w = window.crm.windows[-1]
    settle(qtbot, w)
    assert w.pages.currentWidget() is w.new_page and w.person is None
    assert [w.type_box.itemText(i) for i in range(w.type_box.count())] == \
        ["Sales enquiry", "Support", "Complaint", "Follow-up"]
    assert not w.opened_as.isEnabled() and w.opened_as.currentData() is None  # in no call group: myself
    qtbot.mouseClick(w.create_btn, LEFT)  # no subject: refused, nothing made
    settle(qtbot, w)
    assert "subject" in w.notice.text() and app.store.crm.count() == 0
    w.type_box.setCurrentText("Support")
    w.priority_box.setCurrentIndex(w.priority_box.findData("high"))
    qtbot.keyClicks(w.subject, "Printer on fire")
    qtbot.keyClicks(w.who, "+442079460018")
    qtbot.mouseClick(w.create_btn, LEFT)
    settle(qtbot, w)
    [r] = app.store.crm.find()
    assert (r.subject, r.type, r.priority, r.status, r.number, r.group_id) == \
        ("Printer on fire", "Support", "high", "open", "+442079460018", None)
    assert w.current.uid == r.uid and "pending" in w.summary.text()  # no task id before the sync
    assert w.person.number == "+442079460018"  # the window is now that customer's
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    assert tab.pages.currentWidget() is tab.table
    assert tab.model.data(tab.model.index(0, 0)) == "pending"
    assert tab.count.text() == "1 record"
    w.close()


def test_notes_close_and_reopen(qtbot, window, app, tmp_path):
    mary, = add_people(app, 1)
    contact = app.store.contacts.get(mary)
    window.tabs.setCurrentWidget(window.address_books)
    window.address_books.card.show_contact(contact)
    window.address_books.card.crmRequested.emit(contact)  # the card's CRM button
    w = window.crm.windows[-1]
    settle(qtbot, w)
    assert w.person.contact_uid == contact.uid and w.pages.currentWidget() is w.new_page  # no earlier records
    assert "no CRM records yet" in w.no_records.text()
    qtbot.keyClicks(w.subject, "Quote for 20 handsets")
    qtbot.keyClick(w.subject, Qt.Key.Key_Return)
    settle(qtbot, w)
    [r] = app.store.crm.for_contact(contact_uid=contact.uid)
    assert r.contact == contact.uid and w.current.uid == r.uid
    qtbot.keyClicks(w.note_edit, "Sending the quote by Friday.")
    qtbot.mouseClick(w.add_note_btn, LEFT)
    settle(qtbot, w)
    qtbot.keyClicks(w.note_edit, "Budget is tight.")
    w.private.setChecked(True)
    qtbot.keyClick(w.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, w)
    notes = app.store.crm.notes(r.uid)
    assert [(n.body, n.private) for n in notes] == [("Sending the quote by Friday.", False), ("Budget is tight.", True)]
    assert "Budget is tight." in w.notes_view.toPlainText() and "private" in w.notes_view.toPlainText()
    assert w.note_edit.toPlainText() == "" and not w.private.isChecked()
    qtbot.mouseClick(w.add_note_btn, LEFT)  # empty: said, nothing added
    settle(qtbot, w)
    assert "Type the note" in w.notice.text() and len(app.store.crm.notes(r.uid)) == 2
    w.grab().save(str(tmp_path / "crm-record.png"))

    qtbot.mouseClick(w.close_btn, LEFT)
    settle(qtbot, w)
    assert app.store.crm.get(r.uid).status == "closed"
    assert not w.note_edit.isEnabled() and not w.add_note_btn.isEnabled() and not w.remind_btn.isEnabled()
    assert w.note_reason.isVisible() and w.note_reason.text() == CLOSED_REASON
    assert w.reopen_btn.isVisible() and not w.close_btn.isVisible()
    w.grab().save(str(tmp_path / "crm-closed.png"))
    # a note slipped in anyway (the store refuses it): the text stays in the box, the reason shows
    w.note_edit.setEnabled(True)
    w.note_edit.setPlainText("Too late")
    w.add_note()
    settle(qtbot, w)
    assert "closed" in w.notice.text() and w.note_edit.toPlainText() == "Too late"
    assert len(app.store.crm.notes(r.uid)) == 2

    qtbot.mouseClick(w.reopen_btn, LEFT)
    settle(qtbot, w)
    assert app.store.crm.get(r.uid).status == "open" and w.note_edit.isEnabled() and not w.note_reason.isVisible()
    assert "status" not in w.notes_view.toPlainText()
    w.show_changes.setChecked(True)  # the record's history between the notes
    text = w.notes_view.toPlainText()
    assert "opened it" in text and "Status: Open → Closed" in text and "Status: Closed → Open" in text  # field and values as shown
    assert text.index("Budget is tight.") < text.index("Status: Open → Closed")
    w.add_note()
    settle(qtbot, w)
    assert [n.body for n in app.store.crm.notes(r.uid)][-1] == "Too late" and w.notice.text() == ""

    # opened again for the same person: their records first, the same window
    window.crm.open(w.person)
    settle(qtbot, w)
    assert window.crm.windows == [w] and w.pages.currentWidget() is not w.new_page
    assert w.records.topLevelItemCount() == 1
    w.close()


def test_set_reminder_refuses_a_past_time(qtbot, window, app, monkeypatch):
    [r] = make(app, 1)
    w = window.crm.open(record_uid=r.uid)
    settle(qtbot, w)
    from whitephone.ui import crm_model, crm_window

    when = datetime.now(UTC) + timedelta(days=2)

    class Dialog(crm_window.ReminderDialog):
        def exec(self):  # the user picks a time two days ahead and presses Set Reminder
            past = datetime.now() - timedelta(hours=1)
            self.when.setDateTime(past)
            self._check()
            assert "passed" in self.error.text() and self.result() == 0
            self.when.setDateTime(when.astimezone().replace(tzinfo=None))
            self._check()
            return self.result()

    monkeypatch.setattr(crm_window, "ReminderDialog", Dialog)
    w.set_reminder()
    settle(qtbot, w)
    got = datetime.fromisoformat(app.store.crm.get(r.uid).remind_at)
    assert abs((got - when).total_seconds()) < 60
    assert w.summary.text().count(crm_model.when_text(got)) == 1  # the locale's date and time
    w.close()


def test_filters_task_id_and_enter(qtbot, window, app):
    records = make(app, 12)
    tab = crm_tab(qtbot, window)
    reload(qtbot, tab)
    assert tab.model.rowCount() == 12
    tab.type.setCurrentIndex(tab.type.findData("Support"))
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    assert {r.type for r in tab.model.rows} == {"Support"} and tab.model.rowCount() == 3
    tab.priority.setCurrentIndex(tab.priority.findData("medium"))
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    want = app.store.crm.find(type="Support", priority="medium")
    assert want and [r.uid for r in tab.model.rows] == [r.uid for r in want]
    app.store.crm.close(want[0].uid)
    tab.status_box.setCurrentIndex(tab.status_box.findData("open"))
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    assert tab.model.rowCount() == app.store.crm.count(type="Support", priority="medium", status="open")
    tab.status_box.setCurrentIndex(tab.status_box.findData("closed"))
    tab.type.setCurrentIndex(tab.type.findData("Follow-up"))
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    assert tab.model.rowCount() == 0 and tab.pages.currentWidget() is tab.empty
    assert "No records match" in tab.empty.text()
    for box in (tab.type, tab.status_box, tab.priority):
        box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not tab.model.busy() and tab.model.rowCount() == 12, timeout=5000)

    # Task ID: Ctrl+F goes to the box; an unknown id says so; a known one opens the record
    set_task_number(app, records[4].uid, 1005)
    window.focus_search()  # what Ctrl+F does (Edit > Find) while the CRM tab is shown
    assert tab.task_id.hasFocus() or window.focusWidget() is tab.task_id
    qtbot.keyClicks(tab.task_id, "999")
    qtbot.mouseClick(tab.view_btn, LEFT)
    assert "No CRM record with task id 999" in tab.message.text() and not window.crm.windows
    tab.task_id.setText("1005")
    tab.task_id.returnPressed.emit()  # Enter in the box (offscreen, key focus is not the box's to rely on)
    [w] = window.crm.windows
    settle(qtbot, w)
    assert w.current.uid == records[4].uid and "Task 1005" in w.summary.text()
    w.close()
    qtbot.waitUntil(lambda: not window.crm.windows, timeout=5000)
    # Enter on the list opens the selected record
    reload(qtbot, tab)
    window.activateWindow()
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus, timeout=3000)
    tab.table.selectRow(2)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    [opened] = window.crm.windows
    settle(qtbot, opened)
    assert opened.current.uid == tab.model.rows[2].uid
    window.crm.windows[-1].close()


def test_the_list_pages_lazily(qtbot, window, app):
    make(app, 450)
    tab = crm_tab(qtbot, window)
    reload(qtbot, tab)
    assert tab.model.rowCount() == 200 and tab.model.total == 450 and tab.model.canFetchMore()
    tab.table.scrollToBottom()  # the view asks for more; the page comes from the reader thread
    qtbot.waitUntil(lambda: tab.model.rowCount() > 200, timeout=5000)
    for _ in range(5):
        tab.table.scrollToBottom()
        qtbot.wait(50)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 450, timeout=5000)
    assert [r.uid for r in tab.model.rows] == [r.uid for r in app.store.crm.find(limit=1000)]
    assert not tab.model.canFetchMore()
    # a filter change while a page is on its way: the old list's page is dropped
    tab.status_box.setCurrentIndex(tab.status_box.findData("closed"))
    tab.model.fetchMore()
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    qtbot.wait(100)
    assert tab.model.rowCount() == 0 and tab.pages.currentWidget() is tab.empty


def test_deep_pages_come_by_keyset_and_in_order_under_a_filter(qtbot, window, app, monkeypatch):
    import random
    import uuid

    from sqlalchemy import insert

    rng = random.Random(5)
    types = app.store.crm.types()
    rows = [{"uid": str(uuid.UUID(int=rng.getrandbits(128))), "task_number": i + 1, "type": rng.choice(types),
             "priority": rng.choice(("low", "medium", "high")), "status": rng.choice(("open", "closed")),
             "subject": f"R{i}", "owner_name": "", "created_at": f"2025-01-01T00:{i // 200:02d}:00+00:00",
             "updated_at": "2025-01-01T00:00:00+00:00"} for i in range(6000)]
    with app.store.engine.begin() as conn:
        conn.execute(insert(m.crm_records), rows)
    tab = crm_tab(qtbot, window)
    asked = []
    find = app.store.crm.find
    monkeypatch.setattr(app.store.crm, "find", lambda **kw: (asked.append(kw), find(**kw))[1])
    tab.type.setCurrentIndex(tab.type.findData("Support"))
    qtbot.waitUntil(lambda: not tab.model.busy() and tab.model.filters.get("type") == "Support", timeout=5000)
    want = [r.uid for r in find(type="Support", limit=10_000)]
    assert tab.model.total == len(want) > 1000
    while tab.model.canFetchMore() or tab.model._fetching:
        if tab.model.canFetchMore():
            tab.model.fetchMore()
        qtbot.wait(5)
    assert [r.uid for r in tab.model.rows] == want
    pages = [kw for kw in asked if kw.get("after") is not None]
    assert len(pages) == (len(want) - 1) // 200 and all("offset" not in kw for kw in pages)


def test_snapshot_keeps_the_list_as_it_was(qtbot, window, app, tmp_path):
    make(app, 6)
    tab = crm_tab(qtbot, window)
    tab.priority.setCurrentIndex(tab.priority.findData("high"))
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    qtbot.mouseClick(tab.snapshot_btn, LEFT)
    qtbot.waitUntil(lambda: len(tab.snapshots) == 1, timeout=5000)
    snap = tab.snapshots[0]
    assert snap.isVisible() and "High" in snap.windowTitle() and snap.table.rowCount() == 2
    before = snap.task_ids()
    app.store.crm.create(subject="Later", type="Support", priority="high")
    reload(qtbot, tab)
    assert tab.model.rowCount() == 3 and snap.table.rowCount() == 2 and snap.task_ids() == before
    snap.grab().save(str(tmp_path / "crm-snapshot.png"))
    snap.table.selectRow(0)
    snap.openRecord.emit(snap.rows[0].uid)
    settle(qtbot, window.crm.windows[-1])
    assert window.crm.windows[-1].current.uid == snap.rows[0].uid
    snap.close()


def test_online_monitor_menu_opens_the_crm(qtbot, window, app):
    from whitephone.ui.team import PHONE_BASE

    mary, = add_people(app, 1)
    window.team.team.add_phone_contact(mary)
    monitor = window.team.monitor
    item = monitor.item_for(PHONE_BASE - mary)
    monitor._menu(monitor.tree.visualItemRect(item).center())
    actions = {a.text(): a for a in monitor._open_menu.actions() if a.text()}
    assert actions["CRM"].isEnabled()
    actions["CRM"].trigger()
    monitor._open_menu.close()
    w = window.crm.windows[-1]
    settle(qtbot, w)
    assert w.person.contact_uid == app.store.contacts.get(mary).uid and w.person.name == "Mary Smith"
    # a colleague (hub user): their records are keyed by their user id
    window.crm.open_for_roster_row(7)
    assert window.crm.windows[-1].person.number == "user:7"


def test_opened_as_lists_my_call_groups(qtbot, window, app):
    window.crm.set_groups([(3, "Support desk")])
    w = window.crm.open(new=True)
    settle(qtbot, w)
    assert w.opened_as.isEnabled() and w.opened_as.count() == 2
    w.opened_as.setCurrentIndex(1)
    w.type_box.setCurrentText("Support")
    qtbot.keyClicks(w.subject, "Group case")
    qtbot.mouseClick(w.create_btn, LEFT)
    settle(qtbot, w)
    [r] = app.store.crm.find()
    assert r.group_id == 3 and "Support desk" in w.summary.text()
    tab = crm_tab(qtbot, window)
    reload(qtbot, tab)
    assert tab.model.data(tab.model.index(0, 6)) == "Support desk"
    w.close()


def test_due_reminders_notify_once_also_after_a_restart(qtbot, app, tmp_path):
    from whitephone.app import App
    from whitephone.ui.main_window import MainWindow

    a, b = make(app, 2)
    past = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    app.store.crm.remind(a.uid, past)  # fell due while the app was closed
    w = MainWindow(app)
    qtbot.addWidget(w)
    seen: list = []
    w.crm.reminders.reminded.connect(lambda rs: seen.append([r.uid for r in rs]))
    qtbot.waitUntil(lambda: seen == [[a.uid]], timeout=5000)  # checked at start
    assert "CRM reminder" in w.statusBar().currentMessage()
    assert w.crm.reminders.check() == []  # once
    app.store.crm.remind(b.uid, (datetime.now(UTC) - timedelta(seconds=1)).isoformat())
    assert [r.uid for r in w.crm.reminders.check()] == [b.uid]  # fell due while running
    w.shutdown()
    w.close()
    app2 = App.open(app.profile.root)  # the app started again on the same profile
    try:
        w2 = MainWindow(app2)
        qtbot.addWidget(w2)
        qtbot.wait(200)
        assert w2.crm.reminders.check() == []  # shown before the restart: not again
        w2.shutdown()
    finally:
        app2.close()


def test_reports_window_exports(qtbot, window, app, tmp_path):
    from openpyxl import load_workbook

    rs = make(app, 9)
    app.store.crm.close(rs[0].uid)
    window.crm.show_reports()
    rw = window.crm.reports
    qtbot.waitUntil(lambda: bool(rw.reports) and rw.xlsx_btn.isEnabled(), timeout=10000)
    rw.grab().save(str(tmp_path / "crm-reports.png"))
    path = rw.export("xlsx", str(tmp_path / "r.xlsx"))
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Open records by type"
    ws = wb["Open records by type"]
    assert [c.value for c in ws[1]] == ["Type", "Open"]
    got = {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert got == {t: app.store.crm.count(status="open", type=t) for t in app.store.crm.types()}
    assert sum(got.values()) == 8
    rw.export("csv", str(tmp_path / "r.csv"))
    assert "Open records by priority" in (tmp_path / "r.csv").read_text()
    rw.close()


def test_reports_offline_show_this_computers_calls_and_say_so(qtbot, window, app):
    from whitephone.core.calls import CallLogEntry

    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    for d in (60, 0, 120):
        app.store.calls.add(CallLogEntry("in", "sip:x@example.com", now, account="me", answered_at=now if d else None,
                                         ended_at=now, duration=d, result="answered" if d else "missed"))
    window.crm.show_reports()
    rw = window.crm.reports
    qtbot.waitUntil(lambda: bool(rw.reports) and rw.xlsx_btn.isEnabled(), timeout=10000)
    calls = rw.reports[-1]
    assert calls.key == "calls" and calls.rows == [("me", now[:10], 3, 2, 3.0, 1.5)]
    assert "This computer's call log only" in calls.note and "not signed in" in calls.note
    rw.list.setCurrentRow(len(rw.reports) - 1)
    assert rw.note.isVisibleTo(rw) and "not signed in" in rw.note.text()
    rw.close()


def test_crm_window_for_a_record_with_no_person(qtbot, app):
    [r] = [app.store.crm.create(subject="Walk-in", type="Support")]
    w = CrmWindow(app, record_uid=r.uid)
    settle(qtbot, w)
    qtbot.addWidget(w)
    assert w.person is None and w.current.uid == r.uid and w.records.topLevelItemCount() == 1


def test_a_reminder_notification_opens_its_record(qtbot, window, app):
    from whitephone.ui.crm_parts import ReminderWatch

    [r] = make(app, 1)
    app.store.crm.remind(r.uid, (datetime.now(UTC) - timedelta(minutes=1)).isoformat())
    shown: list = []
    watch = ReminderWatch(app, lambda title, text, on_click: shown.append((title, text, on_click)),
                          lambda uid: window.crm.open(record_uid=uid), interval_ms=3_600_000)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)  # at start
    title, text, on_click = shown[0]
    assert title == "CRM reminder: task pending" and "Record 0" in text
    on_click()  # the user clicks the notification
    settle(qtbot, window.crm.windows[-1])
    assert window.crm.windows[-1].current.uid == r.uid
    # several at once: one notification naming them
    for x in make(app, 3):
        app.store.crm.remind(x.uid, (datetime.now(UTC) - timedelta(minutes=1)).isoformat())
    assert len(watch.check()) == 3 and shown[-1][0] == "3 CRM reminders are due"
    watch.stop()


def test_the_main_window_does_not_load_qtcharts(tmp_path):
    """QtCharts (start-up time) and openpyxl load when the Reports window opens, not before."""
    import os
    import subprocess
    import sys

    code = ("import sys; from PySide6.QtWidgets import QApplication; qa = QApplication([]);"
            "from whitephone.app import App; from whitephone.ui.main_window import MainWindow;"
            f"app = App.open({str(tmp_path / 'p')!r}); w = MainWindow(app); w.show(); qa.processEvents();"
            "print('PySide6.QtCharts' in sys.modules, 'openpyxl' in sys.modules); w.shutdown(); app.close()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_the_record_window_reads_and_writes_off_the_main_thread(qtbot, window, app, monkeypatch):
    import threading

    mary, = add_people(app, 1)
    contact = app.store.contacts.get(mary)
    earlier = app.store.crm.create(subject="Earlier", type="Support", contact=contact.uid)
    on_main: list[str] = []
    for store, names in ((app.store.crm, ("get", "for_contact", "notes", "history", "types", "create", "add_note",
                                          "close", "reopen", "remind")),
                         (app.store.contacts, ("names_by_uid",)), (app.store.calls, ("get_by_uid",))):
        for name in names:
            real = getattr(store, name)

            def spy(*a, _real=real, _name=name, **kw):
                if threading.current_thread() is threading.main_thread():
                    on_main.append(_name)
                return _real(*a, **kw)
            monkeypatch.setattr(store, name, spy)
    from whitephone.ui.crm_window import Person

    w = window.crm.open(Person(contact.display_name, contact.uid, None))
    settle(qtbot, w)
    assert w.current.uid == earlier.uid
    qtbot.keyClicks(w.note_edit, "A note")
    qtbot.mouseClick(w.add_note_btn, LEFT)
    settle(qtbot, w)
    qtbot.mouseClick(w.close_btn, LEFT)
    settle(qtbot, w)
    qtbot.mouseClick(w.reopen_btn, LEFT)
    settle(qtbot, w)
    qtbot.mouseClick(w.new_btn, LEFT)
    settle(qtbot, w)
    qtbot.keyClicks(w.subject, "Second")
    qtbot.mouseClick(w.create_btn, LEFT)
    settle(qtbot, w)
    w.records.setCurrentItem(w.records.topLevelItem(1))
    settle(qtbot, w)
    assert w.records.topLevelItemCount() == 2 and "A note" in w.notes_view.toPlainText()
    assert on_main == []
    w.close()


def test_reports_window_closed_while_the_hub_is_asked(qtbot, window, app, monkeypatch):
    """Signed in, the user opens Reports and closes it again before the (slow) hub has answered
    the team's calls. When the answer comes, the closed window's callback reads its deleted
    list widget: "RuntimeError: Internal C++ object (QListWidget) already deleted" in the log
    (pytest-qt catches it). Expected: a late answer for a closed window is dropped quietly."""
    import whitephone.sync.session as session_mod

    started = threading.Event()

    class SlowHub:
        def call_report(self, since, until, tz=None):
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


def hold_writer(window) -> threading.Event:
    """Keep the GUI's writer thread busy (an import, a big sync apply) until the event is set."""
    go = threading.Event()
    window.tasks.write.submit(lambda: go.wait(20))
    return go


def _open_earlier(qtbot, window, app):
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
    w, first = _open_earlier(qtbot, window, app)
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
    w, first = _open_earlier(qtbot, window, app)
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


def test_record_made_just_before_the_window_closes_shows_in_the_crm_tab(qtbot, window, app, monkeypatch):
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
    import whitephone.sync.session as session_mod

    kicks = []
    monkeypatch.setattr(session_mod.Session, "signed_in", property(lambda self: True))
    monkeypatch.setattr(app.sync, "kick", lambda *a, **k: kicks.append(1), raising=False)
    go = hold_writer(window)
    try:
        qtbot.keyClicks(w.subject, "Printer on fire")
        qtbot.mouseClick(w.create_btn, LEFT)
        w.close()
    finally:
        go.set()
    qtbot.waitUntil(lambda: app.store.crm.count() == 1, timeout=10000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10000)
    assert kicks, "no sync was asked for the new record's task id"


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
