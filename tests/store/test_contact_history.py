"""Contact change history: every change (local edit, import, hub row) as who, when, field,
old -> new; only changed fields; written with the change; capped; survives deletion."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config

from whitephone.core.contact import ContactData, Phone
from whitephone.core.contacts import ContactsService
from whitephone.store import Store, history
from whitephone.store.database import MIGRATIONS_DIR, make_engine
from whitephone.store.sync_rows import ContactRows


@pytest.fixture
def svc(store):
    return ContactsService(store, "GB")


def fields(entries):
    return [(e.field, e.old, e.new, e.source) for e in entries]


def test_a_local_edit_records_only_the_fields_that_changed(svc, store):
    store.contacts.actor = "Ann Agent"
    cid = svc.add(ContactData(given_name="Mary", family_name="Smith", phones=[Phone("020 7946 0018", "work")]))
    c = store.contacts.get(cid)
    c.family_name = "Jones"
    c.phones.append(Phone("+44 7700 900123", "mobile"))
    svc.update(c)
    got = store.history.for_contact(c.uid)
    assert [e.field for e in got][-1] == "created"  # newest first: the creation is last
    changed = {e.field: (e.old, e.new) for e in got if e.field != "created"}
    assert set(changed) == {"family_name", "phones"}  # given name, notes... did not change
    assert changed["family_name"] == ("Smith", "Jones")
    assert changed["phones"] == ("020 7946 0018 (work)",
                                 "020 7946 0018 (work); +44 7700 900123 (mobile)")
    assert all(e.who == "Ann Agent" and e.source == "local" for e in got)
    # saving the same contact again changes nothing, so records nothing
    svc.update(store.contacts.get(cid))
    assert len(store.history.for_contact(c.uid)) == len(got)


def test_tags_book_moves_and_deletion_are_recorded_and_outlive_the_contact(svc, store):
    cid = svc.add(ContactData(given_name="Tom"))
    uid = store.contacts.get(cid).uid
    store.contacts.set_tags(cid, ["vip", "london"])
    other = store.books.add("Work")
    store.contacts.move([cid], other)
    store.contacts.delete([cid])
    got = fields(store.history.for_contact(uid))
    assert got[0] == ("deleted", "Tom", None, "local")
    assert got[1][:3] == ("book", "Personal", "Work")
    assert got[2][:3] == ("tags", "", "london, vip")


def test_an_import_update_is_recorded_as_import(store):
    book = store.books.default_id()
    store.contacts.import_batch([ContactData(given_name="Ann", family_name="Lee", notes="first")], book)
    store.contacts.import_batch([ContactData(given_name="Ann", family_name="Lee", notes="second")], book,
                                policy="update")
    (c,) = store.contacts.search(__import__("whitephone.core.search", fromlist=["x"]).parse_query("Ann Lee"))
    got = fields(store.history.for_contact(c.uid))
    assert got[0] == ("notes", "first", "second", "import")
    assert got[1][0] == "created" and got[1][3] == "import"


def test_a_row_from_the_hub_is_recorded_as_hub_in_the_same_transaction(store):
    rows = ContactRows(store.engine)
    with store.engine.begin() as conn:
        rows.upsert(conn, [("u-1", {"given_name": "Lea", "family_name": "Roe", "display_name": "Lea Roe"})])
    with store.engine.begin() as conn:
        rows.upsert(conn, [("u-1", {"given_name": "Lea", "family_name": "Roe", "display_name": "Lea Roe",
                                    "tags": ["partner"]})])
    got = fields(store.history.for_contact("u-1"))
    assert got == [("tags", "", "partner", "hub"), ("created", None, "Lea Roe", "hub")]
    # a failing transaction leaves no history behind
    with pytest.raises(RuntimeError), store.engine.begin() as conn:
        rows.upsert(conn, [("u-1", {"given_name": "Lea", "family_name": "Other"})])
        raise RuntimeError("boom")
    assert len(store.history.for_contact("u-1")) == 2


def test_history_is_capped_per_contact_and_pages_by_keyset(svc, store, monkeypatch):
    monkeypatch.setattr(history, "CAP", 10)
    cid = svc.add(ContactData(given_name="Cap"))
    for i in range(15):
        c = store.contacts.get(cid)
        c.notes = f"n{i}"
        svc.update(c)
    got = store.history.for_contact(store.contacts.get(cid).uid, limit=100)
    assert len(got) == 10 and got[0].new == "n14"
    first = store.history.for_contact(got[0].contact_uid, limit=4)
    second = store.history.for_contact(got[0].contact_uid, limit=4, before=(first[-1].at, first[-1].id))
    assert [e.id for e in first + second] == [e.id for e in got[:8]]


def test_long_values_are_cut_and_photos_are_named_not_stored(svc, store):
    cid = svc.add(ContactData(given_name="Big"))
    c = store.contacts.get(cid)
    c.notes = "x" * 5000
    svc.update(c)
    (e, _) = store.history.for_contact(c.uid)
    assert len(e.new) == history.MAX_VALUE and e.new.endswith("…")
    assert history.history_fields(ContactData(photo=b"abc"))["photo"].startswith("photo ")


def test_a_0005_database_gains_the_history_tables(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
        conn.exec_driver_sql("DROP INDEX ix_call_logs_contact_started")  # as 0002 made it then
    engine.dispose()
    with Store(path) as store:
        names = {r[0] for r in store.engine.connect().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}
        assert {"contact_history", "contact_notes", "ix_call_logs_contact_started",
                "ix_call_logs_number_started"} <= names
