"""Preferences → Audio against a real engine on PulseAudio virtual devices."""

from __future__ import annotations

import pytest

from tests.sip import pulse
from tests.sip.agents import AgentProcess, tone
from whitephone.core.dial import parse_dial_target
from whitephone.ui.audio_settings import (
    engine_args,
    engine_commands,
    load_audio,
    save_audio,
    with_jitter_buffer,
)
from whitephone.ui.dialogs.preferences import PreferencesDialog
from whitephone.ui.main_window import MainWindow

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip"),
              pytest.mark.skipif(not pulse.available(), reason="PulseAudio is not installed (make test installs it)")]


def test_audio_page_lists_devices_switches_them_and_tests_the_microphone(qtbot, pulse_phone, app, pa, tmp_path):
    dlg = PreferencesDialog(app, pulse_phone)
    qtbot.addWidget(dlg)
    page = dlg.audio
    qtbot.waitUntil(lambda: page.speaker.findData("pulse:spk") >= 0, timeout=10000)
    assert page.microphone.findData("pulse:vmic") >= 0
    assert page.microphone.findData("pulse:mic.monitor") < 0  # monitors are no microphones
    feed = pa.play_into_mic(tone(tmp_path / "voice.wav", 1000, 15))
    try:
        qtbot.waitUntil(lambda: page.meter.value() > 20, timeout=10000)  # the level meter moves
        page.test.click()
        qtbot.waitUntil(lambda: "finished" in page.status.text(), timeout=15000)
    finally:
        feed.terminate()
    assert page.test.isEnabled()
    # choose the speaker explicitly, turn echo cancellation off, put PCMU first
    page.speaker.setCurrentIndex(page.speaker.findData("pulse:spk"))
    page.echo.setChecked(False)
    page.codecs.setCurrentRow(1)
    page._move(-1)
    seen = []
    pulse_phone.calls.audioEvent.connect(seen.append)
    dlg.accept()
    qtbot.waitUntil(lambda: any(e.get("event") == "audio" and e.get("status") == "ready" for e in seen), timeout=10000)
    ready = next(e for e in seen if e.get("event") == "audio")
    assert ready["speaker"] == "pulse:spk" and ready["echo_cancellation"] is False
    saved = load_audio(app.profile)
    assert saved["codecs"][:2] == ["PCMU", "G722"] and saved["echo_cancellation"] is False
    # the next engine start opens the same devices
    assert engine_args(saved)[:2] == ["--speaker", "pulse:spk"]


def test_only_what_changed_is_sent():
    base = {"microphone": "", "speaker": "", "ringer": "", "mic_volume": 1.0, "speaker_volume": 1.0,
            "echo_cancellation": True, "codecs": ["G722", "PCMU", "PCMA"], "low_latency": False}
    assert engine_commands(base, base) == []
    louder = {**base, "speaker_volume": 1.5}
    assert engine_commands(louder, base) == [("volume", {"microphone": 1.0, "speaker": 1.5})]
    assert [c for c, _ in engine_commands(base)] == ["audio_settings", "volume", "codecs"]


def test_the_jitter_buffer_choice_replaces_the_previous_one():
    low = {"low_latency": True}
    assert with_jitter_buffer(["--listen", "x", "--jitter-buffer", "40"], {"low_latency": False}) == ["--listen", "x"]
    assert with_jitter_buffer(["--jitter-buffer", "40", "--mic", "m"], low) == ["--mic", "m", "--jitter-buffer", "40"]


def test_audio_page_without_engine_says_so(qtbot, window, app):
    dlg = PreferencesDialog(app, window)
    qtbot.addWidget(dlg)
    assert "not running" in dlg.audio.status.text() and not dlg.audio.test.isEnabled()


def test_low_latency_restarts_the_engine_with_a_shorter_jitter_buffer(qtbot, pulse_phone, app):
    first = pulse_phone.calls.bridge.client.proc.pid
    dlg = PreferencesDialog(app, pulse_phone)
    qtbot.addWidget(dlg)
    assert not dlg.audio.low_latency.isChecked()
    dlg.audio.low_latency.setChecked(True)
    dlg.accept()
    qtbot.waitUntil(lambda: pulse_phone.calls.ready is not None and pulse_phone.calls.bridge.client.proc.pid != first,
                    timeout=20000)
    args = pulse_phone.calls.bridge.client.args
    assert args[-2:] == ["--jitter-buffer", "40"] and "pulse:spk" in args  # the rest kept
    assert load_audio(app.profile)["low_latency"] is True


def test_a_start_up_setting_waits_for_the_call_to_end(qtbot, pulse_phone, app):
    with AgentProcess("--answer", "--no-audio", "--echo") as far:
        pulse_phone.callRequested.emit(parse_dial_target(far.uri, "GB"), None)
        qtbot.waitUntil(lambda: bool(pulse_phone.calls.entries), timeout=10000)
        first = pulse_phone.calls.bridge.client.proc.pid
        saved = load_audio(app.profile)
        save_audio(app.profile, {**saved, "low_latency": True})
        pulse_phone.calls.apply_audio(previous=saved)
        assert pulse_phone.calls.restart_args is not None  # waiting: a call is up
        qtbot.wait(300)
        assert pulse_phone.calls.bridge.client.proc.pid == first
        for call_id in list(pulse_phone.calls.entries):
            pulse_phone.calls.send("hangup", call=call_id)
        qtbot.waitUntil(lambda: pulse_phone.calls.bridge.client.proc.pid != first and pulse_phone.calls.ready is not None,
                        timeout=20000)
    assert pulse_phone.calls.restart_args is None


def test_the_audio_test_says_which_microphone_is_missing(qtbot, app, pa, monkeypatch):
    for k in ("PULSE_SERVER", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(k, pa.env[k])
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.start_engine(["--listen", "127.0.0.1:0", "--mic", "pulse:gone", "--speaker", "pulse:spk"])
    try:
        qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=15000)
        dlg = PreferencesDialog(app, w)
        qtbot.addWidget(dlg)
        page = dlg.audio
        page.test.click()
        qtbot.waitUntil(lambda: page.test.isEnabled(), timeout=15000)
        assert "no microphone to test" in page.status.text() and "“gone” is not connected" in page.status.text()
        assert "Playing back" not in page.status.text()
    finally:
        w.shutdown()
