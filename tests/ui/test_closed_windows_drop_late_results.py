"""Windows and dialogs a user closes (deleted with
WA_DeleteOnClose, or only hidden) while one of their background jobs is held up by a slow disk or
hub. When the job ends, nothing raises in the Qt event loop and the result is dropped (or, for a
window that is only hidden, shown in it harmlessly)."""

from __future__ import annotations

import shiboken6

from tests.ui.conftest import add_people
from tests.ui.slow_jobs import flush


def _deleted(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget), timeout=5000)


def test_crm_window_closed_while_its_records_are_read(qtbot, window, app, gate, monkeypatch, loop_errors):
    from whitephone.ui.crm_window import Person

    (mary,) = add_people(app, 1)
    contact = app.store.contacts.get(mary)
    app.store.crm.create(subject="Earlier", type="Support", contact=contact.uid)
    monkeypatch.setattr(app.store.crm, "for_contact", gate.wrap(app.store.crm.for_contact))
    w = window.crm.open(Person(contact.display_name, contact.uid, None))
    assert gate.entered.wait(5)
    w.close()  # WA_DeleteOnClose
    _deleted(qtbot, w)
    gate.open()
    flush(qtbot, window.tasks.read, window.tasks.write)
    assert loop_errors == []
    assert window.crm.windows == []


def test_crm_window_closed_while_a_note_saves_keeps_the_note(qtbot, window, app, gate, monkeypatch,
                                                                  loop_errors):
    from whitephone.ui.crm_window import Person

    (mary,) = add_people(app, 1)
    contact = app.store.contacts.get(mary)
    rec = app.store.crm.create(subject="Earlier", type="Support", contact=contact.uid)
    w = window.crm.open(Person(contact.display_name, contact.uid, None))
    qtbot.waitUntil(lambda: w.current is not None and not w.busy(), timeout=5000)
    monkeypatch.setattr(app.store.crm, "add_note", gate.wrap(app.store.crm.add_note))
    qtbot.keyClicks(w.note_edit, "Quote sent")
    w.add_note()
    assert gate.entered.wait(5)
    w.close()
    _deleted(qtbot, w)
    gate.open()
    flush(qtbot, window.tasks.write, window.tasks.read)
    assert loop_errors == []
    assert [n.body for n in app.store.crm.notes(rec.uid)] == ["Quote sent"]


def test_reports_window_closed_while_the_reports_are_counted(qtbot, window, app, gate, monkeypatch,
                                                                  loop_errors):
    from whitephone.ui import crm_reports

    monkeypatch.setattr(crm_reports.crm_reports, "all_reports", gate.wrap(crm_reports.crm_reports.all_reports))
    window.crm.show_reports()
    rw = window.crm.reports
    assert gate.entered.wait(5)
    rw.close()
    _deleted(qtbot, rw)
    gate.open()
    flush(qtbot, window.tasks.read)
    assert loop_errors == []
    assert window.crm.reports is None


def test_my_profile_dialog_closed_while_the_hub_answers(qtbot, window, app, gate, monkeypatch, loop_errors):
    class Hub:
        def profile(self):
            return {"name": "Mary Smith", "email": "mary@example.com", "preferences": {}}

    monkeypatch.setattr(app.session, "ensure", gate.wrap(lambda *a, **k: Hub()))
    dlg = window.team_menu.open_my_profile()  # Team → My Profile…, WA_DeleteOnClose
    assert gate.entered.wait(5)
    dlg.close()
    _deleted(qtbot, dlg)
    gate.open()
    flush(qtbot, window.team.team.worker)
    assert loop_errors == []


def test_contact_profile_window_closed_while_its_contact_loads(qtbot, window, app, gate, monkeypatch,
                                                                    loop_errors):
    """The profile window is only hidden when closed (kept for the next contact): the late answer
    fills the hidden window, which raises nothing and shows the right contact when reopened."""
    (mary,) = add_people(app, 1)
    monkeypatch.setattr(app.store.contacts, "get", gate.wrap(app.store.contacts.get))
    window.open_contact_profile(mary)
    prof = window.profile_window
    assert gate.entered.wait(5)
    prof.close()
    gate.open()
    flush(qtbot, window.tasks.read, window.tasks.read)
    assert loop_errors == []
    assert shiboken6.isValid(prof) and prof.contact_id == mary and prof.windowTitle() == "Mary Smith"
