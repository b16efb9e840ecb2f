"""Recordings cut short by a crash get a correct header at the next start: nothing lost."""

from __future__ import annotations

import os
import signal
import time
import wave

from tests.sip.agents import AgentProcess, dominant_frequency, tone
from whitephone.core.recordings import repair_folder, repair_wav


def test_engine_killed_mid_call_leaves_a_recording_that_repair_makes_whole(tmp_path):
    rec = tmp_path / "recordings" / "call.wav"
    with AgentProcess("--answer", "--play", str(tone(tmp_path / "t.wav", 700, 10))) as far, \
            AgentProcess("--no-audio", ipc=True) as me:
        me.send(cmd="call", uri=far.uri, record=str(rec))
        me.wait_for("media", status="active")
        time.sleep(2)
        os.kill(me.proc.pid, signal.SIGKILL)  # a crash mid-call
        me.proc.wait(10)
    assert rec.read_bytes()[4:8] == b"\0\0\0\0"  # what the crash left: an "empty" header
    assert repair_folder(rec.parent) == [rec]
    with wave.open(str(rec)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert 1.0 < seconds < 4.0
    f, rms = dominant_frequency(rec)
    assert abs(f - 700) < 15 and rms > 1000
    assert not repair_wav(rec)  # a sound file is left alone


def test_repair_ignores_what_is_not_a_wav(tmp_path):
    (tmp_path / "notes.wav").write_bytes(b"hello")
    (tmp_path / "short.wav").write_bytes(b"RIFF")
    assert repair_folder(tmp_path) == []
    assert repair_folder(tmp_path / "missing") == []
