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


