"""Playing a recording or a voice/video mail: play/pause, a seek bar and the time, through
QtMultimedia. `MediaPane` is the widget (the Messages tab embeds it; a video gets a video widget
above the bar); `RecordingPlayer` is the small dialog of a call recording."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget


def _clock(ms: int) -> str:
    s = max(0, ms) // 1000
    return f"{s // 60:02d}:{s % 60:02d}"


class MediaPane(QWidget):
    """Play/pause, a seek bar that follows playback and can be dragged, the time; with
    `video=True` a video widget above (QtMultimediaWidgets is imported only then)."""

    def __init__(self, video: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.video = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        if video:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self.video = QVideoWidget()
            self.video.setMinimumSize(320, 240)
            self.player.setVideoOutput(self.video)
            v.addWidget(self.video, 1)
        self.play_btn = QPushButton(self.tr("Play"))
        self.play_btn.clicked.connect(self.toggle)
        self.seek = QSlider(Qt.Orientation.Horizontal)
        self.seek.setAccessibleName(self.tr("Position"))
        self.seek.setRange(0, 0)
        self.seek.sliderMoved.connect(self.player.setPosition)
        self.time = QLabel("00:00 / 00:00")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.play_btn)
        row.addWidget(self.seek, 1)
        row.addWidget(self.time)
        v.addLayout(row)
        v.addWidget(self.status)
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        self.player.playbackStateChanged.connect(self._state)
        self.player.errorOccurred.connect(lambda _err, text: self.status.setText(self.tr("Cannot play: %s") % text))

    def load(self, path: str | Path | None) -> None:
        self.player.stop()
        self.status.setText("")
        self.player.setSource(QUrl.fromLocalFile(str(path)) if path else QUrl())

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def stop(self) -> None:
        self.player.stop()

    def seek_to(self, ms: int) -> None:
        self.player.setPosition(ms)

    def _duration(self, ms: int) -> None:
        self.seek.setRange(0, ms)
        self._position(self.player.position())

    def _position(self, ms: int) -> None:
        if not self.seek.isSliderDown():
            self.seek.setValue(ms)
        self.time.setText(f"{_clock(ms)} / {_clock(self.player.duration())}")

    def _state(self, state) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_btn.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.status.setText(self.tr("Playing…") if playing else "")


class RecordingPlayer(QDialog):
    """A small player for one WAV."""

    def __init__(self, path: str | Path, title: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recording — %s") % (title or Path(path).name))
        self.resize(420, 120)
        self.pane = MediaPane(parent=self)
        self.player, self.play_btn, self.seek = self.pane.player, self.pane.play_btn, self.pane.seek
        self.time, self.status = self.pane.time, self.pane.status
        QVBoxLayout(self).addWidget(self.pane)
        self.pane.load(path)

    def toggle(self) -> None:
        self.pane.toggle()

    def seek_to(self, ms: int) -> None:
        self.pane.seek_to(ms)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.player.stop()
        super().closeEvent(event)
