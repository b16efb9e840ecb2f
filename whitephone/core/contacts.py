"""The contacts service: what the UI, the CLI and the importers ask of the address books."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from whitephone.core.contact import ContactData, ContactSummary
from whitephone.core.photo import fit_photo
from whitephone.core.search import parse_query
from whitephone.phone import normalize
from whitephone.store import Store


class ContactsService:
    """Contacts with phone numbers normalised to E.164 in the profile's region."""

    def __init__(self, store: Store, region: str) -> None:
        self.store = store
        self.region = region

    def normalize_numbers(self, contact: ContactData) -> ContactData:
        for p in contact.phones:
            p.e164 = normalize(p.number, self.region)
        return contact

    def prepare(self, contact: ContactData) -> ContactData:
        """Normalise numbers and fit the photo before storing."""
        self.normalize_numbers(contact)
        if contact.photo:
            contact.photo, contact.photo_mime = fit_photo(contact.photo)
        return contact

    def add(self, contact: ContactData, book_id: int | None = None) -> int:
        book = book_id if book_id is not None else self.store.books.default_id()
        return self.store.contacts.add(self.prepare(contact), book)

    def update(self, contact: ContactData) -> None:
        self.store.contacts.update(self.prepare(contact))

    def get(self, contact_id: int) -> ContactData | None:
        return self.store.contacts.get(contact_id)

    def delete(self, ids: Sequence[int]) -> list[ContactData]:
        return self.store.contacts.delete(ids)

    def restore(self, snapshot: Sequence[ContactData]) -> None:
        self.store.contacts.restore(snapshot)

    def merge(self, keep_id: int, other_id: int) -> ContactData:
        return self.store.contacts.merge(keep_id, other_id)

    def search(
        self,
        text: str,
        *,
        book_id: int | None = None,
        tag: str | None = None,
        company_id: int | None = None,
        limit: int = 50,
        after: tuple[str, int] | None = None,
        where: tuple = (),
    ) -> list[ContactSummary]:
        """`where`: FieldConditions (search by field, all must hold) on top of `text`."""
        q = parse_query(text, self.region, book_id=book_id, tag=tag, company_id=company_id)
        if where:
            q = replace(q, conditions=tuple(where))
        return self.store.contacts.search(q, limit=limit, after=after)

    def lookup(self, number: str) -> list[ContactSummary]:
        """Caller-ID: the contacts whose stored number is the same line as `number`."""
        e164 = normalize(number, self.region)
        return self.store.contacts.by_number(e164) if e164 else []
