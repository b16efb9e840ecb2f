"""Real calls between `whitephone agent` processes on 127.0.0.1 (sipp, baresip and Kamailio as
peers: test_sipp.py, test_baresip.py, test_kamailio.py)."""

from __future__ import annotations

import time
import wave

import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, tone

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_call_carries_audio_both_ways_and_records_a_valid_wav(tmp_path, transport):
    a_tone, b_tone = tone(tmp_path / "a.wav", 440), tone(tmp_path / "b.wav", 1000)
    with AgentProcess("--transport", transport, "--answer", "--play", str(b_tone),
                      "--record", str(tmp_path / "heard-by-b.wav"), "--once") as callee:
        with AgentProcess("--transport", transport, "--call", callee.uri, "--play", str(a_tone),
                          "--record", str(tmp_path / "heard-by-a.wav"), "--hangup-after", "2") as caller:
            confirmed = caller.wait_for("state", state="confirmed")
            media = caller.wait_for("media", status="active")
            ended = caller.wait_for("ended")
            assert caller.proc.wait(15) == 0  # --call: exits by itself after the call
        incoming = callee.wait_for("incoming")
        callee_ended = callee.wait_for("ended")
        assert callee.proc.wait(15) == 0  # --once: exits by itself after the call
    assert media["codec"] == "G722" and media["clock_rate"] == 16000
    assert confirmed["setup_ms"] > 0
    assert ended["code"] == 200 and 1.5 < ended["duration"] < 4 and ended["direction"] == "out"
    assert incoming["remote_uri"] and callee_ended["direction"] == "in"
    # each side heard the other's tone: the recorder finished a valid WAV when the call ended
    for heard, freq in (("heard-by-b.wav", 440), ("heard-by-a.wav", 1000)):
        f, rms = dominant_frequency(tmp_path / heard)
        assert abs(f - freq) < 15 and rms > 1000, (heard, f, rms)
    assert callee_ended["recording"].endswith("heard-by-b.wav")


def test_codec_choice_and_call_control_over_ipc(tmp_path):
    with AgentProcess("--codec", "PCMU", ipc=True) as callee, AgentProcess(ipc=True) as caller:
        caller.send(cmd="call", uri=callee.uri)
        out = caller.wait_for("calling")["call"]  # not 0: the engine's start-up self-test made calls
        inc = callee.wait_for("incoming")
        callee.send(cmd="answer", call=inc["call"])
        media = caller.wait_for("media", status="active")
        assert media["codec"] == "PCMU"
        caller.wait_for("state", state="confirmed")
        callee.wait_for("state", state="confirmed")
        caller.send(cmd="dtmf", call=out, digits="15#")
        digits = [callee.wait_for("dtmf", digit=d)["digit"] for d in "15#"]
        assert digits == ["1", "5", "#"]
        caller.send(cmd="hold", call=out)
        callee.wait_for("media", status="held", by="remote")
        caller.send(cmd="resume", call=out)
        callee.wait_for("media", status="active", timeout=10)
        caller.send(cmd="nonsense")
        errors = lambda: [e["reason"] for e in caller.events if e["event"] == "error"]  # noqa: E731
        caller.wait_for("error")
        time.sleep(0.3)
        assert any("unknown command 'nonsense'" in r for r in errors()), errors()
        caller.send(cmd="hangup", call=out)
        assert callee.wait_for("ended")["code"] == 200
        caller.send(cmd="quit")
        assert caller.proc.wait(10) == 0


@pytest.mark.parametrize("command,code", [("busy", 486), ("decline", 603)])
def test_busy_and_decline(command, code):
    with AgentProcess(ipc=True) as callee, AgentProcess(ipc=True) as caller:
        caller.send(cmd="call", uri=callee.uri)
        inc = callee.wait_for("incoming")
        callee.send(cmd=command, call=inc["call"])
        ended = caller.wait_for("ended")
        assert ended["code"] == code and ended["duration"] == 0


def test_sigterm_during_a_call_shuts_down_cleanly(tmp_path):
    with AgentProcess("--answer", "--record", str(tmp_path / "r.wav")) as callee:
        with AgentProcess("--call", callee.uri, "--play", str(tone(tmp_path / "t.wav"))) as caller:
            callee.wait_for("state", state="confirmed")
            time.sleep(1.0)  # let a second of audio reach the recorder
            assert callee.stop() == 0  # SIGTERM with a call in progress
            assert callee.wait_for("stopped")
            assert "Assertion" not in callee.proc.stderr.read()
            assert caller.wait_for("ended")
        with wave.open(str(tmp_path / "r.wav")) as w:  # the recording is a valid WAV
            assert w.getnframes() > 0


@pytest.mark.parametrize("source", ["nothing", "muted player"])
def test_digits_typed_one_by_one_all_arrive_when_nothing_of_ours_is_sent(tmp_path, source):
    """pjmedia sends queued RFC 2833 digits only while audio frames pass through the stream: on
    a call where nothing of ours transmits (no microphone, nothing to play), digits typed one
    after another stuck behind the first (an IVR PIN lost). The engine carries them with
    silence; muted calls (what the silence would otherwise mix with) keep working too."""
    extra = ["--play", str(tone(tmp_path / "t.wav", 500, 30))] if source == "muted player" else []
    with AgentProcess("--no-audio", *extra, ipc=True) as me, AgentProcess("--no-audio", ipc=True) as far:
        far.send(cmd="call", uri=me.uri)
        inc = me.wait_for("incoming")["call"]
        me.send(cmd="answer", call=inc)
        me.wait_for("state", state="confirmed")
        if source == "muted player":
            me.send(cmd="mute", call=inc, muted=True)
            me.wait_for("muted", muted=True)
        for digit in "159#":
            me.send(cmd="dtmf", call=inc, digits=digit)
            time.sleep(0.3)  # typed: each digit its own command, the last one still on the wire
        assert [far.wait_for("dtmf", digit=d)["digit"] for d in "159#"] == list("159#")
