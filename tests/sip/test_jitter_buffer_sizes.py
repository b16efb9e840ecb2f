"""Regression (found by a review, fixed; the story as found): (issue 11.8, "never crash the engine"): `--jitter-buffer` values the CLI accepts
(20..160 ms) above ~128 ms abort the engine process in pjmedia:

    jbuf.c:681: pjmedia_jbuf_set_adaptive: Assertion `min_prefetch <= max_prefetch &&
    prefetch <= max_prefetch ...' failed.

agent.py:123 sets only `jb_init_ms`; engine.py:732-735 passes jbInit=140/160 with jbMaxPre=-1,
which pjsua turns into jbMax*4/5 = 128 ms < jbInit. Before the self-test this killed the engine
at the first call; now the self-test call kills it at every start, before `ready` (the GUI's
client restarts it until it gives up). Expected: the engine starts and takes a call (or the CLI
refuses the value with exit 2 and a reason)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


@pytest.mark.parametrize("ms", ["140", "160", "240"])
def test_an_accepted_jitter_buffer_size_does_not_abort_the_engine(ms):
    probe = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--no-audio", "--jitter-buffer", ms,
                            "--ipc"], input='{"cmd": "quit"}\n', capture_output=True, text=True, timeout=30)
    if probe.returncode == 2:  # refused up front with a reason: fine
        assert "jitter" in probe.stderr
        return
    assert probe.returncode == 0, f"engine died (rc {probe.returncode}): {probe.stderr[-400:]}"
    with AgentProcess("--no-audio", "--jitter-buffer", ms, ipc=True) as me, \
            AgentProcess("--no-audio", ipc=True) as far:
        far.send(cmd="call", uri=me.uri)
        inc = me.wait_for("incoming")["call"]
        me.send(cmd="answer", call=inc)
        far.wait_for("media", status="active")
        assert me.proc.poll() is None, me._stderr()
