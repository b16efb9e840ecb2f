"""Break-it review: the window's account status (ui/account_status.py) for a proxy refusal. The
feature's refusals are in words (docs/cli.md: the user name or password refused, naming the
scheme; a scheme WhitePhone cannot do; nothing to log in with; pyspnego missing), but the window
maps every tls_error of kind `proxy` to one fixed phrase and drops the reason: a user with a
wrong proxy password and one whose proxy wants Digest see the same 'HTTP proxy refused the
connection', with no tooltip either."""

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
