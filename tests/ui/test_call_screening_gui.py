"""Who may ring us, as the window sets it up (Preferences → Network, the address book's SIP
addresses as known peers) against real agents."""

from __future__ import annotations

import pytest

from tests.sip.agents import AgentProcess
from whitephone.core.contact import ContactData, Website
from whitephone.ui.dialogs.preferences import PreferencesDialog
from whitephone.ui.main_window import MainWindow

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def test_only_known_peers_ring_when_screening_is_on(qtbot, app):
    app.contacts.add(ContactData(given_name="Known", family_name="Peer", websites=[Website("sip:known@127.0.0.1")]))
    app.profile.set("screen_calls", True)
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.start_engine(["--listen", "127.0.0.1:0", "--no-audio"])
    try:
        seen: list[dict] = []
        w.calls.bridge.event.connect(seen.append)
        qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=15000)
        qtbot.waitUntil(lambda: any(e.get("event") == "ok" and e.get("cmd") == "screening" for e in seen),
                        timeout=10000)
        me = f"sip:me@{w.calls.ready['address']}"
        with AgentProcess("--no-audio", "--listen", "127.0.0.2:0", "--call", me) as stranger:
            assert stranger.wait_for("ended")["code"] == 403
        qtbot.waitUntil(lambda: "Refused a call from" in w.statusBar().currentMessage(), timeout=5000)
        assert not w.calls.incoming and not app.store.calls.list()  # it never rang, nothing to miss
        with AgentProcess("--no-audio", "--call", me, ipc=True):  # from 127.0.0.1: in the address book
            qtbot.waitUntil(lambda: bool(w.calls.incoming), timeout=10000)
        dlg = PreferencesDialog(app, w)
        qtbot.addWidget(dlg)
        assert dlg.network.screen.isChecked()
        dlg.network.screen.setChecked(False)
        dlg.accept()
        assert app.profile.get("screen_calls") is False
    finally:
        w.shutdown()


def test_screening_is_on_by_default_once_an_account_has_a_registrar(app):
    from whitephone.core.accounts import SipAccount
    from whitephone.ui.network_settings import screening_on

    assert screening_on(app.profile, []) is False
    assert screening_on(app.profile, [SipAccount(id="a", uri="sip:me@example.com", registrar="sip:example.com")])
    app.profile.set("screen_calls", False)
    assert not screening_on(app.profile, [SipAccount(id="a", uri="sip:me@example.com", registrar="sip:example.com")])
