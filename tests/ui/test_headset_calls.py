"""USB headset buttons and LEDs (ui/headset.py) on the window's real call controller and engine,
with a real `whitephone agent` calling in. The headset is the stand-in for hidapi
(tests/headset/fake_hid.py): there is no USB here."""

from __future__ import annotations

import pytest

from tests.headset.fake_hid import JABRA_LIKE, FakeHeadset, FakeHid
from tests.sip.agents import AgentProcess
from whitephone.ui.headset import HEADSET_DEVICE, USE_HEADSET

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]

RING, OFF_HOOK, MUTE = 0x04, 0x02, 0x01


def plug(qtbot, window, headset: FakeHeadset) -> FakeHid:
    hid = FakeHid()
    hid.headsets.append(headset)
    window.headset._hid, window.headset._poll = hid, 0.05
    window.headset.apply()
    assert headset.opened.wait(5)
    return hid


def leds(headset: FakeHeadset) -> int | None:
    return headset.written[-1][1] if headset.written else None


def test_hook_answers_mute_follows_the_engine_hook_down_hangs_up(qtbot, phone):
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    plug(qtbot, phone, jabra)
    qtbot.waitUntil(lambda: leds(jabra) == 0, timeout=5000)
    ctl = phone.calls
    with AgentProcess("--call", f"sip:me@{ctl.ready['address']}", ipc=True) as peer:
        qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=10000)
        (call_id, _ringing), = ctl.incoming.items()
        qtbot.waitUntil(lambda: leds(jabra) == RING, timeout=5000)  # the ring LED while it rings
        jabra.press(b"\x02\x01")  # the headset's call button: hook lifted
        qtbot.waitUntil(lambda: call_id not in ctl.incoming, timeout=5000)  # (the main thread handles it)
        peer.wait_for("state", state="confirmed")
        window = ctl.windows[call_id]
        qtbot.waitUntil(lambda: window.answered_at is not None, timeout=5000)
        qtbot.waitUntil(lambda: leds(jabra) == OFF_HOOK, timeout=5000)
        jabra.press(b"\x02\x05", b"\x02\x01")  # mute pressed and released
        qtbot.waitUntil(lambda: window.muted, timeout=5000)  # what the engine confirmed
        qtbot.waitUntil(lambda: leds(jabra) == OFF_HOOK | MUTE, timeout=5000)
        jabra.press(b"\x02\x05", b"\x02\x01")  # and again: unmuted
        qtbot.waitUntil(lambda: not window.muted, timeout=5000)
        qtbot.waitUntil(lambda: leds(jabra) == OFF_HOOK, timeout=5000)
        jabra.press(b"\x02\x00")  # hook down: hang up
        qtbot.waitUntil(lambda: call_id not in ctl.windows, timeout=5000)
        assert peer.wait_for("ended")["code"] == 200
        qtbot.waitUntil(lambda: not ctl.windows and leds(jabra) == 0, timeout=5000)


def test_hook_lifted_with_nothing_ringing_and_a_far_end_hang_up(qtbot, phone):
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    plug(qtbot, phone, jabra)
    jabra.press(b"\x02\x01")  # lifted with no call: nothing happens
    qtbot.wait(300)
    assert not phone.calls.windows and not phone.calls.incoming
    ctl = phone.calls
    with AgentProcess("--account", "sip:peer@127.0.0.1", ipc=True) as peer:
        for _ in range(2):
            peer.reset()
            peer.send(cmd="call", uri=f"sip:me@{ctl.ready['address']}")
            theirs = peer.wait_for("calling")["call"]
            qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=10000)
            call_id = next(iter(ctl.incoming))
            qtbot.waitUntil(lambda: leds(jabra) == RING, timeout=5000)
            # a Jabra's hook follows the host's Off-Hook LED: it sends "off hook" again for the
            # second call although it never sent "on hook" after the first one
            jabra.press(b"\x02\x01")
            qtbot.waitUntil(lambda c=call_id: c not in ctl.incoming, timeout=5000)
            peer.wait_for("state", state="confirmed")
            qtbot.waitUntil(lambda: leds(jabra) == OFF_HOOK, timeout=5000)
            peer.send(cmd="hangup", call=theirs)  # the far end hangs up
            peer.wait_for("ended")
            qtbot.waitUntil(lambda: not ctl.windows and leds(jabra) == 0, timeout=5000)  # the LED goes out


def test_turned_off_or_another_headset_chosen(qtbot, phone):
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    phone.app.profile.set(USE_HEADSET, False)
    hid = FakeHid()
    hid.headsets.append(jabra)
    phone.headset._hid, phone.headset._poll = hid, 0.05
    phone.headset.apply()
    assert phone.headset.worker is None and not jabra.opened.wait(0.3)
    phone.app.profile.set(USE_HEADSET, True)
    phone.app.profile.set(HEADSET_DEVICE, "047f:c056")  # a Poly that is not plugged in
    phone.headset.apply()
    qtbot.waitUntil(lambda: [d.key for d in phone.headset.devices] == ["0b0e:0305"], timeout=5000)
    assert not jabra.opened.is_set()
    phone.app.profile.set(HEADSET_DEVICE, "0b0e:0305")
    phone.headset.apply()
    assert jabra.opened.wait(5)
