"""A contact's timeline: calls (by contact and by its numbers), private notes, changes; newest
first, filtered by kind and date, paged by keyset without gaps or repeats; sources pluggable."""

from __future__ import annotations

import pytest

from whitephone.core.calls import CallLogEntry
from whitephone.core.contact import ContactData, Phone
from whitephone.core.contacts import ContactsService
from whitephone.store import timeline
from whitephone.store.notes import NoteError
from whitephone.store.timeline import Subject, TimelineEntry


@pytest.fixture
def svc(store):
    return ContactsService(store, "GB")


def call(store, at, *, cid=None, number=None, direction="in", result="answered", recording=""):
    return store.calls.add(CallLogEntry(direction=direction, peer_uri=f"sip:{number}@pbx", started_at=at,
                                        number_e164=number, contact_id=cid, result=result, duration=65,
                                        recording=recording))


@pytest.fixture
def mary(svc, store):
    cid = svc.add(ContactData(given_name="Mary", family_name="Smith", phones=[Phone("+44 20 7946 0018")]))
    c = store.contacts.get(cid)
    call(store, "2026-01-01T10:00:00.000+00:00", cid=cid, number="+442079460018", recording="/r/1.wav")
    call(store, "2026-01-03T10:00:00.000+00:00", number="+442079460018", result="missed")  # not linked
    call(store, "2026-01-02T10:00:00.000+00:00", number="+15550100")  # someone else
    call(store, "2026-01-04T10:00:00.000+00:00", cid=cid, direction="out")
    return c


def test_newest_first_with_calls_by_contact_and_by_number_notes_and_changes(store, mary):
    store.notes.add(mary.uid, "Wants a call back on Friday", private=True)
    page = store.timeline.for_contact(mary.id)
    kinds = [e.kind for e in page]
    assert kinds[:2] == ["note", "change"]  # written just now, after the 2026-01 calls
    calls = [e for e in page if e.kind == "call"]
    assert [e.title for e in calls] == ["Outgoing call", "Missed call", "Incoming call"]
    assert calls[-1].recording == "/r/1.wav" and "recorded" in calls[-1].detail
    assert calls[0].detail.endswith("1:05")
    assert page[0].private and page[0].detail == "Wants a call back on Friday"
    assert [e.at for e in page] == sorted((e.at for e in page), reverse=True)


def test_filter_by_kind_and_date(store, mary):
    store.notes.add(mary.uid, "hello")
    only_calls = store.timeline.for_contact(mary.id, kinds=["call"])
    assert {e.kind for e in only_calls} == {"call"} and len(only_calls) == 3
    jan = store.timeline.for_contact(mary.id, since="2026-01-02", until="2026-01-04")
    assert [e.title for e in jan] == ["Missed call"]
    with pytest.raises(ValueError, match="unknown timeline kind"):
        store.timeline.for_contact(mary.id, kinds=["gossip"])
    with pytest.raises(ValueError, match="1 to"):
        store.timeline.for_contact(mary.id, limit=0)
    with pytest.raises(KeyError):
        store.timeline.for_contact(999_999)


def test_paging_visits_every_entry_once_even_with_equal_times(store, svc):
    cid = svc.add(ContactData(given_name="Paul"))
    same = "2026-02-01T09:00:00.000+00:00"
    for _ in range(7):
        call(store, same, cid=cid)
    for i in range(5):
        call(store, f"2026-02-0{i + 2}T09:00:00.000+00:00", cid=cid)
    for i in range(4):
        store.notes.add(store.contacts.get(cid).uid, f"note {i}")
    everything = store.timeline.for_contact(cid, limit=500)
    seen, before = [], None
    while True:
        page = store.timeline.for_contact(cid, limit=3, before=before)
        if not page:
            break
        seen += page
        before = page[-1].cursor
    assert [(e.kind, e.key) for e in seen] == [(e.kind, e.key) for e in everything]
    assert len(everything) == 7 + 5 + 4 + 1  # + "created"


def test_an_unknown_number_has_a_timeline_of_its_calls(store, mary):
    page = store.timeline.page(Subject(numbers=("+15550100",)))
    assert [e.extra["number"] for e in page] == ["+15550100"]


def test_private_notes_stay_local_and_bad_notes_are_refused(store, mary):
    before = store.sync.outbox_count()
    store.notes.add(mary.uid, "only for me", private=True)
    assert store.sync.outbox_count() == before  # nothing to push: no one else ever sees it
    with pytest.raises(NoteError, match="empty"):
        store.notes.add(mary.uid, "   ")
    with pytest.raises(NoteError, match="at most"):
        store.notes.add(mary.uid, "x" * 20_001)
    with pytest.raises(NoteError, match="no longer exists"):
        store.notes.add("nobody", "hi")
    (note,) = store.notes.for_contact(mary.uid)
    assert store.notes.delete(note.uid) and not store.notes.for_contact(mary.uid)


