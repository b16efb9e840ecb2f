"""Call waiting and the 3-way conference on the real audio path: our engine talks through a
private PulseAudio's virtual microphone and speaker (tests/sip/pulse.py); two callers play
their own tone and record what they hear."""

from __future__ import annotations

import time

import pytest

from tests.sip import pulse
from tests.sip.agents import AgentProcess, band_level, tone

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip"),
              pytest.mark.skipif(not pulse.available(), reason="PulseAudio is not installed (make test installs it)")]

DEVICES = ("--mic", "pulse:vmic", "--speaker", "pulse:spk")
A_HZ, C_HZ, MIC_HZ = 440, 1000, 700  # the first caller, the second caller, our microphone


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    server = pulse.start(tmp_path_factory.mktemp("pulse"))
    yield server
    pulse.stop(server)


def wait_incoming(agent: AgentProcess, other_than: int, timeout: float = 10) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = [e["call"] for e in agent.events if e["event"] == "incoming" and e["call"] != other_than]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no second incoming call: {agent.events}")


def test_second_call_holds_the_first_and_merge_joins_all_three(pa, tmp_path):
    a_heard, c_heard, ear = tmp_path / "a-heard.wav", tmp_path / "c-heard.wav", tmp_path / "ear.wav"
    with AgentProcess("--play", str(tone(tmp_path / "a.wav", A_HZ, 60)), "--no-audio", ipc=True) as a, \
            AgentProcess("--play", str(tone(tmp_path / "c.wav", C_HZ, 60)), "--record", str(c_heard),
                         "--no-audio", ipc=True) as c, \
            AgentProcess(*DEVICES, "--no-echo-cancellation", ipc=True, env=pa.env) as me:  # routing, not AEC
        assert me.wait_for("audio")["status"] == "ready"
        feed = pa.play_into_mic(tone(tmp_path / "mic.wav", MIC_HZ, 60))
        try:
            a.send(cmd="call", uri=me.uri)
            a_call = a.wait_for("calling")["call"]
            first = me.wait_for("incoming")["call"]
            me.send(cmd="answer", call=first)
            a.wait_for("media", status="active")
            c.send(cmd="call", uri=me.uri)
            c_call = c.wait_for("calling")["call"]
            second = wait_incoming(me, other_than=first)
            me.send(cmd="answer", call=second)
            a.wait_for("media", status="held", by="remote")  # accepting held the first call
            c.wait_for("media", status="active")
            # what the first caller hears while waiting: recorded alone (beside its own tone)
            a.send(cmd="record", call=a_call, path=str(a_heard))
            a.wait_for("recording", recording=True)
            time.sleep(2.0)
            a.send(cmd="record_stop", call=a_call)
            a.wait_for("recording", recording=False)
            n_active = sum(1 for e in a.events if e["event"] == "media" and e["status"] == "active")
            me.send(cmd="conference", calls=[first, second])
            assert set(me.wait_for("conference")["calls"]) == {first, second}
            end = time.monotonic() + 10
            while sum(1 for e in a.events if e["event"] == "media" and e["status"] == "active") <= n_active:
                assert time.monotonic() < end, a.events  # the merge resumed the first call
                time.sleep(0.05)
            time.sleep(0.5)
            a.send(cmd="record", call=a_call, path=str(a_heard))  # the same file goes on
            listening = pa.record_speaker(ear)
            time.sleep(2.5)
            listening.terminate()
            listening.wait(10)
            a.send(cmd="hangup", call=a_call)
            c.send(cmd="hangup", call=c_call)
            a.wait_for("ended")
            c.wait_for("ended")
        finally:
            feed.terminate()
    # while the second call was up, the first caller heard nothing: not us, not the second caller
    a_waiting = [band_level(a_heard, hz, 0.2, 1.7) for hz in (MIC_HZ, C_HZ)]
    assert max(a_waiting) < 50, a_waiting
    # the second caller heard us, and nothing of the first caller
    c_waiting = {hz: band_level(c_heard, hz, 0.3, 1.8) for hz in (MIC_HZ, A_HZ)}
    # (the codec's noise beside our 700 Hz tone reaches ~1 % of it in the 440 Hz band)
    assert c_waiting[MIC_HZ] > 300 and c_waiting[A_HZ] < 0.02 * c_waiting[MIC_HZ], c_waiting
    # merged: everyone hears everyone
    a_merged = {hz: band_level(a_heard, hz, -2.0, -0.3) for hz in (MIC_HZ, C_HZ)}
    c_merged = {hz: band_level(c_heard, hz, -2.0, -0.3) for hz in (MIC_HZ, A_HZ)}
    ours = {hz: band_level(ear, hz, 0.3) for hz in (A_HZ, C_HZ)}
    assert min(a_merged.values()) > 300 and min(c_merged.values()) > 300 and min(ours.values()) > 300, \
        (a_merged, c_merged, ours)
