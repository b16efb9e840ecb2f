"""The window before the store is up (first rows from ui/first_read.py, MainWindow.attach later):
what the user does meanwhile is kept, answered, or said to wait - never an error."""

from __future__ import annotations

import time

from whitephone.core.contact import ContactData, Phone


def test_closing_the_window_while_a_search_waits_for_the_store_is_quick(qtbot, app):
    """The user types a name in the search box in the first second (the store is not open yet: the
    search waits on the reader thread for it, up to 120 s), then closes the window, e.g. the store
    is slow to open or the window was opened by mistake. Closing takes 5 s or more (Worker.stop joins
    the reader thread that is blocked in FirstRead.search's wait) and the instance lock is held all
    that time. Expected: closing the window is as quick as usual (well under 2 s)."""
    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import MainWindow

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    first = FirstRead.open(app.profile)
    assert first is not None
    w = MainWindow(None, first=first)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.address_books.model.rowCount() == 1, timeout=10000)
    w.address_books.search.setText("zed")  # typed before the store is up
    qtbot.wait(500)  # the search is on the reader thread, waiting for the store
    t0 = time.monotonic()
    w.shutdown()
    took = time.monotonic() - t0
    first.attach(app.contacts)  # let the waiting reader thread go
    assert took < 2.0, f"closing the window took {took:.1f} s"


def test_a_number_dialled_while_the_button_says_starting_is_called_once_the_store_is_up(qtbot, app, monkeypatch):
    """In the first second the window shows its first rows and the Call button says
    "Call (starting…)", whose promise (set_calls_available) is that calls asked for meanwhile wait
    for the engine. The user types a number and presses Enter before the store is attached: the
    window says "WhitePhone is still starting; call again in a moment." and drops the call - nothing
    is dialled when the store and the engine come up; the user has to notice and dial again.
    Expected (issue 18 point 3: nothing user-visible lost): the call is placed once the window is
    ready, as a call asked for after attach but before the engine answered is."""
    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "start_engine", lambda self, args=None: None)  # the engine itself is not under test
    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    first = FirstRead.open(app.profile)
    w = MainWindow(None, engine=True, first=first)
    qtbot.addWidget(w)
    asked: list = []
    w.callRequested.connect(lambda target, _contact: asked.append(target.e164))
    w.show()
    try:
        qtbot.waitUntil(lambda: w.address_books.model.rowCount() == 1, timeout=10000)
        assert w.call_button.text() == "Call (starting…)"
        w.dial.setText("+44 20 7946 0001")
        w.call_from_dial_bar()  # Enter in the dial bar
        qtbot.wait(200)
        w.attach(app)
        qtbot.waitUntil(lambda: bool(asked), timeout=3000)
        assert asked == ["+442079460001"]
    finally:
        w.shutdown()


def test_typing_a_search_in_the_first_second_is_not_taken_away_by_the_last_tab(qtbot, app):
    """The store now opens on the write worker while the window already answers: the user clicks
    the search box and types a name in the first second. When the store is attached,
    _restore_state switches to the tab left open last time (here CRM): the list the user was
    searching disappears under their typing and the keys go elsewhere. (Before this round attach
    ran on the main thread right after the first paint, so nothing could be typed in between.)
    Expected: a window the user has already started using stays on the Address Books tab, with
    the search text and focus kept."""
    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import TAB_NAMES, MainWindow

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    app.profile.set("last_tab", TAB_NAMES.index("CRM"))
    first = FirstRead.open(app.profile)
    w = MainWindow(None, first=first)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.address_books.model.rowCount() == 1, timeout=10000)
        box = w.address_books.search
        box.setFocus()
        qtbot.keyClicks(box, "ze")
        w.attach(app)  # the store came up while the user was typing
        qtbot.keyClicks(box, "d")
        qtbot.wait(200)
        assert w.tabs.currentWidget() is w.address_books, "the window switched to the CRM tab under the user"
        assert box.text() == "zed"
    finally:
        w.shutdown()


def test_the_first_rows_can_be_used_before_the_store_is_up(qtbot, app, monkeypatch):
    """The store now opens on the write worker while the window answers the user, so the first
    rows can be clicked during that second (more with 100 000 contacts on a loaded machine). On a
    contact there: a double-click (edit) and Enter (call its number) raise AttributeError
    ("'NoneType' object has no attribute 'store'") inside Qt's event handling - nothing happens, no
    word to the user, the call is not placed - and Del shows a warning box "That did not work:
    'NoneType' object has no attribute 'contacts'". Expected: no error; each waits for the store
    or says the window is still starting."""
    import sys

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QMessageBox

    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import MainWindow

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    first = FirstRead.open(app.profile)
    w = MainWindow(None, first=first)
    qtbot.addWidget(w)
    w.show()
    errors: list = []
    boxes: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a[2]))
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)  # an editor, if one opens, is cancelled
    hook, sys.excepthook = sys.excepthook, lambda *exc: errors.append(exc[1])
    try:
        qtbot.waitUntil(lambda: w.address_books.model.rowCount() == 1, timeout=10000)
        table = w.address_books.table
        table.selectRow(0)
        rect = table.visualRect(w.address_books.model.index(0, 0))
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # edit
        qtbot.wait(100)
        for act in (w.address_books.call_selected, w.address_books.delete_action.trigger):  # Enter, Del
            try:
                act()
            except Exception as exc:  # noqa: BLE001 - what Qt would print and swallow
                errors.append(exc)
        qtbot.wait(500)
    finally:
        sys.excepthook = hook
        w.shutdown()
    assert not errors, f"errors in the window: {errors!r}"
    assert not boxes, f"warning boxes: {boxes!r}"



def test_the_engine_started_while_the_store_opens_is_the_one_calls_use(qtbot, app):
    """The engine process is started before attach (ui/early_engine.py); its `ready`, said before
    anyone listened, reaches the call controller at attach, and no second engine is started."""
    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import MainWindow

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    first = FirstRead.open(app.profile)
    w = MainWindow(None, engine=True, first=first)
    qtbot.addWidget(w)
    w.show()
    try:
        w.start_engine_early(app.profile)
        early = w._early_engine
        assert early is not None
        qtbot.waitUntil(lambda: early.client.ready is not None, timeout=60000)  # ready before attach
        assert w.call_button.text() == "Call (starting…)"
        w.attach(app)
        assert w.calls.bridge.client is early.client
        qtbot.waitUntil(lambda: w.calls_available, timeout=30000)
        assert w.calls.ready is not None and w.calls.ready["event"] == "ready"
    finally:
        w.shutdown()
    assert early.client.proc.poll() is not None  # stopped with the window
