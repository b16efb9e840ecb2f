"""From the break-it review (the defects each docstring tells of are fixed): a real call (the window's real pjsua2 engine process) in Polish."""

from __future__ import annotations

import socket

import pytest

from whitephone.app import App

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def closed_tcp_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def phone(polish, qtbot, tmp_path):
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "profile")
    app.profile.region = "PL"
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.start_engine(["--listen", "127.0.0.1:0", "--no-audio"])
    qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=15000)
    yield w
    w.calls.windows.clear()
    w.shutdown()
    app.close()


def test_failed_call_says_why_in_polish(phone, qtbot):
    """Dial a SIP address where nothing listens (UDP; pjsip gives up after its 32 s timer): the call
    window ends with "Połączenie zakończone — 408 Request Timeout" — call_window.py shows the
    engine's SIP reason phrase as it came, so the one sentence that says why the call failed is
    English (also 486 Busy Here, 503 Service Unavailable, 404 Not Found, …)."""
    port = closed_tcp_port()
    phone.dial.setText(f"sip:nikt@127.0.0.1:{port}")
    phone.call_from_dial_bar()
    ctl = phone.calls
    seen, windows = [], []  # the call window closes 2.5 s after the end: read its words then

    def watch() -> bool:
        windows.extend(w for w in ctl.windows.values() if w not in windows)
        seen.extend(w.state.text() for w in windows if w.ended)
        return bool(seen)

    qtbot.waitUntil(watch, timeout=40000)
    text = seen[0]
    assert text.startswith("Połączenie zakończone"), text
    words = text.split("—", 1)[-1]
    assert not any(w in words for w in ("Service", "Unavailable", "refused", "Timeout", "Request", "Error")), text
