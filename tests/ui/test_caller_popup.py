"""The call-time popup on real incoming calls from a `whitephone agent` peer: beside the ringing
window, filled off the main thread with the right contact, open records first, the latest calls
and notes; an unknown number offers (or, by preference, makes) a contact; never delays ringing."""

from __future__ import annotations

import threading

import pytest

from tests.sip.agents import AgentProcess
from whitephone.core.caller import AUTO_CREATE_SETTING
from whitephone.core.calls import CallLogEntry
from whitephone.core.contact import CompanyLink, ContactData, Phone

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]

NUMBER = "+442079460018"


def ring(ctl, number):
    peer = AgentProcess("--account", f"sip:{number}@127.0.0.1", ipc=True)
    peer.__enter__()
    peer.send(cmd="call", uri=f"sip:me@{ctl.ready['address']}")
    return peer


def hang_up(qtbot, ctl, peer):
    peer.send(cmd="hangup", call=peer.wait_for("calling")["call"])  # not 0: the engine's start-up self-test
    peer.wait_for("ended")
    peer.__exit__(None, None, None)


@pytest.fixture
def mary(app):
    cid = app.contacts.add(ContactData(given_name="Mary", family_name="Smith", phones=[Phone("+44 20 7946 0018")],
                                       companies=[CompanyLink("Acme Ltd", "Buyer")], tags=["vip"]))
    c = app.store.contacts.get(cid)
    app.store.calls.add(CallLogEntry(direction="out", peer_uri=f"sip:{NUMBER}@pbx", number_e164=NUMBER,
                                     started_at="2026-01-02T09:00:00.000+00:00", contact_id=cid,
                                     result="answered", duration=125))
    closed = app.store.crm.create(subject="Old complaint", type="Complaint", contact=c.uid)
    app.store.crm.close(closed.uid)
    app.store.crm.create(subject="Broken handset", type="Support", contact=c.uid)
    app.store.notes.add(c.uid, "Prefers calls after 10am", private=True)
    return c


def test_popup_shows_the_caller_with_open_records_first(qtbot, phone, app, mary, tmp_path):
    ctl = phone.calls
    peer = ring(ctl, NUMBER)
    try:
        qtbot.waitUntil(lambda: bool(ctl.popups) and bool(ctl.incoming), timeout=10000)
        (call_id, popup), = ctl.popups.items()
        ringing = ctl.incoming[call_id]
        qtbot.waitUntil(lambda: popup.info is not None, timeout=5000)
        assert popup.isVisible() and ringing.isVisible()
        assert popup.x() >= ringing.frameGeometry().right() or popup.x() + popup.width() <= ringing.x()
        assert "Mary Smith" in popup.name.text()
        assert "Acme Ltd (Buyer)" in popup.companies.text() and "vip" in popup.tags.text()
        subjects = [popup.records.topLevelItem(i).text(1) for i in range(popup.records.topLevelItemCount())]
        assert subjects == ["Broken handset", "Old complaint"]  # open first
        assert popup.records.topLevelItem(0).text(0) == "pending"
        whats = [popup.timeline.topLevelItem(i).text(1) for i in range(popup.timeline.topLevelItemCount())]
        assert any("Private note" in w for w in whats) and any("Outgoing call" in w for w in whats)
        assert not any("Missed call" in w for w in whats)  # the call ringing now is not history yet
        assert not popup.create_btn.isVisible()
        popup.grab().save(str(tmp_path / "popup_known.png"))
        # "New record for this call": the CRM record window for Mary, on a new record linking this call
        qtbot.mouseClick(popup.new_record_btn, _left())
        (crm_window,) = phone.crm.windows
        qtbot.waitUntil(lambda: not crm_window.busy(), timeout=10000)
        assert crm_window.person.contact_uid == mary.uid and crm_window.call == ctl.entries[call_id].uid
        assert crm_window.pages.currentWidget() is crm_window.new_page
        crm_window.grab().save(str(tmp_path / "crm_new_record.png"))
        crm_window.close()
        popup.records.itemActivated.emit(popup.records.topLevelItem(0), 0)  # an open record in its window
        qtbot.waitUntil(lambda: any(w.current is not None and w.current.subject == "Broken handset"
                                    for w in phone.crm.windows), timeout=5000)
        # clicking the name opens the full card with its timeline
        popup.name.linkActivated.emit("contact")
        qtbot.waitUntil(lambda: getattr(phone, "profile_window", None) is not None
                        and phone.profile_window.windowTitle() == "Mary Smith", timeout=5000)
        qtbot.waitUntil(lambda: phone.profile_window.timeline.tree.topLevelItemCount() >= 3, timeout=5000)
        phone.profile_window.grab().save(str(tmp_path / "profile.png"))
    finally:
        hang_up(qtbot, ctl, peer)
    qtbot.waitUntil(lambda: not ctl.popups, timeout=10000)


