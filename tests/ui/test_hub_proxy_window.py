"""The window behind an HTTP proxy that wants NTLM (tests/net/authproxy.py): a refused proxy
password reads as a sentence in the sign-in window, the right one signs in (the profile's proxy
setting is read per connection, no restart), a proxy gone turns the status to Offline with the
proxy named, and a start-up whose proxy refuses works offline and says why in the status bar."""

from __future__ import annotations

import html

from tests.net.authproxy import AuthProxy
from tests.sync.conftest import PASSWORD
from tests.ui import proxy_hub
from tests.ui.test_team import fill_company, sign_in_window
from whitephone.core.accounts import TLS_SETTINGS_KEY
from whitephone.core.contact import ContactData
from whitephone.net.proxy import ProxyURL

environment, far_hub = proxy_hub.environment, proxy_hub.far_hub  # the fixtures of these tests
WAIT = 15000




def test_the_window_signs_in_through_an_ntlm_proxy_and_says_what_it_refused(qtbot, tmp_path, far_hub):
    from whitephone.app import App
    from whitephone.ui.main_window import MainWindow

    with AuthProxy(tmp_path / "proxy", ["NTLM"], {"alice": "s3cret-Pa55"}) as proxy:
        def use_proxy(app, password: str) -> None:
            app.profile.set(TLS_SETTINGS_KEY, {"proxy": ProxyURL("127.0.0.1", proxy.port, "alice", password).url})

        app = App.open(tmp_path / "profile")
        use_proxy(app, "wrong")
        win = MainWindow(app)
        qtbot.addWidget(win)
        win.show()
        dlg = sign_in_window(qtbot, win)
        fill_company(qtbot, dlg, far_hub.base, "bob@example.com", PASSWORD)
        qtbot.waitUntil(lambda: dlg.sign_in_btn.isEnabled() and "Signing in" not in dlg.message.text()
                        and bool(dlg.message.text()), timeout=WAIT)
        text = html.unescape(dlg.message.text())
        assert "through the proxy" in text and "refused the user name or password of alice (NTLM" in text
        assert "Check the HTTP proxy's address, user name and password" in text
        assert not app.session.signed_in

        use_proxy(app, "s3cret-Pa55")  # corrected: the next connection uses it
        dlg.show_page(0)
        fill_company(qtbot, dlg, far_hub.base, "bob@example.com", PASSWORD)
        qtbot.waitUntil(lambda: "Online" in win.team.status.text(), timeout=WAIT)
        assert "Proxy-Authorization: NTLM " in proxy.log()
        qtbot.waitUntil(lambda: app.sync.wait_connected(0.01), timeout=WAIT)  # the WebSocket too

        proxy.stop()  # the proxy is gone: the hub with it
        app.contacts.add(ContactData(given_name="Behind", family_name="Proxy"))
        qtbot.waitUntil(lambda: "Offline" in win.team.status.text(), timeout=WAIT)
        # (the connection the proxy held may first break as "did not answer"; the retry names the proxy)
        qtbot.waitUntil(lambda: "through the proxy: cannot reach the HTTP proxy" in (app.sync.status().last_error
                                                                                      or ""), timeout=WAIT)
        win.shutdown()
        app.close()

    # started again behind a proxy that refuses the password: offline, and the status bar says why
    with AuthProxy(tmp_path / "proxy2", ["NTLM"], {"alice": "s3cret-Pa55"}) as proxy:
        app = App.open(tmp_path / "profile")
        use_proxy(app, "wrong")
        win = MainWindow(app)
        qtbot.addWidget(win)
        win.show()
        win.team.start()
        qtbot.waitUntil(lambda: "Working offline" in win.statusBar().currentMessage(), timeout=WAIT)
        message = win.statusBar().currentMessage()
        assert "refused the user name or password of alice (NTLM authentication)" in message
        assert "WhitePhone keeps trying" in message
        win.shutdown()
        app.close()
