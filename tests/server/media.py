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
