"""Recording a voice mail from the microphone, in the engine process: the microphone's port
feeds an `AudioMediaRecorder` (WAV, the bridge's 16 kHz mono) until Stop or the maximum length;
levels ten times a second for the meter.

Events (`{"event": "voice_mail", ...}`): phase `recording` (max seconds), `levels` go out
through the engine's meter, then `done` (path, seconds) or `no_input` (reason) or `failed`."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

OPEN_TIMEOUT = 5.0  # a microphone that sends nothing in this long is reported (PulseAudio: ~1 s)
CLOSE_TIMEOUT = 3.0


class VoiceMailRecording:
    """One recording; `step(now)` runs from the engine's pump loop (never blocks)."""

    def __init__(self, devices, path: str, max_seconds: float, emit: Callable[[dict], None],
                 finished: Callable[[str], bool]) -> None:
        self.devices, self.path, self.max_seconds, self.emit = devices, path, float(max_seconds), emit
        self.finished = finished
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).unlink(missing_ok=True)  # a re-record starts from nothing
        self.phase = "opening"
        self.until = time.monotonic() + OPEN_TIMEOUT
        self.heard_from = devices.mic.received
        self.recorder = None
        self.started = 0.0
        self.seconds = 0.0

    @property
    def done(self) -> bool:
        return self.phase == "done"

    def stop(self) -> None:
        """Stop now (the user pressed Stop); before the microphone opened, nothing is kept."""
        if self.phase == "opening":
            self.phase = "done"
            self.emit({"event": "voice_mail", "phase": "cancelled"})
        elif self.phase == "recording":
            self._close(time.monotonic())

    def cancel(self) -> None:
        if self.phase == "recording":
            self._close(time.monotonic(), report=False)
        self.phase = "done"
        self.recorder = None
        Path(self.path).unlink(missing_ok=True)

    def step(self, now: float) -> None:
        if self.phase == "opening":
            if self.devices.mic.received > self.heard_from:
                import pjsua2 as pj

                rec = pj.AudioMediaRecorder()
                rec.createRecorder(self.path)
                self.devices.port.startTransmit(rec)
                self.recorder, self.started, self.phase = rec, now, "recording"
                self.until = now + self.max_seconds
                self.emit({"event": "voice_mail", "phase": "recording", "max": self.max_seconds})
            elif now >= self.until:
                self.phase = "done"
                self.emit({"event": "voice_mail", "phase": "no_input",
                           "reason": "the microphone sent no sound (is it plugged in, switched on and allowed "
                                     "for this program?)"})
        elif self.phase == "recording" and now >= self.until:
            self._close(now)  # the maximum length
        elif self.phase == "closing" and (self.finished(self.path) or now >= self.until):
            self.phase = "done"
            if self.finished(self.path):
                self.emit({"event": "voice_mail", "phase": "done", "path": self.path,
                           "seconds": round(self.seconds, 2)})
            else:
                self.emit({"event": "voice_mail", "phase": "failed", "reason": "the recording was not finished"})

    def _close(self, now: float, report: bool = True) -> None:
        self.seconds = min(self.max_seconds, now - self.started)
        if self.recorder is not None:
            try:
                self.devices.port.stopTransmit(self.recorder)
            except Exception:  # noqa: BLE001 - the port may be gone with the devices
                pass
        self.recorder = None  # pjmedia writes the WAV's sizes as the recorder is destroyed
        self.phase = "closing" if report else "done"
        self.until = now + CLOSE_TIMEOUT
