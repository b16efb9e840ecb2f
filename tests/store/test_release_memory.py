"""Store.release_memory(): the idle connections give back their page caches (issue 18: ~8 MiB of
the window's idle memory at 100 000 contacts) and the store works on as before."""

from __future__ import annotations

import threading

from whitephone.core.contact import ContactData, Phone
from whitephone.core.search import parse_query
from whitephone.store import Store


def _cache_size(store: Store) -> int:
    """The cache_size setting of a pooled connection, after a read through it."""
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        # a fresh read through this very connection fills its cache
        cur.execute("SELECT count(*), sum(length(given_name)) FROM contacts").fetchone()
        cur.close()
        return raw.driver_connection.execute("PRAGMA cache_size").fetchone()[0]  # the setting stays
    finally:
        raw.close()


def test_release_memory_shrinks_idle_connections_and_the_store_goes_on(tmp_path):
    store = Store(tmp_path / "w.sqlite3")
    try:
        book = store.books.ensure("Work")
        for i in range(50):
            store.contacts.add(ContactData(given_name=f"Name{i}", family_name="Smith",
                                           phones=[Phone(number=f"+4420794600{i:02d}")]), book)
        assert _cache_size(store) == -8192
        shrunk = store.release_memory()
        assert shrunk >= 1
        assert store.engine.pool.checkedout() == 0  # every connection went back to the pool
        assert len(store.contacts.search(parse_query("Smith"), limit=100)) == 50  # reads work after
        store.contacts.add(ContactData(given_name="After", family_name="Release"), book)
        assert len(store.contacts.search(parse_query("Release"), limit=10)) == 1
    finally:
        store.close()


def test_release_memory_leaves_a_connection_in_use_alone(tmp_path):
    store = Store(tmp_path / "w.sqlite3")
    try:
        busy = store.engine.raw_connection()  # another thread's read in progress
        idle_before = store.engine.pool.checkedin()
        shrunk = store.release_memory()
        assert shrunk == idle_before
        assert store.engine.pool.checkedout() == 1
        busy.close()
        done = []
        t = threading.Thread(target=lambda: done.append(store.release_memory()))
        t.start()
        t.join(60)
        assert done and done[0] >= 1
    finally:
        store.close()


def test_release_memory_on_a_memory_store(tmp_path):
    store = Store(None)
    try:
        assert store.release_memory() == 0  # StaticPool: nothing to shrink, no failure
        assert store.contacts.search(parse_query("x"), limit=1) == []
    finally:
        store.close()
