"""Voice and video mail lengths, shared by the hub and the client: the company setting's bounds and
default, and a file's duration read from its bytes (Ogg Opus/Vorbis, MP4/M4A/MOV, WAV, MP3)."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SECONDS = 180  # a company that set nothing: three minutes
MIN_SECONDS = 10
MAX_SECONDS = 30 * 60  # what core/voice_mail.py accepts at all
# A recording stopped at the limit may come out a little longer (codec pre-skip and padding, the
# last video frame): this much over the limit is still accepted.
SLACK_SECONDS = 1.0


def duration_of(path: str | Path) -> float | None:
    """Seconds of sound or video in the file at `path`, read from its container as players read it
    (`protocol/media_length.py`: Ogg's last granule position, the longest of MP4's movie and track
    headers, WAV's frames by its format's block math; MP3 through mutagen); None when it cannot be
    told. Bounded work whatever the file: headers and the last Ogg page only."""
    from whitephone.protocol.media_length import read_duration  # noqa: PLC0415

    try:
        length = read_duration(Path(path))
    except Exception:  # any malformed file: its length is unknown
        return None
    if not isinstance(length, (int, float)) or length != length or length < 0 or length > 10**7:
        return None
    return float(length)


def timed(content_type: str | None) -> bool:
    """Whether a file of this (sniffed) type has a length: sound or video of any declared flavour."""
    return bool(content_type) and (content_type.split("/")[0] in ("audio", "video") or content_type == "application/ogg")


def too_long(duration: float, limit_seconds: int) -> bool:
    return duration > limit_seconds + SLACK_SECONDS


def describe(seconds: float) -> str:
    """3 minutes, 90 seconds, 1 minute 30 seconds."""
    s = int(round(seconds))
    m, s = divmod(s, 60)
    if not m:
        return f"{s} second{'s' * (s != 1)}"
    out = f"{m} minute{'s' * (m != 1)}"
    return f"{out} {s} second{'s' * (s != 1)}" if s else out
