"""Issue 14 (a defect the tester found): the same user on two computers (the issue: messages are "synced with the
hub"; the hub keeps a read flag per message).

Read on the laptop, the message stays unread on the desktop for good: the client pulls only
messages after its cursor, so the hub's read flag set by the other computer never comes back,
and the desktop's unread count (tab and tray) keeps counting it."""

from __future__ import annotations

from tests.sync.conftest import PASSWORD, Client


def test_a_message_read_on_one_computer_is_read_on_the_other(clients, hub, tmp_path):
    ann, bob = clients("ann"), clients("bob")
    desk = Client(tmp_path / "bob-desktop")
    try:
        desk.session.login(hub.base, "bob@example.com", PASSWORD)
        ann.store.messages.queue_text(["bob@example.com"], "Lunch at noon?")
        ann.engine.messages.run(ann.session.ensure())
        bob.engine.messages.run(bob.session.ensure())
        desk.engine.messages.run(desk.session.ensure())
        (m,) = bob.store.messages.list()
        bob.store.messages.mark_read([m.id])
        bob.engine.messages.run(bob.session.ensure())  # tells the hub
        assert bob.session.ensure().inbox(0)[0]["read"] is True

        desk.engine.messages.run(desk.session.ensure())
        assert desk.store.messages.unread_counts()["all"] == 0
    finally:
        desk.close()
