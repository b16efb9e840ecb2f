"""Address books under writes from other processes (and our own): the selection survives, refreshes
do not pile up, undo survives ids and books taken away, a replaced database file is noticed."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
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


def ready(qtbot, window, app, n=3, watch=True):
    """`watch=False`: the tab's outside-change watch stopped first (a test that drives the
    refreshes itself: the watch's tick would add its own for the people added here)."""
    if not watch:
        window.address_books._watch_timer.stop()
    add_people(app, n)
    window.address_books.reload_books()
    # the people and their company, and no refresh still to come (one the watch asked for meanwhile)
    qtbot.waitUntil(lambda: len(names(window)) == n + 1 and not window.address_books.model.busy())
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


@pytest.mark.parametrize("pause", [0.0, 1.2], ids=["quick", "slow-machine"])
def test_refreshes_do_not_pile_up_and_a_typed_search_goes_first(qtbot, window, app, monkeypatch, pause):
    """`slow-machine`: more than the watch's 1 s passes before the test starts (its tick, had it
    run, would have refreshed for ready()'s writes while the test counts)."""
    time.sleep(pause)
    tab = ready(qtbot, window, app, watch=False)  # the five refreshes below stand for the outside writes
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
    qtbot.waitUntil(lambda: len(tab.model.rows) == 200 and not tab.model.busy())
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


def warnings_during(monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a[2])))
    return warned


def test_undo_after_another_process_took_the_freed_id(qtbot, window, app, monkeypatch):
    tab = ready(qtbot, window, app)
    last = max(r.id for r in tab.model.rows)
    tab.select_contact(last)
    name = tab.model.summary(tab.model.row_of(last)).display_name
    tab.delete_selected()
    qtbot.waitUntil(lambda: name not in names(window), timeout=5000)
    newcomer = outside_add(app, "Newcomer")
    assert newcomer == last  # SQLite handed the freed id out again
    qtbot.waitUntil(lambda: "Newcomer X" in names(window), timeout=5000)
    warned = warnings_during(monkeypatch)
    tab.undo_delete()
    qtbot.waitUntil(lambda: name in names(window), timeout=5000)
    assert not warned and "Newcomer X" in names(window)
    assert app.store.contacts.get(newcomer).given_name == "Newcomer"


def test_undo_after_the_book_was_removed_elsewhere(qtbot, window, app, monkeypatch):
    tab = ready(qtbot, window, app)
    b = app.store.books.add("Temp")
    cid = app.store.contacts.add(ContactData(given_name="Gone", family_name="Book"), b)
    tab.reload_books()
    qtbot.waitUntil(lambda: "Gone Book" in names(window))
    tab.select_contact(cid)
    tab.delete_selected()
    qtbot.waitUntil(lambda: "Gone Book" not in names(window), timeout=5000)
    other = Store(app.store.path)
    other.books.remove(b)
    other.close()
    qtbot.waitUntil(lambda: tab.books.count() == 2, timeout=5000)
    warned = warnings_during(monkeypatch)
    tab.undo_delete()
    qtbot.waitUntil(lambda: "Gone Book" in names(window), timeout=5000)
    assert not warned
    assert app.store.contacts.get(cid).book_id == app.store.books.default_id()


def test_an_undo_that_fails_is_kept_and_says_no_sql(qtbot, window, app, monkeypatch):
    tab = ready(qtbot, window, app)
    mary = tab.model.rows[names(window).index("Mary Smith")].id
    tab.select_contact(mary)
    tab.delete_selected()
    qtbot.waitUntil(lambda: "Mary Smith" not in names(window), timeout=5000)
    warned = warnings_during(monkeypatch)
    db = sqlite3.connect(app.store.path)  # another process: every insert into contacts now fails
    db.execute("CREATE TRIGGER refuse BEFORE INSERT ON contacts BEGIN SELECT RAISE(ABORT, 'refused'); END")
    db.commit()
    tab.undo_delete()
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)
    assert "INSERT" not in warned[0] and "Ctrl+Z" in warned[0]
    assert tab.undo_stack and tab.undo_action.isEnabled()
    db.execute("DROP TRIGGER refuse")
    db.commit()
    db.close()
    tab.undo_delete()
    qtbot.waitUntil(lambda: "Mary Smith" in names(window), timeout=5000)


def test_a_database_file_replaced_under_the_window_is_opened(qtbot, window, app, tmp_path):
    import os

    tab = ready(qtbot, window, app)
    said = []
    tab.status.connect(said.append)
    copy = tmp_path / "copy.sqlite3"
    source, target = sqlite3.connect(app.store.path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    s = Store(copy)
    s.contacts.add(ContactData(given_name="Replaced", family_name="Db"), s.books.default_id())
    s.close()
    os.replace(copy, app.store.path)  # e.g. a backup restored by another program
    qtbot.waitUntil(lambda: "Replaced Db" in names(window), timeout=5000)
    assert any("replaced" in m for m in said)
    outside_add(app, "After")  # a CLI write to the file now at that path
    qtbot.waitUntil(lambda: "After X" in names(window), timeout=5000)
    cid = app.store.contacts.add(ContactData(given_name="Own", family_name="Write"), app.store.books.default_id())
    other = Store(app.store.path)
    try:
        assert other.contacts.get(cid).given_name == "Own"  # the window writes to the new file too
    finally:
        other.close()


def a_thousand_shown(qtbot, window, app):
    """1 000 contacts written by another process, the first page on screen, no search on its way,
    the watch stopped (the tests drive the refreshes themselves)."""
    s = Store(app.store.path)
    s.contacts.import_batch([ContactData(given_name=f"P{i:04d}", family_name="Many") for i in range(1000)],
                            s.books.default_id())
    s.close()
    tab = window.address_books
    tab._watch_timer.stop()
    tab.reload_books()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 200 and not tab.model.busy())
    return tab


