"""Issue 14 (a defect the tester found): a contact request emptied from the trash comes back.

`purge_trash` deletes an incoming row without a hub id (a contact request) at once, and nothing
is told to the hub; the next pull finds the request still pending on the hub and
`set_contact_request` inserts it again, unread, in the inbox (the unread count goes up again)."""

from __future__ import annotations


def test_a_purged_contact_request_stays_gone(clients):
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    bob.engine.sync_once()
    bob_id = next(u["id"] for u in ann.session.ensure().users() if u["email"] == "bob@example.com")
    ann.session.ensure().send_contact_request(bob_id)
    bob.engine.messages.pull(bob.session.ensure())
    (req,) = bob.store.messages.list(kind="contact_request")
    bob.store.messages.trash([req.id])
    bob.store.messages.purge_trash(0)  # "Empty the trash"
    assert bob.store.messages.list(kind="contact_request") == []
    bob.engine.messages.run(bob.session.ensure())  # the next sync round
    back = bob.store.messages.list(kind="contact_request")
    assert back == [], [(m.id, m.body, m.read) for m in back]
    assert bob.store.messages.unread_counts()["all"] == 0
