"""The local store keeps contacts whole: write, read back, search, caller-ID, undo, merge."""

from __future__ import annotations

import pytest

from whitephone.core.contact import CompanyLink, ContactData, Email, Phone, PostalAddress, Website
from whitephone.core.contacts import ContactsService
from whitephone.core.search import parse_query


@pytest.fixture
def svc(store):
    return ContactsService(store, "GB")


def rich_contact() -> ContactData:
    return ContactData(
        given_name="Mary", family_name="Smith", nickname="Mo", birthday="1980-02-29",
        notes="Prefers calls after 10am",
        phones=[Phone("020 7946 0018", "work"), Phone("+44 7700 900123", "mobile"), Phone("ext. 12", "other")],
        emails=[Email("mary.smith@acme.example", "work")],
        addresses=[PostalAddress("1 High St", "Flat 2", "SW1A 1AA", "London", "Greater London", "UK", "home")],
        websites=[Website("https://acme.example", "work")],
        companies=[CompanyLink("Acme Ltd", "CEO"), CompanyLink("Beta GmbH", "Adviser")],
        tags=["vip", "london"],
    )


def test_contact_round_trips_every_field(svc, store):
    cid = svc.add(rich_contact())
    got = store.contacts.get(cid)
    assert got.display_name == "Mary Smith"
    assert [p.e164 for p in got.phones] == ["+442079460018", "+447700900123", None]
    assert got.phones[2].number == "ext. 12"  # unparseable input is kept as entered
    assert got.addresses[0].street2 == "Flat 2"
    assert [(c.name, c.role) for c in got.companies] == [("Acme Ltd", "CEO"), ("Beta GmbH", "Adviser")]
    assert got.tags == ["london", "vip"]
    assert got.birthday == "1980-02-29" and got.nickname == "Mo"


def test_person_links_to_companies_that_become_contacts(svc, store):
    svc.add(rich_contact())
    companies = svc.search("acme", )
    names = {c.display_name for c in companies}
    assert {"Acme Ltd", "Mary Smith"} <= names
    acme = next(c for c in companies if c.kind == "company")
    assert [m[1:] for m in store.contacts.members(acme.id)] == [("Mary Smith", "CEO")]


@pytest.mark.parametrize("query", ["ith", "mary", "Smi", "acme", "=mary smith", "Sm%", "%ith", "%mit%",
                                   "7946", "020 7946", "mary.smith@", "=mary.smith@acme.example"])
def test_search_operators_find_the_contact(svc, query):
    svc.add(rich_contact())
    svc.add(ContactData(given_name="Peter", family_name="Jones", phones=[Phone("+1 212 555 0100")]))
    assert "Mary Smith" in [c.display_name for c in svc.search(query)]
    assert "Peter Jones" not in [c.display_name for c in svc.search(query)]


def test_word_operators_respect_word_boundaries(svc):
    svc.add(ContactData(given_name="Maria", family_name="Lopez"))
    svc.add(ContactData(given_name="Anna", family_name="Amaral"))
    assert [c.display_name for c in svc.search("Ma%")] == ["Maria Lopez"]
    assert [c.display_name for c in svc.search("%ria")] == ["Maria Lopez"]
    assert {c.display_name for c in svc.search("%ar%")} == {"Maria Lopez", "Anna Amaral"}


@pytest.mark.parametrize("typed", ["+44 20 7946 0018", "020 7946 0018", "0044 20 7946 0018",
                                   "+44 (0)20 7946-0018", "tel:+442079460018"])
def test_caller_id_lookup_accepts_any_format(svc, typed):
    svc.add(rich_contact())
    assert [c.display_name for c in svc.lookup(typed)] == ["Mary Smith"]


def test_lookup_of_unknown_or_garbage_number_finds_nobody(svc):
    svc.add(rich_contact())
    assert svc.lookup("+1 212 555 0199") == []
    assert svc.lookup("not a number") == []


def test_delete_then_restore_is_a_full_undo(svc, store):
    cid = svc.add(rich_contact())
    before = store.contacts.get(cid)
    snapshot = svc.delete([cid])
    assert store.contacts.get(cid) is None
    assert [c.kind for c in svc.search("ith")] == []
    svc.restore(snapshot)
    after = store.contacts.get(cid)
    assert after == before
    assert [c.display_name for c in svc.lookup("020 7946 0018")] == ["Mary Smith"]


def test_merge_unions_numbers_and_emails_and_removes_the_other(svc, store):
    a = svc.add(ContactData(given_name="Jan", family_name="Kowalski", phones=[Phone("+48 601 234 567")]))
    b = svc.add(ContactData(given_name="Jan", family_name="Kowalski", emails=[Email("jan@example.pl")],
                            phones=[Phone("+48 601 234 567"), Phone("+48 22 123 45 67", "work")]))
    merged = svc.merge(a, b)
    assert [p.e164 for p in merged.phones] == ["+48601234567", "+48221234567"]
    assert [e.address for e in merged.emails] == ["jan@example.pl"]
    assert store.contacts.get(b) is None
    assert [c.id for c in svc.lookup("+48 22 123 45 67")] == [a]


