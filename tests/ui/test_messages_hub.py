"""The Messages tab with a real hub (issue 14.1-14.5), on SQLite and PostgreSQL: a text from a
colleague arrives and the reply reaches them; announcements need the permission (said when
missing) and reach a market joined in the Markets dialog; a reminder snoozed comes back from
the hub; a contact request is accepted from the tab; a voice mail is fetched when opened."""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelectionModel, Qt

from tests.sip.agents import tone
from tests.sync.conftest import PASSWORD, clients, db_url, hub, own_keyring  # noqa: F401 - fixtures
from whitephone.ui.dialogs.announcements import MarketsDialog

LEFT = Qt.MouseButton.LeftButton


def bob_in_window(qtbot, window, app, hub, clients):  # noqa: F811
    ann = clients("ann")  # registers Acme: the admin
    bob = ann.session.ensure().request("POST", "/api/v1/users", json={"name": "Bob Builder",
                                                                       "email": "bob@example.com",
                                                                       "password": PASSWORD})
    app.session.login(hub.base, "bob@example.com", PASSWORD)  # the window's session, no engine threads
    return ann, bob["id"]


def pull(window, app, qtbot=None) -> None:
    from PySide6.QtCore import QEventLoop

    app.sync.sync_once()
    loop = QEventLoop()
    window.messages.tab.loaded.connect(loop.quit)
    window.messages.store_changed()
    loop.exec()  # until the tab has read the store again (on the reader thread)
    window.messages.tab.loaded.disconnect(loop.quit)


def select(tab, message_id) -> None:
    row = tab.model.row_of(message_id)
    assert row >= 0
    tab.table.selectionModel().select(tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)


def test_a_text_arrives_and_the_reply_reaches_the_colleague(qtbot, window, app, hub, clients):  # noqa: F811
    ann, bob_id = bob_in_window(qtbot, window, app, hub, clients)
    ann.store.messages.queue_text([bob_id], "Can you call the customer?", subject="Customer")
    ann.engine.sync_once()
    pull(window, app)
    tab = window.messages.tab
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Messages (1)"
    got = tab.model.rows[0]
    assert (got.kind, got.sender_name, got.subject) == ("text", "ann", "Customer")
    window.tabs.setCurrentWidget(tab)
    select(tab, got.id)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dlg = window.messages._dialog
    assert dlg.recipients() == [got.sender_id]
    dlg.text.setPlainText("Done, they are happy.")
    qtbot.mouseClick(dlg.send_btn, LEFT)
    app.sync.sync_once()
    ann.engine.sync_once()
    reply = next(m for m in ann.store.messages.list() if m.direction == "in")
    assert (reply.body, reply.subject, reply.sender_email) == ("Done, they are happy.", "Re: Customer",
                                                              "bob@example.com")


def test_announcements_need_the_permission_and_reach_a_joined_market(qtbot, window, app, hub, clients):  # noqa: F811
    ann, _bob_id = bob_in_window(qtbot, window, app, hub, clients)
    window.messages.permissions_changed(app.session.ensure().me())
    tab = window.messages.tab
    assert not tab.announce_btn.isEnabled() and "Announcements permission" in tab.announce_btn.toolTip()
    window.messages.permissions_changed(ann.session.ensure().me())  # an admin holds it
    assert tab.announce_btn.isEnabled()

    ann.session.ensure().create_market("Fish")
    dlg = MarketsDialog(app, window.team.team, window)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.list.count() == 1, timeout=10000)
    assert "Fish" in dlg.list.item(0).text() and not dlg.leave_btn.isEnabled()
    dlg.list.setCurrentRow(0)
    qtbot.mouseClick(dlg.join_btn, LEFT)
    qtbot.waitUntil(lambda: "You joined Fish" in dlg.note.text() and dlg.list.count() == 1
                    and dlg.list.item(0).text().startswith("✓"), timeout=10000)

    ann.store.messages.queue_announcement("Fresh cod today", market="Fish")
    ann.engine.sync_once()
    pull(window, app)
    got = tab.model.rows[0]
    assert (got.kind, got.body, got.market) == ("announcement", "Fresh cod today", "Fish")
    select(tab, got.id)
    assert "market Fish" in tab.view.header.text()


