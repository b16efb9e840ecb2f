"""Recording a video mail with QtMultimedia: MP4 with MPEG-4 Part 2 video and AAC audio, what
Qt's bundled LGPL FFmpeg encodes on all three platforms.

`VideoMailRecorder` records the camera and the microphone (with a preview); `FrameFeed` records
frames and sound that the program makes (QVideoFrameInput / QAudioBufferInput): the tests and
the benchmark feed it generated pictures, since this machine has no camera. Both end in
`finished(path)` or `failed(reason)`.

Found here with PySide6 6.11: the frame and buffer inputs are made without a format (they take
it from the first frame) and that first frame must be sent at once after `record()`; until it
arrives the recorder never becomes ready, and `readyToSend…` never fires."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, QUrl, Signal

NO_CAMERA = QT_TRANSLATE_NOOP("VideoMail", "No camera was found on this computer. Connect one (and allow WhitePhone "
                                           "to use it) to record a video mail; you can send a voice mail or a text "
                                           "instead.")
DEFAULT_MAX_SECONDS = 180


def mp4_format():
    """MP4, MPEG-4 Part 2 video, AAC audio."""
    from PySide6.QtMultimedia import QMediaFormat

    fmt = QMediaFormat(QMediaFormat.FileFormat.MPEG4)
    fmt.setVideoCodec(QMediaFormat.VideoCodec.MPEG4)
    fmt.setAudioCodec(QMediaFormat.AudioCodec.AAC)
    return fmt


def camera_problem() -> str | None:
    """Why no video mail can be recorded here (a sentence), or None when a camera is there."""
    from PySide6.QtMultimedia import QMediaDevices

    return None if QMediaDevices.videoInputs() else QCoreApplication.translate("VideoMail", NO_CAMERA)  # i18n: marked


class _Recording(QObject):
    finished = Signal(str)  # path
    failed = Signal(str)  # reason
    durationChanged = Signal(int)  # ms recorded so far

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QMediaCaptureSession, QMediaRecorder

        self.session = QMediaCaptureSession(self)
        self.recorder = QMediaRecorder(self)
        self.session.setRecorder(self.recorder)
        self.recorder.setMediaFormat(mp4_format())
        self.recorder.durationChanged.connect(lambda ms: self.durationChanged.emit(int(ms)))
        self.recorder.errorOccurred.connect(self._error)
        self.recorder.recorderStateChanged.connect(self._state)
        self.path = ""
        self._stopping = False
        self._failed = False

    def _start(self, path: str | Path, width: int, height: int, fps: int) -> None:
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        Path(self.path).unlink(missing_ok=True)
        self._stopping = self._failed = False
        self.recorder.setVideoResolution(width, height)
        self.recorder.setVideoFrameRate(fps)
        self.recorder.setOutputLocation(QUrl.fromLocalFile(self.path))
        self.recorder.record()

    def stop(self) -> None:
        self._stopping = True
        self.recorder.stop()

    def _error(self, _error, text: str) -> None:
        self._failed = True
        self.failed.emit(text or self.tr("the recorder failed"))

    def _state(self, state) -> None:
        from PySide6.QtMultimedia import QMediaRecorder

        if state == QMediaRecorder.RecorderState.StoppedState and not self._failed:
            if Path(self.path).is_file() and Path(self.path).stat().st_size > 0:
                self.finished.emit(self.path)
            else:
                self.failed.emit(self.tr("nothing was recorded"))


class VideoMailRecorder(_Recording):
    """The camera and the microphone into an MP4, with a live preview in `preview` (a video
    widget or sink). Check `camera_problem()` first."""

    def __init__(self, preview=None, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioInput, QCamera

        self.camera = QCamera(self)
        self.camera.errorOccurred.connect(lambda _e, text: self.failed.emit(text))
        self.session.setCamera(self.camera)
        self.session.setAudioInput(QAudioInput(self))
        if preview is not None:
            self.session.setVideoOutput(preview)
        self.max_timer = QTimer(self, singleShot=True)
        self.max_timer.timeout.connect(self.stop)

    def start_preview(self) -> None:
        self.camera.start()

    def record(self, path: str | Path, max_seconds: float = DEFAULT_MAX_SECONDS,
               width: int = 640, height: int = 480, fps: int = 25) -> None:
        self.camera.start()
        self.max_timer.start(int(max_seconds * 1000))
        self._start(path, width, height, fps)

    def stop(self) -> None:
        self.max_timer.stop()
        super().stop()

    def close(self) -> None:
        self.max_timer.stop()
        self.recorder.stop()
        self.camera.stop()


class FrameFeed(_Recording):
    """Frames (QImage) and sound (16-bit mono PCM) the program makes, recorded as a video mail.
    `frames` yields QImages at `fps`; `audio` is raw little-endian int16 at `rate` (or empty)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioBufferInput, QVideoFrameInput

        self.video_in = QVideoFrameInput(self)
        self.audio_in = QAudioBufferInput(self)
        self.session.setVideoFrameInput(self.video_in)
        self.video_in.readyToSendVideoFrame.connect(self._send_video)
        self.audio_in.readyToSendAudioBuffer.connect(self._send_audio)
        self.frames_sent = 0
        self._frames: Iterator | None = None
        self._pending_frame = None
        self._audio_chunks: list[bytes] = []
        self._audio_index = 0
        self._fps = 25
        self._rate = 48000
        self._audio_fmt = None
        self._progress: Callable[[int], None] | None = None

    def record(self, path: str | Path, frames, fps: int = 25, audio: bytes = b"", rate: int = 48000,
               width: int = 640, height: int = 480) -> None:
        from PySide6.QtMultimedia import QAudioFormat

        self._frames, self._fps, self._rate = iter(frames), fps, rate
        self.frames_sent, self._pending_frame = 0, None
        per_frame = 2 * rate // fps  # one video frame's worth of sound, in bytes
        self._audio_chunks = [audio[i:i + per_frame] for i in range(0, len(audio), per_frame)]
        self._audio_index = 0
        if self._audio_chunks:
            self.session.setAudioBufferInput(self.audio_in)
            fmt = QAudioFormat()
            fmt.setSampleRate(rate)
            fmt.setChannelCount(1)
            fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            self._audio_fmt = fmt
        self._start(path, width, height, fps)
        self._send_audio()  # the first frame and buffer at once, or the recorder never gets ready
        self._send_video()

    def _send_video(self) -> None:
        from PySide6.QtMultimedia import QVideoFrame

        while self._frames is not None:
            if self._pending_frame is None:
                image = next(self._frames, None)
                if image is None:
                    self._frames = None
                    break
                frame = QVideoFrame(image)
                frame.setStartTime(self.frames_sent * 1_000_000 // self._fps)
                frame.setEndTime((self.frames_sent + 1) * 1_000_000 // self._fps)
                frame.setStreamFrameRate(self._fps)
                self._pending_frame = frame
            if not self.video_in.sendVideoFrame(self._pending_frame):
                return  # readyToSendVideoFrame calls again
            self._pending_frame = None
            self.frames_sent += 1
        self._maybe_stop()

    def _send_audio(self) -> None:
        from PySide6.QtMultimedia import QAudioBuffer

        while self._audio_index < len(self._audio_chunks):
            start = self._audio_index * 1_000_000 // self._fps
            buf = QAudioBuffer(self._audio_chunks[self._audio_index], self._audio_fmt, start)
            if not self.audio_in.sendAudioBuffer(buf):
                return
            self._audio_index += 1
        self._maybe_stop()

    def _maybe_stop(self) -> None:
        if self._frames is None and self._audio_index >= len(self._audio_chunks) and not self._stopping:
            self.stop()
