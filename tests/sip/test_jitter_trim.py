"""The jitter buffer sheds its 80 ms start-up reserve in pauses once a call's link proves clean,
and keeps it while the link jitters (jitter_trim.py)."""

import time

import numpy as np

from tests.sip.agents import AgentProcess, write_wav
from whitephone.sip.jitter_trim import LinkSample, TrimPolicy


def _run(policy: TrimPolicy, samples, t0: float = 0.0, dt: float = 0.02) -> list[float]:
    """Feed looks 20 ms apart; the times at which a frame is to be dropped."""
    return [round(t0 + i * dt, 2) for i, s in enumerate(samples) if policy.step(t0 + i * dt, s)]


def _look(held_ms: int, level: int = 0, jitter_ms: float = 0.3, empty: int = 4, reordered: int = 0) -> LinkSample:
    return LinkSample(jitter_ms=jitter_ms, reordered=reordered, empty=empty, held_ms=held_ms, level=level)


def _trim_down(policy: TrimPolicy, start_ms: int, frame_ms: int, looks: int, t0: float = 0.0, **kw) -> list[float]:
    """A buffer that really loses `frame_ms` at every drop the policy asks for."""
    held, drops = start_ms, []
    for i in range(looks):
        now = round(t0 + i * 0.02, 2)
        if policy.step(now, _look(held, **kw)):
            drops.append(now)
            held -= frame_ms
    return drops


def test_a_clean_quiet_link_gives_up_frames_one_by_one_down_to_the_target():
    p = TrimPolicy(target_ms=40, clean_for_s=1.5)
    drops = _trim_down(p, 80, 10, 300)
    assert len(drops) == 4 and drops[0] >= 1.5  # after 1.5 s of clean looks, 80 -> 40 ms
    assert all(b - a >= 0.5 for a, b in zip(drops, drops[1:], strict=False))  # each judged on a fresh 500 ms
    assert p.dropped == 4 and p.level_ms == 40 and p.backoffs == 0


def test_nothing_is_dropped_while_the_far_end_speaks():
    p = TrimPolicy(target_ms=40, clean_for_s=0)
    speech = [_look(80, level=0 if i % 12 == 0 else 9) for i in range(500)]  # never 200 ms quiet
    assert _run(p, speech) == []
    assert _run(p, [_look(80)] * 40, t0=10) != []  # the first real pause


def test_a_buffer_that_was_short_in_the_window_is_not_trimmed():
    p = TrimPolicy(target_ms=40, clean_for_s=0)
    burst = [_look(60)] * 10 + [_look(40)] + [_look(60)] * 14  # one packet found it at 40 ms
    assert _run(p, burst) == []


def test_a_jittery_link_keeps_its_reserve():
    p = TrimPolicy(target_ms=40)
    jittery = [_look(80, jitter_ms=11.0, reordered=i // 25) for i in range(500)]
    assert _run(p, jittery) == [] and p.dropped == 0


def test_jitter_or_an_underflow_after_a_drop_stops_trimming_for_the_cool_down():
    p = TrimPolicy(target_ms=40, clean_for_s=0.5, cool_down_s=10)
    assert _trim_down(p, 60, 10, 60) == [0.52, 1.02]  # 60 -> 40 ms
    assert _run(p, [_look(40, empty=6)], t0=1.3) == [] and p.backoffs == 1  # then the buffer ran dry
    assert _run(p, [_look(80, empty=6)] * 400, t0=1.32) == []  # clean again, but cooling down
    assert _run(p, [_look(80, empty=6)] * 20, t0=12.0) == [12.0] and p.dropped == 3  # clean all along
    assert _run(p, [_look(70, jitter_ms=5.0, empty=6)], t0=13.0) == [] and p.backoffs == 2


def _speech_then_pause(path, rate: int = 16000):
    """A 440 Hz tone for 3 s (standing in for speech), then 30 s of silence."""
    t = np.arange(3 * rate) / rate
    return write_wav(path, np.concatenate([0.3 * 32767 * np.sin(2 * np.pi * 440 * t), np.zeros(30 * rate)]), rate)


def _trimming(me: AgentProcess, call: int) -> dict:
    me.reset()
    me.send(cmd="call_stats", call=call)
    return me.wait_for("call_stats")


def test_a_call_on_127_0_0_1_sheds_the_reserve_in_the_pause_and_one_told_not_to_keeps_it(tmp_path):
    wav = _speech_then_pause(tmp_path / "talk.wav")
    for codec in ("G722", "PCMU"):
        with AgentProcess("--answer", "--no-audio", "--play", str(wav), "--codec", codec) as far, \
                AgentProcess("--no-audio", "--record", str(tmp_path / "heard.wav"), "--codec", codec,
                             ipc=True) as me:
            me.send(cmd="call", uri=far.uri)
            call = me.wait_for("media", status="active")["call"]
            time.sleep(2.5)
            talking = _trimming(me, call)
            for _ in range(50):  # a busy machine jitters too: trimming waits until the link is clean
                time.sleep(0.5)
                paused = _trimming(me, call)
                if paused["trimming"]["dropped_ms"] >= 40 or paused["trimming"]["backoffs"]:
                    break
            time.sleep(0.6)  # the level is judged afresh over 500 ms after a drop
            paused = _trimming(me, call)
            me.send(cmd="hangup", call=call)
            me.wait_for("ended")
        assert talking["trimming"]["available"] and talking["trimming"]["dropped_frames"] == 0, talking
        t = paused["trimming"]
        assert t["dropped_ms"] == 40 and t["level_ms"] == 40 and t["backoffs"] == 0, paused
        assert paused["jitter_buffer"]["start_ms"] == 80 and paused["received"]["lost"] == 0
    with AgentProcess("--answer", "--no-audio", "--play", str(wav)) as far, \
            AgentProcess("--no-audio", "--echo", "--jitter-trim", "0", ipc=True) as me:
        me.send(cmd="call", uri=far.uri)
        call = me.wait_for("media", status="active")["call"]
        time.sleep(6)
        kept = _trimming(me, call)
        me.send(cmd="hangup", call=call)
        me.wait_for("ended")
    assert kept["trimming"] == {"available": False, "target_ms": 0, "discard": "none"}
    assert kept["jitter_buffer"]["size_ms"] >= 60  # swings by a packet around 80
