"""Preferences → Network → HTTP proxy's Test in the less common cases: an IPv6 proxy address
(through a real tinyproxy on [::1] to a real hub on 127.0.0.2), a setting no part can use, and a
proxy that never answers while the dialog closes. The real dialog offscreen, real profiles."""

from __future__ import annotations

import socket
import time

import pytest
from PySide6.QtCore import Qt

from tests.sip.tlspeer import Tinyproxy
from tests.sync.conftest import PASSWORD
from tests.ui.conftest import app  # noqa: F401
from tests.ui.test_proxy_prefs import environment, far_hub, open_prefs, this_proxy, warnings  # noqa: F401
from whitephone.core import http_proxy

WAIT = 20000


@pytest.fixture
def proxy6(tmp_path):
    p = Tinyproxy(tmp_path, allow_port=None, host="::1", allow="::1")  # an IPv6-only proxy address
    yield p
    p.stop()


def test_an_ipv6_proxy_address_that_preferences_accepts_works(qtbot, app, far_hub, proxy6, warnings):  # noqa: F811
    """"[::1]:port" is accepted, tested through the proxy, saved, and what every connection gets
    from it (setting_for: http://[::1]:port, brackets kept) is a proxy URL every part parses."""
    app.session.login(far_hub.base, "bob@example.com", PASSWORD)
    dlg = open_prefs(qtbot, app)
    page = dlg.network
    this_proxy(page, f"[::1]:{proxy6.port}")
    qtbot.mouseClick(page.proxy_test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.proxy_test.isEnabled(), timeout=WAIT)
    said = page.proxy_result.text()
    dlg.accept()
    assert not warnings  # saved without complaint ...
    assert said.startswith("It works:") and f"[::1]:{proxy6.port}" in said, said  # ... and it works
    assert "CONNECT 127.0.0.2" in proxy6.log()
    # and what every connection gets from the saved setting is an HTTP proxy URL
    from whitephone.net.proxy import ProxyURL
    setting = http_proxy.setting(app.profile)
    assert setting == f"http://[::1]:{proxy6.port}" and ProxyURL.parse(setting) == ProxyURL("::1", proxy6.port)


def test_a_proxy_setting_no_part_can_use_is_named_as_such(qtbot, app):  # noqa: F811
    """A setting the connections refuse (here one reached over TLS) is "cannot be used", never
    "no proxy is used for it", and the sentence names Preferences → Network, not tls.proxy."""
    from whitephone import nettest

    check = nettest.proxy_check("https://proxy.example.com:443", hub="https://hub.example.com")
    assert check.unusable and not check.ok and "tls.proxy" not in check.detail, check
    dlg = open_prefs(qtbot, app)
    dlg.network._tested(check)
    said = dlg.network.proxy_result.text()
    assert said.startswith("The proxy setting cannot be used:") and "Preferences → Network" in said, said
    assert "no proxy is used" not in said
    registrar = nettest.proxy_check("https://proxy.example.com:443", registrar="sip:pbx.example.com")
    assert registrar.unusable and not registrar.ok, registrar


def test_test_against_a_silent_proxy_keeps_the_window_alive_and_closing_is_quick(qtbot, app, far_hub):  # noqa: F811
    """A proxy that accepts and never answers: the Test runs off the main thread (timers keep
    firing), the dialog closes at once while it runs, the worker is let go and its thread ends on
    the test's own time-out, its result dropped with no error on the closed dialog."""
    from PySide6.QtCore import QTimer

    app.session.login(far_hub.base, "bob@example.com", PASSWORD)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # accepted by the kernel, never answered
    try:
        dlg = open_prefs(qtbot, app)
        page = dlg.network
        this_proxy(page, f"127.0.0.1:{silent.getsockname()[1]}")
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start(50)
        qtbot.mouseClick(page.proxy_test, Qt.MouseButton.LeftButton)
        assert not page.proxy_test.isEnabled() and page.proxy_result.text() == "Testing…"
        qtbot.wait(1500)
        assert len(ticks) >= 15  # the main thread was never held
        thread = page.worker._thread
        start = time.monotonic()
        dlg.reject()
        assert time.monotonic() - start < 1.0 and not dlg.isVisible()
        assert page.worker is None  # the page holds no worker any more
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=WAIT)  # the test ended on its own time-out
        qtbot.wait(200)  # its (dropped) result: no error on the closed dialog
        assert page.proxy_result.text() == "Testing…"  # the dropped result was not shown
        timer.stop()
    finally:
        silent.close()