def test_unknown_caller_gets_create_contact_or_a_new_contact_by_preference(qtbot, phone, app, tmp_path):
    ctl = phone.calls
    asked = []
    phone.new_contact_for_number = lambda number, name="": asked.append(number)
    peer = ring(ctl, "+15550100")
    try:
        qtbot.waitUntil(lambda: bool(ctl.popups), timeout=10000)
        (popup,) = ctl.popups.values()
        qtbot.waitUntil(lambda: popup.info is not None, timeout=5000)
        assert popup.create_btn.isVisible() and "Not in your address books" in popup.status.text()
        popup.grab().save(str(tmp_path / "popup_unknown.png"))
        qtbot.mouseClick(popup.create_btn, _left())
        assert asked == ["+15550100"]
    finally:
        hang_up(qtbot, ctl, peer)
    qtbot.waitUntil(lambda: not ctl.popups, timeout=10000)
    app.profile.set(AUTO_CREATE_SETTING, True)
    peer = ring(ctl, "+15550100")
    try:
        qtbot.waitUntil(lambda: bool(ctl.popups), timeout=10000)
        (popup,) = ctl.popups.values()
        qtbot.waitUntil(lambda: popup.info is not None, timeout=5000)
        assert popup.info.created and "New contact made" in popup.status.text()
        assert [c.display_name for c in app.store.contacts.by_number("+15550100")] == ["+15550100"]
    finally:
        hang_up(qtbot, ctl, peer)


def test_the_ringing_window_does_not_wait_for_the_lookup(qtbot, phone, app, mary, monkeypatch):
    import whitephone.ui.calls as calls_ui

    release = threading.Event()
    real = calls_ui.look_up_caller

    def slow(*a, **kw):
        release.wait(10)
        return real(*a, **kw)

    monkeypatch.setattr(calls_ui, "look_up_caller", slow)
    ctl = phone.calls
    peer = ring(ctl, NUMBER)
    try:
        qtbot.waitUntil(lambda: bool(ctl.incoming) and bool(ctl.popups), timeout=10000)
        (popup,) = ctl.popups.values()
        (ringing,) = ctl.incoming.values()
        assert ringing.isVisible() and popup.isVisible()
        assert "Looking up" in popup.status.text() and popup.info is None
        release.set()
        qtbot.waitUntil(lambda: popup.info is not None, timeout=5000)
        assert "Mary Smith" in popup.name.text()
    finally:
        release.set()
        hang_up(qtbot, ctl, peer)


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_popup_the_user_closed_is_forgotten_and_shut_down_still_works(qtbot, phone, app):
    """Closing the popup deletes it (WA_DeleteOnClose); the controller must not touch it again
    (closing the app after that raised 'Internal C++ object (CallerPopup) already deleted')."""
    ctl = phone.calls
    peer = ring(ctl, "+442079460018")
    try:
        qtbot.waitUntil(lambda: bool(ctl.popups), timeout=10000)
        (call_id, popup), = ctl.popups.items()
        popup.close()
        qtbot.waitUntil(lambda: call_id not in ctl.popups, timeout=5000)
        ctl._close_popups()  # what shut-down does: no error
    finally:
        hang_up(qtbot, ctl, peer)
