"""Break-it review, the window's side: a colleague called on the company account (transport
"auto") while its ladder still climbs. Real hub, real engine process, the window offscreen; the
company registrar is a SIP agent behind a UDP relay that lets nothing through until opened."""

from __future__ import annotations

import os
import time

import pytest

from tests.review.reach.relay import HeldRelay
from tests.sip.agents import AgentProcess
from tests.sync.conftest import PASSWORD
from tests.ui.conftest import app  # noqa: F401 - fixture
from tests.ui.test_team import company, fill_company, hub, sign_in_window, win  # noqa: F401 - fixtures
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


@HUB
def test_a_call_waiting_for_the_ladder_shows_at_once_and_can_be_hung_up(qtbot, win, app, hub, company, held):  # noqa: F811
    """The user calls a colleague while the company account climbs: nothing at all appears (no
    call window, no "Calling…", no Hang up), so the user cannot cancel; when the server becomes
    reachable the colleague's phone rings out of the blue."""
    relay, registrar = held
    signed_in_calling_bob(qtbot, win, company, hub)
    qtbot.wait(2000)
    shown = dict(win.calls.windows)
    relay.open()
    try:
        registrar.wait_for("incoming", timeout=10)
        rang = True
    except AssertionError:
        rang = False
    assert shown, ("2 s after Call nothing shows the call (no window to hang it up)"
                   + ("; the colleague's phone then rang anyway once the server answered" if rang else ""))


@HUB
def test_signing_out_while_the_company_account_climbs_places_no_call(qtbot, win, app, hub, company, held):  # noqa: F811
    """Signed out while a colleague's call waits for the company account's ladder: the call must
    not go out afterwards as the signed-out user."""
    relay, registrar = held
    signed_in_calling_bob(qtbot, win, company, hub)
    win.team.sign_out()
    qtbot.waitUntil(lambda: not app.session.signed_in, timeout=15000)
    qtbot.wait(500)
    relay.open()
    try:
        incoming = registrar.wait_for("incoming", timeout=10)
    except AssertionError:
        incoming = None
    registers = [p.split(b"\r\n", 1)[0] for p in relay.forwarded if p.startswith(b"REGISTER")]
    assert incoming is None, (f"signed out, then the colleague rang anyway from {incoming['remote_uri']}; "
                              f"the company account registered after sign-out too: {registers[:2]}")
