"""The window's account status (ui/account_status.py) for a proxy refusal: the engine's words
(the user name or password refused, naming the scheme; a scheme WhitePhone cannot do; nothing to
log in with; pyspnego missing) are shown in the account's tooltip under a translated frame, and a
proxy that was sent the password with Basic is marked with a warning."""

from __future__ import annotations

import pytest

from whitephone.core.accounts import SipAccount
from whitephone.ui.account_status import AccountStatus

REASONS = {
    "password": "the HTTP proxy http://carol@proxy.corp:3128 refused the user name or password of carol "
                "(NTLM authentication) (to sip.example.com:5061)",
    "Digest": "the HTTP proxy http://carol@proxy.corp:3128 asks for Digest authentication, which WhitePhone "
              "cannot do (it can do Negotiate, NTLM and Basic) (to sip.example.com:5061)",
}


@pytest.mark.parametrize("word", sorted(REASONS))
def test_the_window_says_why_the_proxy_refused(qtbot, word):
    st = AccountStatus()
    qtbot.addWidget(st)
    st.set_accounts([SipAccount(id="s", uri="sip:s@example.com", registrar="sips:sip.example.com", transport="tls")],
                    "udp")
    st.on_event({"event": "tls_error", "kind": "proxy", "reason": REASONS[word], "server": "sip.example.com:5061",
                 "rung": "tls-proxy", "proxy": "http://carol@proxy.corp:3128"})
    shown = st.state_text("s") + " " + st.labels["s"].text() + " " + st.labels["s"].toolTip()
    assert word in shown, f"the window shows only {st.state_text('s')!r}"


def test_a_password_sent_in_clear_to_the_proxy_marks_the_tls_accounts(qtbot):
    st = AccountStatus()
    qtbot.addWidget(st)
    st.set_accounts([SipAccount(id="s", uri="sip:s@example.com", registrar="sips:sip.example.com", transport="tls"),
                     SipAccount(id="u", uri="sip:u@example.com", registrar="sip:sip.example.com", transport="udp")],
                    "udp")
    st.on_event({"event": "registered", "account": "s", "expires": 300})
    st.on_event({"event": "proxy_warning", "kind": "basic_in_clear", "proxy": "http://carol@proxy.corp:3128",
                 "reason": "your proxy password crossed the network unencrypted (Basic authentication): …"})
    assert st.labels["s"].text().endswith("⚠")
    assert "unencrypted" in st.labels["s"].toolTip() and "http://carol@proxy.corp:3128" in st.labels["s"].toolTip()
    assert st.state_text("s") == "registered"
    assert "⚠" not in st.labels["u"].text() and "unencrypted" not in st.labels["u"].toolTip()


def test_a_hostile_proxy_status_line_is_shown_as_text(qtbot):
    st = AccountStatus()
    qtbot.addWidget(st)
    st.set_accounts([SipAccount(id="s", uri="sip:s@example.com", registrar="sips:sip.example.com", transport="tls")],
                    "udp")
    st.on_event({"event": "tls_error", "kind": "proxy", "server": "sip.example.com:5061",
                 "reason": "the proxy refused the tunnel: HTTP/1.1 500 <img src='file:///etc/passwd'><b>x</b>"})
    tip = st.labels["s"].toolTip()
    assert "&lt;img" in tip and "<img" not in tip
