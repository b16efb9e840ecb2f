"""A colleague called on the company account (transport "auto") while its ladder still climbs:
the call window shows at once ("Connecting…"), Hang up cancels it, a second Call brings the same
window up, and sign-out ends it. Real hub, real engine process, the window offscreen; the company
registrar is a SIP agent behind a UDP relay that lets nothing through until opened."""

from __future__ import annotations

import pytest

from tests.sip.agents import AgentProcess
from tests.sip.held_relay import HeldRelay
from tests.sync.conftest import PASSWORD
from tests.ui.conftest import app  # noqa: F401 - fixture
from tests.ui.test_team import company, fill_company, hub, sign_in_window, win  # noqa: F401 - fixtures
from whitephone.core.calls import CallLogFilter
from whitephone.sync.embedded_hub import free_port

REGISTRAR_PORT = free_port()
DOMAIN = f"127.0.0.1:{REGISTRAR_PORT}"
HUB = pytest.mark.parametrize("hub", [{"sip_domain": DOMAIN}], indirect=True)


@pytest.fixture
def held(monkeypatch):
    for var in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"):
        monkeypatch.delenv(var, raising=False)
    with AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as registrar:
        relay = HeldRelay(("127.0.0.1", int(registrar.ready["port"])), REGISTRAR_PORT)
        try:
            yield relay, registrar
        finally:
            relay.close()


def signed_in_calling_bob(qtbot, win, company, hub):  # noqa: F811
    # a long probe time-out: the ladder's UDP rung keeps trying (every 0.5 s) while the relay is shut
    win.confirm_quit_during_calls = lambda: True  # teardown: no modal "end the calls?" question
    win.start_engine(["--listen", "127.0.0.1:0", "--probe-timeout", "25"])
    qtbot.waitUntil(lambda: win.calls.ready is not None, timeout=15000)
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: win.team.hub_account_sent, timeout=15000)
    bob_id = company["bob"]["id"]
    qtbot.waitUntil(lambda: any(e.user_id == bob_id for e in win.team.team.roster()), timeout=15000)
    win.team.call_person(bob_id)  # the company account is still climbing: the call waits
    return bob_id


def waiting_window(qtbot, win):  # noqa: F811
    qtbot.waitUntil(lambda: len(win.calls.windows) == 1, timeout=5000)
    (hid, w), = win.calls.windows.items()
    return hid, w


def incoming_calls(registrar) -> list[dict]:
    return [e for e in registrar.events if e.get("event") == "incoming"]


@HUB
def test_a_call_waiting_for_the_ladder_shows_at_once_and_goes_out_in_its_window(qtbot, win, app, hub, company, held):  # noqa: F811
    """The user calls a colleague while the company account climbs: the call window is there at
    once ("Connecting…", only Hang up works); a second Call brings it up instead of a second call;
    once the server answers the call goes out in that same window and its call-log row."""
    relay, registrar = held
    bob_id = signed_in_calling_bob(qtbot, win, company, hub)
    hid, w = waiting_window(qtbot, win)
    assert hid < 0 and w.state.text() == "Connecting…", (hid, w.state.text())
    assert w.hangup_btn.isEnabled() and not w.hold_btn.isEnabled() and not w.keys["1"].isEnabled()
    assert w.notice.text().startswith("Waiting for the network"), w.notice.text()
    row = win.calls.entries[hid]
    win.team.call_person(bob_id)  # the user clicks Call again
    qtbot.wait(500)
    assert list(win.calls.windows) == [hid] and not win.calls.dialling, win.calls.windows
    relay.open()
    registrar.wait_for("incoming", timeout=15)
    qtbot.waitUntil(lambda: w.call_id >= 0, timeout=10000)
    assert win.calls.windows == {w.call_id: w} and win.calls.entries[w.call_id] is row
    assert w.hold_btn.isEnabled() and not win.calls.waiting
    qtbot.wait(1000)
    assert len(incoming_calls(registrar)) == 1, incoming_calls(registrar)
    w.hang_up()
    qtbot.waitUntil(lambda: w.ended, timeout=10000)


@HUB
def test_hang_up_while_the_call_waits_cancels_it_for_good(qtbot, win, app, hub, company, held):  # noqa: F811
    """Hang up on "Connecting…": the call ends at once, its call-log row says cancelled, and it
    never goes out once the server answers."""
    relay, registrar = held
    signed_in_calling_bob(qtbot, win, company, hub)
    hid, w = waiting_window(qtbot, win)
    uid = win.calls.entries[hid].uid
    w.hang_up()
    qtbot.waitUntil(lambda: w.ended, timeout=5000)
    assert not win.calls.windows and not win.calls.waiting and not win.calls.entries
    relay.open()
    qtbot.waitUntil(lambda: any(p.startswith(b"REGISTER") for p in relay.forwarded), timeout=30000)
    qtbot.wait(2000)
    assert not incoming_calls(registrar), incoming_calls(registrar)
    row = next(r for r in app.store.calls.list(CallLogFilter(limit=5)) if r.uid == uid)
    assert row.result == "cancelled", row


@HUB
def test_signing_out_while_the_company_account_climbs_places_no_call(qtbot, win, app, hub, company, held):  # noqa: F811
    """Signed out while a colleague's call waits for the company account's ladder: the company
    account is removed, the waiting call ends saying why, and nothing goes out afterwards as the
    signed-out user (no call, no registration)."""
    relay, registrar = held
    signed_in_calling_bob(qtbot, win, company, hub)
    hid, w = waiting_window(qtbot, win)
    win.team._sign_out_anyway = lambda waiting: True  # the call's log row may not have reached the hub yet
    win.team.sign_out()
    qtbot.waitUntil(lambda: not app.session.signed_in, timeout=15000)
    qtbot.waitUntil(lambda: w.ended, timeout=5000)
    assert "the account was removed before its server was reached" in w.notice.text(), w.notice.text()
    assert not win.team.hub_account_sent
    relay.open()
    qtbot.wait(3000)
    registers = [p.split(b"\r\n", 1)[0] for p in relay.forwarded if p.startswith(b"REGISTER")]
    assert not incoming_calls(registrar) and not registers, (incoming_calls(registrar), registers)