def test_a_snoozed_reminder_comes_back_from_the_hub(qtbot, window, app, hub, clients):  # noqa: F811
    ann, bob_id = bob_in_window(qtbot, window, app, hub, clients)
    ann.store.messages.queue_reminder([bob_id], "Call the supplier", time.time() + 0.5)
    ann.engine.sync_once()
    tab = window.messages.tab
    deadline = time.monotonic() + 30
    while not tab.model.rows:
        assert time.monotonic() < deadline, "the reminder did not arrive"
        time.sleep(0.3)
        pull(window, app)
    reminder = tab.model.rows[0]
    assert reminder.kind == "reminder"
    qtbot.waitUntil(lambda: getattr(window.messages, "last_notification", None) == ("Reminder", "Call the supplier"),
                    timeout=5000)
    window.messages.snooze(reminder, 5)
    assert app.store.messages.get(reminder.id).deleted_at  # this one to the trash
    app.sync.sync_once()
    mine = app.session.ensure().request("GET", "/api/v1/reminders")
    again = [r for r in mine if r["body"] == "Call the supplier" and r["recipient_id"] == bob_id]
    assert len(again) == 1 and 200 < again[0]["due"] - time.time() <= 300


def test_a_contact_request_is_accepted_from_the_tab(qtbot, window, app, hub, clients):  # noqa: F811
    ann, bob_id = bob_in_window(qtbot, window, app, hub, clients)
    zed = clients("zed", register=True)  # another company
    zed.session.ensure().send_contact_request(bob_id)
    pull(window, app)
    tab = window.messages.tab
    req = next(m for m in tab.model.rows if m.kind == "contact_request")
    select(tab, req.id)
    assert tab.view.accept_btn.isVisibleTo(tab)
    qtbot.mouseClick(tab.view.accept_btn, LEFT)
    qtbot.waitUntil(lambda: app.store.messages.get(req.id).request_status == "accepted", timeout=10000)
    states = {r["status"] for r in zed.session.ensure().contact_requests()}
    assert states == {"accepted"}


def test_a_voice_mail_is_fetched_from_the_hub_when_opened(qtbot, window, app, hub, clients, tmp_path):  # noqa: F811
    ann, bob_id = bob_in_window(qtbot, window, app, hub, clients)
    ann.store.messages.queue_voice([bob_id], tone(tmp_path / "vm.wav", 500, 2))
    ann.engine.sync_once()
    pull(window, app)
    tab = window.messages.tab
    vm = tab.model.rows[0]
    assert vm.kind == "voice" and not (vm.attachment or {}).get("path")
    select(tab, vm.id)
    pane = tab.view.audio
    qtbot.waitUntil(lambda: pane.seek.maximum() > 1500, timeout=15000)  # fetched, Ogg Opus, playable
    assert app.store.messages.get(vm.id).attachment["path"]


def test_a_message_sent_while_the_window_runs_shows_up_by_itself(qtbot, window, app, hub, clients):  # noqa: F811
    """The live path: the hub's message event wakes the window's sync worker, whose "changed"
    hint reloads the tab, updates the unread count and notifies; nothing pulled by hand."""
    ann, bob_id = bob_in_window(qtbot, window, app, hub, clients)
    window.team.team.signed_in_now(app.session.info)  # what signing in does: the sync engine runs
    tab = window.messages.tab
    qtbot.waitUntil(lambda: app.sync.status().state == "online", timeout=15000)
    ann.store.messages.queue_text([bob_id], "Lunch at noon?")
    ann.engine.sync_once()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=15000)
    assert tab.model.rows[0].body == "Lunch at noon?"
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Messages (1)"
    qtbot.waitUntil(lambda: getattr(window.messages, "last_notification", None)
                    == ("New message from ann", "Lunch at noon?"), timeout=5000)


def test_messages_sent_one_after_another_from_the_window_all_go(qtbot, window, app, hub, clients):  # noqa: F811
    """Each Send wakes the sync worker (the store's pending mark can repeat between two sends)."""
    ann, _bob_id = bob_in_window(qtbot, window, app, hub, clients)
    ann_id = app.session.ensure().request("GET", "/api/v1/users")[0]["id"]
    app.store.messages.set_users([{"id": ann_id, "name": "ann", "email": "ann@example.com"}])
    window.team.team.signed_in_now(app.session.info)
    qtbot.waitUntil(lambda: app.sync.status().state == "online", timeout=15000)
    for text in ("First", "Second"):
        window.messages.compose({"kind": "text", "to": [(ann_id, "ann")]})
        dlg = window.messages._dialog
        dlg.text.setPlainText(text)
        qtbot.mouseClick(dlg.send_btn, LEFT)
        qtbot.waitUntil(lambda: all(m.status == "sent" for m in app.store.messages.list() if m.direction == "out"),
                        timeout=15000)
    ann.engine.sync_once()
    assert sorted(m.body for m in ann.store.messages.list()) == ["First", "Second"]


