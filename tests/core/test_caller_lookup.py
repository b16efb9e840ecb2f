"""Who is calling (the popup's data): by number, by SIP address, the company's book, open records
first, the latest calls without the ringing one, unknown callers made contacts on request."""

from __future__ import annotations

from whitephone.core.caller import look_up_caller
from whitephone.core.calls import CallLogEntry
from whitephone.core.contact import ContactData, Phone, Website
from whitephone.core.contacts import ContactsService
from whitephone.store.sync_rows import COMPANY_BOOK_UID, ContactRows


def test_a_known_number_brings_contact_records_and_latest_entries(store):
    svc = ContactsService(store, "GB")
    cid = svc.add(ContactData(given_name="Ann", family_name="Lee", phones=[Phone("020 7946 0018")], tags=["vip"]))
    c = store.contacts.get(cid)
    closed = store.crm.create(subject="Old", type="Support", contact=c.uid)
    store.crm.close(closed.uid)
    store.crm.create(subject="New", type="Support", number="+442079460018")
    ringing = CallLogEntry(direction="in", peer_uri="sip:+442079460018@pbx", number_e164="+442079460018",
                           started_at="2026-02-01T10:00:00.000+00:00", result="missed", contact_id=cid)
    store.calls.add(ringing)
    store.calls.add(CallLogEntry(direction="in", peer_uri="sip:+442079460018@pbx", number_e164="+442079460018",
                                 started_at="2026-01-01T10:00:00.000+00:00", result="answered", contact_id=cid))
    info = look_up_caller(store, "sip:+442079460018@pbx", "+442079460018", this_call=ringing.uid)
    assert info.known and info.contact.tags == ["vip"] and not info.in_company_book
    assert [r.subject for r in info.records] == ["New", "Old"]
    assert [e.title for e in info.timeline if e.kind == "call"] == ["Incoming call"]
    assert info.took_ms > 0


def test_my_copy_comes_before_the_company_books_and_the_company_book_is_said(store):
    rows = ContactRows(store.engine)
    with store.engine.begin() as conn:
        rows.upsert(conn, [("co-1", {"book": COMPANY_BOOK_UID, "display_name": "Team copy",
                                     "phones": [{"number": "+15550100", "e164": "+15550100"}]})])
    info = look_up_caller(store, "sip:+15550100@pbx", "+15550100")
    assert info.contact.display_name == "Team copy" and info.in_company_book
    ContactsService(store, "US").add(ContactData(display_name="My copy", phones=[Phone("+1 555 0100")]))
    info = look_up_caller(store, "sip:+15550100@pbx", "+15550100")
    assert info.contact.display_name == "My copy" and info.in_company_book
    assert [o.display_name for o in info.others] == ["Team copy"]


def test_a_sip_identity_without_a_number_is_looked_up_by_address(store):
    ContactsService(store, "GB").add(ContactData(display_name="Desk", websites=[Website("sip:Desk@Office.example")]))
    info = look_up_caller(store, '"Front desk" <sip:desk@office.example;transport=tcp>', None)
    assert info.contact is not None and info.contact.display_name == "Desk"
    assert look_up_caller(store, "sip:nobody@office.example", None).contact is None


def test_an_unknown_caller_is_made_a_contact_only_when_asked(store):
    info = look_up_caller(store, "sip:+15550199@pbx", "+15550199", display_name="Bob Caller")
    assert not info.known and not info.created and store.contacts.by_number("+15550199") == []
    info = look_up_caller(store, "sip:+15550199@pbx", "+15550199", display_name="Bob Caller", create_unknown=True)
    assert info.created and info.contact.display_name == "Bob Caller"
    assert [c.display_name for c in store.contacts.by_number("+15550199")] == ["Bob Caller"]
    again = look_up_caller(store, "sip:+15550199@pbx", "+15550199", create_unknown=True)
    assert again.known and not again.created  # made once
