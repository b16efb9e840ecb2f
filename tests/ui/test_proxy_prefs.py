"""Preferences → Network → HTTP proxy, the real dialog offscreen on a real profile (the test keyring
file): the password in the keyring and never in settings.json, a bad address keeps the dialog open
with the reason, Test against a real hub behind an NTLM proxy (tests/net/authproxy.py) with the
right and a wrong password, and the window signing in to a real hub through the proxy set here;
"No proxy" then goes direct although the system names a proxy."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from tests.net.authproxy import AuthProxy
from tests.sync.conftest import PASSWORD
from tests.ui import proxy_hub
from tests.ui.test_team import fill_company, sign_in_window
from whitephone.core import http_proxy
from whitephone.core.contact import ContactData
from whitephone.net.proxy_choice import NO_PROXY
from whitephone.profile import Profile
from whitephone.ui.dialogs import preferences
from whitephone.ui.dialogs.preferences import PreferencesDialog

environment, far_hub = proxy_hub.environment, proxy_hub.far_hub  # the fixtures of these tests
WAIT = 15000
PROXY_PASSWORD = "s3cret-Pa55"




@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(preferences.QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    return said


def open_prefs(qtbot, app, parent=None) -> PreferencesDialog:
    dlg = PreferencesDialog(app, parent)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.tabs.setCurrentWidget(dlg.network)
    return dlg


def this_proxy(page, address: str, user: str = "", password: str = "") -> None:
    page.proxy_manual.click()
    page.proxy_address.setText(address)
    page.proxy_user.setText(user)
    page.proxy_password.setText(password)


def test_the_proxy_is_saved_with_its_password_in_the_keyring_only(qtbot, app, warnings):
    dlg = open_prefs(qtbot, app)
    page = dlg.network
    assert page.proxy_system.isChecked() and not page.proxy_address.isEnabled()
    this_proxy(page, "http://proxy.example.com:3128", "CORP\\alice", PROXY_PASSWORD)
    assert page.proxy_address.isEnabled() and page.proxy_password.isEnabled()
    dlg.accept()
    assert not warnings and dlg.result() == PreferencesDialog.DialogCode.Accepted
    text = app.profile.settings_path.read_text("utf-8")
    assert PROXY_PASSWORD not in text
    assert json.loads(text)["http_proxy"] == {"mode": "manual", "address": "proxy.example.com:3128",
                                              "user": "CORP\\alice"}
    assert Profile.open(app.profile.root).get_secret(http_proxy.PASSWORD_SECRET) == PROXY_PASSWORD

    dlg = open_prefs(qtbot, app)  # opened again: what was saved, the password not shown
    page = dlg.network
    assert page.proxy_manual.isChecked() and page.proxy_address.text() == "proxy.example.com:3128"
    assert page.proxy_user.text() == "CORP\\alice" and page.proxy_password.text() == ""
    assert "unchanged" in page.proxy_password.placeholderText()
    dlg.accept()  # nothing typed: the password stays
    assert app.profile.get_secret(http_proxy.PASSWORD_SECRET) == PROXY_PASSWORD

    dlg = open_prefs(qtbot, app)
    this_proxy(dlg.network, "proxy.example.com")  # no port
    dlg.accept()
    assert dlg.isVisible() and dlg.tabs.currentWidget() is dlg.network
    assert warnings == ["“proxy.example.com” has no port: write it as host:port, such as proxy.example.com:3128."]
    assert http_proxy.load(app.profile).address == "proxy.example.com:3128"  # nothing saved
    dlg.network.proxy_address.setText("alice:pw@proxy.example.com:3128")
    dlg.accept()
    assert "the user name and password have their own fields" in warnings[-1] and dlg.isVisible()
    dlg.network.proxy_none.click()  # the address no longer matters
    dlg.accept()
    assert not dlg.isVisible() and len(warnings) == 2
    assert http_proxy.setting(app.profile) == NO_PROXY
    assert app.profile.get_secret(http_proxy.PASSWORD_SECRET) == PROXY_PASSWORD  # kept for "This proxy" again

    dlg = open_prefs(qtbot, app)  # a user name removed: its password goes from the keyring
    this_proxy(dlg.network, "proxy.example.com:3128")
    dlg.accept()
    assert app.profile.get_secret(http_proxy.PASSWORD_SECRET) is None
    assert http_proxy.setting(app.profile) == "http://proxy.example.com:3128"


def test_test_says_what_happened_through_an_ntlm_proxy(qtbot, app, far_hub, tmp_path, monkeypatch):
    app.session.login(far_hub.base, "bob@example.com", PASSWORD)
    with AuthProxy(tmp_path / "proxy", ["NTLM"], {"alice": PROXY_PASSWORD}) as proxy:
        dlg = open_prefs(qtbot, app)
        page = dlg.network

        def test() -> str:
            qtbot.mouseClick(page.proxy_test, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: page.proxy_test.isEnabled(), timeout=WAIT)
            return page.proxy_result.text()

        this_proxy(page, f"127.0.0.1:{proxy.port}", "alice", "wrong")
        said = test()
        assert said.startswith(f"{far_hub.base} could not be reached through the proxy http://alice@127.0.0.1:"
                               f"{proxy.port}: ")
        assert "refused the user name or password of alice (NTLM" in said and "wrong" not in said

        page.proxy_password.setText(PROXY_PASSWORD)
        said = test()
        assert said == (f"It works: {far_hub.base} answered through the proxy http://alice@127.0.0.1:{proxy.port} "
                        f"(the hub answered HTTP 200).")
        assert "Proxy-Authorization: NTLM " in proxy.log()
        assert "http_proxy" not in json.loads(app.profile.settings_path.read_text("utf-8"))  # tested, not saved

        dlg.accept()  # saved: the Test of a later visit reads the password from the keyring
        # `whitephone nettest` reads it too (the keyring file of this test: XDG_DATA_HOME)
        out = subprocess.run([sys.executable, "-m", "whitephone", "nettest", "--server", far_hub.base,
                              "--turn", "turn:127.0.0.1:9"], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "WHITEPHONE_PROFILE": str(app.profile.root)})
        hub_rung = next(r for r in json.loads(out.stdout)["rungs"] if r["rung"] == "hub-http")
        assert hub_rung["ok"] and hub_rung["detail"].endswith(f"through http://alice@127.0.0.1:{proxy.port}"), out
        dlg = open_prefs(qtbot, app)
        page = dlg.network
        assert test().startswith("It works:")

        monkeypatch.setenv("https_proxy", proxy.url)  # the system's proxy (no credentials: refused) ...
        page.proxy_none.click()
        said = test()  # ... is not used with "No proxy"
        assert said == f"No proxy is used for {far_hub.base}, and it answered directly (the hub answered HTTP 200)."
        page.proxy_system.click()
        said = test()
        assert said.startswith(f"{far_hub.base} could not be reached through the proxy http://127.0.0.1:{proxy.port}")

        proxy.stop()
        page.proxy_manual.click()
        said = test()
        assert said.startswith(f"{far_hub.base} could not be reached through the proxy") and \
            "cannot reach the HTTP proxy" in said


def test_test_without_a_hub_or_account_says_so(qtbot, app):
    dlg = open_prefs(qtbot, app)
    this_proxy(dlg.network, "127.0.0.1:9")
    qtbot.mouseClick(dlg.network.proxy_test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.network.proxy_test.isEnabled(), timeout=WAIT)
    assert dlg.network.proxy_result.text().startswith("There is nothing to reach yet: sign in to a hub")
    dlg.network.proxy_address.setText("")
    qtbot.mouseClick(dlg.network.proxy_test, Qt.MouseButton.LeftButton)
    assert dlg.network.proxy_result.text() == "Give the proxy's address, such as proxy.example.com:3128."


def test_the_window_signs_in_through_the_proxy_set_in_preferences(qtbot, tmp_path, far_hub, monkeypatch, warnings):
    from whitephone.app import App
    from whitephone.ui.main_window import MainWindow

    with AuthProxy(tmp_path / "proxy", ["NTLM"], {"alice": PROXY_PASSWORD}) as proxy:
        app = App.open(tmp_path / "profile")
        win = MainWindow(app)
        qtbot.addWidget(win)
        win.show()
        dlg = open_prefs(qtbot, app, win)
        this_proxy(dlg.network, proxy.url, "alice", PROXY_PASSWORD)
        dlg.accept()
        assert not warnings

        sign = sign_in_window(qtbot, win)
        fill_company(qtbot, sign, far_hub.base, "bob@example.com", PASSWORD)
        qtbot.waitUntil(lambda: "Online" in win.team.status.text(), timeout=WAIT)
        qtbot.waitUntil(lambda: app.sync.wait_connected(0.01), timeout=WAIT)  # the WebSocket too
        assert "Proxy-Authorization: NTLM " in proxy.log()
        assert PROXY_PASSWORD not in app.profile.settings_path.read_text("utf-8")

        # "No proxy", without a restart, while the system names this proxy: new connections go direct
        monkeypatch.setenv("https_proxy", proxy.url)
        dlg = open_prefs(qtbot, app, win)
        dlg.network.proxy_none.click()
        dlg.accept()
        proxy.stop()  # the tunnels it held break: the hub is reached again, directly
        app.contacts.add(ContactData(given_name="Direct", family_name="Again"))
        qtbot.waitUntil(lambda: app.session.waiting_changes() == 0, timeout=WAIT)
        qtbot.waitUntil(lambda: app.sync.wait_connected(0.01), timeout=WAIT)
        qtbot.waitUntil(lambda: "Online" in win.team.status.text(), timeout=WAIT)
        assert http_proxy.load(app.profile).mode == "none"  # the address and user kept for later
        win.shutdown()
        app.close()
