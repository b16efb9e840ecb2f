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
