"""The engine behind the proxy of Preferences → Network: a TLS account registers with Kamailio
(behind a TLS terminator) through an NTLM proxy (tests/net/authproxy.py) whose user name and
password the window sends over IPC (never on the engine's command line or in its environment);
"No proxy" set in Preferences during a call re-registers it directly once the call ends, without
restarting the engine."""

from __future__ import annotations

import pytest

from tests.net.authproxy import AuthProxy
from tests.sip.agents import AgentProcess
from tests.sip.test_kamailio import USERS
from tests.sip.test_reach import needs_kamailio, tls_kamailio
from tests.sip.tlspeer import CertAuthority, TlsTerminator
from tests.ui.test_proxy_prefs import environment, open_prefs, this_proxy, warnings  # noqa: F401 - fixtures
from whitephone.core.accounts import TLS_SETTINGS_KEY, SipAccount, password_secret, save_accounts
from whitephone.ui.main_window import MainWindow

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]

PROXY_PASSWORD = "Pr0xy-Secret"


@needs_kamailio
def test_a_tls_account_registers_through_the_preferences_proxy_then_directly(qtbot, app, tmp_path, warnings):  # noqa: F811
    (tmp_path / "pki").mkdir()
    ca = CertAuthority(tmp_path / "pki")
    term = TlsTerminator(*ca.server("pbx"), 0)
    k = tls_kamailio(tmp_path, term)
    try:
        with AuthProxy(tmp_path / "proxy", ["NTLM"], {"carol": PROXY_PASSWORD}) as proxy:
            acc = SipAccount(id="t", uri=k.uri("alice"), registrar=f"sips:127.0.0.1:{term.port}", user="alice",
                             transport="tls", default=True)
            save_accounts(app.profile, [acc])
            app.profile.set_secret(password_secret("t"), USERS["alice"])
            app.profile.set(TLS_SETTINGS_KEY, {"pins": [], "ca_file": str(ca.ca)})
            w = MainWindow(app)
            qtbot.addWidget(w)
            w.show()
            dlg = open_prefs(qtbot, app, w)
            this_proxy(dlg.network, proxy.url, "carol", PROXY_PASSWORD)
            dlg.accept()
            assert not warnings
            w.start_engine(["--listen", "127.0.0.1:0", "--transport", "udp", "--no-audio", "--ca-file", str(ca.ca)])
            asked = []
            w.calls.ask_to_pin = lambda parent, server, kind, sha: asked.append((server, kind)) or False
            try:
                qtbot.waitUntil(lambda: w.account_status.state_text("t") == "registered", timeout=40000)
                qtbot.waitUntil(lambda: "(TLS via proxy)" in w.account_status.labels["t"].text(), timeout=10000)
                log = proxy.log()
                assert not asked
                assert f"CONNECT 127.0.0.1:{term.port}" in log and "Proxy-Authorization: NTLM " in log
                client = w.calls.bridge.client
                assert PROXY_PASSWORD not in " ".join(client.args)
                assert PROXY_PASSWORD not in open(f"/proc/{client.proc.pid}/environ", "rb").read().decode(
                    errors="replace")
                assert PROXY_PASSWORD not in app.profile.settings_path.read_text("utf-8")
                connects = log.count("CONNECT ")

                pid = client.proc.pid
                ctl = w.calls
                with AgentProcess("--call", f"sip:me@{ctl.ready['address']}", "--no-audio", ipc=True) as peer:
                    qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=20000)  # a call is up (ringing)
                    dlg = open_prefs(qtbot, app, w)
                    dlg.network.proxy_none.click()
                    dlg.accept()
                    done = []
                    ctl.apply_accounts(then=lambda: done.append(True))  # as the window does after Preferences
                    qtbot.waitUntil(lambda: bool(done), timeout=10000)
                    # not re-registered under the call: once it ends
                    assert ctl.proxy_pending and ctl.accounts_sent["t"]["tls_proxy"].endswith(f"@127.0.0.1:{proxy.port}")
                    assert "(TLS via proxy)" in w.account_status.labels["t"].text()
                    peer.send(cmd="hangup", call=peer.wait_for("calling")["call"])
                    qtbot.waitUntil(lambda: not ctl.incoming, timeout=20000)
                # re-registered on the same engine, now straight to the server
                qtbot.waitUntil(lambda: w.account_status.labels["t"].text().endswith("(TLS)"), timeout=40000)
                assert not ctl.proxy_pending and ctl.accounts_sent["t"]["tls_proxy"] == "direct://"
                qtbot.waitUntil(lambda: w.account_status.state_text("t") == "registered", timeout=40000)
                assert client.proc.pid == pid and proxy.log().count("CONNECT ") == connects
            finally:
                w.calls.windows.clear()
                w.shutdown()
    finally:
        k.stop()
        term.close()
