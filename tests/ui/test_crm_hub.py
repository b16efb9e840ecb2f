"""The CRM windows signed in to a real hub: a new record shows "pending" until the sync gives it
its task number; Refresh syncs; Opened As lists my call groups from the hub, and a group record
stays with the group (a colleague outside it never receives it)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.sync.conftest import PASSWORD, Client
from tests.ui.test_team import company, fill_company, hub, sign_in_window, win  # noqa: F401 - fixtures

LEFT = Qt.MouseButton.LeftButton


def test_task_number_after_sync_and_group_records(qtbot, win, app, hub, company, tmp_path):  # noqa: F811
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=15000)
    me = app.session.info["user_id"]
    group = company["admin"].create_group("Support desk", [me])
    win.crm.load_groups()
    qtbot.waitUntil(lambda: win.crm.groups == [(group["id"], "Support desk")], timeout=10000)

    win.tabs.setCurrentWidget(win.crm.tab)
    tab = win.crm.tab
    w = win.crm.open(new=True)
    assert w.opened_as.isEnabled() and w.opened_as.itemData(1) == group["id"]
    w.type_box.setCurrentText("Sales enquiry")
    qtbot.keyClicks(w.subject, "Company lead")
    qtbot.mouseClick(w.create_btn, LEFT)
    shared = w.current
    assert shared.task_number is None and "pending" in w.summary.text()
    qtbot.mouseClick(w.new_btn, LEFT)
    w.type_box.setCurrentText("Support")
    w.opened_as.setCurrentIndex(1)
    qtbot.keyClicks(w.subject, "Desk only")
    qtbot.mouseClick(w.create_btn, LEFT)
    private = w.current
    assert private.group_id == group["id"]

    qtbot.mouseClick(tab.refresh_btn, LEFT)  # sync now
    qtbot.waitUntil(lambda: all(app.store.crm.get(r.uid).task_number for r in (shared, private)), timeout=20000)
    numbers = {app.store.crm.get(r.uid).task_number for r in (shared, private)}
    assert len(numbers) == 2
    # the list and the open window show the numbers once the sync's changes arrive
    qtbot.waitUntil(lambda: "pending" not in [tab.model.data(tab.model.index(i, 0))
                                              for i in range(tab.model.rowCount())], timeout=10000)
    qtbot.waitUntil(lambda: "pending" not in w.summary.text(), timeout=10000)
    assert f"Task {app.store.crm.get(private.uid).task_number}" in w.summary.text()
    assert "Ann Admin" in w.summary.text()  # the hub's opener, pulled back
    w.grab().save(str(tmp_path / "crm-synced.png"))

    # Bob, outside the group, gets the company record and not the group's
    bob = Client(tmp_path / "bob")
    try:
        bob.session.login(hub.base, "bob@example.com", PASSWORD)
        bob.engine.sync_once()
        got = {r.uid for r in bob.store.crm.find()}
        assert shared.uid in got and private.uid not in got
    finally:
        bob.close()
    w.close()
