"""Recording a voice mail through the call engine's audio path (the engine's `voice_mail`
command, sip/voice_mail.py): Record, a level meter and the time against the maximum, Stop,
listen back, record again. Used by Compose and by a call window's "Leave a voice mail". The
maximum is the company's (`MessageStore.voice_mail_seconds`, set on the hub by its admins): the
time counts down to it and the engine stops the recording there."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from whitephone.ui import theme

DEFAULT_MAX_SECONDS = 180  # a company that set nothing (protocol/media.py DEFAULT_SECONDS)
WARN_SECONDS = 10  # the countdown turns red this close to the end


def _mmss(seconds: float) -> str:
    s = int(max(0, seconds))
    return f"{s // 60}:{s % 60:02d}"


def countdown(elapsed: float, max_seconds: float) -> tuple[str, bool]:
    """("0:12 / 3:00 · 2:48 left", whether it is close to the end) while recording."""
    left = max(0.0, max_seconds - elapsed)
    text = QCoreApplication.translate("VoiceRecorder", "%1 / %2 · %3 left")
    return (text.replace("%1", _mmss(elapsed)).replace("%2", _mmss(max_seconds)).replace("%3", _mmss(left + 0.999)),
            left <= WARN_SECONDS)


class VoiceRecorderPanel(QWidget):
    """Record / Stop, the meter and the time; once recorded, a player to listen back."""

    recorded = Signal(str)  # the WAV's path
    cleared = Signal()

    def __init__(self, calls, path: str | Path, max_seconds: float = DEFAULT_MAX_SECONDS, parent=None) -> None:
        super().__init__(parent)
        self.calls = calls  # ui.calls.CallController or None (no engine)
        self.target = Path(path)
        self.max_seconds = float(max_seconds)
        self.path: str | None = None
        self.state = "idle"  # idle | opening | recording | closing | done
        self.started = 0.0
        self.record_btn = QPushButton(self.tr("Record"))
        self.record_btn.setToolTip(self.tr("Record from the microphone (at most %s)") % _mmss(self.max_seconds))
        self.record_btn.clicked.connect(self.toggle)
        self.meter = QProgressBar()
        self.meter.setRange(0, 255)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(12)
        self.time = QLabel(f"0:00 / {_mmss(self.max_seconds)}")
        self.status = QLabel()
        self.status.setWordWrap(True)
        from whitephone.ui.recording_player import MediaPane

        self.player = MediaPane()
        self.player.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.record_btn)
        row.addWidget(self.meter, 1)
        row.addWidget(self.time)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addLayout(row)
        v.addWidget(self.player)
        v.addWidget(self.status)
        v.addStretch()
        self._clock = QTimer(self, interval=200)
        self._clock.timeout.connect(self._tick)
        if calls is not None:
            calls.audioEvent.connect(self.on_event)
        self._available()

    def _available(self) -> bool:
        ok = self.calls is not None and getattr(self.calls, "ready", None) is not None
        if not ok:
            self.status.setText(self.tr("The call engine is not running: voice mail is recorded through it. "
                                        "It starts with the window; see the status bar."))
        self.record_btn.setEnabled(ok)
        return ok

    def toggle(self) -> None:
        if self.state in ("opening", "recording"):
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        if not self._available():
            return
        self.player.stop()
        self.player.load(None)
        self.player.setVisible(False)
        if self.path:
            self.path = None
            self.cleared.emit()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if self.calls.send("voice_mail", path=str(self.target), seconds=self.max_seconds) is None:
            return
        self.state = "opening"
        self.record_btn.setText(self.tr("Stop"))
        self.status.setText(self.tr("Opening the microphone…"))

    def stop(self) -> None:
        if self.state in ("opening", "recording") and self.calls is not None:
            self.calls.send("voice_mail_stop")
            self.state = "closing"
            self.record_btn.setEnabled(False)
            self._clock.stop()
            self.status.setText(self.tr("Finishing the recording…"))

    def cancel(self) -> None:
        """The dialog closes: a recording under way is thrown away."""
        if self.state in ("opening", "recording", "closing") and self.calls is not None:
            self.calls.send("voice_mail_stop", cancel=True)
        self.state = "idle"
        self._clock.stop()
        self.player.stop()

    def _tick(self) -> None:
        text, near = countdown(time.monotonic() - self.started, self.max_seconds)
        self.time.setText(text)
        theme.tone(self.time, "error" if near else "", "font-weight:bold" if near else "")

    def on_event(self, ev: dict) -> None:
        kind = ev.get("event")
        if kind == "levels" and self.state == "recording":
            self.meter.setValue(int(ev.get("microphone", 0)))
            return
        if kind == "error" and ev.get("cmd") in ("voice_mail", "voice_mail_stop") and self.state != "idle":
            self._ended(self.tr("Cannot record: %s") % ev.get("reason", ""))
            return
        if kind != "voice_mail" or self.state == "idle":
            return
        phase = ev.get("phase")
        if phase == "recording":
            self.state = "recording"
            self.started = time.monotonic()
            self._clock.start()
            self._tick()
            self.status.setText(self.tr("Recording… speak now. Stop when you are done (it stops by itself "
                                        "after %s).") % _mmss(self.max_seconds))
        elif phase == "done":
            self.path = ev.get("path") or str(self.target)
            seconds = float(ev.get("seconds", 0))
            self._ended(self.tr("Recorded %s. Listen back, record again, or send it.") % _mmss(seconds)
                        if seconds < self.max_seconds - 0.5 else
                        self.tr("Recorded %s: the most your company allows, so it stopped there. Listen back, "
                                "record again, or send it.") % _mmss(seconds))
            self.time.setText(f"{_mmss(seconds)} / {_mmss(self.max_seconds)}")
            self.player.load(self.path)
            self.player.setVisible(True)
            self.recorded.emit(self.path)
        elif phase == "no_input":
            self._ended(self.tr("No sound came from the microphone: %s") % ev.get("reason", ""))
        elif phase in ("failed", "cancelled"):
            self._ended(self.tr("Not recorded: %s") % ev.get("reason", self.tr("cancelled")))

    def _ended(self, text: str) -> None:
        self.state = "done" if self.path else "idle"
        self._clock.stop()
        theme.tone(self.time, "")
        self.meter.setValue(0)
        self.record_btn.setEnabled(True)
        self.record_btn.setText(self.tr("Record again") if self.path else self.tr("Record"))
        self.status.setText(text)
