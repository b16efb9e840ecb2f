"""Who changed a contact, across clients: the hub's change feed names each change's author (user
id and name), and the contact's history and timeline on the other client say that name instead
of "a colleague". A feed row without an author (an older hub) still applies, as "a colleague"."""

from __future__ import annotations

import pytest

from whitephone.core.contact import ContactData, Phone

pytestmark = pytest.mark.timeout(180)


def _history(client, uid: str) -> list[tuple[str, str, str]]:
    return [(h.field, h.who, h.source) for h in client.store.history.for_contact(uid)]


def _change_whos(client, contact_id: int) -> list[tuple[str, str]]:
    entries = client.store.timeline.for_contact(contact_id, kinds=["change"])
    return [(e.extra["field"], e.extra["who"]) for e in entries]


def test_a_colleagues_edit_arrives_with_her_name(clients):
    alice, bob = clients("alice"), clients("anna")
    cid = alice.store.contacts.add(ContactData(given_name="Jan", family_name="Kowalski",
                                               phones=[Phone("+48221234567", "work")]), alice.company_book())
    uid = alice.store.contacts.get(cid).uid
    alice.engine.sync_once()
    bob.engine.sync_once()
    bob_id = bob.store.contacts.get_by_uid(uid).id
    assert _history(bob, uid) == [("created", "alice", "hub")]

    c = bob.store.contacts.get(bob_id)
    c.phones = [Phone("+48227654321", "work")]
    bob.store.contacts.update(c)
    bob.engine.sync_once()

    feed = alice.session.ensure().request("GET", "/api/v1/sync/changes", params={"since": 0})
    row = next(ch for ch in feed["changes"] if ch["id"] == uid)
    users = {u["name"]: u["id"] for u in alice.session.ensure().users()}
    assert (row["author_id"], row["author_name"]) == (users["anna"], "anna")

    alice.engine.sync_once()
    hist = alice.store.history.for_contact(uid)
    phone = next(h for h in hist if h.field == "phones")
    assert (phone.who, phone.source) == ("anna", "hub")
    assert "+48 22 765 43 21" in phone.new or "+48227654321" in phone.new
    assert ("phones", "anna") in _change_whos(alice, cid)

    bob.store.contacts.delete([bob_id])
    bob.engine.sync_once()
    alice.engine.sync_once()
    assert alice.store.contacts.get_by_uid(uid) is None
    assert _history(alice, uid)[0] == ("deleted", "anna", "hub")


def test_a_feed_row_without_an_author_is_a_colleagues(clients):
    alice = clients("alice")
    alice.engine.sync_once()
    uid = "0b8f7c1e-8d7e-4c55-9b0c-000000000001"
    fields = {"kind": "person", "given_name": "Old", "family_name": "Hub", "display_name": "Old Hub",
              "phones": [{"number": "+48221112233", "kind": "work", "e164": "+48221112233"}]}
    alice.store.sync.apply_remote([{"seq": 10_000, "entity": "contact", "id": uid, "deleted": False,
                                    "fields": fields}], None)
    cid = alice.store.contacts.get_by_uid(uid).id
    assert _history(alice, uid) == [("created", "", "hub")]
    assert _change_whos(alice, cid) == [("created", "a colleague")]
