"""Who changed a contact, across clients: the hub's change feed names each change's author (user
id and name), and the contact's history and timeline on the other client say that name instead
of "a colleague". A feed row without an author (an older hub) still applies, as "a colleague"."""

from __future__ import annotations

import pytest

from whitephone.core.contact import ContactData, Email, Phone

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


def test_two_colleagues_edits_between_my_syncs_keep_their_own_authors(clients):
    """Alice is offline (or just has not synced) while Anna changes a customer's phone and then
    Bob adds an e-mail address. When Alice syncs, her contact history and timeline say
    "bob: phones +48 22 123 45 67 → +48 22 765 43 21": Bob is blamed for Anna's change, because
    the feed only names the author of the row's *last* change and the client attributes the
    whole diff to him. Expected: the phone change is Anna's (or at least not claimed by Bob)."""
    alice, anna, bob = clients("alice"), clients("anna"), clients("bob")
    cid = alice.store.contacts.add(ContactData(given_name="Jan", family_name="Kowalski",
                                               phones=[Phone("+48221234567", "work")]), alice.company_book())
    uid = alice.store.contacts.get(cid).uid
    alice.engine.sync_once()
    anna.engine.sync_once()
    bob.engine.sync_once()

    c = anna.store.contacts.get_by_uid(uid)
    c.phones = [Phone("+48227654321", "work")]
    anna.store.contacts.update(c)
    anna.engine.sync_once()

    bob.engine.sync_once()  # Bob has Anna's phone now and adds an e-mail
    c = bob.store.contacts.get_by_uid(uid)
    assert c.phones[0].number.replace(" ", "").endswith("7654321")
    c.emails = [Email("jan@kowalski.example", "work")]
    bob.store.contacts.update(c)
    bob.engine.sync_once()

    alice.engine.sync_once()
    hist = alice.store.history.for_contact(uid)
    phones = [h for h in hist if h.field == "phones"]
    assert phones, [(h.field, h.who) for h in hist]
    assert phones[0].who == "anna", [(h.field, h.who, h.new) for h in hist]
    emails = [h for h in hist if h.field == "emails"]
    assert [h.who for h in emails] == ["bob"], [(h.field, h.who, h.new) for h in hist]


def test_a_new_colleague_sees_who_created_a_contact_not_who_edited_it_last(clients):
    """Alice creates "Jan Kowalski"; later Anna fixes his phone number. Carl joins the company
    and signs in: his first sync pulls the contact and its history says "created by anna"
    (the feed names only the author of the row's last change, and the client writes it on the
    "created" row). Expected: Alice created it (or no name rather than a wrong one)."""
    alice, anna = clients("alice"), clients("anna")
    cid = alice.store.contacts.add(ContactData(given_name="Jan", family_name="Kowalski",
                                               phones=[Phone("+48221234567", "work")]), alice.company_book())
    uid = alice.store.contacts.get(cid).uid
    alice.engine.sync_once()
    anna.engine.sync_once()
    c = anna.store.contacts.get_by_uid(uid)
    c.phones = [Phone("+48227654321", "work")]
    anna.store.contacts.update(c)
    anna.engine.sync_once()

    carl = clients("carl")
    carl.engine.sync_once()
    created = [h for h in carl.store.history.for_contact(uid) if h.field == "created"]
    assert created, [(h.field, h.who) for h in carl.store.history.for_contact(uid)]
    assert created[0].who == "alice", [(h.field, h.who) for h in carl.store.history.for_contact(uid)]
