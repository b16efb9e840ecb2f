"""Break-it review of issue 13 (4): the diary editor's store work moved to the reader thread
(editorOpened, participant searches). The reader is held busy here the way a long read (a big
timeline page, a search over 100 000 contacts) holds it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import app, window  # noqa: F401  (fixtures)
from tests.ui.test_diary_tab import TUE, at, seed, show, tab  # noqa: F401  (fixtures)
from whitephone.ui.diary.editor import AppointmentEditor

pytestmark = pytest.mark.timeout(60)


def hold_reader(window) -> threading.Event:
    go = threading.Event()
    window.tasks.read.submit(lambda: go.wait(20))
    return go


def test_a_participant_added_just_before_save_is_invited(qtbot, tab, window):  # noqa: F811
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


def test_opening_an_appointment_twice_quickly_opens_one_editor(qtbot, tab, window):  # noqa: F811
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