def test_recent_communications_are_my_latest_calls_with_their_contacts(store, mary):
    recent = store.timeline.recent(limit=3)
    assert [e.at[:10] for e in recent] == ["2026-01-04", "2026-01-03", "2026-01-02"]
    assert recent[0].contact_uid == mary.uid and recent[0].contact_name == "Mary Smith"
    assert recent[1].contact_uid == ""  # the missed call was not linked to a contact
    nxt = store.timeline.recent(limit=3, before=recent[-1].cursor)
    assert [e.at[:10] for e in nxt] == ["2026-01-01"]


def test_a_new_kind_is_one_registered_source(store, mary, monkeypatch):
    monkeypatch.setattr(timeline, "SOURCES", dict(timeline.SOURCES))

    def messages(conn, subject, window):
        return [TimelineEntry("message", "2026-01-03T12:00:00.000+00:00", 1, "Message", "See you",
                              contact_uid=subject.contact_uid or "")]

    timeline.register_source("message", messages)
    page = store.timeline.for_contact(mary.id, since="2026-01-03", until="2026-01-04")
    assert [e.kind for e in page] == ["message", "call"]
    with pytest.raises(ValueError):
        timeline.register_source("gossip", messages)


def test_crm_records_and_their_notes_by_contact_and_by_number(store, mary):
    by_contact = store.crm.create(subject="Invoice query", type="Support", contact=mary.uid)
    by_number = store.crm.create(subject="Called about prices", type="Sales enquiry", number="+442079460018")
    store.crm.create(subject="Someone else", type="Support", number="+15550100")
    store.crm.add_note(by_contact.uid, "Sent a copy of the invoice")
    page = store.timeline.for_contact(mary.id, kinds=["crm", "crm_note"])
    assert [e.kind for e in page] == ["crm_note", "crm", "crm"]
    assert page[0].detail == "Sent a copy of the invoice" and "Invoice query" in page[0].title
    assert [e.ref for e in page[1:]] == [by_number.uid, by_contact.uid]
    assert page[1].title == "CRM #pending Called about prices"  # no task number before the first sync
    recent = store.timeline.recent(limit=2)
    assert [e.kind for e in recent] == ["crm", "crm"]


def test_changes_name_who_made_them(store, svc, mary):
    with store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO sync_meta (key, value) VALUES ('user_name', 'Ann Agent')")
    c = store.contacts.get(mary.id)
    c.nickname = "Mo"
    svc.update(c)
    (e,) = store.timeline.for_contact(mary.id, kinds=["change"], limit=1)
    assert (e.title, e.detail, e.extra["who"]) == ("Nickname changed", "(empty) → Mo", "Ann Agent")


def test_messages_linked_to_the_contacts_records_and_appointments_it_takes_part_in(store, mary):
    from datetime import UTC, datetime

    record = store.crm.create(subject="Quote", type="Support", contact=mary.uid)
    m = store.messages.queue_text(["jan@acme.example"], "About Mary's quote")
    store.messages.link_record(m.id, record.uid)
    other = store.messages.queue_text(["jan@acme.example"], "Not about Mary")  # no record: not hers
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    store.diary.add(subject="Demo for Mary", start=start, end=start.replace(hour=10),
                    participants=[{"kind": "contact", "id": mary.uid, "name": "Mary Smith"}])
    store.diary.add(subject="Someone else", start=start, end=start.replace(hour=10),
                    participants=[{"kind": "contact", "id": "another-uid", "name": "Bob"}])
    page = store.timeline.for_contact(mary.id)
    kinds = [e.kind for e in page]
    assert "message" in kinds and "appointment" in kinds and "crm" in kinds
    [msg] = [e for e in page if e.kind == "message"]
    assert msg.detail == "About Mary's quote" and msg.extra["record"] == record.uid and other.id != int(msg.ref)
    [appt] = [e for e in page if e.kind == "appointment"]
    assert appt.title == "Appointment: Demo for Mary" and appt.at.startswith("2026-01-05T09:00:00")
    assert [e.kind for e in store.timeline.for_contact(mary.id, kinds=["appointment"])] == ["appointment"]
    assert [e.at for e in page] == sorted((e.at for e in page), reverse=True)
