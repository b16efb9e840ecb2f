"""Video mail (issue 14.2): generated frames and sound fed through QtMultimedia's frame and
buffer inputs become an MP4 (MPEG-4 Part 2 + AAC) that decodes back with the right duration and
frame count; without a camera the recorder says so in words."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage

from whitephone.ui.video_mail import NO_CAMERA, FrameFeed, camera_problem

FPS, SECONDS, RATE = 25, 2, 48000


def frames(n: int, width: int = 640, height: int = 480):
    for i in range(n):
        img = QImage(width, height, QImage.Format.Format_RGBA8888)
        img.fill(QColor.fromHsv((i * 7) % 360, 200, 220))
        yield img


def sine(seconds: float, freq: float = 440.0, rate: int = RATE) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return (0.3 * 32767 * np.sin(2 * np.pi * freq * t)).astype("<i2").tobytes()


def decode(qtbot, path) -> dict:
    """Play the file through QMediaPlayer into a video sink: frames seen, duration, tracks."""
    from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer, QVideoSink

    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoOutput(sink)
    seen = []
    sink.videoFrameChanged.connect(lambda f: f.isValid() and seen.append(f.startTime()))
    player.setSource(QUrl.fromLocalFile(str(path)))
    qtbot.waitUntil(lambda: player.mediaStatus() in (QMediaPlayer.MediaStatus.LoadedMedia,
                                                     QMediaPlayer.MediaStatus.InvalidMedia), timeout=10000)
    assert player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, player.errorString()
    meta = player.metaData()
    out = {"duration": player.duration(), "audio": player.hasAudio(), "video": player.hasVideo(),
           "video_codec": str(meta.value(QMediaMetaData.Key.VideoCodec)),
           "audio_codec": str(meta.value(QMediaMetaData.Key.AudioCodec))}
    player.play()
    qtbot.waitUntil(lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia, timeout=20000)
    out["frames"] = len(set(seen))
    player.stop()
    return out


def test_generated_frames_become_an_mp4_with_the_right_duration_and_frame_count(qtbot, tmp_path):
    path = tmp_path / "video-mail.mp4"
    feed = FrameFeed()
    with qtbot.waitSignal(feed.finished, timeout=30000) as done:
        feed.record(path, frames(FPS * SECONDS), fps=FPS, audio=sine(SECONDS), rate=RATE)
    assert done.args == [str(path)] and feed.frames_sent == FPS * SECONDS
    assert path.read_bytes()[4:8] == b"ftyp"  # an MP4
    info = decode(qtbot, path)
    assert info["video"] and info["audio"]
    assert "MPEG4" in info["video_codec"] and "AAC" in info["audio_codec"], info
    assert abs(info["duration"] - SECONDS * 1000) <= 100, info
    assert abs(info["frames"] - FPS * SECONDS) <= 1, info


def test_without_a_camera_the_reason_is_given():
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.videoInputs():
        pytest.skip("this computer has a camera")
    assert camera_problem() == NO_CAMERA and "No camera" in NO_CAMERA


def test_a_video_mail_plays_in_the_messages_tab(qtbot, app, tmp_path):
    import time
    import uuid

    from PySide6.QtCore import QItemSelectionModel

    from whitephone.ui.tabs.messages import MessagesTab

    path = tmp_path / "video-mail.mp4"
    feed = FrameFeed()
    with qtbot.waitSignal(feed.finished, timeout=30000):
        feed.record(path, frames(FPS * SECONDS, 320, 240), fps=FPS, audio=sine(SECONDS), rate=RATE,
                    width=320, height=240)
    app.store.messages.add_incoming([dict(
        kind="video", hub_id=1, client_id=str(uuid.uuid4()), sender_id=3, sender_name="Jan", subject="Showroom",
        attachment={"name": "video-mail.mp4", "mime": "video/mp4", "size": path.stat().st_size, "path": str(path),
                    "hub_id": 5}, received_at=time.time(), sent_at=time.time())])
    tab = MessagesTab(app)
    qtbot.addWidget(tab)
    tab.show()
    tab.table.selectionModel().select(tab.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select
                                      | QItemSelectionModel.SelectionFlag.Rows)
    pane = tab.view.video
    assert pane.video is not None and tab.view.media.currentWidget() is pane
    qtbot.waitUntil(lambda: abs(pane.seek.maximum() - SECONDS * 1000) <= 100, timeout=10000)
    qtbot.mouseClick(pane.play_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.seek.value() > 300, timeout=10000)  # it plays
    pane.stop()
