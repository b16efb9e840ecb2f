"""The Messages tab (issue 14.1): one inbox of every kind read from the real store, unread counts
on the tab, filters, reading and playing, read/unread, multi-select, trash and restore, reply and
compose (14.2), the keyboard. Messages arrive in the store the way the sync worker stores them
(`add_incoming`)."""

from __future__ import annotations

import time
import uuid

from PySide6.QtCore import QItemSelectionModel, Qt

from tests.sip.agents import tone
from whitephone.ui.tabs.messages import MessagesTab

LEFT = Qt.MouseButton.LeftButton
NOW = time.time()


def incoming(app, tmp_path) -> dict[str, int]:
    """One message of each kind, newest first: text from Mary, voice from Jan (a real WAV), an
    announcement, a reminder, a contact request, an older text from Jan."""
    wav = tone(tmp_path / "vm.wav", 440, 2)
    rows = [
        dict(kind="text", sender_id=2, sender_name="Mary Smith", sender_email="mary@example.com",
             subject="Price list", body="Hello, the new price list is attached to the CRM record.", received_at=NOW - 60),
        dict(kind="voice", sender_id=3, sender_name="Jan Kowalski", sender_email="jan@example.com",
             attachment={"name": "vm.wav", "mime": "audio/wav", "size": wav.stat().st_size, "path": str(wav),
                         "hub_id": 9}, received_at=NOW - 120),
        dict(kind="announcement", sender_id=4, sender_name="Boss", body="Office closed on Friday.",
             market="North", received_at=NOW - 180),
        dict(kind="reminder", sender_id=2, sender_name="Mary Smith", body="Call the customer back",
             record="rec-1", received_at=NOW - 240),
        dict(kind="contact_request", sender_id=7, sender_name="Olga", body="Olga wants to see your status",
             request_id=5, request_status="pending", received_at=NOW - 300),
        dict(kind="text", sender_id=3, sender_name="Jan Kowalski", sender_email="jan@example.com",
             body="Old news", received_at=NOW - 40 * 86400, read=1),
    ]
    for i, r in enumerate(rows):
        r.update(hub_id=100 + i, client_id=str(uuid.uuid4()), sent_at=r["received_at"])
    ids = app.store.messages.add_incoming(rows)
    return dict(zip(("text", "voice", "announcement", "reminder", "request", "old"), ids, strict=True))


def changed(qtbot, window) -> None:
    """The store changed (as the sync engine's hint says): the tab reads it on the reader thread."""
    with qtbot.waitSignal(window.messages.tab.loaded, timeout=10000):
        window.messages.store_changed()


