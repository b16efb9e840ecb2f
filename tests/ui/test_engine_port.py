"""The window's engine when its SIP port is taken, and the port chosen in Preferences → Network."""

from __future__ import annotations

import socket

import pytest

from tests.sip.agents import free_port
from whitephone.ui.calls import CallController
from whitephone.ui.dialogs.preferences import PreferencesDialog
from whitephone.ui.main_window import MainWindow

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def _phone(qtbot, app):
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.start_engine(["--listen", app.profile.get("sip_listen"), "--transport", "udp", "--no-audio"])
    qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=15000)
    return w


def test_a_taken_port_is_reported_and_taken_back_once_free(qtbot, app, monkeypatch):
    monkeypatch.setattr(CallController, "PORT_RETRY_MS", 300)
    port = free_port()
    app.profile.set("sip_listen", f"127.0.0.1:{port}")
    taken = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    taken.bind(("127.0.0.1", port))
    phone = _phone(qtbot, app)
    try:
        ready = phone.calls.ready
        assert ready["port"] != port and phone.calls_available
        message = phone.statusBar().currentMessage()
        assert f"another program is using port {port}" in message and str(ready["port"]) in message
        first = phone.calls.bridge.client.proc
        qtbot.wait(1000)
        assert phone.calls.bridge.client.proc is first  # still taken: no restart
        taken.close()
        qtbot.waitUntil(lambda: phone.calls.ready is not None and phone.calls.ready["port"] == port, timeout=20000)
        assert "fallback_reason" not in phone.calls.ready
    finally:
        taken.close()
        phone.shutdown()


def test_the_listening_port_and_transport_are_set_in_preferences(qtbot, app):
    app.profile.set("sip_listen", "127.0.0.1:0")
    phone = _phone(qtbot, app)
    try:
        dlg = PreferencesDialog(app, phone)
        qtbot.addWidget(dlg)
        assert "Listening on port" in dlg.network.status.text()
        port = free_port(socket.SOCK_STREAM)
        dlg.network.port.setValue(port)
        dlg.network.transport.setCurrentIndex(dlg.network.transport.findData("tcp"))
        dlg.accept()
        qtbot.waitUntil(lambda: phone.calls.ready is not None and phone.calls.ready["port"] == port, timeout=20000)
        assert phone.calls.ready["transport"] == "tcp"
        assert app.profile.get("sip_listen") == f"127.0.0.1:{port}" and app.profile.get("sip_transport") == "tcp"
    finally:
        phone.shutdown()
