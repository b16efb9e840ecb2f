"""Search by a chosen field with `=` or Like (seed 003): `=` exact in any case; Like `Ma%` starts
with, `%ria` ends with, `%ari%` contains, no `%` = starts with; `\\%` a literal percent, `_` always
literal; advanced search over contact fields, addresses, tags, custom fields; bad input refused."""

from __future__ import annotations

import pytest

from whitephone.core.contact import CompanyLink, ContactData, Email, Phone, PostalAddress
from whitephone.core.contacts import ContactsService
from whitephone.core.search import EXTRA_FIELDS, SearchError, SearchQuery, field_condition
from whitephone.store import search_sql


@pytest.fixture
def svc(store):
    s = ContactsService(store, "GB")
    store.contacts.add_custom_field("Account", "text")
    s.add(ContactData(given_name="Maria", family_name="Lopez", phones=[Phone("020 7946 0018")],
                      emails=[Email("maria@acme.example")], companies=[CompanyLink("Acme Ltd")],
                      addresses=[PostalAddress("1 High St", city="London", postcode="SW1A 1AA")],
                      tags=["vip"], custom={"Account": "A-100"}))
    s.add(ContactData(given_name="Mark", family_name="Ari", notes="50% discount agreed",
                      addresses=[PostalAddress(city="Londonderry")]))
    s.add(ContactData(given_name="Gloria", family_name="Mari_o", notes="500 units"))
    s.add(ContactData(given_name="Marian", family_name="Xu", notes="50 percent"))
    return s


def names(store, *conds, **kw):
    q = SearchQuery(conditions=tuple(field_condition(f, op, v, region="GB") for f, op, v in conds), **kw)
    return sorted(c.display_name for c in store.contacts.search(q))


def test_like_prefix_suffix_infix_and_bare_value(svc, store):
    assert names(store, ("given_name", "like", "Ma%")) == ["Maria Lopez", "Marian Xu", "Mark Ari"]
    assert names(store, ("given_name", "like", "Mar")) == ["Maria Lopez", "Marian Xu", "Mark Ari"]
    assert names(store, ("given_name", "like", "%ria")) == ["Gloria Mari_o", "Maria Lopez"]
    assert names(store, ("given_name", "like", "%ari%")) == ["Maria Lopez", "Marian Xu"]
    assert names(store, ("name", "like", "mar%")) == ["Maria Lopez", "Marian Xu", "Mark Ari"]  # index range
    assert names(store, ("name", "like", "%LOPEZ")) == ["Maria Lopez"]  # any case


def test_equal_is_an_exact_match_in_any_case(svc, store):
    assert names(store, ("given_name", "=", "maria")) == ["Maria Lopez"]  # not Marian
    assert names(store, ("name", "=", "MARIA LOPEZ")) == ["Maria Lopez"]
    assert names(store, ("city", "=", "London")) == ["Maria Lopez"]  # not Londonderry
    assert names(store, ("city", "like", "London")) == ["Maria Lopez", "Mark Ari"]


def test_literal_percent_and_underscore(svc, store):
    # "_" is a literal underscore, never "any one character"
    assert names(store, ("family_name", "like", "%i_o")) == ["Gloria Mari_o"]
    assert names(store, ("family_name", "like", "%a_i%")) == []
    # "\%" is a literal percent sign: "50\%%" = starts with "50%"
    assert names(store, ("notes", "like", "50\\%%")) == ["Mark Ari"]
    assert names(store, ("notes", "like", "50%")) == ["Gloria Mari_o", "Marian Xu", "Mark Ari"]
    assert names(store, ("notes", "=", "50% discount agreed")) == ["Mark Ari"]


def test_advanced_search_combines_fields_addresses_tags_custom_and_the_search_box(svc, store):
    assert names(store, ("tag", "=", "VIP"), ("postcode", "like", "sw1a%")) == ["Maria Lopez"]
    assert names(store, ("tag", "=", "vip"), ("city", "=", "Londonderry")) == []
    assert names(store, ("company", "like", "acme%")) == ["Acme Ltd", "Maria Lopez"]
    assert names(store, ("email", "like", "%@acme.example")) == ["Maria Lopez"]
    assert names(store, ("custom:Account", "=", "a-100")) == ["Maria Lopez"]
    assert names(store, ("address", "like", "%high%")) == ["Maria Lopez"]
    # a phone number "=" in any written form
    assert names(store, ("phone", "=", "+44 20 7946 0018")) == ["Maria Lopez"]
    assert names(store, ("phone", "=", "020 7946 0018")) == ["Maria Lopez"]
    # with a search-box query and a kind
    assert names(store, ("given_name", "like", "Mar%"), kind="person") == ["Maria Lopez", "Marian Xu", "Mark Ari"]


def test_a_registered_field_is_searchable(svc, store, monkeypatch):
    monkeypatch.setattr(search_sql, "_FIELD_SQL", dict(search_sql._FIELD_SQL))
    search_sql.register_field("nick_or_notes", "Nickname or notes", "SELECT id FROM contacts WHERE {test}",
                              ["nickname", "notes"])
    try:
        assert names(store, ("nick_or_notes", "like", "%units")) == ["Gloria Mari_o"]
    finally:
        EXTRA_FIELDS.pop("nick_or_notes")


def test_bad_conditions_are_refused_with_a_reason():
    with pytest.raises(SearchError, match="cannot search by"):
        field_condition("salary", "=", "1")
    with pytest.raises(SearchError, match="operator"):
        field_condition("name", ">", "1")
    with pytest.raises(SearchError, match="type what"):
        field_condition("name", "like", "%%")
    with pytest.raises(SearchError, match="type what"):
        field_condition("name", "=", "  ")


def test_crm_record_fields_find_their_contacts(svc, store):
    (maria,) = [c for c in store.contacts.search(SearchQuery()) if c.display_name == "Maria Lopez"]
    store.crm.create(subject="Broken handset", type="Complaint", contact=maria.uid)
    store.crm.create(subject="Quote for 50% more seats", type="Sales enquiry", number="+442079460018")
    assert names(store, ("crm.subject", "like", "%handset")) == ["Maria Lopez"]
    assert names(store, ("crm.subject", "like", "%50\\%%")) == ["Maria Lopez"]  # found by its number
    assert names(store, ("crm.type", "=", "complaint"), ("crm.status", "=", "open")) == ["Maria Lopez"]
    assert names(store, ("crm.subject", "like", "50_%")) == []
