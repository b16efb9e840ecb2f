"""Help → Network Test: the dialog runs the test off the main thread against a hub that is not
there and a TURN server that is, names the blockage in words, and copies the report."""

from __future__ import annotations

import socket

from PySide6.QtGui import QGuiApplication

from whitephone.ui.call_window import media_path_text
from whitephone.ui.dialogs.network_test import NetworkTestDialog


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dialog_names_an_unreachable_hub_and_copies_the_report(qtbot):
    port = _closed_port()
    dlg = NetworkTestDialog(None, f"https://127.0.0.1:{port}")
    qtbot.addWidget(dlg)
    dlg.start()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=30000)
    assert "The hub cannot be reached" in dlg.summary.text()
    assert f"allow outgoing TCP to 127.0.0.1 port {port}" in dlg.summary.text()
    dlg.copy()
    assert QGuiApplication.clipboard().text().startswith("WhitePhone network test")
    assert "BLOCKED hub-https" in dlg.text.toPlainText()
    dlg.close()


def test_media_path_in_the_call_window_words():
    assert media_path_text({"path": "relayed", "transport": "tcp"}) == "Audio: relayed by the server over TCP"
    assert media_path_text({"path": "direct"}) == "Audio: direct"
    assert "STUN" in media_path_text({"path": "stun"})


def test_window_network_test_uses_the_preferences_proxy_and_ca(qtbot, tmp_path, monkeypatch):
    """Help → Network Test in a window whose HTTP proxy and CA file are set in Preferences
    (settings "tls": what the engine's relay and the ladder use): the test runs without them.
    In a proxy-only network (profile 3) calls work, yet the report says "No way to the registrar
    works: calls cannot be made", never tries the proxy rungs, and with a private CA calls the
    registrar's certificate untrusted ("ask IT whether a proxy inspects TLS"). Expected: the
    network test gets the same proxy and CA (and pins) the calls use."""
    from PySide6.QtWidgets import QWidget

    from whitephone import nettest
    from whitephone.profile import Profile
    from whitephone.ui.main_window import MainWindow

    profile = Profile.open(tmp_path / "prof")
    ca = tmp_path / "ca.pem"
    ca.write_text("x")
    profile.set("tls", {"proxy": "http://proxy.example:3128", "ca_file": str(ca), "pins": []})
    seen: dict = {}

    def fake_run(server, **kw):
        seen.update(kw, server=server)
        r = nettest.Report(server=server)
        r.summary = "ok"
        return r
    monkeypatch.setattr(nettest, "run", fake_run)

    class Host(QWidget):
        pass
    host = Host()
    qtbot.addWidget(host)
    host.app = type("App", (), {"profile": profile,
                                "session": type("S", (), {"info": {"url": "http://127.0.0.1:9"},
                                                          "signed_in": False})()})()
    MainWindow.network_test(host)
    qtbot.waitUntil(lambda: "server" in seen, timeout=5000)
    host._network_test.close()
    assert seen.get("proxy") == "http://proxy.example:3128" and seen.get("ca_file") == str(ca), seen


def test_the_window_engine_is_told_where_to_remember_the_rung(tmp_path):
    """The ladder remembers its rung in the profile named by the engine's --profile
    (sip/reach.py: "the window's engine, or a user's agent"), but the window starts its engine as
    `whitephone agent --ipc <args>` without --profile (nor WHITEPHONE_PROFILE), so for the window's
    automatic accounts nothing is ever remembered: on a proxy-only network every start and every
    account edit probes UDP, TCP, TLS 5061 and 443 again before the CONNECT rung (seconds of
    "Registering…" each time). Expected: the window's engine gets the window's profile."""
    from types import SimpleNamespace

    from whitephone.profile import Profile
    from whitephone.ui.calls import CallController

    profile = Profile.open(tmp_path / "prof")
    args = CallController._default_args(SimpleNamespace(app=SimpleNamespace(profile=profile)))
    assert "--profile" in args and str(profile.root) in args, args