def test_an_announcement_posted_from_the_dialog_reaches_the_market(qtbot, window, app, hub, clients):  # noqa: F811
    from whitephone.ui.dialogs.announcements import AnnounceDialog

    ann = clients("ann")  # the admin, who also sits at the window
    bob = clients("bob")  # a colleague (headless)
    app.session.login(hub.base, "ann@example.com", PASSWORD)
    ann.session.ensure().create_market("Fish")
    bob.engine.messages.join_market(bob.session.ensure(), "Fish")
    window.messages.permissions_changed(app.session.ensure().me())
    assert window.messages.tab.announce_btn.isEnabled()
    dlg = AnnounceDialog(app, window.team.team, window)
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.post_btn, LEFT)  # nothing written: said, nothing queued
    assert "Write the announcement first" in dlg.note.text()
    qtbot.waitUntil(lambda: dlg.where.count() == 2, timeout=10000)
    dlg.where.setCurrentIndex(dlg.where.findData("Fish"))
    dlg.text.setPlainText("Fresh cod today")
    qtbot.mouseClick(dlg.post_btn, LEFT)
    assert dlg.sent is not None and dlg.sent.kind == "announcement"
    app.sync.sync_once()
    assert app.store.messages.get(dlg.sent.id).status == "sent"
    bob.engine.sync_once()
    got = [m for m in bob.store.messages.list(kind="announcement")]
    assert [(m.body, m.market) for m in got] == [("Fresh cod today", "Fish")]


def test_reminders_of_a_record_and_of_an_appointment_open_them_and_a_snooze_keeps_the_link(
        qtbot, window, app, hub, clients):  # noqa: F811
    from datetime import UTC, datetime, timedelta

    _ann, bob_id = bob_in_window(qtbot, window, app, hub, clients)
    app.sync.sync_once()
    # a CRM record of mine whose reminder the hub delivers as a message (crm_record:<uid>)
    rec = app.store.crm.create(subject="Boiler broken", type="Support")
    app.store.crm.remind(rec.uid, (datetime.now(UTC) + timedelta(seconds=1)).isoformat())
    # an appointment of mine, and a reminder linking it (as the hub's diary reminders do)
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    appt = app.store.diary.add(subject="Dentist", start=start, end=start + timedelta(hours=1))
    app.sync.sync_once()
    app.session.ensure().set_reminder(bob_id, "Dentist in two days", time.time(),
                                      link=f"appointment:{appt.uid}@{start.isoformat()}")
    tab = window.messages.tab
    deadline = time.monotonic() + 60
    while len([m for m in tab.model.rows if m.kind == "reminder"]) < 2:
        assert time.monotonic() < deadline, "the reminders did not arrive"
        time.sleep(0.3)
        pull(window, app)
    got = {m.body: m for m in tab.model.rows if m.kind == "reminder"}
    crm_reminder = next(m for body, m in got.items() if "Boiler broken" in body)
    diary_reminder = got["Dentist in two days"]
    assert crm_reminder.record == rec.uid and crm_reminder.link == f"crm_record:{rec.uid}"

    select(tab, crm_reminder.id)
    v = tab.view
    assert v.record_btn.isVisibleTo(tab) and v.record_btn.text() == "Open the record" and v.snooze_btn.isVisibleTo(tab)
    before = len(window.crm.windows)
    qtbot.mouseClick(v.record_btn, Qt.MouseButton.LeftButton)
    assert len(window.crm.windows) == before + 1
    qtbot.waitUntil(lambda: window.crm.windows[-1].current is not None
                    and window.crm.windows[-1].current.uid == rec.uid, timeout=10000)

    select(tab, diary_reminder.id)
    assert v.record_btn.isVisibleTo(tab) and v.record_btn.text() == "Open the appointment"
    qtbot.mouseClick(v.record_btn, Qt.MouseButton.LeftButton)
    diary = window.diary
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is diary and getattr(diary, "_editor", None) is not None,
                    timeout=10000)
    assert diary.anchor == start.astimezone(diary.tz).date()
    assert diary._editor.subject.text() == "Dentist"
    diary._editor.reject()

    # snoozing the record's reminder: the reminder that comes back opens the record too
    window.messages.snooze(crm_reminder, 5)
    app.sync.sync_once()
    again = [r for r in app.session.ensure().request("GET", "/api/v1/reminders")
             if r["recipient_id"] == bob_id and "Boiler broken" in r["body"]]
    assert len(again) == 1 and again[0]["link"] == f"crm_record:{rec.uid}"
