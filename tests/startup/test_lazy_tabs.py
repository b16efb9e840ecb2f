"""The CRM, Messages and Diary tabs are built the first time they are shown (issue 18: building
them held the main thread for 1-1.5 s after the first paint); what shows before (the unread
count) and what jumps into them (shortcuts, menu commands, "open the record") still works."""

from __future__ import annotations

import time
import uuid

from PySide6.QtCore import Qt

LAZY = ("CRM", "Messages", "Diary")


def heavy_tabs(window) -> list[str]:
    from whitephone.ui.tabs.crm import CrmTab
    from whitephone.ui.tabs.diary import DiaryTab
    from whitephone.ui.tabs.messages import MessagesTab

    return [cls.__name__ for cls in (CrmTab, MessagesTab, DiaryTab) if window.findChildren(cls)]


def unread_text(app, n: int) -> None:
    now = time.time()
    app.store.messages.add_incoming([dict(kind="text", sender_id=2, sender_name="Mary Smith", body=f"hello {i}",
                                          hub_id=500 + i, client_id=str(uuid.uuid4()), received_at=now - i,
                                          sent_at=now - i) for i in range(n)])


def test_heavy_tabs_wait_until_shown_and_the_unread_count_comes_without_them(qtbot, app):
    from whitephone.ui.main_window import TAB_NAMES, MainWindow

    unread_text(app, 2)
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    try:
        i = TAB_NAMES.index("Messages")
        qtbot.waitUntil(lambda: w.tabs.tabText(i) == "Messages (2)", timeout=10000)  # the reader thread's count
        qtbot.wait(200)  # the reminders' and the counts' first rounds are done
        assert heavy_tabs(w) == [] and not any(w.lazy_tabs.is_built(n) for n in LAZY)
        assert [w.tabs.tabText(k).split(" (")[0] for k in range(w.tabs.count())] == list(TAB_NAMES)
        # shown: built in place, the badge kept, the real widget current
        qtbot.keyClick(w, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # Alt+4: Messages
        qtbot.waitUntil(lambda: w.lazy_tabs.is_built("Messages"), timeout=5000)
        assert w.tabs.currentWidget() is w.messages.tab and w.tabs.currentIndex() == i
        assert w.tabs.tabText(i) == "Messages (2)" and w.tabs.count() == len(TAB_NAMES)
        qtbot.waitUntil(lambda: w.messages.tab.model.rowCount() == 2, timeout=10000)
        assert heavy_tabs(w) == ["MessagesTab"]
        # a new message while the tab exists: the count follows through the tab, as before
        unread_text(app, 3)
        w.messages.store_changed()
        qtbot.waitUntil(lambda: w.tabs.tabText(i) == "Messages (3)", timeout=10000)
    finally:
        w.shutdown()


def test_count_follows_new_messages_before_the_tab_is_built(qtbot, window, app):
    from whitephone.ui.main_window import TAB_NAMES

    i = TAB_NAMES.index("Messages")
    qtbot.wait(100)
    unread_text(app, 1)
    window.messages.data_changed("message", [])  # the sync engine's hint
    qtbot.waitUntil(lambda: window.tabs.tabText(i) == "Messages (1)", timeout=10000)
    assert not window.lazy_tabs.is_built("Messages")


def test_each_tab_works_when_first_opened(qtbot, window, app):
    from whitephone.ui.main_window import TAB_NAMES

    record = app.store.crm.create(subject="Printer jams", type=app.store.crm.types()[0])
    # the CRM tab by a click on its tab
    window.tabs.setCurrentIndex(TAB_NAMES.index("CRM"))
    assert window.lazy_tabs.is_built("CRM") and window.tabs.currentWidget() is window.crm.tab
    qtbot.waitUntil(lambda: window.crm.tab.model.rowCount() == 1, timeout=10000)
    # Ctrl+F on the CRM tab: its Task ID box (the window's Find is routed to the built tab)
    window.focus_search()
    assert window.crm.tab.task_id.hasFocus() or window.focusWidget() is window.crm.tab.task_id
    # the Diary by its menu command: built, shown, its view takes the keys
    window.tabs.setCurrentWidget(window.diary)
    assert window.tabs.currentWidget() is window.tab_widgets["Diary"]
    qtbot.waitUntil(lambda: window.diary.view.hasFocus() or window.focusWidget() is window.diary.view, timeout=5000)
    # "open the record" (tray, caller popup) needs no tab
    w = window.crm.open(record_uid=record.uid)
    qtbot.waitUntil(lambda: w.current is not None, timeout=10000)  # read on the reader thread
    assert w.current.uid == record.uid
    w.close()
    assert heavy_tabs(window) == ["CrmTab", "DiaryTab"]


def test_messages_tab_asked_for_in_code_is_put_in_its_place(qtbot, window):
    from whitephone.ui.main_window import TAB_NAMES

    tab = window.messages.tab  # e.g. the tray's "show this message"
    assert window.tabs.indexOf(tab) == TAB_NAMES.index("Messages")
    assert window.tabs.currentWidget() is window.address_books  # built, not shown
    assert window.tab_widgets["Messages"] is tab and set(window.tab_widgets) == set(TAB_NAMES)
