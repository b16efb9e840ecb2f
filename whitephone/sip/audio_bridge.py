"""The bridge between pjsua2's conference bridge and the computer's real microphone and speaker.

The pjsua2 wheel has no sound devices, so the engine runs pjmedia on its null device and this
module moves audio between a `pjsua2.AudioMediaPort` (20 ms frames on pjmedia's clock thread)
and sounddevice (PortAudio threads). What measured best here (DESIGN.md, lab/bridge_sd.py):
- two separate raw streams (one duplex stream spun a core), 16 kHz mono int16, blocksize 320,
  latency 0.04 s, opened at start-up and kept open (an output stream takes ~2 s to start);
- between the clocks, rings of 20 ms frames primed to 2 and capped at 6: silence and re-prime
  on underrun; drift between the two clocks is absorbed by dropping a frame when the ring has
  stayed above its target for a second (the quieter of the two oldest);
- nothing heavier than a copy on the audio path: volume, mute and level meters are pjmedia's
  own (adjustTx/RxLevel, getTx/RxLevel, done in C); reading the frame vector through ctypes
  costs ~3 µs against ~300 µs for bytes(), with bytes() as the fallback when the layout check
  fails.
"""

from __future__ import annotations

import array
import ctypes
import json
import logging
import math
import os
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pjsua2 as pj

from whitephone.sip.realtime import RealtimeThreads

log = logging.getLogger(__name__)

RATE = 16000  # the conference bridge's clock rate: the port must match it (pjmedia asserts)
PTIME_MS = 20
FRAME_SAMPLES = RATE * PTIME_MS // 1000
FRAME_BYTES = FRAME_SAMPLES * 2
SILENCE = bytes(FRAME_BYTES)


def _vector_bytes_ctypes(vec) -> bytes:
    """std::vector<unsigned char> → bytes via its begin/end pointers (libstdc++/libc++ layout)."""
    begin, end = ctypes.cast(int(vec.this), ctypes.POINTER(ctypes.c_void_p * 2)).contents
    return ctypes.string_at(begin, end - begin) if begin else b""


def _pick_vector_reader():
    probe = bytes(range(1, 200))
    try:
        if _vector_bytes_ctypes(pj.ByteVector(probe)) == probe:
            return _vector_bytes_ctypes
    except Exception:  # noqa: BLE001 - any surprise in the layout: use the safe path
        pass
    log.info("ByteVector layout not recognised; reading frames with bytes() (slower)")
    return bytes


vector_bytes = _pick_vector_reader()


class FrameRing:
    """Frames between two clocks: one producer thread, one consumer thread (each touches the
    deque only with single, atomic operations: append, popleft, remove), primed to `target` frames before playing, capped at `cap`.

    `grace` (seconds): a consumer that may wait (pjmedia's clock thread, which catches up on its
    own schedule afterwards; never a PortAudio callback) waits this long for a late frame before
    the ring counts an underrun. Measured on the virtual microphone beside a CPU hog: capture now
    and then comes 42-54 ms after the previous block, just past the 40 ms the ring holds."""

    def __init__(self, target: int = 2, cap: int = 6, grace: float = 0.0) -> None:
        self.target, self.cap, self.grace = target, cap, grace
        self.late = 0  # frames the consumer waited for (within the grace)
        self.frames: deque[bytes] = deque()
        self.primed = False
        self.underruns = self.overflows = self.trimmed = 0
        self.received = 0  # frames the producer ever put (the audio test: did the microphone send any?)
        self._window_min, self._window_n = 99, 0
        self.longest_gap = 0.0  # the producer's longest pause between two frames, seconds
        self._last_put = 0.0

    def put(self, frame: bytes) -> None:
        now = time.monotonic()
        if self._last_put and now - self._last_put > self.longest_gap:
            self.longest_gap = now - self._last_put
        self._last_put = now
        self.received += 1
        self.frames.append(frame)
        if len(self.frames) > self.cap:
            self.frames.popleft()
            self.overflows += 1

    def get(self) -> bytes:
        frames = self.frames
        n = len(frames)
        if not self.primed:
            if n < self.target:
                return SILENCE
            self.primed = True
            while len(frames) > self.target:  # start at the nominal fill, not whatever piled up
                frames.popleft()
                self.trimmed += 1
        # Clock drift: if the fill never came down to the target during one second, the producer
        # runs fast; drop one frame, the quieter of the two oldest.
        self._window_min = min(self._window_min, n)
        self._window_n += 1
        if self._window_n == 1000 // PTIME_MS:
            if self._window_min > self.target and len(frames) >= 2:
                first, second = frames[0], frames[1]
                # one deque operation each (atomic under the GIL): the producer may append at any
                # moment, and a drop in several steps (rotate/popleft/rotate) would reorder its frame
                try:
                    frames.remove(second if _peak(second) < _peak(first) else first)
                    self.trimmed += 1
                except ValueError:  # the producer's overflow took it meanwhile
                    pass
            self._window_min, self._window_n = 99, 0
        if not frames and self.grace:
            self._wait_for_frame()
        try:
            return frames.popleft()
        except IndexError:
            self.underruns += 1
            self.primed = False  # re-prime: a short silence instead of a stutter
            return SILENCE

    def _wait_for_frame(self) -> None:
        end = time.monotonic() + self.grace
        while not self.frames and time.monotonic() < end:
            time.sleep(0.001)  # releases the GIL for the producer
        if self.frames:
            self.late += 1

    def stats(self) -> dict:
        return {"fill": len(self.frames), "underruns": self.underruns, "overflows": self.overflows,
                "trimmed": self.trimmed, "longest_gap_ms": round(self.longest_gap * 1000, 1), "late": self.late}

    def reset_gaps(self) -> None:
        """Count producer pauses afresh (a new call): the pause before its first frame is none."""
        self._last_put, self.longest_gap = 0.0, 0.0


