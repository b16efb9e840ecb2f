"""Small, structurally sound media files for upload tests."""

from __future__ import annotations

import struct
import zlib


def wav_bytes(seconds: float = 10.0, seed: int = 0) -> bytes:
    """A 16 kHz mono 16-bit WAV with a non-repeating payload (so a wrongly placed chunk shows)."""
    frames = bytes((i * 7 + i // 251 + seed) % 256 for i in range(int(16000 * seconds) * 2))
    header = b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16) + b"data" + struct.pack("<I", len(frames))
    return header + frames


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def png_bytes(side: int = 16) -> bytes:
    """A grey `side`x`side` PNG (8-bit greyscale), incompressible enough to be a few hundred bytes."""
    rows = b"".join(b"\x00" + bytes((x * 31 + y * 17) % 256 for x in range(side)) for y in range(side))
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(rows, 0)) + _chunk(b"IEND", b""))


def _box(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", 8 + len(data)) + tag + data


def mp4_bytes(seconds: float, timescale: int = 1000) -> bytes:
    """The smallest MP4 a player reads a duration from: ftyp, moov with its mvhd, a little mdat."""
    mvhd = (struct.pack(">B3xIIII", 0, 0, 0, timescale, int(seconds * timescale)) + struct.pack(">IH", 0x00010000, 0x0100)
            + b"\0" * 10 + struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000) + b"\0" * 24
            + struct.pack(">I", 2))
    return _box(b"ftyp", b"isom\0\0\x02\0isommp41") + _box(b"moov", _box(b"mvhd", mvhd)) + _box(b"mdat", b"\0" * 64)


def opus_bytes(seconds: float) -> bytes:
    """Ogg Opus of `seconds` of a quiet tone (libsndfile through soundfile)."""
    import io

    import numpy as np
    import soundfile as sf

    t = np.arange(int(16000 * seconds)) / 16000
    buf = io.BytesIO()
    sf.write(buf, (0.1 * np.sin(2 * np.pi * 440 * t)).astype("float32"), 16000, format="OGG", subtype="OPUS")
    return buf.getvalue()


def ogg_pages(b: bytes) -> list[bytes]:
    """The pages of an Ogg file, as bytes."""
    out, p = [], 0
    while p < len(b):
        n = b[p + 26]
        e = p + 27 + n + sum(b[p + 27:p + 27 + n])
        out.append(b[p:e])
        p = e
    return out


def multiplexed_ogg(size: int) -> bytes:
    """About `size` bytes of Ogg: a real Opus head, then tiny pages of another logical stream."""
    head = b"".join(ogg_pages(opus_bytes(1))[:2])
    tiny = b"OggS\0\0" + struct.pack("<qIII", 0, 99, 0, 0) + b"\x01\x01x"
    return head + tiny * ((size - len(head)) // len(tiny))
