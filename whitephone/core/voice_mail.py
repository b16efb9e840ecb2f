"""Voice mail files: WAV in, Ogg Opus out (libsndfile through `soundfile`), and back.

Opus at about 17 kbit/s (libsndfile's compression level 0.94, variable bit rate) keeps speech
at a wide-band PESQ above 3.5 (tests/sync/test_message_flows.py measures it) in ~130 kB a minute
instead of 1.9 MB of 16 kHz WAV. Opus takes 8, 12, 16, 24 or 48 kHz: other rates are resampled
(band-limited, by FFT) to the next one up; stereo is mixed down to mono.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whitephone.protocol.media import describe, too_long

COMPRESSION_LEVEL = 0.94  # libsndfile's 0 (best) … 1 (smallest); 0.94 ≈ 17 kbit/s for speech
OPUS_RATES = (8000, 12000, 16000, 24000, 48000)
MAX_SECONDS = 30 * 60
# what decoding may cost, whatever a header claims: channels x frames of 30 minutes of 48 kHz stereo
MAX_SAMPLES = MAX_SECONDS * 48000 * 2
MAX_CHANNELS = 8
MAX_RATE = 192000


class VoiceMailError(ValueError):
    """A file that is not a sound we can send: str() says why."""


@dataclass
class Encoded:
    path: Path
    rate: int
    duration: float  # seconds
    size: int  # bytes


def is_ogg_opus(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return False
    return head[:4] == b"OggS" and b"OpusHead" in head


def resample(x: np.ndarray, rate: int, to: int) -> np.ndarray:
    """Band-limited resampling of mono float samples (FFT: exact for a finite clip)."""
    if rate == to or len(x) == 0:
        return x
    n = int(round(len(x) * to / rate))
    spec = np.fft.rfft(x)
    keep = min(len(spec), n // 2 + 1)
    out = np.zeros(n // 2 + 1, dtype=complex)
    out[:keep] = spec[:keep]
    return np.fft.irfft(out, n) * (n / len(x))


def to_opus(src: Path, dst: Path, level: float = COMPRESSION_LEVEL, max_seconds: float | None = None) -> Encoded:
    """Encode `src` (WAV, FLAC… anything libsndfile reads) to Ogg Opus at `dst`; an Ogg Opus
    file is copied as it is. VoiceMailError with a sentence when it cannot be read, or when it is
    longer than `max_seconds` (the company's longest voice mail)."""
    import soundfile as sf

    src, dst = Path(src), Path(dst)
    if not src.is_file():
        raise VoiceMailError(f"The sound file {src} does not exist.")
    try:
        info = sf.info(str(src))
    except (RuntimeError, sf.LibsndfileError) as exc:
        raise VoiceMailError(f"{src.name} is not a sound file this app can read ({exc}).") from None
    if info.frames == 0 or info.samplerate <= 0:
        raise VoiceMailError(f"{src.name} holds no sound.")
    if info.channels > MAX_CHANNELS or info.samplerate > MAX_RATE:
        raise VoiceMailError(f"{src.name} has {info.channels} channels at {info.samplerate} Hz; a voice mail is "
                             f"recorded with at most {MAX_CHANNELS} channels at {MAX_RATE} Hz.")
    if info.duration > MAX_SECONDS:
        raise VoiceMailError(f"{src.name} is {info.duration / 60:.0f} minutes long; a voice mail may be at most "
                             f"{MAX_SECONDS // 60} minutes.")
    if max_seconds is not None and too_long(info.duration, max_seconds):
        raise VoiceMailError(f"{src.name} is {describe(info.duration)} long; your company allows voice mail of "
                             f"at most {describe(max_seconds)}.")
    if info.frames * info.channels > MAX_SAMPLES:  # checked before anything is decoded
        raise VoiceMailError(f"{src.name} holds too much sound for a voice mail ({info.channels} channels at "
                             f"{info.samplerate} Hz for {info.duration / 60:.0f} minutes); record it in mono "
                             f"or stereo at 48 kHz or less.")
    if is_ogg_opus(src):
        if src.resolve() != dst.resolve():
            dst.write_bytes(src.read_bytes())
        return Encoded(dst, info.samplerate, info.duration, dst.stat().st_size)
    rate = info.samplerate
    parts: list[np.ndarray] = []
    try:  # in blocks, each mixed to mono at once: memory is one channel, not all of them
        for block in sf.blocks(str(src), blocksize=1 << 16, dtype="float32", always_2d=True):
            parts.append(block.mean(axis=1) if block.shape[1] > 1 else block[:, 0].copy())
    except (RuntimeError, sf.LibsndfileError) as exc:
        raise VoiceMailError(f"{src.name} could not be read ({exc}).") from None
    mono = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
    if not len(mono):
        raise VoiceMailError(f"{src.name} holds no sound.")
    to = next((r for r in OPUS_RATES if r >= rate), 48000)
    if to != rate:
        mono = np.clip(resample(mono.astype(np.float64), rate, to), -1.0, 1.0).astype(np.float32)
    tmp = dst.with_name(dst.name + ".part")
    try:
        with sf.SoundFile(str(tmp), "w", samplerate=to, channels=1, format="OGG", subtype="OPUS",
                          compression_level=level) as f:
            f.write(mono)
        tmp.replace(dst)
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise VoiceMailError(f"The voice mail could not be encoded: {exc}.") from None
    return Encoded(dst, to, len(mono) / to, dst.stat().st_size)


class OpusWriter:
    """Encode while recording: feed the recorder's blocks as they come (`write`), so pressing
    Stop only finishes the file (`close`) and the message can go at once; `queue_voice` takes the
    Ogg Opus file as it is. Mono float (-1..1) or int16 blocks at `rate` (an Opus rate)."""

    def __init__(self, path: Path, rate: int = 16000, level: float = COMPRESSION_LEVEL) -> None:
        import soundfile as sf

        if rate not in OPUS_RATES:
            raise VoiceMailError(f"Opus records at {', '.join(map(str, OPUS_RATES))} Hz, not {rate}.")
        self.path, self.rate, self.frames = Path(path), rate, 0
        self._part = self.path.with_name(self.path.name + ".part")
        self._f = sf.SoundFile(str(self._part), "w", samplerate=rate, channels=1, format="OGG", subtype="OPUS",
                               compression_level=level)

    def write(self, block: np.ndarray) -> None:
        block = np.asarray(block)
        if block.dtype == np.int16:
            block = block.astype(np.float32) / 32768.0
        if block.ndim > 1:
            block = block.mean(axis=1)
        self._f.write(block.astype(np.float32))
        self.frames += len(block)

    @property
    def seconds(self) -> float:
        return self.frames / self.rate

    def close(self) -> Encoded:
        """Finish the file (Stop): its path, length and size."""
        self._f.close()
        self._part.replace(self.path)
        return Encoded(self.path, self.rate, self.seconds, self.path.stat().st_size)

    def discard(self) -> None:
        """Throw the recording away (re-record, cancel)."""
        if not self._f.closed:
            self._f.close()
        self._part.unlink(missing_ok=True)


def decode(path: Path) -> tuple[np.ndarray, int]:
    """(int16 mono samples, rate) of an Ogg Opus (or any libsndfile) file."""
    import soundfile as sf

    data, rate = sf.read(str(path), dtype="int16", always_2d=True)
    return data[:, 0], rate
