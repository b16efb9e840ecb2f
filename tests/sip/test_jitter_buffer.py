"""`--jitter-buffer MS`: where play-out starts (pjmedia's prefetch), and `call_stats`."""

import subprocess
import sys

from tests.sip.agents import AgentProcess


def _prefetch(*args: str) -> dict:
    with AgentProcess("--answer", "--no-audio", "--echo") as far, \
            AgentProcess("--no-audio", "--echo", *args, ipc=True) as me:
        me.send(cmd="call", uri=far.uri)
        media = me.wait_for("media", status="active")
        me.send(cmd="call_stats", call=media["call"])
        stats = me.wait_for("call_stats")
        me.send(cmd="hangup", call=media["call"])
        me.wait_for("ended")
    return stats


def test_the_jitter_buffer_starts_where_it_is_told():
    default, low = _prefetch(), _prefetch("--jitter-buffer", "40")
    assert default["jitter_buffer"]["start_ms"] == 120 and default["jitter_buffer"]["prefetch_ms"] == 120
    assert low["jitter_buffer"]["start_ms"] == 40 and low["jitter_buffer"]["prefetch_ms"] == 40
    assert low["codec"].startswith("G722") and low["received"]["lost"] == 0
    assert {"avg_delay_ms", "lost", "empty"} <= set(low["jitter_buffer"])


def test_call_stats_of_an_unknown_call_is_an_error_not_a_crash():
    with AgentProcess("--no-audio", ipc=True) as me:
        me.send(cmd="call_stats", call=99)
        err = me.wait_for("error")
        assert err["reason"] == "command failed: no call 99" and "call_stats" in err["command"]


def test_a_jitter_buffer_out_of_range_is_refused():
    out = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--jitter-buffer", "5"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and "between 20 and 240 ms" in out.stderr
