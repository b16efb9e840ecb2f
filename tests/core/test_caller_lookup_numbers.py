"""CRM caller popup defects found in review: the caller's records must be on screen when the phone rings."""

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


def test_the_popup_timeline_has_the_notes_of_a_record_opened_for_the_number_written_another_way(store):
    _me(store)
    rec = store.crm.create(subject="Boiler broken", type="Support", priority="high", number="020 7946 0000")
    store.crm.add_note(rec.uid, "engineer booked")
    info = look_up_caller(store, "sip:+442079460000@pbx.example", "+442079460000")
    assert [r.subject for r in info.records] == ["Boiler broken"]
    assert [e.detail for e in info.timeline if e.kind == "crm_note"] == ["engineer booked"]


def test_a_note_the_hub_refused_is_not_on_the_timeline(store):
    from sqlalchemy import insert

    from whitephone.store import models as m

    _me(store)
    rec = store.crm.create(subject="Boiler broken", type="Support", priority="high", number="+442079460000")
    kept = store.crm.add_note(rec.uid, "engineer booked")
    refused = store.crm.add_note(rec.uid, "written while a colleague closed it")
    with store.engine.begin() as conn:
        conn.execute(insert(m.sync_rejections).values(
            mutation_id="m1", entity="crm_note", uid=refused.uid, op="upsert", reason="task 1 is closed",
            fields="{}", created_at="2026-12-05T08:00:00"))
    info = look_up_caller(store, "sip:+442079460000@pbx.example", "+442079460000")
    assert [e.ref for e in info.timeline if e.kind == "crm_note"] == [kept.uid]
    assert [n.rejected for n in store.crm.notes(rec.uid)] == [None, "task 1 is closed"]
