"""The jitter buffer sheds its 80 ms start-up reserve once a call's link proves clean, and keeps
it while the link jitters (jitter_trim.py)."""

import time

from tests.sip.agents import AgentProcess
from whitephone.sip.jitter_trim import LinkSample, TrimPolicy


def _run(policy: TrimPolicy, samples, t0: float = 0.0, dt: float = 0.02) -> list[tuple[float, bool]]:
    """Feed samples 20 ms apart; the (time, new state) of every change."""
    changes = []
    for i, s in enumerate(samples):
        change = policy.step(t0 + i * dt, s)
        if change is not None:
            changes.append((round(t0 + i * dt, 2), change))
    return changes


def _clean(size_ms: int, n: int, empty: int = 4) -> list[LinkSample]:
    return [LinkSample(jitter_ms=0.2, reordered=0, empty=empty, size_ms=size_ms) for _ in range(n)]


def test_a_clean_link_is_trimmed_to_the_target_after_a_clean_while_then_left_alone():
    p = TrimPolicy(target_ms=40, clean_for_s=1.5)
    changes = _run(p, _clean(80, 100))  # 2 s of a clean link at 80 ms
    assert changes == [(1.52, True)] and p.discarding  # not before 1.5 s of clean samples
    later = _run(p, _clean(60, 20) + _clean(40, 20), t0=2.0)
    assert later == [(2.58, False)]  # off once the level over the window is at the target
    assert not p.discarding and p.trims == 1 and p.backoffs == 0


def test_the_level_is_the_highest_fill_of_the_window_not_the_swing_between_put_and_get():
    p = TrimPolicy(target_ms=40, clean_for_s=0)
    swinging = [LinkSample(0.2, 0, 4, 40 if i % 2 else 20) for i in range(40)]  # level 40 ms
    assert _run(p, swinging) == [] and p.level_ms == 40


def test_a_jittery_link_keeps_its_reserve():
    p = TrimPolicy(target_ms=40)
    jittery = [LinkSample(jitter_ms=11.0, reordered=i // 25, empty=4, size_ms=80) for i in range(500)]
    assert _run(p, jittery) == [] and p.trims == 0


def test_jitter_or_an_underflow_while_trimming_stops_it_for_the_cool_down():
    p = TrimPolicy(target_ms=40, clean_for_s=0.5, cool_down_s=10)
    assert _run(p, _clean(80, 30)) == [(0.52, True)]
    underflow = [LinkSample(0.2, 0, 6, 0)]  # the buffer ran dry: two more empty frames
    assert _run(p, underflow, t0=0.6) == [(0.6, False)] and p.backoffs == 1
    # clean again at once, but no new trim until the cool-down has passed
    assert _run(p, _clean(80, 100, empty=6), t0=0.62) == []
    assert _run(p, _clean(80, 50, empty=6), t0=10.7) == [(10.7, True)] and p.trims == 2  # clean all along
    assert _run(p, [LinkSample(5.0, 0, 6, 80)], t0=12.0) == [(12.0, False)] and p.backoffs == 2


def _stats_after(seconds: float, *args: str) -> dict:
    with AgentProcess("--answer", "--no-audio", "--echo", *args) as far, \
            AgentProcess("--no-audio", "--echo", *args, ipc=True) as me:
        me.send(cmd="call", uri=far.uri)
        media = me.wait_for("media", status="active")
        time.sleep(seconds)
        me.send(cmd="call_stats", call=media["call"])
        stats = me.wait_for("call_stats")
        me.send(cmd="hangup", call=media["call"])
        me.wait_for("ended")
    return stats


def test_a_call_on_127_0_0_1_sheds_the_reserve_and_one_told_not_to_keeps_it():
    trimmed = _stats_after(8)
    t = trimmed["trimming"]
    assert t["available"] and t["trims"] >= 1 and t["backoffs"] == 0 and not t["discarding"]
    assert t["level_ms"] <= 40 and trimmed["jitter_buffer"]["size_ms"] <= 40
    assert trimmed["jitter_buffer"]["start_ms"] == 80 and trimmed["received"]["lost"] == 0
    kept = _stats_after(4, "--jitter-trim", "0")
    assert kept["trimming"] == {"available": False, "target_ms": 0}
    assert kept["jitter_buffer"]["size_ms"] >= 60  # swings by a packet around 80
