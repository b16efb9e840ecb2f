"""The engine records a voice mail from the microphone (issue 14.2): levels while recording,
Stop or the maximum length end it, the WAV holds what the microphone heard; no microphone is
said in words. The microphone is a private PulseAudio's virtual one fed with a tone."""

from __future__ import annotations

import time
import wave

import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, tone
from tests.sip.test_device_privacy import DEVICES, needs_pulse, pa, wait_streams  # noqa: F401 - pa is a fixture

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def _seconds(path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


@needs_pulse
def test_a_voice_mail_records_the_microphone_until_stop_with_levels(pa, tmp_path):  # noqa: F811
    out = tmp_path / "vm.wav"
    with AgentProcess(*DEVICES, ipc=True, env=pa.env) as me:
        me.wait_for("audio")
        feed = pa.play_into_mic(tone(tmp_path / "voice.wav", 1000, 20))
        try:
            me.send(cmd="voice_mail", path=str(out), seconds=60)
            assert me.wait_for("voice_mail", phase="recording")["max"] == 60
            level = me.wait_for("levels")
            assert "microphone" in level
            time.sleep(1.5)
            me.send(cmd="voice_mail_stop")
            done = me.wait_for("voice_mail", phase="done")
        finally:
            feed.terminate()
            feed.wait()
        assert done["path"] == str(out) and 1.0 <= done["seconds"] <= 3.0
        assert 1.0 <= _seconds(out) <= 3.5
        freq, rms = dominant_frequency(out)
        assert abs(freq - 1000) < 30 and rms > 500
        wait_streams(pa, (0, 0))  # the microphone closes after the recording


@needs_pulse
def test_a_voice_mail_ends_at_the_maximum_length(pa, tmp_path):  # noqa: F811
    out = tmp_path / "vm.wav"
    with AgentProcess(*DEVICES, ipc=True, env=pa.env) as me:
        me.wait_for("audio")
        feed = pa.play_into_mic(tone(tmp_path / "voice.wav", 700, 20))
        try:
            me.send(cmd="voice_mail", path=str(out), seconds=1)
            done = me.wait_for("voice_mail", phase="done", timeout=20)
        finally:
            feed.terminate()
            feed.wait()
        assert done["seconds"] <= 1.0
        assert 0.7 <= _seconds(out) <= 1.3


@needs_pulse
def test_a_voice_mail_without_a_microphone_says_so(pa, tmp_path):  # noqa: F811
    with AgentProcess("--mic", "pulse:gone", "--speaker", "pulse:spk", ipc=True, env=pa.env) as me:
        me.wait_for("audio", status="unavailable")
        me.send(cmd="voice_mail", path=str(tmp_path / "vm.wav"), seconds=10, req=3)
        err = me.wait_for("error", req=3)
        assert "microphone" in err["reason"] and "gone" in err["reason"]
        assert not (tmp_path / "vm.wav").exists()

