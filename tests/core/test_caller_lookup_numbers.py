"""Review (CRM caller popup): the caller's records must be on screen when the phone rings."""

from __future__ import annotations

from whitephone.core.caller import look_up_caller
from whitephone.core.contact import ContactData, Phone
from whitephone.core.contacts import ContactsService


def _me(store):
    store.sync.set("user_id", "1")
    store.sync.set("user_name", "Ann")


def test_popup_finds_a_record_opened_for_the_number_written_another_way(store):
    """`whitephone crm new --number "+44 20 7946 0000"` stores the number as typed; when
    +442079460000 rings, the popup shows none of that caller's records (crm.for_contact compares
    the raw strings: whitephone/core/caller.py look_up_caller, whitephone/store/crm.py for_contact)."""
    _me(store)
    store.crm.create(subject="Boiler broken", type="Support", priority="high", number="+44 20 7946 0000")
    info = look_up_caller(store, "sip:+442079460000@pbx.example", "+442079460000")
    assert [r.subject for r in info.records] == ["Boiler broken"]


def test_popup_shows_records_opened_for_the_contacts_other_number(store):
    """Carol has two numbers; a record was opened (not linked to her card) for her mobile. She
    calls from her office line: the popup knows it is Carol but leaves out that record, because
    only the ringing number and the contact uid are looked up, not the contact's other numbers."""
    _me(store)
    ContactsService(store, "GB").add(ContactData(given_name="Carol", family_name="Jones", phones=[
        Phone("+44 20 7946 0000"), Phone("+44 7700 900123")]))
    store.crm.create(subject="Quote for Carol", type="Sales enquiry", priority="low", number="+447700900123")
    info = look_up_caller(store, "sip:+442079460000@pbx.example", "+442079460000")
    assert info.contact is not None and info.contact.given_name == "Carol"
    assert [r.subject for r in info.records] == ["Quote for Carol"]
