"""The contact profile's timeline (kind and date filters, paging, private notes), search by field
and Recent communications, driven like a user would in the main window."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from whitephone.core.calls import CallLogEntry
from whitephone.core.contact import ContactData, Phone
from whitephone.ui import timeline_view
from whitephone.ui.timeline_view import KIND_FILTERS, PERIODS


def seed(app, calls: int = 3) -> int:
    cid = app.contacts.add(ContactData(given_name="Maria", family_name="Lopez", phones=[Phone("+44 20 7946 0018")]))
    for i in range(calls):
        app.store.calls.add(CallLogEntry(direction="in", peer_uri="sip:+442079460018@pbx", number_e164="+442079460018",
                                         started_at=f"2025-03-{i + 1:02d}T10:00:00.000+00:00", contact_id=cid,
                                         result="answered", duration=30, recording=f"/tmp/r{i}.wav"))
    return cid


def items(tree) -> list[str]:
    return [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]


def test_profile_timeline_filters_pages_and_takes_private_notes(qtbot, window, app, tmp_path, monkeypatch):
    cid = seed(app, calls=7)
    monkeypatch.setattr(timeline_view, "PAGE", 3)
    window.address_books.card.timelineRequested.emit(app.store.contacts.get(cid))  # the card's History button
    prof = window.profile_window
    view = prof.timeline
    qtbot.waitUntil(lambda: prof.windowTitle() == "Maria Lopez", timeout=5000)
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 3, timeout=5000)
    assert view.more.isVisible()
    qtbot.mouseClick(view.more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 6, timeout=5000)
    qtbot.mouseClick(view.more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 8 and not view.more.isVisible(), timeout=5000)
    # only the changes to the contact
    view.kind.setCurrentIndex([label for label, _ in KIND_FILTERS].index("Changes to the contact"))
    qtbot.waitUntil(lambda: items(view.tree) == ["↻ Contact created"], timeout=5000)
    # calls between two dates
    view.kind.setCurrentIndex(1)
    view.period.setCurrentIndex(len(PERIODS) - 1)
    assert view.start.isVisible()
    view.start.setDate(QDate(2025, 3, 2))
    view.end.setDate(QDate(2025, 3, 3))
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 2, timeout=5000)
    view.start.setDate(QDate(2020, 1, 1))
    view.end.setDate(QDate(2020, 1, 2))
    qtbot.waitUntil(lambda: view.empty.text() == "Nothing on this timeline yet.", timeout=5000)
    # a private note
    view.kind.setCurrentIndex(0)
    view.period.setCurrentIndex(0)
    qtbot.keyClicks(view.note, "Call back on Friday")
    qtbot.keyClick(view.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: items(view.tree)[:1] == ["✎ Private note"], timeout=5000)
    assert view.note.text() == ""
    prof.grab().save(str(tmp_path / "profile_timeline.png"))


def test_search_by_field_finds_and_opens_the_contact(qtbot, window, app, tmp_path):
    seed(app, calls=1)
    app.contacts.add(ContactData(given_name="Marian", family_name="Xu"))
    window.advanced_search()
    dlg = window.search_dialog
    row = dlg.rows[0]
    row.field.setCurrentIndex(row.field.findData("given_name"))
    row.op.setCurrentIndex(row.op.findData("="))
    qtbot.keyClicks(row.value, "maria")
    qtbot.keyClick(row.value, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.results.topLevelItemCount() == 1, timeout=5000)
    assert dlg.results.topLevelItem(0).text(0) == "Maria Lopez"
    row.op.setCurrentIndex(row.op.findData("like"))
    qtbot.keyClick(row.value, Qt.Key.Key_Return)  # Like "maria" = starts with
    qtbot.waitUntil(lambda: dlg.results.topLevelItemCount() == 2, timeout=5000)
    dlg.add_row("tag", "=", "")
    qtbot.keyClick(dlg.rows[1].value, Qt.Key.Key_Return)
    assert "type what to search for" in dlg.status.text()
    dlg._remove_row(dlg.rows[1])
    dlg.grab().save(str(tmp_path / "search.png"))
    dlg.results.itemActivated.emit(dlg.results.topLevelItem(0), 0)
    qtbot.waitUntil(lambda: getattr(window, "profile_window", None) is not None
                    and window.profile_window.windowTitle() in ("Maria Lopez", "Marian Xu"), timeout=5000)


def test_recent_communications_load_the_contact(qtbot, window, app, tmp_path):
    seed(app, calls=2)
    app.store.calls.add(CallLogEntry(direction="in", peer_uri="sip:+15550100@pbx", number_e164="+15550100",
                                     started_at="2025-04-01T10:00:00.000+00:00", result="missed"))
    asked = []
    window.new_contact_for_number = lambda number, name="": asked.append(number)
    window.recent_communications()
    win = window.recent_window
    win.createContact.disconnect()
    win.createContact.connect(window.new_contact_for_number)
    qtbot.waitUntil(lambda: win.tree.topLevelItemCount() == 3, timeout=5000)
    assert win.tree.topLevelItem(0).text(2) == "(no contact)"  # the newest: an unknown caller
    win.grab().save(str(tmp_path / "recent.png"))
    win.tree.itemActivated.emit(win.tree.topLevelItem(0), 0)
    assert asked == ["+15550100"]
    win.tree.itemActivated.emit(win.tree.topLevelItem(1), 0)
    qtbot.waitUntil(lambda: getattr(window, "profile_window", None) is not None
                    and window.profile_window.windowTitle() == "Maria Lopez", timeout=5000)
