"""A recording on a disk that fills up stops with a `recording` event saying so, rather than
going on silently truncated; the call goes on and the file stays a valid WAV."""

from __future__ import annotations

import subprocess
import wave

import pytest

from tests.sip.agents import AgentProcess, tone

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


@pytest.fixture
def small_disk(tmp_path):
    where = tmp_path / "small"
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=100k", "tmpfs", str(where)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_recording_that_fills_the_disk_stops_and_says_why(small_disk, tmp_path):
    path = small_disk / "r.wav"
    with AgentProcess("--no-audio", "--answer", "--play", str(tone(tmp_path / "t.wav", 700, 30)), ipc=True) as b, \
            AgentProcess("--no-audio", ipc=True) as a:
        a.send(cmd="call", uri=b.uri)
        call = a.wait_for("state", state="confirmed")["call"]
        a.send(cmd="record", call=call, path=str(path))
        a.wait_for("recording", call=call, recording=True)
        stopped = a.wait_for("recording", call=call, recording=False, timeout=20)
        assert "disk" in stopped["reason"] and stopped["path"] == str(path), stopped
        a.send(cmd="hangup", call=call)
        assert a.wait_for("ended", call=call)["recording"] == str(path)
    with wave.open(str(path)) as w:
        assert w.getnframes() > 0