def test_update_replaces_fields_and_reindexes(svc, store):
    cid = svc.add(rich_contact())
    c = store.contacts.get(cid)
    c.family_name, c.display_name = "Brown", ""
    c.phones = [Phone("+33 1 42 68 53 00", "main")]
    svc.update(c)
    assert svc.search("=mary smith") == []
    assert [x.display_name for x in svc.search("brown")] == ["Mary Brown"]
    assert svc.lookup("020 7946 0018") == []
    assert [x.display_name for x in svc.lookup("+33142685300")] == ["Mary Brown"]


def test_filters_by_book_and_tag(svc, store):
    personal, work = store.books.default_id(), store.books.add("Work")
    svc.add(ContactData(given_name="Ana", family_name="Silva", tags=["supplier"]), work)
    svc.add(ContactData(given_name="Ana", family_name="Souza"), personal)
    assert [c.display_name for c in svc.search("ana", book_id=work)] == ["Ana Silva"]
    assert [c.display_name for c in svc.search("", tag="supplier")] == ["Ana Silva"]


def test_keyset_pages_cover_every_contact_once(svc, store):
    book = store.books.default_id()
    store.contacts.import_batch([ContactData(given_name=f"Person{i:03d}", family_name="Test")
                                 for i in range(250)], book, "clone")
    seen, after = [], None
    while True:
        page = svc.search("", limit=40, after=after)
        if not page:
            break
        seen += [c.id for c in page]
        after = (page[-1].sort_key, page[-1].id)
    assert len(seen) == len(set(seen)) == 250


@pytest.mark.parametrize("policy,expected", [
    ("skip", (0, 0, 0, 1)), ("update", (0, 1, 0, 0)), ("merge", (0, 0, 1, 0)), ("clone", (1, 0, 0, 0)),
])
def test_duplicate_policies(svc, store, policy, expected):
    book = store.books.default_id()
    svc.add(ContactData(given_name="Li", family_name="Wei", phones=[Phone("+86 10 6552 9988")]), book)
    dup = ContactData(given_name="Li", family_name="Wei", phones=[Phone("+86 10 6552 9988")],
                      emails=[Email("li.wei@example.cn")])
    svc.normalize_numbers(dup)
    r = store.contacts.import_batch([dup], book, policy)
    assert (r.imported, r.updated, r.merged, r.skipped) == expected
    people = [c for c in svc.search("wei") if c.kind == "person"]
    assert len(people) == (2 if policy == "clone" else 1)
    if policy in ("update", "merge"):
        assert people[0].emails == ("li.wei@example.cn",)


def test_every_write_leaves_an_outbox_row(svc, store):
    store.books.default_id()
    n0 = store.outbox.count()
    cid = svc.add(ContactData(given_name="Out", family_name="Box"))
    svc.delete([cid])
    rows = store.outbox.pending()
    assert store.outbox.count() == n0 + 2
    assert [r["op"] for r in rows[-2:]] == ["upsert", "delete"]
    store.outbox.acknowledge([r["mutation_id"] for r in rows])
    assert store.outbox.count() == 0


def test_custom_fields_are_typed_and_named(svc, store):
    store.contacts.add_custom_field("Customer number", "number")
    store.contacts.add_custom_field("Segment", "choice", ["SMB", "Enterprise"])
    with pytest.raises(ValueError):
        store.contacts.add_custom_field("Bad", "colour")
    cid = svc.add(ContactData(given_name="Cu", family_name="Stom", custom={"Segment": "SMB"}))
    assert store.contacts.get(cid).custom == {"Segment": "SMB"}
    with pytest.raises(ValueError):
        svc.add(ContactData(given_name="No", custom={"Unknown": "x"}))
    assert [f.name for f in store.contacts.custom_fields()] == ["Customer number", "Segment"]


def test_parse_query_modes():
    assert parse_query("=Bob").mode == "exact"
    assert parse_query("Ma%").mode == "prefix"
    assert parse_query("%ria").mode == "suffix"
    assert parse_query("%ari%").mode == "infix"
    assert parse_query("020 7946").mode == "digits"
    assert parse_query("john smith").terms == ("john", "smith")
    assert parse_query("  ").mode == "all"


@pytest.mark.parametrize("typed", ["07400 123265", "07400123265", "07400 12326", "0044 7400 123265",
                                   "+44 7400 123265", "7400 123265"])
def test_a_number_found_as_the_list_shows_it(store, typed):
    # stored in international form, shown nationally ("07400 123265" in GB): typing it as shown
    # (or the start of it) finds the contact
    svc = ContactsService(store, "GB")
    svc.add(ContactData(given_name="Mobile", family_name="Brit", phones=[Phone("+447400123265")]))
    svc.add(ContactData(given_name="As", family_name="Entered", phones=[Phone("07400 123299")]))
    assert [c.display_name for c in svc.search(typed)] == ["Mobile Brit"]


def test_a_number_entered_nationally_is_found_in_every_form(store):
    svc = ContactsService(store, "GB")
    svc.add(ContactData(given_name="As", family_name="Entered", phones=[Phone("07400 123299")]))
    for typed in ("07400 123299", "+44 7400 123299", "07400123299", "123299"):
        assert [c.display_name for c in svc.search(typed)] == ["As Entered"], typed
