"""Call control between real `whitephone agent` processes: mute that survives every media change,
received and sent transfers (blind and attended), recording start/stop."""

from __future__ import annotations

import time

import pytest

from tests.sip.agents import AgentProcess, band_level, tone

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def connect(caller: AgentProcess, callee: AgentProcess) -> tuple[int, int]:
    """Call `callee` from `caller`, answer; (caller's call id, callee's call id)."""
    calling, incoming = len(events(caller, "calling")), len(events(callee, "incoming"))
    caller.send(cmd="call", uri=callee.uri)
    end = time.monotonic() + 10
    while len(events(caller, "calling")) <= calling or len(events(callee, "incoming")) <= incoming:
        assert time.monotonic() < end, f"no new call: {caller.events} {callee.events}"  # not an earlier one
        time.sleep(0.02)
    out, inc = events(caller, "calling")[-1], events(callee, "incoming")[-1]
    callee.send(cmd="answer", call=inc["call"])
    caller.wait_for("state", call=out["call"], state="confirmed")
    callee.wait_for("state", call=inc["call"], state="confirmed")
    return out["call"], inc["call"]


def events(agent: AgentProcess, name: str) -> list[dict]:
    return [e for e in agent.events if e["event"] == name]


def media_count(agent: AgentProcess, call: int, status: str) -> int:
    return sum(1 for e in agent.events if e["event"] == "media" and e["call"] == call and e["status"] == status)


def wait_media(agent: AgentProcess, call: int, status: str, after: int, timeout: float = 10) -> None:
    """Wait for the call's next `media` event with `status` (after `after` of them were seen)."""
    end = time.monotonic() + timeout
    while media_count(agent, call, status) <= after:
        assert time.monotonic() < end, f"no new media {status} on call {call}: {agent.events}"
        time.sleep(0.05)


def test_mute_survives_hold_resume_and_a_reinvite_from_the_far_end(tmp_path):
    voice = tone(tmp_path / "voice.wav", 1000, 60)
    heard = tmp_path / "heard.wav"
    with AgentProcess("--play", str(voice), ipc=True) as me, AgentProcess("--no-audio", ipc=True) as far:
        mine, theirs = connect(me, far)
        me.send(cmd="mute", call=mine, muted=True)
        assert me.wait_for("muted", call=mine)["muted"] is True
        # our hold and resume, then the far end's (a re-INVITE we receive): each recreates the port
        n = media_count(far, theirs, "active")
        me.send(cmd="hold", call=mine)
        far.wait_for("media", call=theirs, status="held", by="remote")
        me.send(cmd="resume", call=mine)
        wait_media(far, theirs, "active", n)
        n = media_count(me, mine, "active")
        far.send(cmd="hold", call=theirs)
        me.wait_for("media", call=mine, status="held", by="remote")
        far.send(cmd="resume", call=theirs)
        wait_media(me, mine, "active", n)
        active = [e for e in me.events if e["event"] == "media" and e["status"] == "active"]
        far.send(cmd="record", call=theirs, path=str(heard))
        far.wait_for("recording", call=theirs, recording=True)
        time.sleep(2.0)  # two seconds of a muted call
        me.send(cmd="mute", call=mine, muted=False)
        me.wait_for("muted", call=mine, muted=False)
        time.sleep(2.0)  # ...then two seconds unmuted: proves the recording hears us at all
        me.send(cmd="hangup", call=mine)
        far.wait_for("ended")
    muted, unmuted = band_level(heard, 1000, 0.2, 1.6), band_level(heard, 1000, -1.6, -0.2)
    assert muted < 30 and unmuted > 1000, (muted, unmuted)
    assert active[-1].get("muted") is True  # the engine confirms the state after the change


