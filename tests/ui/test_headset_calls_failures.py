"""Headset buttons in awkward moments (from the break-it review) on the real window, its real
engine and a real `whitephone agent` calling in; the headset is the hidapi stand-in (no USB here)."""

from __future__ import annotations

import pytest

from tests.desktop.session_bus import NotificationServer, notification_server, session_bus  # noqa: F401
from tests.headset.fake_hid import JABRA_LIKE, FakeHeadset
from tests.sip.agents import AgentProcess
from tests.ui.test_headset_calls import MUTE, OFF_HOOK, RING, leds, plug
from tests.ui.test_notification_actions import desktop_phone, ring_from  # noqa: F401

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def test_hook_lifted_with_nothing_ringing_then_mute_does_not_answer_the_next_call(qtbot, phone):
    """The user takes the headset's hook up with no call (nothing happens), and keeps it up. A
    call rings; the user presses Mute. A Jabra sends the hook's state in every telephony report,
    so the report is Hook=1 + Mute=1: the hook did not move (the Off-Hook LED written meanwhile is
    not the hook read), so the call still rings."""
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    plug(qtbot, phone, jabra)
    jabra.press(b"\x02\x01")  # hook up, nothing rings
    qtbot.wait(500)
    ctl = phone.calls
    assert not ctl.windows and not ctl.incoming
    with AgentProcess("--account", "sip:peer@127.0.0.1", ipc=True) as peer:
        peer.send(cmd="call", uri=f"sip:me@{ctl.ready['address']}")
        peer.wait_for("calling")
        qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=10000)
        call_id = next(iter(ctl.incoming))
        qtbot.waitUntil(lambda: leds(jabra) == RING, timeout=5000)
        jabra.press(b"\x02\x05", b"\x02\x01")  # Mute pressed and released; the hook still up
        qtbot.wait(1500)
        assert call_id in ctl.incoming, "pressing Mute answered the ringing call"


def test_engine_crash_during_a_muted_call_puts_the_headset_lights_out(qtbot, phone):
    """Mute LED on in a call; the engine process is killed: the engine
    is restarted and the headset's Off-Hook and Mute lights go out."""
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    plug(qtbot, phone, jabra)
    ctl = phone.calls
    with AgentProcess("--call", f"sip:me@{ctl.ready['address']}", ipc=True) as peer:
        qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=10000)
        call_id = next(iter(ctl.incoming))
        jabra.press(b"\x02\x01")
        qtbot.waitUntil(lambda: call_id not in ctl.incoming, timeout=5000)  # (the main thread handles it)
        peer.wait_for("state", state="confirmed")
        window = ctl.windows[call_id]
        qtbot.waitUntil(lambda: window.answered_at is not None, timeout=5000)
        jabra.press(b"\x02\x05", b"\x02\x01")
        qtbot.waitUntil(lambda: leds(jabra) == OFF_HOOK | MUTE, timeout=5000)
        ctl.bridge.client.proc.kill()
        qtbot.waitUntil(lambda: ctl.engine_died_message is not None, timeout=10000)
        qtbot.waitUntil(lambda: leds(jabra) == 0, timeout=5000)
        ctl.engine_died_message.close()
        qtbot.waitUntil(lambda: ctl.ready is not None, timeout=15000)


def test_headset_and_notification_answer_at_once_answer_once(qtbot, desktop_phone, notification_server):  # noqa: F811
    """The hook is lifted and the notification's Answer clicked in the
    same moment: one 'answer' command reaches the engine."""
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    plug(qtbot, desktop_phone, jabra)
    ctl = desktop_phone.calls
    sent = []
    real_send = ctl.send
    ctl.send = lambda cmd, **kw: (sent.append((cmd, kw)), real_send(cmd, **kw))[1]
    try:
        with AgentProcess("--account", "sip:+442079460018@127.0.0.1", ipc=True) as peer:
            ring_from(peer, ctl, qtbot)
            call_id = next(iter(ctl.incoming))
            (nid, _n), = notification_server.wait_shown(1).items()
            notification_server.click(nid, "answer")
            jabra.press(b"\x02\x01")
            qtbot.waitUntil(lambda: call_id not in ctl.incoming, timeout=5000)
            qtbot.wait(1000)  # both the action and the hook handled
            peer.wait_for("state", state="confirmed")
            assert [c for c in sent if c[0] == "answer"] == [("answer", {"call": call_id})]
    finally:
        ctl.send = real_send
