"""Who is calling: the call-time popup's data, looked up from the number (or the SIP identity)
while the phone rings. Plain Python over the store; the popup (ui/caller_popup.py) runs it off
the main thread and shows what it finds.

The contact (photo, name, companies, tags), whether it is in the company's book, the CRM records
opened for it (open ones first), and the latest calls, messages and notes on its timeline. An
unknown number can be made a contact at once (Preferences: "create a contact for unknown
callers", seed 001): the contact is named after the caller's display name, else the number.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from whitephone.core.contact import ContactData, ContactSummary, Phone
from whitephone.store.timeline import Subject, TimelineEntry

AUTO_CREATE_SETTING = "create_contact_for_unknown_callers"
POPUP_KINDS = ("call", "message", "note", "crm_note", "appointment")
TIMELINE_ROWS = 8
RECORDS = 20


@dataclass
class CallerInfo:
    identity: str  # the SIP URI as it came
    number: str | None  # E.164, when the identity is a phone number
    display_name: str = ""  # what the caller's INVITE said
    contact: ContactData | None = None
    others: list[ContactSummary] = field(default_factory=list)  # more contacts with this number
    in_company_book: bool = False
    created: bool = False  # made just now for this unknown caller
    records: list[Any] = field(default_factory=list)  # CrmRecord, open first
    timeline: list[TimelineEntry] = field(default_factory=list)
    took_ms: float = 0.0

    @property
    def known(self) -> bool:
        return self.contact is not None


def look_up_caller(store, identity: str, number: str | None, *, display_name: str = "",
                   create_unknown: bool = False, book_id: int | None = None,
                   this_call: str | None = None) -> CallerInfo:
    """Everything the popup shows for a caller. `create_unknown`: store a new contact for a
    caller no contact has (named after `display_name` or the number). `this_call`: the call
    log uid of the call ringing now, left out of the latest calls."""
    t0 = time.perf_counter()
    info = CallerInfo(identity=identity, number=number, display_name=display_name)
    hits = store.contacts.by_number(number) if number else []
    if not hits and identity:
        hits = store.contacts.by_sip_address(identity)
    if hits:
        # a contact of one of my books before the company's copy of the same person
        shared = store.books.shared_ids()
        hits.sort(key=lambda s: s.book_id in shared)
        info.contact = store.contacts.get(hits[0].id)
        info.others = hits[1:]
        info.in_company_book = any(s.book_id in shared for s in hits)
    elif create_unknown and (number or identity):
        name = display_name.strip() or (number or identity.strip("<>"))
        c = ContactData(display_name=name, phones=[Phone(number, "other", number)] if number else [])
        cid = store.contacts.add(c, book_id if book_id is not None else store.books.default_id())
        info.contact, info.created = store.contacts.get(cid), True
    c = info.contact
    found = [p.e164 for p in c.phones if p.e164] if c else []
    numbers = tuple(dict.fromkeys(found + ([number] if number else [])))
    if hasattr(store, "crm") and (c is not None or number):
        info.records = store.crm.for_contact(contact_uid=c.uid if c else None, number=number, numbers=numbers,
                                             limit=RECORDS)
    subject = Subject(c.id if c else None, c.uid if c else None, numbers)
    page = store.timeline.page(subject, kinds=POPUP_KINDS, limit=TIMELINE_ROWS + 1)
    info.timeline = [e for e in page if not (this_call and e.ref == this_call)][:TIMELINE_ROWS]
    info.took_ms = (time.perf_counter() - t0) * 1000
    return info
