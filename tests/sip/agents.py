"""Helpers for tests that run real `whitephone agent` processes and real SIP peers."""

from __future__ import annotations

import json
import queue
import socket
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import numpy as np


def free_port(kind: int = socket.SOCK_DGRAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AgentProcess:
    """A `whitephone agent` subprocess; `events` are its JSON lines as they arrive."""

    def __init__(self, *args: str, ipc: bool = False, env: dict | None = None, prefix: tuple[str, ...] = ()) -> None:
        # prefix: a command the agent runs under, e.g. ("ip", "netns", "exec", NAME)
        cmd = [*prefix, sys.executable, "-m", "whitephone", "agent", *args] + (["--ipc"] if ipc else [])
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if ipc else subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.events: list[dict] = []
        self._q: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.ready = self.wait_for("ready")
        except BaseException:
            self.__exit__()  # never leave an agent behind when it did not come up
            raise

    def _read(self) -> None:
        for line in self.proc.stdout:
            ev = json.loads(line)  # every stdout line must be JSON: the contract
            self.events.append(ev)
            self._q.put(ev)
        self._q.put(None)

    def wait_for(self, name: str, timeout: float = 15, **match) -> dict:
        end = time.monotonic() + timeout
        for ev in self.events:
            if ev.get("event") == name and all(ev.get(k) == v for k, v in match.items()):
                return ev
        while time.monotonic() < end:
            try:
                ev = self._q.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if ev is None:
                break
            if ev.get("event") == name and all(ev.get(k) == v for k, v in match.items()):
                return ev
        raise AssertionError(f"no {name} {match} event; got {self.events}; stderr: {self._stderr()}")

    def reset(self) -> None:
        """Forget the events seen so far (pjsua reuses call ids from one call to the next)."""
        self.events.clear()
        while True:
            try:
                self._q.get_nowait()
            except queue.Empty:
                return

    def _stderr(self) -> str:
        if self.proc.poll() is None:
            return "(running)"
        return self.proc.stderr.read()[-2000:]

    def send(self, **cmd) -> None:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()

    @property
    def uri(self) -> str:
        return f"sip:test@{self.ready['address']}" + (";transport=tcp" if self.ready["transport"] == "tcp" else "")

    def stop(self, timeout: float = 10) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise

    def __enter__(self) -> AgentProcess:
        return self

    def __exit__(self, *exc) -> None:
        """SIGTERM first: the agent's shut-down sends its CANCEL/BYE within ~200 ms. A plain kill
        right after an `ended` can lose a CANCEL pjsua has not sent yet (it reports the end of
        a hung-up early call first), and the far end then rings on."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(0.5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def write_wav(path: Path, samples, rate: int = 16000) -> Path:
    """Mono 16-bit WAV of `samples` (floats in sample units, or ints)."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples).astype("<i2").tobytes())
    return path


def tone(path: Path, freq: float = 440.0, seconds: float = 3.0, rate: int = 16000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    return write_wav(path, 0.5 * 32767 * np.sin(2 * np.pi * freq * t), rate)


def dominant_frequency(path: Path) -> tuple[float, float]:
    """(frequency of the strongest component, RMS level) of a mono 16-bit WAV."""
    with wave.open(str(path)) as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(float)
    if len(data) < rate // 10:
        return 0.0, 0.0
    spectrum = np.abs(np.fft.rfft(data * np.hanning(len(data))))
    freqs = np.fft.rfftfreq(len(data), 1 / rate)
    return float(freqs[int(np.argmax(spectrum[1:])) + 1]), float(np.sqrt(np.mean(data ** 2)))


def band_level(path: Path, freq: float, start: float = 0.0, end: float | None = None) -> float:
    """RMS level of the `freq` component (±25 Hz) of a mono 16-bit WAV between `start` and `end`
    seconds (negative: from the end of the file): tells apart who is heard in a mixed recording."""
    with wave.open(str(path)) as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(float)
    seconds = len(data) / rate
    lo = start if start >= 0 else seconds + start
    hi = seconds if end is None else (end if end >= 0 else seconds + end)
    part = data[int(max(0.0, lo) * rate):int(max(0.0, hi) * rate)]
    if len(part) < rate // 10:
        return 0.0
    window = np.hanning(len(part))  # no leakage from a loud tone nearby into the band
    spectrum = np.fft.rfft(part * window)
    freqs = np.fft.rfftfreq(len(part), 1 / rate)
    band = np.abs(spectrum[(freqs > freq - 25) & (freqs < freq + 25)]) ** 2
    return float(np.sqrt(2 * band.sum() / (len(part) * np.sum(window ** 2))))
