"""A background job's result arrives late (a slow disk) and lands on whatever the window
shows by then (another contact, a list already refilled), as a careless user gets it: a second
click while the first one's answer is on its way, or another contact opened meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import add_people
from tests.ui.slow_jobs import flush
from whitephone.core.calls import CallLogEntry
from whitephone.ui import timeline_view


def _calls(app, cid: int, n: int, e164: str = "+442079460018") -> None:
    for i in range(n):
        app.store.calls.add(CallLogEntry(direction="in", peer_uri=f"sip:{e164}@pbx", number_e164=e164,
                                         started_at=f"2025-03-{i + 1:02d}T10:00:00.000+00:00", contact_id=cid,
                                         result="answered", duration=30))


def _open_profile(qtbot, window, app, cid: int):
    window.address_books.timelineRequested.emit(app.store.contacts.get(cid))  # the card's History button
    prof = window.profile_window
    name = app.store.contacts.get(cid).best_display_name()
    qtbot.waitUntil(lambda: prof.windowTitle() == name and prof.contact_id == cid, timeout=5000)
    flush(qtbot, window.tasks.read)  # its timeline is in too
    return prof


def _note_on_its_way(qtbot, window, app, gate, monkeypatch, text: str):
    """A contact's profile window whose timeline note `text` was entered and is held on its way
    to the store (a slow disk): (the timeline view, the contact's uid)."""
    (mary,) = add_people(app, 1)
    view = _open_profile(qtbot, window, app, mary).timeline
    monkeypatch.setattr(app.store.notes, "add", gate.wrap(app.store.notes.add))
    qtbot.keyClicks(view.note, text)
    qtbot.keyClick(view.note, Qt.Key.Key_Return)
    assert gate.entered.wait(5)
    return view, app.store.contacts.get(mary).uid


def test_a_slow_save_does_not_take_the_profile_window_back_to_the_edited_contact(
        qtbot, window, app, gate, monkeypatch, loop_errors):
    """Edit Mary from her profile window, save (the disk is slow), then open Jan's profile: when
    Mary's save ends, the profile window stays on Jan (it went back to Mary under the user's hands:
    main_window.py _edit_from_profile showed the saved contact whatever the window showed by then)."""
    from whitephone.ui.dialogs.contact_editor import ContactEditor

    mary, jan = add_people(app, 2)
    prof = _open_profile(qtbot, window, app, mary)
    monkeypatch.setattr(ContactEditor, "exec", lambda self: 1)  # the user presses OK at once
    monkeypatch.setattr(app.contacts, "update", gate.wrap(app.contacts.update))
    prof.card.editRequested.emit(app.store.contacts.get(mary))  # the profile card's Edit button
    assert gate.entered.wait(5)
    _open_profile(qtbot, window, app, jan)  # meanwhile: Jan's History button in the address book
    assert prof.windowTitle() == "Jan Kowalski"
    gate.open()
    flush(qtbot, window.tasks.write, window.tasks.read)
    assert not loop_errors
    assert (prof.contact_id, prof.windowTitle()) == (jan, "Jan Kowalski"), \
        "the profile window went back to the contact saved earlier"


def test_enter_pressed_twice_while_a_note_saves_saves_it_once(
        qtbot, window, app, gate, monkeypatch, loop_errors):
    """The note stays in its box until its save is back, so the user presses Enter (or Add note)
    again meanwhile: it is saved once (it was saved twice: timeline_view.py add_note had no
    change-in-flight key, unlike the CRM window's notes)."""
    view, uid = _note_on_its_way(qtbot, window, app, gate, monkeypatch, "Call back on Friday")
    qtbot.keyClick(view.note, Qt.Key.Key_Return)  # nothing seemed to happen: Enter again
    gate.open()
    flush(qtbot, window.tasks.write, window.tasks.read)  # the note's save, then the reload after it
    assert not loop_errors
    assert [n.text for n in app.store.notes.for_contact(uid)] == ["Call back on Friday"]


def test_text_typed_while_a_note_saves_stays_in_its_box(
        qtbot, window, app, gate, monkeypatch, loop_errors):
    """Enter on a note (slow disk): the box still shows it, so the user goes on typing; when the
    save is back only the saved text leaves the box (the whole box was cleared, losing what was
    typed meanwhile), as in the CRM window."""
    view, uid = _note_on_its_way(qtbot, window, app, gate, monkeypatch, "Call back on Friday")
    view.note.end(False)
    qtbot.keyClicks(view.note, " Ask about the Lucerne order")
    gate.open()
    flush(qtbot, window.tasks.write, window.tasks.read)
    assert not loop_errors
    assert [n.text for n in app.store.notes.for_contact(uid)] == ["Call back on Friday"]
    assert "Ask about the Lucerne order" in view.note.text(), "what was typed after the saved note is gone"


def test_load_more_clicked_twice_on_a_slow_disk_lists_the_next_page_once(
        qtbot, window, app, gate, monkeypatch, loop_errors):
    """Both clicks ask for the page after the same last row: the page is listed once (both
    answers were appended: timeline_view.py checked the contact of a page, not where it goes)."""
    (mary,) = add_people(app, 1)
    _calls(app, mary, 7)
    monkeypatch.setattr(timeline_view, "PAGE", 3)
    prof = _open_profile(qtbot, window, app, mary)
    view = prof.timeline
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 3 and view.more.isVisible(), timeout=5000)
    timeline = app.store.timeline
    monkeypatch.setattr(timeline, "for_contact",
                        gate.wrap(timeline.for_contact, when=lambda *a, **kw: kw.get("before") is not None))
    qtbot.mouseClick(view.more, Qt.MouseButton.LeftButton)
    assert gate.entered.wait(5)
    qtbot.mouseClick(view.more, Qt.MouseButton.LeftButton)  # the list did not grow: click again
    gate.open()
    flush(qtbot, window.tasks.read)
    assert not loop_errors
    cursors = [e.cursor for e in view.entries]
    assert len(cursors) == len(set(cursors)) == 6, f"{len(cursors)} rows listed, {len(set(cursors))} different"


def test_recent_communications_opened_twice_while_reading_lists_every_entry_once(
        qtbot, window, app, gate, monkeypatch, loop_errors):
    """View → Recent communications, and again while the first read is on its way (nothing
    showed yet): every call is listed once (each read's answer was appended, so twice:
    recent_communications.py had no generation)."""
    (mary,) = add_people(app, 1)
    _calls(app, mary, 3)
    timeline = app.store.timeline
    entries = len(timeline.recent(limit=100))
    monkeypatch.setattr(timeline, "recent", gate.wrap(timeline.recent))
    window.recent_communications()
    assert gate.entered.wait(5)
    window.recent_communications()
    gate.open()
    flush(qtbot, window.tasks.read)
    win = window.recent_window
    assert not loop_errors
    assert win.tree.topLevelItemCount() == entries == 3, f"{win.tree.topLevelItemCount()} rows for {entries} entries"
