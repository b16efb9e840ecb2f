"""Two headless clients and a real hub: edits travel, merge, conflict and stay deleted; private
books stay private; a cursor the hub refuses leads to a full resync."""

from __future__ import annotations

from whitephone.core.contact import ContactData, Email, Phone
from whitephone.sync.engine import SyncSummary
from whitephone.sync.hub_client import HubError


def person(given: str, family: str, **kw) -> ContactData:
    return ContactData(given_name=given, family_name=family, **kw)


def shared_contact(a, b, *names):
    """Contacts added on A in the company book, synced to B; returns their uids."""
    uids = []
    for n in names:
        cid = a.store.contacts.add(person(n, "Jones"), a.company_book())
        uids.append(a.store.contacts.get(cid).uid)
    a.engine.sync_once()
    b.engine.sync_once()
    return uids


def on(client, uid):
    return client.store.contacts.get_by_uid(uid)


def test_an_edit_on_a_appears_on_b(clients):
    a, b = clients("alice"), clients("bob")
    a.store.contacts.add(person("Carol", "Jones", phones=[Phone("+44 20 7946 0000", "work", "+442079460000")],
                                emails=[Email("carol@example.com", "work")], tags=["vip"],
                                custom={}, notes="met at the fair"), a.company_book())
    s = a.engine.sync_once()
    assert s.pushed >= 2 and s.rejected == 0
    b.engine.sync_once()
    got = list(b.store.contacts.iter_all(b.company_book()))
    assert [c.best_display_name() for c in got] == ["Carol Jones"]
    assert got[0].phones[0].e164 == "+442079460000" and got[0].tags == ["vip"]
    assert got[0].emails[0].address == "carol@example.com" and got[0].notes == "met at the fair"
    assert b.store.outbox.count() == 0  # applied rows never re-enter the outbox
    assert b.engine.sync_once().pushed == 0
    # and back: B's edit reaches A
    c = got[0]
    c.nickname = "CJ"
    b.store.contacts.update(c)
    b.engine.sync_once()
    a.engine.sync_once()
    assert on(a, c.uid).nickname == "CJ"


def test_different_fields_merge(clients):
    a, b = clients("alice"), clients("bob")
    (uid,) = shared_contact(a, b, "Carol")
    ca, cb = on(a, uid), on(b, uid)
    ca.notes = "from A"
    a.store.contacts.update(ca)
    cb.phones = [Phone("+44 20 7946 0001", "work", "+442079460001")]
    b.store.contacts.update(cb)
    a.engine.sync_once()
    sb = b.engine.sync_once()
    a.engine.sync_once()
    assert sb.conflicts == 0
    for client in (a, b):
        c = on(client, uid)
        assert (c.notes, [p.e164 for p in c.phones]) == ("from A", ["+442079460001"])
        assert client.store.sync.conflicts() == []


def test_same_field_on_both_gives_a_conflict_record_and_one_value(clients):
    a, b = clients("alice"), clients("bob")
    (uid,) = shared_contact(a, b, "Carol")
    ca, cb = on(a, uid), on(b, uid)
    ca.family_name = "Smith"
    a.store.contacts.update(ca)
    cb.family_name = "Brown"
    cb.notes = "B's note"
    b.store.contacts.update(cb)
    a.engine.sync_once()
    assert b.engine.sync_once().conflicts == 1
    a.engine.sync_once()
    # the hub's value (first in) is kept everywhere, B's other field merged
    for client in (a, b):
        c = on(client, uid)
        assert (c.family_name, c.notes) == ("Smith", "B's note")
    (conflict,) = b.engine.conflicts()
    assert (conflict.entity, conflict.uid, conflict.field) == ("contact", uid, "family_name")
    assert (conflict.base, conflict.local, conflict.server) == ("Jones", "Brown", "Smith")
    # keeping mine is an ordinary edit: it reaches A
    b.engine.resolve_conflict(conflict.id, keep_local=True)
    b.engine.sync_once()
    a.engine.sync_once()
    assert on(a, uid).family_name == "Brown" and b.engine.conflicts() == []