def test_scrolling_on_while_a_search_is_on_its_way_loads_nothing_it_would_throw_away(qtbot, window, app, monkeypatch):
    """A refresh (an outside write) or a typed search is on its way when the view asks for more
    rows: those rows would belong to the old answer (the refresh's answer, read for fewer rows,
    then replaced them and the selection in them) or mix two searches (the old text's rows, then
    the new text's after them). They are read once the answer is in (a new search's list starts
    at the top: no second page for it)."""
    tab = a_thousand_shown(qtbot, window, app)
    gate = threading.Event()
    tab.tasks.read.submit(lambda: gate.wait(10))  # the reader is busy: the next search waits
    tab.refresh_in_place()
    assert tab.model.busy()
    tab.model.fetchMore()  # the view asks: noted, read after the answer
    assert len(tab.model.rows) == 200
    tab.search.setText("P09")  # typed while the refresh waits
    qtbot.waitUntil(lambda: tab.model.text == "P09")
    tab.model.fetchMore()
    assert len(tab.model.rows) == 200 and not any(r.display_name.startswith("P09") for r in tab.model.rows)
    gate.set()
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    assert [r.display_name for r in tab.model.rows] == [f"P{i:04d} Many" for i in range(900, 1000)]
    answered = []  # rows right after each answer (before the view's own timer may read on)
    first_page = tab.model._first_page
    monkeypatch.setattr(tab.model, "_first_page", lambda *a: (first_page(*a), answered.append(len(tab.model.rows))))
    tab.search.clear()  # the whole list again, and the view asks for more while it is on its way
    qtbot.waitUntil(lambda: tab.model.text == "")
    tab.model.fetchMore()
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    assert answered == [200]  # a new search: its list starts at the top, no second page for it


def test_the_view_reads_on_once_the_answer_is_in(qtbot, window, app):
    """Scrolled to the bottom while a refresh was on its way: the rows come once it has answered."""
    tab = a_thousand_shown(qtbot, window, app)
    gate = threading.Event()
    tab.tasks.read.submit(lambda: gate.wait(10))
    tab.refresh_in_place()
    tab.table.scrollToBottom()
    qtbot.wait(200)
    assert len(tab.model.rows) == 200
    gate.set()
    qtbot.waitUntil(lambda: len(tab.model.rows) > 200, timeout=5000)  # the view asked again by itself


# a search that fails (searchFailed): the list on screen stays the old search's (review of issue 18)
def test_after_a_typed_search_failed_scrolling_does_not_append_its_rows_to_the_old_list(
        qtbot, window, app, monkeypatch):
    """The typed search failed: the rows shown are still the old text's (P0000..P0199). Scrolling
    on must not append the new text's rows after them (P0900.. after P0199: two searches mixed)."""
    tab = a_thousand_shown(qtbot, window, app)
    search = app.contacts.search

    def failing(text, **kw):
        if text == "P09" and "after" not in kw:
            raise RuntimeError("disk I/O error")
        return search(text, **kw)

    monkeypatch.setattr(app.contacts, "search", failing)
    failed = []
    tab.model.searchFailed.connect(failed.append)
    tab.search.setText("P09")
    qtbot.waitUntil(lambda: bool(failed) and not tab.model.busy(), timeout=5000)
    tab.model.fetchMore()  # the view scrolls on
    shown = [r.display_name for r in tab.model.rows]
    assert not any(n.startswith("P09") for n in shown[200:]), shown[195:205]


def test_a_failed_refresh_does_not_leave_a_page_wanted_for_a_later_refresh(qtbot, window, app, monkeypatch):
    """Scrolled while a refresh was on its way, then that refresh failed: the want is dropped with
    it. A later refresh (the user back at the top) must not read a page nobody asked for."""
    tab = a_thousand_shown(qtbot, window, app)
    search = app.contacts.search
    fail = [True]

    def flaky(text, **kw):
        if fail[0] and "after" not in kw:
            fail[0] = False
            raise RuntimeError("database is locked")
        return search(text, **kw)

    gate = threading.Event()
    tab.tasks.read.submit(lambda: gate.wait(10))
    tab.refresh_in_place()
    tab.model.fetchMore()  # the view asks while the refresh waits: noted
    monkeypatch.setattr(app.contacts, "search", flaky)
    failed = []
    tab.model.searchFailed.connect(failed.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(failed) and not tab.model.busy(), timeout=5000)
    assert len(tab.model.rows) == 200
    tab.table.scrollToTop()
    qtbot.wait(100)
    tab.refresh_in_place()  # a later outside write
    qtbot.waitUntil(lambda: not tab.model.busy(), timeout=5000)
    qtbot.wait(100)
    assert len(tab.model.rows) == 200  # nobody scrolled since: no second page
