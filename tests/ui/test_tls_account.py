"""A TLS account in the window: the engine's relay reports a self-signed certificate, the user is
asked (ui/dialogs/pin_cert.py), the pin is saved, the engine restarts with it and the account
registers over TLS; the status bar names the rung. Kamailio behind a TLS terminator (test_reach)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.sip.test_kamailio import USERS
from tests.sip.test_reach import needs_kamailio, tls_kamailio
from tests.sip.tlspeer import CertAuthority, TlsTerminator
from whitephone.core.accounts import SipAccount, password_secret, save_accounts, tls_settings
from whitephone.ui.dialogs.pin_cert import ask_to_pin, fingerprint_text
from whitephone.ui.main_window import MainWindow

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def test_the_consent_dialog_shows_the_fingerprint_and_defaults_to_no(qtbot):
    seen = {}

    def answer(button):
        box = QApplication.activeModalWidget()
        seen["text"] = box.text()
        seen["default"] = box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        box.button(button).click()
    sha = "ab" * 32
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
    assert ask_to_pin(None, "pbx.example.com:5061", "self_signed", sha) is False
    assert "AB:AB:" in seen["text"] and "pbx.example.com:5061" in seen["text"] and seen["default"]
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    assert ask_to_pin(None, "pbx.example.com:5061", "untrusted", sha) is True
    assert fingerprint_text("0f" * 32).count(":") == 30


@needs_kamailio
def test_a_self_signed_server_is_pinned_with_consent_and_the_account_registers(qtbot, app, tmp_path):
    ca = CertAuthority(tmp_path)
    term = TlsTerminator(*ca.server("pbx", self_signed=True), 0)
    k = tls_kamailio(tmp_path, term)
    asked = []
    try:
        acc = SipAccount(id="t", uri=k.uri("alice"), registrar=f"sips:127.0.0.1:{term.port}", user="alice",
                         transport="tls", default=True)
        save_accounts(app.profile, [acc])
        app.profile.set_secret(password_secret("t"), USERS["alice"])
        w = MainWindow(app)
        qtbot.addWidget(w)
        w.show()
        w.start_engine(["--listen", "127.0.0.1:0", "--transport", "udp", "--no-audio"])
        # the user says yes (the dialog itself: the test above); events reach it from the event loop
        w.calls.ask_to_pin = lambda parent, server, kind, sha: asked.append((server, kind, sha)) or True
        try:
            qtbot.waitUntil(lambda: bool(asked), timeout=30000)
            assert asked[0][:2] == (f"127.0.0.1:{term.port}", "self_signed")
            assert tls_settings(app.profile)["pins"] == [f"{asked[0][0]}={asked[0][2]}"]  # for that server
            qtbot.waitUntil(lambda: w.account_status.state_text("t") == "registered", timeout=40000)
            qtbot.waitUntil(lambda: "(TLS)" in w.account_status.labels["t"].text(), timeout=10000)
            assert "--pin-cert" in w.calls.bridge.client.args and len(asked) == 1
        finally:
            w.calls.windows.clear()
            w.shutdown()
    finally:
        k.stop()
        term.close()