def test_a_conflict_found_on_pull_keeps_the_hub_value_and_is_recorded(clients):
    a, b = clients("alice"), clients("bob")
    (uid,) = shared_contact(a, b, "Carol")
    ca, cb = on(a, uid), on(b, uid)
    ca.nickname = "A"
    a.store.contacts.update(ca)
    a.engine.sync_once()
    cb.nickname = "B"
    b.store.contacts.update(cb)
    # B pulls while its edit waits (a pull without a push first)
    b.engine._pull(b.session.ensure(), SyncSummary())
    assert on(b, uid).nickname == "A"
    assert [c.field for c in b.engine.conflicts()] == ["nickname"]
    b.engine.sync_once()
    a.engine.sync_once()
    assert on(a, uid).nickname == "A"


def test_a_deleted_contact_stays_deleted(clients):
    a, b = clients("alice"), clients("bob")
    (uid,) = shared_contact(a, b, "Carol")
    a.store.contacts.delete([on(a, uid).id])
    cb = on(b, uid)
    cb.notes = "edited while A deleted it"
    b.store.contacts.update(cb)
    a.engine.sync_once()
    s = b.engine.sync_once()
    a.engine.sync_once()
    assert on(a, uid) is None and on(b, uid) is None
    assert s.rejected == 1
    (r,) = b.engine.rejections()
    assert (r.uid, r.reason) == (uid, "deleted")
    # a later edit cannot bring it back
    b.engine.sync_once()
    a.engine.sync_once()
    assert on(a, uid) is None and on(b, uid) is None


def test_a_private_book_never_reaches_a_colleague(clients):
    a, b = clients("alice"), clients("bob")
    personal = a.store.books.add("Alice's own")
    a.store.contacts.add(person("Secret", "Friend"), personal)
    a.store.contacts.add(person("Shared", "Client"), a.company_book())
    a.engine.sync_once()
    b.engine.sync_once()
    assert b.names() == ["Shared Client"]
    assert "Alice's own" not in [bk.name for bk in b.store.books.list()]
    # not even in the hub's feed for B
    feed = b.session.ensure().changes(0)
    assert {c["entity"] for c in feed["changes"]} == {"address_book", "contact"}
    assert all(c["fields"].get("given_name") != "Secret" for c in feed["changes"])
    assert all(c["fields"].get("name") != "Alice's own" for c in feed["changes"])
    # but a second device of Alice's gets it
    a2 = clients("alice2", register=False)  # a computer that was alice2's: its data goes first
    a2.session.login(a.session.info["url"], "alice@example.com", "password123", discard_local=True)
    a2.engine.sync_once()
    assert a2.names() == ["Secret Friend", "Shared Client"]


def test_a_contact_moved_into_a_private_book_leaves_the_colleague_by_a_full_resync(clients):
    a, b = clients("alice"), clients("bob")
    (uid,) = shared_contact(a, b, "Carol")
    local_only = b.store.contacts.add(person("Bob's", "Draft"), b.store.books.add("Bob's own"))
    b.store.sync.set("cursor", str(b.store.sync.cursor))  # B is up to date
    a.store.contacts.move([on(a, uid).id], a.store.books.add("Mine"))
    a.engine.sync_once()
    cb = on(b, uid)
    cb.notes = "B edits what is no longer shared"
    b.store.contacts.update(cb)
    # B's cursor is now refused (409 resync_required): B takes the snapshot
    try:
        b.session.ensure().changes(b.store.sync.cursor)
        raise AssertionError("the hub should ask for a resync")
    except HubError as exc:
        assert exc.kind == "resync_required"
    assert b.engine.sync_once().rejected == 1
    assert on(b, uid) is None
    assert [r.uid for r in b.engine.rejections()] == [uid]  # B's edit is not dropped silently
    assert b.store.contacts.get(local_only) is not None  # local-only rows survive a resync
    assert b.store.sync.cursor > 0


def test_call_logs_sync_to_my_other_device_only(clients):
    from whitephone.core.calls import CallLogEntry

    a, b = clients("alice"), clients("bob")
    entry = CallLogEntry(direction="out", peer_uri="sip:carol@example.com", started_at="2026-12-05T10:00:00+00:00")
    a.store.calls.add(entry)
    a.engine.sync_once()
    assert a.store.outbox.count() == 1  # a call still going on waits
    entry.ended_at, entry.result, entry.duration = "2026-12-05T10:01:00+00:00", "answered", 60
    a.store.calls.update(entry)
    a.engine.sync_once()
    assert a.store.outbox.count() == 0
    b.engine.sync_once()
    assert b.store.calls.list() == []
    a2 = clients("alice2", register=False)  # a computer that was alice2's: its data goes first
    a2.session.login(a.session.info["url"], "alice@example.com", "password123", discard_local=True)
    a2.engine.sync_once()
    (got,) = a2.store.calls.list()
    assert (got.uid, got.result, got.duration) == (entry.uid, "answered", 60)


