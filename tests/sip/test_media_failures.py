"""A piece of a call's media that cannot be set up (a recording in a folder we cannot write, a
--play file that is no WAV) is reported once, and the rest of the call's media stays as it was:
mute holds, hold and resume work. Recording is the call's state: stop works in any state."""

from __future__ import annotations

import time

import pytest

from tests.sip.agents import AgentProcess, band_level, tone
from tests.sip.test_call_control import connect, media_count, wait_media

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def test_a_recording_that_cannot_be_created_leaves_mute_and_the_call_alone(tmp_path):
    voice = tone(tmp_path / "voice.wav", 1000, 60)
    heard = tmp_path / "heard.wav"
    (tmp_path / "not-a-folder").write_text("x")
    with AgentProcess("--play", str(voice), ipc=True) as me, AgentProcess("--no-audio", ipc=True) as far:
        mine, theirs = connect(me, far)
        me.send(cmd="mute", call=mine, muted=True)
        me.wait_for("muted", call=mine, muted=True)
        me.send(cmd="record", call=mine, path=str(tmp_path / "not-a-folder" / "x.wav"), req=1)
        failed = me.wait_for("recording", call=mine, recording=False)
        assert failed["reason"], failed
        n = media_count(far, theirs, "active")
        me.send(cmd="hold", call=mine)
        far.wait_for("media", call=theirs, status="held", by="remote")
        me.send(cmd="resume", call=mine)
        wait_media(far, theirs, "active", n)
        far.send(cmd="record", call=theirs, path=str(heard))
        far.wait_for("recording", call=theirs, recording=True)
        time.sleep(2.0)  # still muted after the failed recording and a hold
        me.send(cmd="mute", call=mine, muted=False)
        me.wait_for("muted", call=mine, muted=False)
        time.sleep(2.0)
        me.send(cmd="hangup", call=mine)
        far.wait_for("ended")
        assert len([e for e in me.events if e["event"] == "recording"]) == 1, me.events  # reported once
        assert not [e for e in me.events if e["event"] == "error"], me.events
    muted, unmuted = band_level(heard, 1000, 0.2, 1.6), band_level(heard, 1000, -1.6, -0.2)
    assert muted < 30 and unmuted > 1000, (muted, unmuted)


@pytest.mark.parametrize("content", [b"", b"hello world" * 10, None])
def test_a_play_file_that_cannot_be_opened_is_reported_and_the_call_goes_on(tmp_path, content):
    bad = tmp_path / "bad.wav"
    if content is not None:
        bad.write_bytes(content)
    with AgentProcess("--no-audio", "--answer", ipc=True) as far, AgentProcess("--no-audio", ipc=True) as me:
        me.send(cmd="call", uri=far.uri, play=str(bad))
        mine = me.wait_for("state", state="confirmed")["call"]
        failed = me.wait_for("playing", call=mine, playing=False)
        assert failed["path"] == str(bad) and failed["reason"], failed
        assert me.wait_for("media", call=mine, status="active")
        me.send(cmd="hold", call=mine, req=1)
        me.wait_for("media", call=mine, status="held")
        assert len([e for e in me.events if e["event"] == "playing"]) == 1, me.events
        me.send(cmd="hangup", call=mine)
        me.wait_for("ended")


def test_recording_asked_while_held_can_be_stopped_and_stays_stopped(tmp_path):
    voice = tone(tmp_path / "voice.wav", 1000, 60)
    rec = tmp_path / "rec.wav"
    with AgentProcess("--play", str(voice), ipc=True) as far, AgentProcess("--no-audio", ipc=True) as me:
        _, mine = connect(far, me)
        me.send(cmd="hold", call=mine)
        me.wait_for("media", call=mine, status="held")
        me.send(cmd="record", call=mine, path=str(rec))
        me.wait_for("recording", call=mine, recording=True)
        me.send(cmd="record_stop", call=mine, req=1)
        me.wait_for("ok", req=1)
        assert me.wait_for("recording", call=mine, recording=False)
        n = media_count(me, mine, "active")
        me.send(cmd="resume", call=mine)
        wait_media(me, mine, "active", n)
        time.sleep(1.5)
        me.send(cmd="hangup", call=mine)
        assert me.wait_for("ended")["recording"] == ""  # no file was made, none is named
    assert not rec.exists()
