"""Searching by number the way people write it: (0) after the country code, 00/011 prefixes,
extensions, other scripts' digits, and results that only narrow while a number is typed."""

from __future__ import annotations

import pytest

from whitephone.core.contact import ContactData, Phone
from whitephone.core.contacts import ContactsService
from whitephone.store import Store


@pytest.fixture
def store():
    s = Store(None)
    yield s
    s.close()


def people(store, region):
    svc = ContactsService(store, region)
    svc.add(ContactData(given_name="Mobile", family_name="Brit", phones=[Phone("+447400123265")]))
    svc.add(ContactData(given_name="London", family_name="Office", phones=[Phone("+442079460018")]))
    svc.add(ContactData(given_name="New", family_name="Jersey", phones=[Phone("+12015550579")]))
    svc.add(ContactData(given_name="Warsaw", family_name="Desk", phones=[Phone("+48601234567")]))
    return svc


def found(svc, typed):
    return [c.display_name for c in svc.search(typed)]


@pytest.mark.parametrize("typed", ["+44 (0)7400 123265", "+44(0)7400123265", "00 44 7400 123265",
                                   "0044 7400 123265", "07400 123265 x12", "07400 123265 ext. 12",
                                   "٠٧٤٠٠ ١٢٣٢٦٥", "０７４００ １２３２６５", "074", "0740", "07400 1"])
def test_gb_forms_find_the_mobile(store, typed):
    assert found(people(store, "GB"), typed) == ["Mobile Brit"]


def test_gb_results_only_narrow_while_typing(store):
    svc = people(store, "GB")
    seen = [set(found(svc, "07400 123265"[:n])) for n in range(2, 13)]
    assert seen[0] == {"Mobile Brit"}  # "07": mobiles, not every number with a 0 and a 7 in it
    assert all(later <= earlier for earlier, later in zip(seen, seen[1:], strict=False))


@pytest.mark.parametrize("typed", ["011 44 7400 123265", "+44 7400 123265"])
def test_us_international_prefix(store, typed):
    assert found(people(store, "US"), typed) == ["Mobile Brit"]


@pytest.mark.parametrize("typed", ["(201) 555-0579", "1 (201) 555-0579 x12", "201.555.0579", "555-0579"])
def test_us_forms_find_new_jersey(store, typed):
    assert found(people(store, "US"), typed) == ["New Jersey"]