def test_a_change_the_hub_cannot_take_is_kept_as_a_rejection_and_the_rest_goes_on(clients):
    a, b = clients("alice"), clients("bob")
    bad = a.store.contacts.add(person("N" * 300, "Long"), a.company_book())
    a.store.contacts.add(person("Fine", "Contact"), a.company_book())
    s = a.engine.sync_once()
    assert s.rejected == 1 and a.store.outbox.count() == 0
    (r,) = a.engine.rejections()
    assert r.uid == a.store.contacts.get(bad).uid and "longer than 200" in r.reason
    assert a.engine.status().rejected == 1
    a.engine.mark_rejections_seen()
    assert a.engine.status().rejected == 0 and len(a.engine.rejections()) == 1
    assert a.store.contacts.get(bad) is not None  # nothing lost locally
    b.engine.sync_once()
    assert b.names() == ["Fine Contact"]


def test_every_contact_field_travels(clients):
    from whitephone.core.contact import CompanyLink, PostalAddress, Website

    a, b = clients("alice"), clients("bob")
    a.store.contacts.add_custom_field("Shoe size", "number")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    c = person("Dana", "Scully", prefix="Dr", middle_name="K", suffix="MD", nickname="Starbuck",
               birthday="1964-02-23", notes="two\nlines",
               phones=[Phone("+1 202 555 0100", "mobile", "+12025550100"), Phone("555 0101", "home")],
               emails=[Email("dana@fbi.example", "work")],
               addresses=[PostalAddress("935 Pennsylvania Ave", "", "20535", "Washington", "DC", "US", "work")],
               websites=[Website("https://fbi.example/scully", "work")],
               companies=[CompanyLink("FBI", "Special Agent")], tags=["agent", "x-files"],
               custom={"Shoe size": "7"}, photo=png, photo_mime="image/png")
    cid = a.store.contacts.add(c, a.company_book())
    sent = a.store.contacts.get(cid)
    a.engine.sync_once()
    b.engine.sync_once()
    got = on(b, sent.uid)
    for f in ("kind", "prefix", "given_name", "middle_name", "family_name", "suffix", "display_name",
              "nickname", "birthday", "notes", "phones", "emails", "addresses", "websites", "tags", "custom",
              "photo", "photo_mime"):
        assert getattr(got, f) == getattr(sent, f), f
    assert [(x.name, x.role) for x in got.companies] == [("FBI", "Special Agent")]
    # the company is the same contact on both sides, not a second one made by name
    fbi = [s for s in b.store.contacts.iter_all() if s.kind == "company"]
    assert [(x.display_name, x.uid) for x in fbi] == [("FBI", on(a, fbi[0].uid).uid)]
    assert b.store.outbox.count() == 0


def test_a_same_field_conflict_is_shown_on_both_sides(clients):
    """Review point 6: the device whose value was kept learns of the conflict too (a `kept`
    record: mine = the kept value, theirs = the one that lost); choosing theirs there applies it."""
    a, b = clients("alice"), clients("bob")
    (uid,) = shared_contact(a, b, "Carol")
    ca, cb = on(a, uid), on(b, uid)
    ca.family_name = "Smith"
    a.store.contacts.update(ca)
    cb.family_name = "Brown"
    b.store.contacts.update(cb)
    a.engine.sync_once()
    b.engine.sync_once()
    assert a.engine.sync_once().conflicts == 1
    (kept,) = a.engine.conflicts()
    assert (kept.entity, kept.uid, kept.field, kept.local, kept.server) == ("contact", uid, "family_name",
                                                                             "Smith", "Brown")
    assert len(b.engine.conflicts()) == 1
    assert a.engine.sync_once().conflicts == 0  # told once
    # on A, "keep theirs" applies Bob's value everywhere
    a.engine.resolve_conflict(kept.id, keep_local=False)
    a.engine.sync_once()
    b.engine.sync_once()
    assert on(a, uid).family_name == on(b, uid).family_name == "Brown"