def _peak(frame: bytes) -> int:
    samples = array.array("h", frame)
    return max(max(samples), -min(samples)) if samples else 0


@dataclass
class AudioSettings:
    """Device ids as `list_devices` gives them (None: the system default)."""

    microphone: str | None = None
    speaker: str | None = None
    ringer: str | None = None
    latency: float = 0.04
    echo_cancellation: bool = True
    realtime: bool = True  # ask for real-time scheduling of the audio threads (realtime.py)
    ring_target: int = 2
    ring_cap: int = 6


class EchoCanceller:
    """Speex's acoustic echo canceller plus its preprocessor (residual echo and noise
    suppression), through ctypes: the C calls release the GIL. `process(mic, played)` takes the
    microphone frame and the speaker frame played at the same moment."""

    SET_SAMPLING_RATE = 24  # speex_echo.h
    SET_ECHO_STATE = 24  # speex_preprocess.h

    def __init__(self, tail_ms: int = 500) -> None:
        import ctypes.util  # here: it imports tempfile, subprocess and random, which an idle engine does not need

        name = ctypes.util.find_library("speexdsp")
        if not name:
            raise AudioUnavailable("echo cancellation needs the speexdsp library (Debian: libspeexdsp1)")
        lib = ctypes.CDLL(name)
        lib.speex_echo_state_init.restype = ctypes.c_void_p
        lib.speex_preprocess_state_init.restype = ctypes.c_void_p
        for f in ("speex_echo_ctl", "speex_preprocess_ctl"):
            getattr(lib, f).argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
        lib.speex_echo_cancellation.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p]
        lib.speex_preprocess_run.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.speex_echo_state_destroy.argtypes = [ctypes.c_void_p]
        lib.speex_preprocess_state_destroy.argtypes = [ctypes.c_void_p]
        self.lib = lib
        self.echo = lib.speex_echo_state_init(FRAME_SAMPLES, RATE * tail_ms // 1000)
        rate = ctypes.c_int(RATE)
        lib.speex_echo_ctl(self.echo, self.SET_SAMPLING_RATE, ctypes.byref(rate))
        self.pre = lib.speex_preprocess_state_init(FRAME_SAMPLES, RATE)
        lib.speex_preprocess_ctl(self.pre, self.SET_ECHO_STATE, ctypes.c_void_p(self.echo))
        self.out = ctypes.create_string_buffer(FRAME_BYTES)

    def process(self, mic: bytes, played: bytes) -> bytes:
        self.lib.speex_echo_cancellation(self.echo, mic, played, self.out)
        self.lib.speex_preprocess_run(self.pre, self.out)
        return self.out.raw

    def __del__(self) -> None:  # not close(): the clock thread may still hold a reference
        if getattr(self, "echo", None):
            self.lib.speex_echo_state_destroy(self.echo)
            self.lib.speex_preprocess_state_destroy(self.pre)


class _BridgePort(pj.AudioMediaPort):
    """The bridge's end inside pjmedia: takes microphone frames, gives speaker frames."""

    def __init__(self, mic: FrameRing, speaker: FrameRing, realtime: RealtimeThreads) -> None:
        super().__init__()
        self.mic, self.speaker, self.realtime = mic, speaker, realtime
        self.odd_frames = 0

    def onFrameRequested(self, frame) -> None:  # noqa: N802 - pjsua2 API; pjmedia clock thread
        self.realtime.enter("pjmedia clock")
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        frame.buf = pj.ByteVector(self.mic.get())

    def onFrameReceived(self, frame) -> None:  # noqa: N802
        if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO and frame.size == FRAME_BYTES:
            self.speaker.put(vector_bytes(frame.buf))
        else:
            self.odd_frames += 1
            self.speaker.put(SILENCE)


def ring_cadence(seconds_on: float = 1.0, seconds_off: float = 3.0) -> list[bytes]:
    """A ring tone as 20 ms frames: 400+450 Hz (the UK/European double ring, softened), on/off."""
    frames = []
    per_frame = FRAME_SAMPLES
    total = int((seconds_on + seconds_off) * RATE)
    on = int(seconds_on * RATE)
    for start in range(0, total, per_frame):
        samples = array.array("h")
        for i in range(start, start + per_frame):
            if i < on:
                fade = min(1.0, i / 400, (on - i) / 400)
                v = 0.18 * fade * (math.sin(2 * math.pi * 400 * i / RATE) + math.sin(2 * math.pi * 450 * i / RATE))
                samples.append(int(v * 32767))
            else:
                samples.append(0)
        frames.append(samples.tobytes())
    return frames


class DeviceBridge:
    """Microphone, speaker and ringer streams plus the pjmedia port that joins them to calls.

    Created and used on the engine's pump thread; the stream callbacks run on PortAudio's
    threads and only copy frames."""

    def __init__(self, settings: AudioSettings | None = None) -> None:
        self.settings = settings or AudioSettings()
        # the microphone ring's consumer is pjmedia's clock, which may wait a little for a late block
        self.mic = FrameRing(self.settings.ring_target, self.settings.ring_cap, grace=0.02)
        self.speaker = FrameRing(self.settings.ring_target, self.settings.ring_cap)
        self.port: _BridgePort | None = None
        self._streams: list = []
        self._ringer = None
        self._ring_frames = ring_cadence()
        self._ring_pos = 0
        self.ringing = False
        self.status_flags: dict[str, int] = {}
        # Echo cancellation runs on the input stream's thread, pairing each captured frame with
        # the frame the output stream played at that moment: both streams run on the device's
        # clock, so the pairing holds whatever the rings between them and pjmedia do.
        self.echo: EchoCanceller | None = None
        self.played: deque[bytes] = deque(maxlen=25)
        self._lag_min, self._lag_n = 99, 0
        self.metering = False  # Preferences' level meter is open
        self.mic_peak = 0
        self.devices_in_use: dict[str, str] = {}
        self.realtime = RealtimeThreads(self.settings.realtime)

    # -- pjmedia side ------------------------------------------------------------------------
    def create_port(self) -> None:
        fmt = pj.MediaFormatAudio()
        fmt.type = pj.PJMEDIA_TYPE_AUDIO
        fmt.clockRate, fmt.channelCount, fmt.bitsPerSample = RATE, 1, 16
        fmt.frameTimeUsec = PTIME_MS * 1000
        self.port = _BridgePort(self.mic, self.speaker, self.realtime)
        self.port.createPort("whitephone-devices", fmt)

    def connect(self, call_media) -> None:
        """Our microphone into the call, the call into our speaker."""
        for ring in (self.mic, self.speaker):  # gaps are counted per call, not between calls
            ring.reset_gaps()
        self.port.startTransmit(call_media)
        call_media.startTransmit(self.port)

    def set_volume(self, microphone: float | None = None, speaker: float | None = None) -> None:
        """Levels 0.0–2.0 (1.0 unchanged), applied by pjmedia's bridge."""
        if microphone is not None:
            self.port.adjustTxLevel(max(0.0, min(2.0, microphone)))
        if speaker is not None:
            self.port.adjustRxLevel(max(0.0, min(2.0, speaker)))

    def levels(self) -> dict:
        """Signal levels 0–255: the microphone's peak since the last call (measured on the input
        thread while `metering`, also between calls), the speaker's as pjmedia measures it."""
        mic, self.mic_peak = self.mic_peak, 0
        return {"microphone": min(255, mic * 256 // 32768), "speaker": self.port.getRxLevel()}

    # -- devices -----------------------------------------------------------------------------
    # Privacy: no stream is open unless something needs it now (a call on the devices, the audio
    # test, the level meter: the microphone and speaker; a ringing call: the ringer), so the
    # system's "microphone in use" indicator is off between calls and a Bluetooth headset can
    # leave its call profile. `check` proves the chosen devices are there without opening them.
    def check(self) -> dict:
        """The chosen devices' ids ("" = system default) if they are all there; raises
        AudioUnavailable with a reason the user can act on. Opens nothing."""
        sd = _sounddevice()
        s = self.settings
        for kind, device_id in (("input", s.microphone), ("output", s.speaker), ("output", s.ringer or s.speaker)):
            _device(sd, device_id, kind)
        self.devices_in_use = {"microphone": s.microphone or "", "speaker": s.speaker or "",
                               "ringer": s.ringer or s.speaker or "", "echo_cancellation": False}
        if s.echo_cancellation:
            try:
                self.echo = self.echo or EchoCanceller()
                self.devices_in_use["echo_cancellation"] = True
            except (AudioUnavailable, OSError) as exc:
                self.devices_in_use["echo_cancellation_unavailable"] = str(exc)
        else:
            self.echo = None
        return self.devices_in_use

    @property
    def voice_open(self) -> bool:
        """The microphone and speaker streams are open."""
        return bool(self._streams)

    @property
    def ringer_open(self) -> bool:
        return self._ringer is not None

    def use(self, voice: bool, ringer: bool) -> None:
        """Open what is needed now, close what is not. Raises AudioUnavailable (what is open
        stays open)."""
        if not voice and self._streams:
            self._close(self._streams)
            self._streams = []
        if not ringer and self._ringer is not None:
            self._close([self._ringer])
            self._ringer = None
        s = self.settings
        if voice and not self._streams:
            for ring in (self.mic, self.speaker):
                ring.frames.clear()
                ring.primed = False
            self.played.clear()
            self._streams = self._open([("input", s.microphone, "RawInputStream", self._on_mic),
                                        ("output", s.speaker, "RawOutputStream", self._on_speaker)])
        if ringer and self._ringer is None:
            self._ring_pos = 0
            (self._ringer,) = self._open([("output", s.ringer or s.speaker, "RawOutputStream", self._on_ringer)])

    def _open(self, wanted: list) -> list:
        sd = _sounddevice()
        kw = dict(samplerate=RATE, blocksize=FRAME_SAMPLES, channels=1, dtype="int16",
                  latency=self.settings.latency)
        opened = []
        try:
            for kind, device_id, make, callback in wanted:
                index, env = _device(sd, device_id, kind)
                with _environment(env):
                    opened.append(getattr(sd, make)(device=index, callback=callback, **kw))
            for st in opened:
                st.start()
            self.realtime.promote("threaded-ml", "pulse client")  # libpulse's loops, if PortAudio uses them
            self.realtime.promote("media", "pjmedia rtp")  # pjmedia's RTP receive thread: feeds the jitter buffer
        except Exception as exc:  # noqa: BLE001 - PortAudio errors come as several types
            self._close(opened)
            if isinstance(exc, AudioUnavailable):
                raise
            raise AudioUnavailable(f"cannot open the sound devices: {exc}") from None
        return opened

    @staticmethod
    def _close(streams: list) -> None:
        for st in streams:
            try:
                st.stop()
                st.close()
            except Exception:  # noqa: BLE001 - closing a dead device must not stop shut-down
                log.debug("closing a stream failed", exc_info=True)

    def close(self) -> None:
        self._close([*self._streams, *([self._ringer] if self._ringer else [])])
        self._streams, self._ringer = [], None

    def reopen(self, settings: AudioSettings | None = None, rescan: bool = False) -> dict:
        """Switch devices (and, with `rescan`, let PortAudio see devices plugged in since); the
        streams that were open are opened again on the new devices."""
        voice, ringer = self.voice_open, self.ringer_open
        self.close()
        if settings is not None:
            self.settings = settings
        if rescan:
            rescan_devices()
        in_use = self.check()
        self.use(voice, ringer)
        return in_use

    def ring(self, on: bool) -> None:
        if on and not self.ringing:
            self._ring_pos = 0
        self.ringing = on

    def stats(self) -> dict:
        return {"microphone": self.mic.stats(), "speaker": self.speaker.stats(),
                "device_flags": dict(self.status_flags), "realtime_threads": dict(self.realtime.granted)}

    # -- PortAudio threads: copies only ---------------------------------------------------------
    def _flag(self, status) -> None:
        for k in ("input_overflow", "input_underflow", "output_overflow", "output_underflow"):
            if getattr(status, k):
                self.status_flags[k] = self.status_flags.get(k, 0) + 1

    def _on_mic(self, indata, frames, time_info, status) -> None:
        self.realtime.enter("microphone")
        if status:
            self._flag(status)
        if self.metering:
            self.mic_peak = max(self.mic_peak, _peak(bytes(indata)))
        echo = self.echo
        if echo is None:
            self.mic.put(bytes(indata))
            return
        played = self.played
        # The reference must not lag the echo (that would be non-causal): if more than one
        # played frame stayed queued for a whole second, drop one.
        self._lag_min = min(self._lag_min, len(played))
        self._lag_n += 1
        if self._lag_n == 1000 // PTIME_MS:
            if self._lag_min > 1:
                played.popleft()
            self._lag_min, self._lag_n = 99, 0
        reference = played.popleft() if played else SILENCE
        self.mic.put(echo.process(bytes(indata), reference))

    def _on_speaker(self, outdata, frames, time_info, status) -> None:
        self.realtime.enter("speaker")
        if status:
            self._flag(status)
        frame = self.speaker.get()
        outdata[:] = frame
        if self.echo is not None:
            self.played.append(frame)  # the echo canceller's reference

    def _on_ringer(self, outdata, frames, time_info, status) -> None:
        self.realtime.enter("ringer")
        if not self.ringing:
            outdata[:] = SILENCE
            return
        outdata[:] = self._ring_frames[self._ring_pos]
        self._ring_pos = (self._ring_pos + 1) % len(self._ring_frames)


class AudioUnavailable(RuntimeError):
    """No usable sound device (none present, or the chosen one is gone)."""


def _sounddevice():
    try:
        import sounddevice as sd
    except OSError as exc:  # PortAudio library missing
        raise AudioUnavailable(f"PortAudio is not installed ({exc})") from None
    return sd


PULSE = "pulse:"  # device ids of PulseAudio/PipeWire sources and sinks on Linux


def _pulse_devices(kind: str) -> list[dict] | None:
    """PulseAudio's sources ("input") or sinks ("output") as [{"id", "name"}], or None when
    PulseAudio (or PipeWire's pulse server) is not what PortAudio talks to. PortAudio reaches
    it through ALSA's single "pulse" device, so the sink/source is chosen by name."""
    import shutil
    import subprocess

    if not shutil.which("pactl"):
        return None
    try:
        out = subprocess.run(["pactl", "--format=json", "list", "sources" if kind == "input" else "sinks"],
                             capture_output=True, text=True, timeout=5)
        items = json.loads(out.stdout) if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if items is None:
        return None
    return [{"id": PULSE + d["name"], "name": d.get("description") or d["name"]} for d in items
            if not (kind == "input" and d["name"].endswith(".monitor"))]  # a sink's echo is no microphone


def list_devices() -> dict:
    """{"inputs": [{"id", "name"}], "outputs": [...]}: what Preferences offers. An id is a
    PortAudio device name, or "pulse:<name>" for a PulseAudio source/sink."""
    sd = _sounddevice()
    devices = sd.query_devices()
    names = [d["name"] for d in devices]
    out = {}
    for key, kind, channels in (("inputs", "input", "max_input_channels"),
                                ("outputs", "output", "max_output_channels")):
        pulse = _pulse_devices(kind) if "pulse" in names else None
        if pulse is not None:
            out[key] = pulse
        else:
            out[key] = [{"id": d["name"], "name": d["name"]} for d in devices if d[channels] > 0]
    return out


def _device(sd, device_id: str | None, kind: str) -> tuple[int | None, dict]:
    """(PortAudio device index or None for the default, environment to set while opening)."""
    channels = "max_input_channels" if kind == "input" else "max_output_channels"
    devices = sd.query_devices()
    if not any(d[channels] > 0 for d in devices):
        raise AudioUnavailable(f"this computer has no sound {kind} device")
    if not device_id:
        return None, {}
    if device_id.startswith(PULSE):
        known = _pulse_devices(kind) or []
        if not any(d["id"] == device_id for d in known):
            raise AudioUnavailable(f"the {kind} device “{device_id[len(PULSE):]}” is not connected")
        index = next(i for i, d in enumerate(devices) if d["name"] == "pulse")
        return index, {"PULSE_SOURCE" if kind == "input" else "PULSE_SINK": device_id[len(PULSE):]}
    for i, d in enumerate(devices):
        if d["name"] == device_id and d[channels] > 0:
            return i, {}
    raise AudioUnavailable(f"the {kind} device “{device_id}” is not connected")


@contextmanager
def _environment(values: dict) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def rescan_devices() -> None:
    """Make PortAudio enumerate devices again (only with every stream closed)."""
    sd = _sounddevice()
    sd._terminate()  # noqa: SLF001 - the documented way to refresh PortAudio's device list
    sd._initialize()  # noqa: SLF001
