"""The sound devices are open only while something needs them (issue 11.10), and the audio test
says what is missing when there is no microphone (11.19). The computer's sound server is a
private PulseAudio; its list of recording and playback streams is what the user's "microphone
in use" indicator shows."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.sip import pulse
from tests.sip.agents import AgentProcess, tone

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]
needs_pulse = pytest.mark.skipif(not pulse.available(), reason="PulseAudio is not installed (make test installs it)")
DEVICES = ("--mic", "pulse:vmic", "--speaker", "pulse:spk")


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    server = pulse.start(tmp_path_factory.mktemp("pulse"))
    server.own_streams = (_count(server, "source-outputs"), _count(server, "sink-inputs"))
    yield server
    pulse.stop(server)


def _count(pa, kind: str) -> int:
    out = subprocess.run(["pactl", "list", "short", kind], env=pa.env, capture_output=True, text=True,
                         check=True).stdout
    return len([line for line in out.splitlines() if line.strip()])


def streams(pa) -> tuple[int, int]:
    """(recording streams, playback streams) programs have open now (the virtual microphone's
    own remapping stream, there from the start, not counted)."""
    return _count(pa, "source-outputs") - pa.own_streams[0], _count(pa, "sink-inputs") - pa.own_streams[1]


def wait_streams(pa, wanted: tuple[int, int], timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while (now := streams(pa)) != wanted:
        assert time.monotonic() < end, f"streams {now}, expected {wanted}"
        time.sleep(0.1)


@needs_pulse
def test_microphone_speaker_and_ringer_are_open_only_while_needed(pa):
    with AgentProcess(*DEVICES, ipc=True, env=pa.env) as me, AgentProcess("--no-audio", ipc=True) as caller:
        assert me.wait_for("audio")["status"] == "ready"  # the devices are there...
        time.sleep(0.5)
        assert streams(pa) == (0, 0)  # ...and nothing is open
        caller.send(cmd="call", uri=me.uri)
        incoming = me.wait_for("incoming")
        wait_streams(pa, (1, 2))  # ringing: the ringer, and the microphone and speaker ready for Answer
        me.send(cmd="answer", call=incoming["call"])
        me.wait_for("state", state="confirmed")
        wait_streams(pa, (1, 1))  # the call: microphone and speaker; the ringer closed
        me.send(cmd="hangup", call=incoming["call"])
        me.wait_for("ended")
        wait_streams(pa, (0, 0))  # all closed again
        me.send(cmd="meter", seconds=30)  # Preferences' level meter needs the microphone
        wait_streams(pa, (1, 1))
        me.send(cmd="meter", seconds=0)
        wait_streams(pa, (0, 0))


@needs_pulse
def test_the_audio_test_opens_the_microphone_and_closes_it_after(pa, tmp_path):
    with AgentProcess(*DEVICES, ipc=True, env=pa.env) as me:
        me.wait_for("audio")
        feed = pa.play_into_mic(tone(tmp_path / "voice.wav", 1000, 10))
        try:
            me.send(cmd="audio_test", seconds=1, path=str(tmp_path / "test.wav"))
            me.wait_for("audio_test", phase="playing")
        finally:
            feed.terminate()
            feed.wait()
        me.wait_for("audio_test", phase="done")
        wait_streams(pa, (0, 0))


@needs_pulse
def test_the_audio_test_names_a_microphone_that_is_not_connected(pa, tmp_path):
    with AgentProcess("--mic", "pulse:gone", "--speaker", "pulse:spk", ipc=True, env=pa.env) as me:
        me.wait_for("audio", status="unavailable")
        me.send(cmd="audio_test", seconds=1, path=str(tmp_path / "test.wav"), req=7)
        error = me.wait_for("error", req=7)
        assert error["cmd"] == "audio_test" and "no microphone to test" in error["reason"]
        assert "“gone” is not connected" in error["reason"]
        assert not any(e.get("phase") == "playing" for e in me.events)


def test_the_audio_test_without_any_sound_server_says_so(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PULSE_SERVER": f"unix:{tmp_path}/nothing", "HOME": str(tmp_path),
           "PYTHONPATH": os.pathsep.join(sys.path)}
    with AgentProcess(ipc=True, env=env) as me:
        me.wait_for("audio", status="unavailable")
        me.send(cmd="audio_test", seconds=1, path=str(tmp_path / "test.wav"), req=1)
        error = me.wait_for("error", req=1)
        assert "no microphone to test" in error["reason"], error


def _portaudio_loaded(pid: int) -> bool:
    with open(f"/proc/{pid}/maps") as f:
        return "libportaudio" in f.read()


@needs_pulse
def test_the_windows_engine_starts_portaudio_with_the_first_call(pa):
    """--devices-on-first-use (the window's engine, issue 18): idle, PortAudio is not even loaded;
    the first incoming call checks the devices (the `audio` event), rings and opens them."""
    with AgentProcess(*DEVICES, "--devices-on-first-use", ipc=True, env=pa.env) as me, \
            AgentProcess("--no-audio", ipc=True) as caller:
        me.wait_for("ready")
        time.sleep(0.5)
        assert not any(e.get("event") == "audio" for e in me.events)
        assert not _portaudio_loaded(me.proc.pid) and streams(pa) == (0, 0)
        caller.send(cmd="call", uri=me.uri)
        incoming = me.wait_for("incoming")
        assert me.wait_for("audio")["status"] == "ready"
        wait_streams(pa, (1, 2))  # ringing, as with the devices checked at start
        assert _portaudio_loaded(me.proc.pid)
        me.send(cmd="answer", call=incoming["call"])
        me.wait_for("state", state="confirmed")
        wait_streams(pa, (1, 1))
        me.send(cmd="hangup", call=incoming["call"])
        me.wait_for("ended")
        wait_streams(pa, (0, 0))


def test_without_a_sound_server_the_first_call_says_so_once_and_still_connects(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PULSE_SERVER": f"unix:{tmp_path}/nothing", "HOME": str(tmp_path),
           "PYTHONPATH": os.pathsep.join(sys.path)}
    with AgentProcess("--answer", "--echo") as far, \
            AgentProcess("--devices-on-first-use", ipc=True, env=env) as me:
        me.wait_for("ready")
        me.send(cmd="call", uri=far.uri)
        assert me.wait_for("audio")["status"] == "unavailable"
        media = me.wait_for("media", status="active")
        me.send(cmd="hangup", call=media["call"])
        assert me.wait_for("ended")["code"] == 200
        assert [e["status"] for e in me.events if e.get("event") == "audio"] == ["unavailable"]
