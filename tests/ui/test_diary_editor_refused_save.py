"""Review (issue 15): the editor closes before its write is tried. When the store refuses the
save (here: the appointment was deleted meanwhile, as a colleague's delete arriving by sync
does), the user gets a message box and everything typed into the dialog is gone."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import app, window  # noqa: F401  (fixtures)

LONDON = ZoneInfo("Europe/London")
TUE = date(2026, 3, 24)


def at(h: int) -> datetime:
    return datetime.combine(TUE, time(h), LONDON)


@pytest.fixture
def tab(qtbot, window):  # noqa: F811
    t = window.diary
    t.diary.default_timezone = "Europe/London"
    t.set_zone(LONDON)
    window.tabs.setCurrentWidget(t)
    return t


def test_a_refused_save_keeps_what_was_typed(qtbot, tab, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    appt = tab.diary.add(subject="Quarterly review", start=at(14), end=at(15), timezone="Europe/London")
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        tab.anchor = TUE
        tab.set_view("week")
    [occ] = [o for o in tab.occurrences if o.uid == appt.uid]
    with qtbot.waitSignal(tab.editorOpened, timeout=5000):  # read on the reader thread
        tab.open_occurrence(occ)
    ed = tab._editor
    typed = "Minutes: prices agreed, send the contract by Friday, call Mary back"
    ed.description.setPlainText(typed)
    tab.diary.delete(appt.uid)  # a colleague's delete comes in by sync while the dialog is open
    ed.accept()
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    kept = ed.isVisible() or any(a.description == typed for a in tab.diary.all())
    assert kept, f"the dialog closed, the save failed ({warnings[0]!r}) and the typed text is lost"
