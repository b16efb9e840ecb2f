"""Migration 0012_fix_i18n_sort_key: contacts stored with the old key (name.casefold(), code-point
order: "Łucja" after "Zofia") get the accent-free key, so paging and search go by the alphabet."""

from __future__ import annotations

from dataclasses import replace

from whitephone.core.contact import ContactData
from whitephone.core.name_key import name_key
from whitephone.core.search import field_condition, parse_query
from whitephone.store import Store
from whitephone.store.contacts import sort_key


def test_name_key_drops_accents_and_case():
    assert name_key("  Łucja Nowak ") == "lucja nowak"
    assert [name_key(n) for n in ("Émilie", "Straße", "Øystein", "Ærø", "ZOË")] == [
        "emilie", "strasse", "oystein", "aero", "zoe"]
    assert sort_key("Łucja") == name_key("Łucja")


def test_old_keys_are_recomputed_and_the_order_follows_the_alphabet(tmp_path):
    path = tmp_path / "profile.sqlite3"
    names = [("Zofia", "Wiśniewska"), ("Łucja", "Nowak"), ("Émilie", "Dubois"), ("Marek", "Lis"), ("Adam", "Kowal")]
    with Store(path) as store:
        for given, family in names:
            store.contacts.add(ContactData(kind="person", given_name=given, family_name=family),
                               store.books.default_id())
        with store.engine.begin() as conn:  # as a 0011 database holds them
            conn.exec_driver_sql("UPDATE contacts SET sort_key = lower(display_name)")
            for r in conn.exec_driver_sql("SELECT id, display_name FROM contacts").all():
                conn.exec_driver_sql("UPDATE contacts SET sort_key = ? WHERE id = ?", (r[1].casefold().strip(), r[0]))
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0011_diary_message_link'")
    with Store(path) as store:  # opening migrates
        with store.engine.connect() as conn:
            keys = dict(conn.exec_driver_sql("SELECT display_name, sort_key FROM contacts").all())
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0012_fix_i18n_sort_key"
        assert keys["Łucja Nowak"] == "lucja nowak" and keys["Émilie Dubois"] == "emilie dubois"
        shown = [s.display_name for s in store.contacts.search(parse_query(""), limit=10)]
        assert shown == ["Adam Kowal", "Émilie Dubois", "Łucja Nowak", "Marek Lis", "Zofia Wiśniewska"]
        # a name's first letters and the name field find it with or without the accent
        assert [s.display_name for s in store.contacts.search(parse_query("ł"), limit=10)] == ["Łucja Nowak"]
        assert [s.display_name for s in store.contacts.search(parse_query("lu"), limit=10)] == ["Łucja Nowak"]
        assert [s.display_name for s in store.contacts.search(parse_query("em"), limit=10)] == ["Émilie Dubois"]
        by_name = replace(parse_query(""), conditions=(field_condition("name", "=", "lucja nowak"),))
        assert [s.display_name for s in store.contacts.search(by_name, limit=10)] == ["Łucja Nowak"]
        by_name = replace(parse_query(""), conditions=(field_condition("name", "like", "%nowak"),))
        assert [s.display_name for s in store.contacts.search(by_name, limit=10)] == ["Łucja Nowak"]
        by_name = replace(parse_query(""), conditions=(field_condition("name", "like", "Łuc"),))
        assert [s.display_name for s in store.contacts.search(by_name, limit=10)] == ["Łucja Nowak"]
        by_name = replace(parse_query(""), conditions=(field_condition("name", "like", "%nowak"),))
        assert [s.display_name for s in store.contacts.search(by_name, limit=10)] == ["Łucja Nowak"]
