"""The CRM windows signed in to a real hub: a new record shows "pending" until the sync gives it
its task number; Refresh syncs; Opened As lists my call groups from the hub, and a group record
stays with the group (a colleague outside it never receives it)."""

from __future__ import annotations

from types import SimpleNamespace

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
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
    assert w.opened_as.isEnabled() and w.opened_as.itemData(1) == group["id"]
    w.type_box.setCurrentText("Sales enquiry")
    qtbot.keyClicks(w.subject, "Company lead")
    qtbot.mouseClick(w.create_btn, LEFT)
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
    shared = w.current
    assert shared.task_number is None and "pending" in w.summary.text()
    qtbot.mouseClick(w.new_btn, LEFT)
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
    w.type_box.setCurrentText("Support")
    w.opened_as.setCurrentIndex(1)
    qtbot.keyClicks(w.subject, "Desk only")
    qtbot.mouseClick(w.create_btn, LEFT)
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
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


def test_record_types_changed_by_a_crm_admin(qtbot, win, app, hub, company, tmp_path):  # noqa: F811
    tab = win.crm.tab
    assert not tab.types_btn.isEnabled() and "Sign in" in tab.types_btn.toolTip()
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in and tab.types_btn.isEnabled(), timeout=15000)
    qtbot.mouseClick(tab.types_btn, LEFT)
    types = win.crm.types_dialog
    qtbot.waitUntil(lambda: types.list.count() == 4, timeout=10000)
    assert types.editable and types.types() == ["Sales enquiry", "Support", "Complaint", "Follow-up"]
    qtbot.keyClicks(types.name, "support")  # the same name in other case: said, not added
    qtbot.mouseClick(types.add_btn, LEFT)
    assert "already" in types.note.text() and types.list.count() == 4
    types.name.clear()
    qtbot.keyClicks(types.name, "Warranty claim")
    qtbot.keyClick(types.name, Qt.Key.Key_Return)
    types.list.setCurrentRow(types.types().index("Complaint"))
    qtbot.mouseClick(types.remove_btn, LEFT)
    types.list.setCurrentRow(types.types().index("Warranty claim"))
    qtbot.mouseClick(types.up_btn, LEFT)
    want = ["Sales enquiry", "Support", "Warranty claim", "Follow-up"]
    assert types.types() == want
    qtbot.mouseClick(types.save_btn, LEFT)
    qtbot.waitUntil(lambda: types.note.text() == "Saved.", timeout=10000)
    assert company["admin"].crm_types() == want and app.store.crm.types() == want
    # the tab's Type filter and a new record's Type list follow
    qtbot.waitUntil(lambda: [tab.type.itemText(i) for i in range(1, tab.type.count())] == want, timeout=5000)
    w = win.crm.open(new=True)
    qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
    assert [w.type_box.itemText(i) for i in range(w.type_box.count())] == want
    w.close()
    types.close()

    # Bob (no CRM admin permission) sees the list and cannot change it; the hub refuses him too
    from whitephone.ui.dialogs.crm_types import CrmTypesDialog

    bob = Client(tmp_path / "bob")
    try:
        bob.session.login(hub.base, "bob@example.com", PASSWORD)
        theirs = CrmTypesDialog(SimpleNamespace(session=bob.session, store=bob.store), win.team.team.run)
        qtbot.addWidget(theirs)
        qtbot.waitUntil(lambda: theirs.list.count() == 4, timeout=10000)
        assert not theirs.editable and not theirs.save_btn.isEnabled() and "CRM admin" in theirs.note.text()
        theirs.editable = True  # as if the button were there: the hub's refusal is shown
        theirs.save()
        qtbot.waitUntil(lambda: "crm_admin" in theirs.note.text(), timeout=10000)
        assert company["admin"].crm_types() == want
    finally:
        bob.close()


def _calls_today(store, account: str, durations: list[int]) -> None:
    from datetime import UTC, datetime

    from whitephone.core.calls import CallLogEntry

    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    for d in durations:
        store.calls.add(CallLogEntry("out", "sip:x@example.com", now, account=account, answered_at=now if d else None,
                                     ended_at=now, duration=d, result="answered" if d else "missed"))


def test_reports_show_the_teams_calls_from_the_hub(qtbot, win, app, hub, company, tmp_path):  # noqa: F811
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=15000)
    _calls_today(app.store, "ann-line", [60, 180])
    bob = Client(tmp_path / "bob")
    try:
        bob.session.login(hub.base, "bob@example.com", PASSWORD)
        _calls_today(bob.store, "bob-line", [120, 0, 30])
        bob.engine.sync_once()  # Bob's calls reach the hub (his alone: Ann never receives them)
    finally:
        bob.close()
    app.sync.kick()
    qtbot.waitUntil(lambda: app.store.outbox.count() == 0, timeout=20000)
    win.crm.show_reports()
    rw = win.crm.reports
    qtbot.waitUntil(lambda: bool(rw.reports) and not rw.hub_busy and "hub" in rw.reports[-1].note
                    and len(rw.reports[-1].rows) == 2, timeout=20000)
    calls = rw.reports[-1]
    assert calls.note.startswith("The team's calls from the hub")
    rows = {r[0]: r[2:] for r in calls.rows}
    assert rows["Bob Builder"] == (3, 2, 2.5, 1.2)  # 150 s over 2 answered calls
    assert rows["Ann Admin"] == (2, 2, 4.0, 2.0)
    rw.list.setCurrentRow(len(rw.reports) - 1)
    assert rw.note.text() == calls.note
    assert all(r.uid for r in app.store.calls.list())  # Ann's own log holds only her calls
    assert {e.account for e in app.store.calls.list()} == {"ann-line"}
    rw.close()
