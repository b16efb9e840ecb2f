"""The call window's CRM button during real calls with `whitephone agent` peers: the window is the
caller's (their earlier records first) and a record made there links the call."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.sip.agents import AgentProcess
from tests.ui.test_call_window import incoming_call
from whitephone.core.contact import ContactData, Phone

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]
LEFT = Qt.MouseButton.LeftButton


def test_a_record_made_during_a_call_to_a_contact_links_the_call(qtbot, phone, app, tmp_path):
    cid = app.contacts.add(ContactData(given_name="Mary", family_name="Smith", phones=[Phone("+44 20 7946 0018")]))
    contact = app.store.contacts.get(cid)
    earlier = app.store.crm.create(subject="Last month's order", type="Sales enquiry", contact=contact.uid)
    app.store.crm.close(earlier.uid)
    with AgentProcess("--no-audio", "--answer", ipc=True) as peer:
        phone.request_call(peer.uri, contact)
        qtbot.waitUntil(lambda: any(w.connected for w in phone.calls.windows.values()), timeout=10000)
        cw = next(iter(phone.calls.windows.values()))
        entry = phone.calls.entries[cw.call_id]
        qtbot.mouseClick(cw.crm_btn, LEFT)
        w = phone.crm.windows[-1]
        qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
        # the contact's earlier records first (the closed one is listed and shown)
        assert w.person.contact_uid == contact.uid and w.call == entry.uid
        assert w.records.topLevelItemCount() == 1 and w.current.uid == earlier.uid
        qtbot.mouseClick(w.new_btn, LEFT)
        qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
        assert "Linked to this call" in w.call_label.text()
        w.type_box.setCurrentText("Support")
        qtbot.keyClicks(w.subject, "Handset will not register")
        qtbot.mouseClick(w.create_btn, LEFT)
        qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
        r = w.current
        assert (r.call, r.contact, r.subject) == (entry.uid, contact.uid, "Handset will not register")
        assert "outgoing" in w.summary.text() and "Mary Smith" in w.summary.text()
        assert w.records.topLevelItemCount() == 2
        w.grab().save(str(tmp_path / "crm-from-call.png"))
        qtbot.mouseClick(cw.hangup_btn, LEFT)
        peer.wait_for("ended")
    assert app.store.crm.get(r.uid).call == entry.uid and app.store.calls.get_by_uid(entry.uid) is not None


def test_crm_from_an_unknown_caller_keys_the_records_by_their_address(qtbot, phone, app):
    with AgentProcess("--no-audio", ipc=True) as peer:
        cw = incoming_call(qtbot, phone, peer)
        entry = phone.calls.entries[cw.call_id]
        w = cw.open_crm()
        qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
        assert w.person.contact_uid is None and w.person.number == (entry.number_e164 or entry.peer_uri.strip("<>"))
        assert w.pages.currentWidget() is w.new_page  # no earlier records: straight to New
        qtbot.keyClicks(w.subject, "Cold call")
        qtbot.mouseClick(w.create_btn, LEFT)
        qtbot.waitUntil(lambda: not w.busy(), timeout=10000)
        assert app.store.crm.for_contact(number=w.person.number)[0].call == entry.uid
        # the CRM button again: the same window
        assert cw.open_crm() is w
        qtbot.mouseClick(cw.hangup_btn, LEFT)
        peer.wait_for("ended")