def test_recording_stops_and_starts_again_in_the_same_file(tmp_path):
    voice = tone(tmp_path / "voice.wav", 1000, 60)
    rec = tmp_path / "rec.wav"
    with AgentProcess("--play", str(voice), ipc=True) as far, AgentProcess("--no-audio", ipc=True) as me:
        _, mine = connect(far, me)
        me.send(cmd="record_stop", call=mine)  # not recording: a clear error, the call goes on
        assert "not being recorded" in me.wait_for("error")["reason"]
        me.send(cmd="record", call=mine, path=str(rec))
        assert me.wait_for("recording", call=mine, recording=True)["path"] == str(rec)
        time.sleep(1.5)
        me.send(cmd="record_stop", call=mine)
        me.wait_for("recording", call=mine, recording=False)
        time.sleep(2.0)  # not in the file
        me.send(cmd="record", call=mine, path=str(tmp_path / "other.wav"))  # goes on in the first file
        assert me.wait_for("recording", call=mine, recording=True, path=str(rec))
        time.sleep(1.5)
        me.send(cmd="hangup", call=mine)
        ended = me.wait_for("ended")
    assert ended["recording"] == str(rec) and not (tmp_path / "other.wav").exists()
    import wave

    with wave.open(str(rec)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert 2.0 < seconds < 4.5, seconds  # the 2 s pause is not in it
    assert band_level(rec, 1000) > 1000


def test_blind_transfer_received_and_sent(tmp_path):
    """A talks to B and transfers B to C: B's engine makes and owns the new call; A is told the
    outcome and its leg ends."""
    with AgentProcess("--no-audio", ipc=True) as a, AgentProcess("--no-audio", ipc=True) as b, \
            AgentProcess("--answer", "--play", str(tone(tmp_path / "c.wav", 1000, 30)), "--no-audio",
                         ipc=True) as c:
        a_call, b_call = connect(a, b)
        a.send(cmd="transfer", call=a_call, uri=c.uri)
        assert b.wait_for("transfer_request", call=b_call)["to"] == c.uri
        new = b.wait_for("calling", transfer_of=b_call)
        assert new["call"] != b_call
        b.wait_for("state", call=new["call"], state="confirmed")
        c_call = c.wait_for("state", state="confirmed")["call"]
        status = a.wait_for("transfer_status", call=a_call, final=True)
        assert status["code"] == 200, status
        assert a.wait_for("ended", call=a_call)["code"] == 200  # the transferor's leg is over
        b.wait_for("ended", call=b_call)
        # the new call is a call like any other: stats, then hang up ends it at C
        b.send(cmd="call_stats", call=new["call"])
        assert b.wait_for("call_stats", call=new["call"])["received"]["packets"] >= 0
        b.send(cmd="hangup", call=new["call"])
        assert b.wait_for("ended", call=new["call"])["code"] == 200
        c.wait_for("ended", call=c_call)
        assert not [e for e in b.events if e["event"] == "error"], b.events


def test_blind_transfer_to_a_busy_target_keeps_the_call(tmp_path):
    with AgentProcess("--no-audio", ipc=True) as a, AgentProcess("--no-audio", ipc=True) as b, \
            AgentProcess("--no-audio", ipc=True) as c:
        a_call, b_call = connect(a, b)
        a.send(cmd="transfer", call=a_call, uri=c.uri)
        c.send(cmd="busy", call=c.wait_for("incoming")["call"])
        status = a.wait_for("transfer_status", call=a_call, final=True)
        assert status["code"] == 486 and status["reason"], status
        time.sleep(0.5)
        assert not [e for e in a.events if e["event"] == "ended"]  # A keeps the call
        a.send(cmd="hangup", call=a_call)
        b.wait_for("ended", call=b_call)


def test_attended_transfer(tmp_path):
    """A talks to B, puts B on hold and calls C, then joins B and C (REFER with Replaces): C's
    engine takes B's call in place of A's; A's two legs end."""
    with AgentProcess("--no-audio", ipc=True) as a, \
            AgentProcess("--play", str(tone(tmp_path / "b.wav", 440, 30)), ipc=True) as b, \
            AgentProcess("--no-audio", "--record", str(tmp_path / "c-heard.wav"), ipc=True) as c:
        a_b, b_a = connect(a, b)
        a.send(cmd="hold", call=a_b)
        b.wait_for("media", call=b_a, status="held")
        a_c, c_a = connect(a, c)
        a.send(cmd="transfer", call=a_b, to_call=a_c)
        new_b = b.wait_for("calling", transfer_of=b_a)["call"]
        replaced = c.wait_for("replaced", call=c_a)
        new_c = replaced["new_call"]
        assert new_c != c_a
        b.wait_for("state", call=new_b, state="confirmed")
        c.wait_for("state", call=new_c, state="confirmed")
        assert a.wait_for("transfer_status", call=a_b, final=True)["code"] == 200
        a.wait_for("ended", call=a_b)
        a.wait_for("ended", call=a_c)
        c.wait_for("ended", call=c_a)
        time.sleep(1.5)  # B's voice reaches C over the new call
        c.send(cmd="hangup", call=new_c)  # the replacing call is registered: hang-up works
        assert c.wait_for("ended", call=new_c)["code"] == 200
        b.wait_for("ended", call=new_b)
    assert band_level(tmp_path / "c-heard.wav", 440) > 500


def test_attended_transfer_between_two_direct_callers(tmp_path):
    """B and C both called A directly (no registrar: their From has no port): A joins them. The
    REFER must send B to C's real address, not port 5060."""
    with AgentProcess("--no-audio", ipc=True) as a, AgentProcess("--no-audio", ipc=True) as b, \
            AgentProcess("--no-audio", ipc=True) as c:
        b_a, a_b = connect(b, a)
        a.send(cmd="hold", call=a_b)
        b.wait_for("media", call=b_a, status="held")
        c_a, a_c = connect(c, a)
        a.send(cmd="transfer", call=a_b, to_call=a_c)
        new_b = b.wait_for("calling", transfer_of=b_a)["call"]
        new_c = c.wait_for("replaced", call=c_a)["new_call"]
        b.wait_for("state", call=new_b, state="confirmed")
        assert a.wait_for("transfer_status", call=a_b, final=True)["code"] == 200
        a.wait_for("ended", call=a_b)
        a.wait_for("ended", call=a_c)
        c.send(cmd="hangup", call=new_c)
        b.wait_for("ended", call=new_b)
