"""Voice mail in the window (issue 14.2, 14.3): recorded through the real engine's microphone
(a private PulseAudio's virtual one, fed with a tone) in Compose, listened back and queued as Ogg
Opus; a colleague's call that is not taken offers "Leave a voice mail", which records there; an
engine without a microphone says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.sip import pulse
from tests.sip.agents import AgentProcess, tone
from tests.ui.conftest import call_window
from whitephone.core.dial import DialTarget
from whitephone.ui import theme

LEFT = Qt.MouseButton.LeftButton
pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]
needs_pulse = pytest.mark.skipif(not pulse.available(), reason="PulseAudio is not installed (make test installs it)")


def test_compose_records_a_voice_mail_through_the_engine_and_queues_it(qtbot, pulse_phone, app, pa, tmp_path):
    w = pulse_phone
    app.store.messages.set_users([{"id": 2, "name": "Mary Smith", "email": "mary@example.com"}])
    w.messages.compose({"kind": "voice", "to": [(2, "Mary Smith")]})
    dlg = w.messages._dialog
    panel = dlg.voice
    assert dlg.kind() == "voice" and panel.record_btn.isEnabled()
    qtbot.mouseClick(dlg.send_btn, LEFT)  # nothing recorded yet: said, nothing sent
    assert "Record your voice mail first" in dlg.error.text()
    feed = pa.play_into_mic(tone(tmp_path / "speech.wav", 800, 20))
    try:
        qtbot.mouseClick(panel.record_btn, LEFT)
        qtbot.waitUntil(lambda: panel.state == "recording", timeout=15000)
        qtbot.waitUntil(lambda: panel.meter.value() > 50, timeout=5000)  # the meter moves with the voice
        qtbot.wait(1500)
        qtbot.mouseClick(panel.record_btn, LEFT)  # Stop
        qtbot.waitUntil(lambda: panel.path is not None, timeout=10000)
    finally:
        feed.terminate()
        feed.wait()
    assert panel.player.isVisibleTo(dlg) and panel.record_btn.text() == "Record again"
    qtbot.waitUntil(lambda: panel.player.seek.maximum() > 1000, timeout=10000)  # listen back
    draft = panel.path
    qtbot.mouseClick(dlg.send_btn, LEFT)
    assert not dlg.isVisible()
    from pathlib import Path

    assert not Path(draft).exists()  # the draft WAV goes; the store keeps the Ogg Opus it made
    sent = next(m for m in app.store.messages.list(limit=10) if m.direction == "out")
    assert sent.kind == "voice" and sent.status == "queued" and [r["id"] for r in sent.recipients] == [2]
    assert sent.attachment["mime"].startswith("audio/ogg") or sent.attachment["name"].endswith(".ogg")
    assert Path(sent.attachment["path"]).is_file()


def test_a_colleague_who_is_busy_gets_a_voice_mail_offer_and_no_microphone_is_said(qtbot, phone, app):
    with AgentProcess("--no-audio", ipc=True) as peer:
        phone.callRequested.emit(DialTarget("sip", peer.uri, None, "Mary Smith", None, colleague=2), None)
        incoming = peer.wait_for("incoming")
        cw = call_window(qtbot, phone)
        peer.send(cmd="busy", call=incoming["call"])
        qtbot.waitUntil(lambda: cw.ended, timeout=10000)
    assert cw.voice_mail_btn.isVisibleTo(cw) and "busy" in cw._why
    qtbot.mouseClick(cw.voice_mail_btn, LEFT)
    dlg = phone.messages._dialog
    assert dlg.isVisible() and dlg.user_id == 2 and "Mary Smith is busy" in dlg.findChildren(
        type(dlg.error))[0].text()
    # this engine runs without sound devices: the recorder says why instead of pretending
    qtbot.waitUntil(lambda: "Cannot record" in dlg.recorder.status.text(), timeout=10000)
    assert "sound devices" in dlg.recorder.status.text() and not dlg.send_btn.isEnabled()
    dlg.reject()


def test_an_answered_or_ordinary_call_offers_no_voice_mail(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as peer:
        phone.callRequested.emit(DialTarget("sip", peer.uri, None, "Someone", None), None)  # not a colleague
        incoming = peer.wait_for("incoming")
        cw = call_window(qtbot, phone)
        peer.send(cmd="busy", call=incoming["call"])
        qtbot.waitUntil(lambda: cw.ended, timeout=10000)
    assert not cw.voice_mail_btn.isVisibleTo(cw)


def test_recording_counts_down_and_stops_at_the_companys_limit(qtbot, pulse_phone, app, pa, tmp_path):
    import soundfile as sf

    w = pulse_phone
    app.store.messages.set_users([{"id": 2, "name": "Mary Smith", "email": "mary@example.com"}])
    app.store.messages.set_voice_mail_seconds(10)  # what the hub said (the shortest it allows)
    w.messages.compose({"kind": "voice", "to": [(2, "Mary Smith")]})
    dlg = w.messages._dialog
    panel = dlg.voice
    assert panel.max_seconds == 10 and "0:10" in panel.time.text()
    feed = pa.play_into_mic(tone(tmp_path / "speech.wav", 800, 30))
    try:
        qtbot.mouseClick(panel.record_btn, LEFT)
        qtbot.waitUntil(lambda: panel.state == "recording", timeout=15000)
        qtbot.waitUntil(lambda: "left" in panel.time.text(), timeout=5000)
        seen = set()
        # nobody presses Stop: it counts down, turns red near the end, and stops by itself
        qtbot.waitUntil(lambda: seen.add(panel.time.text()) or theme.colour("error") in panel.time.styleSheet(), timeout=15000)
        qtbot.waitUntil(lambda: panel.path is not None, timeout=20000)
    finally:
        feed.terminate()
        feed.wait()
    assert any(t.endswith("left") and "/ 0:10" in t for t in seen), seen
    assert "the most your company allows" in panel.status.text()
    assert 8.0 < sf.info(panel.path).duration <= 10.5
    qtbot.mouseClick(dlg.send_btn, LEFT)
    assert not dlg.isVisible()
    sent = next(m for m in app.store.messages.list(limit=10) if m.direction == "out")
    assert sent.kind == "voice" and sent.status == "queued"