def select_rows(tab: MessagesTab, *rows: int) -> None:
    sm = tab.table.selectionModel()
    sm.clearSelection()
    for r in rows:
        sm.select(tab.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_an_empty_inbox_says_so_and_how_to_write(qtbot, app):
    tab = MessagesTab(app)
    qtbot.addWidget(tab)
    assert tab.list_pages.currentWidget() is tab.empty and "No messages" in tab.empty.text()
    assert "Ctrl+N" in tab.empty.text()
    tab.trash_btn.setChecked(True)
    assert "trash is empty" in tab.empty.text()


def test_the_inbox_shows_every_kind_and_the_unread_count_reaches_the_tab_title(qtbot, window, app, tmp_path):
    ids = incoming(app, tmp_path)
    changed(qtbot, window)
    tab = window.messages.tab
    assert tab.model.rowCount() == 6
    kinds = [tab.model.index(r, 0).data() for r in range(6)]
    assert kinds == ["Text", "Voice mail", "Announcement", "Reminder", "Contact request", "Text"]
    assert tab.model.index(0, 1).data() == "Mary Smith" and tab.model.index(0, 2).data() == "Price list"
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()  # unread
    assert tab.model.index(5, 0).data(Qt.ItemDataRole.FontRole) is None  # read
    i = window.tabs.indexOf(tab)
    assert window.tabs.tabText(i) == "Messages (5)"
    assert tab.kind.itemText(tab.kind.findData("voice")) == "Voice mail (1)"  # unread per kind
    assert tab.kind.itemText(tab.kind.findData("video")) == "Video mail"
    # the new arrivals were announced (no tray here: in the status bar), the reminder first
    qtbot.waitUntil(lambda: getattr(window.messages, "last_notification", ("",))[0] == "Reminder", timeout=5000)
    app.store.messages.mark_read([ids["text"], ids["voice"]])
    changed(qtbot, window)
    assert window.tabs.tabText(i) == "Messages (3)"


def test_filters_by_kind_sender_and_date(qtbot, app, tmp_path):
    incoming(app, tmp_path)
    tab = MessagesTab(app)
    qtbot.addWidget(tab)
    tab.kind.setCurrentIndex(tab.kind.findData("voice"))
    tab.apply_filter()
    assert [m.kind for m in tab.model.rows] == ["voice"]
    tab.kind.setCurrentIndex(0)
    tab.sender.setText("jan@example.com")
    tab.apply_filter()
    assert {m.sender_name for m in tab.model.rows} == {"Jan Kowalski"} and tab.model.rowCount() == 2
    tab.dates.setChecked(True)  # the last seven days: the old text drops out
    assert [m.kind for m in tab.model.rows] == ["voice"]
    tab.sender.setText("nobody")
    tab.apply_filter()
    assert tab.list_pages.currentWidget() is tab.empty and "No messages match" in tab.empty.text()


def test_reading_marks_read_and_the_button_marks_unread_again(qtbot, app, tmp_path):
    ids = incoming(app, tmp_path)
    tab = MessagesTab(app)
    qtbot.addWidget(tab)
    tab.show()
    counts = []
    tab.unreadChanged.connect(counts.append)
    select_rows(tab, 0)
    assert "Mary Smith" in tab.view.header.text() and "price list" in tab.view.body.toPlainText()
    assert tab.view.reply_btn.isVisibleTo(tab) and tab.view.call_btn.isVisibleTo(tab) and tab.view.crm_btn.isVisibleTo(tab)
    qtbot.waitUntil(lambda: app.store.messages.get(ids["text"]).read, timeout=5000)
    assert counts[-1] == 4
    assert tab.read_btn.text() == "Mark unread"
    qtbot.mouseClick(tab.read_btn, LEFT)
    assert not app.store.messages.get(ids["text"]).read and counts[-1] == 5
    select_rows(tab, 0, 1, 2)  # several at once
    assert "3 messages selected" in tab.view.header.text()
    qtbot.mouseClick(tab.read_btn, LEFT)
    assert all(app.store.messages.get(ids[k]).read for k in ("text", "voice", "announcement"))


def test_delete_moves_to_the_trash_and_restore_brings_back(qtbot, window, app, tmp_path):
    ids = incoming(app, tmp_path)
    window.tabs.setCurrentWidget(window.messages.tab)
    changed(qtbot, window)
    tab = window.messages.tab
    said = []
    tab.status.connect(said.append)
    select_rows(tab, 0, 2)
    tab.table.setFocus()
    with qtbot.waitSignal(tab.loaded):
        qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.rowCount() == 4 and "2 message(s) moved to the trash" in said[-1]
    assert app.store.messages.get(ids["text"]).deleted_at
    with qtbot.waitSignal(tab.loaded):
        tab.trash_btn.setChecked(True)
    assert sorted(m.id for m in tab.model.rows) == sorted([ids["text"], ids["announcement"]])
    assert tab.restore_btn.isVisibleTo(tab) and not tab.delete_btn.isVisibleTo(tab)
    select_rows(tab, 0)
    assert "restorable for 30 more day" in tab.view.note.text()
    with qtbot.waitSignal(tab.loaded):
        qtbot.mouseClick(tab.restore_btn, LEFT)
    assert tab.model.rowCount() == 1
    with qtbot.waitSignal(tab.loaded):
        tab.trash_btn.setChecked(False)
    assert tab.model.rowCount() == 5


def test_a_voice_mail_plays_with_a_seek_bar(qtbot, app, tmp_path):
    incoming(app, tmp_path)
    tab = MessagesTab(app)
    qtbot.addWidget(tab)
    tab.show()
    select_rows(tab, 1)
    pane = tab.view.audio
    assert tab.view.media.isVisibleTo(tab) and tab.view.media.currentWidget() is pane
    qtbot.waitUntil(lambda: pane.seek.maximum() > 1500, timeout=10000)  # the 2 s recording
    pane.seek_to(1000)
    qtbot.waitUntil(lambda: pane.seek.value() >= 900, timeout=5000)
    assert pane.time.text() == "00:01 / 00:02"


def test_reminders_and_contact_requests_offer_their_own_buttons(qtbot, app, tmp_path):
    incoming(app, tmp_path)
    tab = MessagesTab(app)
    qtbot.addWidget(tab)
    tab.show()
    select_rows(tab, 3)
    v = tab.view
    assert v.snooze_btn.isVisibleTo(tab) and v.record_btn.isVisibleTo(tab) and not v.reply_btn.isVisibleTo(tab)
    with qtbot.waitSignal(tab.recordRequested) as opened:
        qtbot.mouseClick(v.record_btn, LEFT)
    assert opened.args[0].record == "rec-1"
    with qtbot.waitSignal(tab.snoozeRequested) as snoozed:
        v.snooze_btn.menu().actions()[1].trigger()
    assert snoozed.args[1] == 15
    select_rows(tab, 4)
    assert v.accept_btn.isVisibleTo(tab) and v.decline_btn.isVisibleTo(tab) and not v.call_btn.isVisibleTo(tab)
    with qtbot.waitSignal(tab.requestAnswered) as answered:
        qtbot.mouseClick(v.decline_btn, LEFT)
    assert answered.args[0].request_id == 5 and answered.args[1] is False


def test_ctrl_r_replies_to_the_sender_and_the_reply_lands_in_the_outbox(qtbot, window, app, tmp_path):
    ids = incoming(app, tmp_path)
    app.store.messages.set_users([{"id": 2, "name": "Mary Smith", "email": "mary@example.com"},
                                  {"id": 3, "name": "Jan Kowalski", "email": "jan@example.com"}])
    window.tabs.setCurrentWidget(window.messages.tab)
    changed(qtbot, window)
    tab = window.messages.tab
    select_rows(tab, 0)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dlg = window.messages._dialog
    assert dlg is not None and dlg.isVisible() and dlg.recipients() == [2]
    assert dlg.subject.text() == "Re: Price list" and dlg.kind() == "text"
    dlg.text.setPlainText("Thanks, got it.")
    with qtbot.waitSignal(tab.loaded):
        qtbot.mouseClick(dlg.send_btn, LEFT)
    assert not dlg.isVisible()
    out = app.store.messages.list(limit=50)
    sent = next(m for m in out if m.direction == "out")
    assert sent.body == "Thanks, got it." and sent.reply_to == ids["text"] and sent.status == "queued"
    assert [r["id"] for r in sent.recipients] == [2]
    assert tab.model.rows[0].id == sent.id and "[queued]" in tab.model.index(0, 2).data()


def test_ctrl_n_on_the_messages_tab_writes_a_message(qtbot, window, app):
    window.tabs.setCurrentWidget(window.messages.tab)
    window.messages.tab.table.setFocus()
    qtbot.keyClick(window.messages.tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = window.messages._dialog
    assert dlg is not None and dlg.isVisible() and dlg.recipients() == []
    qtbot.mouseClick(dlg.send_btn, LEFT)  # no one chosen: said, and the dialog stays
    assert dlg.isVisible() and "at least one colleague" in dlg.error.text()
    dlg.close()


def test_search_finds_words_in_any_message_and_keeps_the_kind_filter(qtbot, app, tmp_path):
    incoming(app, tmp_path)
    tab = MessagesTab(app)
    qtbot.addWidget(tab)
    tab.search.setText("friday")
    tab.apply_filter()
    assert [m.body for m in tab.model.rows] == ["Office closed on Friday."]
    tab.search.setText("jan")  # the sender's name
    tab.apply_filter()
    assert {m.kind for m in tab.model.rows} == {"voice", "text"}
    tab.kind.setCurrentIndex(tab.kind.findData("voice"))
    tab.apply_filter()
    assert [m.kind for m in tab.model.rows] == ["voice"]


def test_the_crm_button_opens_the_senders_records_and_a_new_record_links_the_message(qtbot, window, app, tmp_path):
    ids = incoming(app, tmp_path)
    changed(qtbot, window)
    tab = window.messages.tab
    select_rows(tab, 0)
    text = app.store.messages.get(ids["text"])
    qtbot.mouseClick(tab.view.crm_btn, LEFT)
    w = window.crm.windows[-1]  # the sender's records (none yet: straight to New)
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
    assert w.person.name == "Mary Smith" and w.person.number == f"user:{text.sender_id}"
    if w.pages.currentWidget() is not w.new_page:
        w.show_new()
    qtbot.keyClicks(w.subject, "Follow up on her message")
    qtbot.mouseClick(w.create_btn, LEFT)
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
    [record] = app.store.crm.find()
    assert record.message == text.hub_id  # the record links the message...
    qtbot.waitUntil(lambda: app.store.messages.get(ids["text"]).record == record.uid, timeout=5000)  # ...and back
    select_rows(tab, 3)  # a reminder opens its own record
    assert tab.model.rows[3].kind == "reminder" and tab.model.rows[3].record
    before = len(window.crm.windows)
    qtbot.mouseClick(tab.view.record_btn, LEFT)
    assert len(window.crm.windows) == before + 1
