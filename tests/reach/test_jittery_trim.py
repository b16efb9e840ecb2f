"""On a jittery link the jitter buffer keeps what the link's delays need and gives back the rest
in the far end's pauses, never while it speaks (jitter_trim.py; reach profile 5's fix, see
docs/measurements.md "Round 3"). Real engines, coturn and the impairing relay: the caller
reaches coturn only through the relay, so what it receives comes with Normal(30, 5) ms of delay
(RTCP jitter above the 3 ms of a clean link) and no loss."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from tests.reach.impair import ImpairedUdpRelay
from tests.sip.agents import AgentProcess, write_wav
from tests.sip.coturn import AVAILABLE, Coturn, credentials
from whitephone.sip.engine import EngineConfig

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip"),
              pytest.mark.skipif(not AVAILABLE, reason="coturn is not installed (Debian coturn)")]


def _stats(me: AgentProcess, call: int) -> dict:
    me.reset()
    me.send(cmd="call_stats", call=call)
    return me.wait_for("call_stats")


def test_a_jittery_link_gives_back_in_the_pause_what_its_delays_do_not_need(tmp_path):
    rate = 16000
    t = np.arange(4 * rate) / rate  # 4 s of tone standing in for speech, then 30 s of silence
    wav = write_wav(tmp_path / "talk.wav", np.concatenate([0.3 * 32767 * np.sin(2 * np.pi * 440 * t),
                                                           np.zeros(30 * rate)]), rate)
    with Coturn(tmp_path) as server, ImpairedUdpRelay(("127.0.0.1", server.port), loss=0.0, delay=0.03,
                                                      jitter=0.005) as relay:
        user, password = credentials(7)
        env = dict(os.environ, WP_TURN_PASSWORD=password)
        common = ["--turn-user", user, "--turn-password-env", "WP_TURN_PASSWORD", "--ice-max-host", "0",
                  "--codec", "PCMU"]
        with AgentProcess("--answer", "--no-audio", "--play", str(wav), "--turn", f"{server.uri}?transport=udp",
                          *common, env=env) as far, \
                AgentProcess("--no-audio", "--record", str(tmp_path / "heard.wav"), "--turn",
                             f"turn:127.0.0.1:{relay.port}?transport=udp", *common, ipc=True, env=env) as me:
            me.send(cmd="call", uri=far.uri)
            call = me.wait_for("media", status="active")["call"]
            time.sleep(3.5)
            talking = _stats(me, call)
            for _ in range(40):
                time.sleep(0.5)
                paused = _stats(me, call)
                if paused["trimming"]["jitter_dropped_ms"]:
                    break
            time.sleep(0.6)  # the level is judged afresh over 500 ms after a drop (the next drop: 3 s on)
            paused = _stats(me, call)
            me.send(cmd="hangup", call=call)
            me.wait_for("ended")
    assert relay.stats["forwarded"] > 200, relay.stats
    assert talking["received"]["jitter_ms"] > 3, talking  # not a clean link: the clean trim stays out
    assert talking["trimming"]["available"] and talking["trimming"]["dropped_frames"] == 0, talking
    assert paused["jitter_buffer"]["start_ms"] == EngineConfig.jb_init_ms
    t = paused["trimming"]
    assert t["jitter_dropped_ms"] > 0, paused  # ±5 ms of jitter does not need a 120 ms buffer
    assert t["jitter_dropped_ms"] == t["dropped_ms"] and t["level_ms"] >= 40, paused
