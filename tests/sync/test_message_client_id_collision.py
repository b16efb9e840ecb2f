"""Issue 14 (a defect the tester found): a colleague can make my client drop a message it has not received yet.

Pulled messages are stored with the hub's `client_id`, and the local `messages.client_id` is
UNIQUE with `INSERT OR IGNORE` (store/messages.py `add_incoming`). A message without a client id
on the hub (announcements, reminders, any API send without one) gets the local id
uuid5(NAMESPACE_URL, "whitephone:message:<hub id>"), predictable because hub ids are sequential.
A colleague who first sends me a text carrying that client id makes my client silently ignore
the announcement (or reminder) that later gets that hub id: it is never shown."""

from __future__ import annotations

import uuid


def test_a_text_with_a_chosen_client_id_does_not_hide_a_later_announcement(clients):
    ann, bob = clients("ann"), clients("bob")
    mallory = ann.session.ensure()  # any colleague; ann here
    bob_id = next(u["id"] for u in mallory.users() if u["email"] == "bob@example.com")
    probe = mallory.send_message(bob_id, "text", "hello")
    future = probe["id"] + 2  # the next text is +1, the announcement after it +2
    mallory.send_message(bob_id, "text", "nice weather",
                         client_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"whitephone:message:{future}")))
    mallory.announce("Fire drill at 3 pm: leave the building")
    assert [h["id"] for h in bob.session.ensure().inbox(0)][-1] == future

    bob.engine.messages.pull(bob.session.ensure())
    got = [m.body for m in bob.store.messages.list(kind="announcement")]
    assert got == ["Fire drill at 3 pm: leave the building"], got
