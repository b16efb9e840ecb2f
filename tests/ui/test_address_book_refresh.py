"""Address books under writes from other processes (and our own): the selection survives, refreshes
do not pile up, undo survives ids and books taken away, a replaced database file is noticed."""

from __future__ import annotations

import threading

from PySide6.QtCore import QItemSelectionModel

from tests.ui.conftest import add_people
from whitephone.core.contact import ContactData
from whitephone.store import Store


def names(w):
    return [r.display_name for r in w.address_books.model.rows]


def outside_add(app, name="Zed Outsider", book=None):
    other = Store(app.store.path)
    cid = other.contacts.add(ContactData(given_name=name, family_name="X"), book or app.store.books.default_id())
    other.close()
    return cid


def ready(qtbot, window, app, n=3):
    add_people(app, n)
    window.address_books.reload_books()
    qtbot.waitUntil(lambda: len(names(window)) == n + 1)  # the people and their company
    return window.address_books


def select_two(tab):
    ids = [tab.model.rows[1].id, tab.model.rows[2].id]
    tab.select_contact(ids[0])
    tab.table.selectionModel().select(tab.model.index(2, 0), QItemSelectionModel.SelectionFlag.Select
                                      | QItemSelectionModel.SelectionFlag.Rows)
    assert sorted(tab.selected_ids()) == sorted(ids)
    return ids


def test_a_multi_selection_survives_an_outside_write(qtbot, window, app):
    tab = ready(qtbot, window, app)
    ids = select_two(tab)
    outside_add(app, "Aaron")  # sorts first: every row moves down one
    qtbot.waitUntil(lambda: "Aaron X" in names(window), timeout=5000)
    qtbot.waitUntil(lambda: not tab.model.busy())
    assert sorted(tab.selected_ids()) == sorted(ids)


def test_a_multi_selection_survives_our_own_write(qtbot, window, app):
    tab = ready(qtbot, window, app)
    ids = select_two(tab)
    app.store.books.add("Other")  # the window's own store: seen by the same watch
    qtbot.waitUntil(lambda: tab.books.count() == 3, timeout=5000)
    qtbot.waitUntil(lambda: not tab.model.busy())
    assert sorted(tab.selected_ids()) == sorted(ids)


def test_refreshes_do_not_pile_up_and_a_typed_search_goes_first(qtbot, window, app, monkeypatch):
    tab = ready(qtbot, window, app)
    texts = []
    search = app.contacts.search

    def counting(text, **kw):
        texts.append(text)
        return search(text, **kw)

    monkeypatch.setattr(app.contacts, "search", counting)
    gate = threading.Event()
    tab.tasks.read.submit(lambda: gate.wait(10))  # the reader is busy (a slow read)
    for _ in range(5):  # five outside writes, one a second
        tab.refresh_in_place()
    tab.search.setText("Mary")
    qtbot.waitUntil(lambda: tab.model.text == "Mary")
    gate.set()
    qtbot.waitUntil(lambda: names(window) == ["Mary Smith"] and not tab.model.busy(), timeout=5000)
    qtbot.wait(100)
    assert texts[0] == "Mary"  # the waiting refresh of the old text was skipped, not run first
    assert len(texts) <= 2  # the typed search, then at most one refresh


def test_a_refresh_reads_again_only_down_to_what_is_on_screen(qtbot, window, app, monkeypatch):
    s = Store(app.store.path)
    s.contacts.import_batch([ContactData(given_name=f"P{i:04d}", family_name="Many") for i in range(1000)],
                            s.books.default_id())
    s.close()
    tab = window.address_books
    tab.reload_books()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 200)
    while tab.model.canFetchMore():
        tab.model.fetchMore()
    assert len(tab.model.rows) == 1000
    limits = []
    search = app.contacts.search
    monkeypatch.setattr(app.contacts, "search", lambda text, **kw: (limits.append(kw.get("limit")),
                                                                    search(text, **kw))[1])
    tab.refresh_in_place()
    qtbot.waitUntil(lambda: not tab.model.busy())
    assert limits and max(limits) < 1000
