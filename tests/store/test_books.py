"""Address books: add, rename, remove with contacts or moving them."""

from __future__ import annotations

import pytest

from whitephone.core.contact import ContactData
from whitephone.store import BookError


def test_default_book_is_created_once(store):
    assert store.books.default_id() == store.books.default_id()
    assert [b.name for b in store.books.list()] == ["Personal"]


def test_rename_and_duplicate_names_are_refused_clearly(store):
    a = store.books.add("Clients")
    store.books.add("Suppliers")
    with pytest.raises(BookError, match="already"):
        store.books.rename(a, "Suppliers")
    with pytest.raises(BookError, match="name"):
        store.books.add("   ")
    store.books.rename(a, "Customers")
    assert {b.name for b in store.books.list()} == {"Customers", "Suppliers"}


def test_remove_book_with_its_contacts(store):
    a = store.books.add("Old")
    store.contacts.add(ContactData(given_name="Gone"), a)
    store.books.remove(a)
    assert store.books.by_name("Old") is None
    assert store.contacts.count() == 0


def test_remove_book_moving_contacts(store):
    a, b = store.books.add("Old"), store.books.add("New")
    cid = store.contacts.add(ContactData(given_name="Kept"), a)
    store.books.remove(a, move_to=b)
    assert store.contacts.get(cid).book_id == b
    assert [(x.name, x.contact_count) for x in store.books.list()] == [("New", 1)]
