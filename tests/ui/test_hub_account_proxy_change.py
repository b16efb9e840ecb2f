"""The hub's SIP account (team_window.send_hub_account) sent again after a proxy change, with a
call up by the time its credentials arrive: the account is not removed under the call (that would
end it); it is sent again once the last call ends. A real engine, a real hub, a colleague's real
agent that rings."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.sync.conftest import PASSWORD, Client
from tests.ui.test_team import company, fill_company, hub, sign_in_window, win  # noqa: F401 - fixtures
from whitephone.core import http_proxy
from whitephone.ui.team_window import HUB_ACCOUNT


def test_the_hub_account_is_not_removed_under_a_call(qtbot, win, app, hub, company, tmp_path):  # noqa: F811
    from tests.sip.agents import AgentProcess

    win.start_engine(["--listen", "127.0.0.1:0"])
    qtbot.waitUntil(lambda: win.calls.ready is not None, timeout=15000)
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=15000)
    bob_id = company["bob"]["id"]
    bob = Client(tmp_path / "bob")
    sent: list[tuple[str, object]] = []
    real_send = win.calls.send

    def spy(cmd: str, **params):
        sent.append((cmd, params.get("id")))
        return real_send(cmd, **params)

    try:
        with AgentProcess() as agent:  # Bob's phone: rings, never answers
            bob.session.login(hub.base, "bob@example.com", PASSWORD)
            bob.engine.set_sip_contact(agent.uri)
            bob.engine.start(sync=False)
            monitor = win.team.monitor
            qtbot.waitUntil(lambda: monitor.item_for(bob_id) is not None
                            and monitor.item_for(bob_id).data(1, Qt.ItemDataRole.UserRole) == "online",
                            timeout=15000)
            qtbot.waitUntil(lambda: win.team.hub_account_sent, timeout=10000)
            rect = monitor.tree.visualItemRect(monitor.item_for(bob_id))
            qtbot.mouseClick(monitor.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.mouseDClick(monitor.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.waitUntil(lambda: bool(win.calls.windows), timeout=15000)
            agent.wait_for("incoming")
            win.calls.send = spy
            # the proxy changed (to "No proxy"); its credentials come back with the call up, as when
            # the call began after apply_proxy looked and before the hub answered
            http_proxy.save(app.profile, http_proxy.HttpProxy("none"), None)
            win.team.send_hub_account()
            qtbot.waitUntil(lambda: win.calls.proxy_pending, timeout=10000)
            qtbot.wait(300)
            assert ("account_remove", HUB_ACCOUNT) not in sent and ("account", HUB_ACCOUNT) not in sent, sent
            assert win.calls.windows  # the call is still up
            window = next(iter(win.calls.windows.values()))
            qtbot.mouseClick(window.hangup_btn, Qt.MouseButton.LeftButton)
            agent.wait_for("ended")
            # the last call ended: the account is sent again, the new way
            qtbot.waitUntil(lambda: ("account", HUB_ACCOUNT) in sent, timeout=15000)
            assert sent.index(("account_remove", HUB_ACCOUNT)) < sent.index(("account", HUB_ACCOUNT))
            assert not win.calls.proxy_pending
    finally:
        win.calls.send = real_send
        bob.close()
