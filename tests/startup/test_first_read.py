"""The window's first read without SQLAlchemy (whitephone/ui/first_read.py): the same rows, books
and tags as the store, read-only, and every other search answered by the store once it is up."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from whitephone.app import App
from whitephone.core.contact import CompanyLink, ContactData, Email, Phone
from whitephone.ui.first_read import FirstRead


@pytest.fixture
def app(tmp_path):
    a = App.open(tmp_path / "profile")
    a.profile.region = "GB"
    a.contacts.region = "GB"
    work = a.store.books.add("Work")
    for i in range(230):  # more than one page
        a.contacts.add(ContactData(
            given_name=f"Given{i:03d}", family_name=["Smith", "Åström", "o'Neil", "Zed"][i % 4],
            phones=[Phone(f"+44 20 7946 {i:04d}", "work"), Phone(f"0{i}", "home")][: 1 + i % 2],
            emails=[Email(f"p{i}@example.com"), Email(f"q{i}@example.org")][: i % 3],
            companies=[CompanyLink("Acme Ltd", "Buyer")] if i % 5 == 0 else [],
            tags=["vip"] if i % 7 == 0 else []), work if i % 2 else None)
    yield a
    a.close()


def test_first_page_books_and_tags_are_the_stores(app):
    first = FirstRead.open(app.profile)
    assert first is not None
    assert first.first_page(200) == app.contacts.search("", limit=200)
    assert len(first.first_page(200)) == 200
    assert [(b.id, b.name, b.contact_count) for b in first.books()] == [
        (b.id, b.name, b.contact_count) for b in app.store.books.list()]
    assert first.tags() == app.store.contacts.tags() == ["vip"]


def test_no_first_read_without_a_current_file(tmp_path, app):
    from whitephone.profile import Profile

    assert FirstRead.open(Profile.open(tmp_path / "new")) is None  # no file yet: the store creates it
    with sqlite3.connect(app.profile.db_path) as conn:  # an older schema: a migration is due
        conn.execute("UPDATE alembic_version SET version_num = '0001_initial'")
    assert FirstRead.open(app.profile) is None
    bad = Profile.open(tmp_path / "bad")
    bad.root.mkdir(parents=True, exist_ok=True)
    bad.db_path.write_bytes(b"this is not a database" * 100)
    assert FirstRead.open(bad) is None


def test_it_cannot_write(app):
    first = FirstRead.open(app.profile)
    conn = first._connect()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM contacts")
    conn.close()
    assert app.store.books.list()[0].contact_count > 0


def test_a_search_before_the_store_is_up_waits_for_it(app):
    first = FirstRead.open(app.profile)
    out: list = []
    t = threading.Thread(target=lambda: out.append(first.search("Åström", limit=50)))
    t.start()
    t.join(0.3)
    assert t.is_alive() and not out  # not answered from a partial read
    first.attach(app.contacts)
    t.join(10)
    assert out and out[0] == app.contacts.search("Åström", limit=50) and len(out[0]) == 50
    # filters and later pages are the store's too, once attached
    book = app.store.books.list()[-1].id
    assert first.search("", limit=20, book_id=book) == app.contacts.search("", limit=20, book_id=book)


def test_the_window_shows_the_first_rows_then_takes_the_store(qtbot, app):
    from whitephone.ui.main_window import TAB_NAMES, MainWindow

    first = FirstRead.open(app.profile)
    w = MainWindow(None, first=first)
    qtbot.addWidget(w)
    w.show()
    model = w.address_books.model
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=10000)
    assert [model.rows[i].id for i in range(200)] == [s.id for s in app.contacts.search("", limit=200)]
    assert w.tabs.count() == 1 and w.contacts_count.text() == "231 contacts"  # with Acme Ltd
    assert w.request_call("+44 20 7946 0001", None) is None  # said "still starting", nothing dialled
    w.address_books.search.setText("zed")  # typed before the store is up: answered by the store
    qtbot.wait(300)
    w.attach(app)
    assert w.tabs.count() == len(TAB_NAMES) and w.tabs.indexOf(w.address_books) == TAB_NAMES.index("Address Books")
    assert w.tabs.currentWidget() is w.address_books
    qtbot.waitUntil(lambda: not model.busy() and model.rowCount() == 57, timeout=10000)
    assert {r.display_name.split()[-1] for r in model.rows} == {"Zed"}
    w.address_books.search.setText("")
    qtbot.waitUntil(lambda: not model.busy() and model.rowCount() == 200, timeout=10000)
    w.address_books.table.selectRow(3)  # the card reads through the store now
    qtbot.wait(300)
    w.shutdown()


def shown_texts(model) -> list[tuple]:
    """Every cell and phone tool tip of the model, as the list shows them."""
    from PySide6.QtCore import Qt

    out = []
    for r in range(model.rowCount()):
        out.append(tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
                   + (model.data(model.index(r, 2), Qt.ItemDataRole.ToolTipRole),))
    return out


def test_first_rows_numbers_from_the_cache_are_phonenumbers_own(qtbot, app):
    """The first rows' numbers come from first_read's cache (no phonenumbers on that path) and read
    exactly as phonenumbers writes them; numbers it does not know are formatted as before."""
    from whitephone.ui.contacts_model import ContactListModel
    from whitephone.ui.first_read import PHONE_TEXTS, save_phone_texts
    from whitephone.ui.tasks import Worker

    app.contacts.add(ContactData(given_name="Aaron", family_name="Abroad",
                                 phones=[Phone("+1 212 555 0100", "work"), Phone("+33 1 42 68 53 00", "home"),
                                         Phone("ask reception", "other")]))
    reader = Worker("test-reader")
    try:
        def rows(svc) -> list[tuple]:
            model = ContactListModel(svc, reader)
            with qtbot.waitSignal(model.searchFinished, timeout=10000):
                model.search("")
            return shown_texts(model)

        stores = rows(app.contacts)  # the store's service: phonenumbers every time
        first = FirstRead.open(app.profile)
        assert first.phone_text("+12125550100") is None  # no cache yet: formatted as before
        assert rows(first) == stores
        page = first.first_page(200)
        assert save_phone_texts(app.profile, [n for c in page for n in c.phones])
        assert not save_phone_texts(app.profile, [n for c in page for n in c.phones])  # unchanged: not rewritten
        cached = FirstRead.open(app.profile)
        assert cached.phone_text("+12125550100") == "+1 212-555-0100"
        assert cached.phone_text("+442079460000") == "020 7946 0000"
        assert rows(cached) == stores  # the same text on screen
        app.profile.region = "US"  # another region: the cache does not answer
        assert cached.phone_text("+12125550100") is None
        (app.profile.root / PHONE_TEXTS).write_text("{not json")  # a broken file is no cache
        assert FirstRead.open(app.profile).phone_text("+442079460000") is None
    finally:
        reader.stop()
