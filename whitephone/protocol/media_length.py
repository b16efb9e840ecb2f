"""A media file's length read from its container, in bounded work, the way players take it:

- Ogg (Opus, Vorbis, Speex): the granule position of the file's last page (its tail only), which
  must belong to the one logical stream the file begins with; a multiplexed or chained file, or
  one that does not end on a page of that stream, has no length told here.
- MP4 / M4A / QuickTime: the longest of the movie header, every track header and every track's
  media header (a timescale of 0 or an "unknown" duration: no length); a fragmented file without
  its total (mehd) has none either.
- WAV: its data's frames by the format's block math (PCM, float, A-law, µ-law; IMA and MS ADPCM
  and GSM 6.10 by their samples per block, or the fact chunk's count when larger); any other
  format: no length.
- MP3: mutagen.

Every reader seeks from header to header and stops after MAX_BOXES of them."""

from __future__ import annotations

import math
import struct
from pathlib import Path
from typing import BinaryIO

MAX_BOXES = 20000  # headers read in one file at most (a file of millions of tiny boxes: no length)
OGG_TAIL = 3 * 65536  # an Ogg page is at most 65,307 bytes: the last one starts in here


class Unreadable(ValueError):
    pass


def read_duration(path: Path) -> float | None:
    with open(path, "rb") as f:
        head = f.read(16)
        size = f.seek(0, 2)
        if head[:4] == b"OggS":
            return _ogg(f, size)
        if head[4:8] == b"ftyp":
            return _mp4(f, size)
        if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
            return _wav(f, size)
    if head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        import mutagen.mp3  # noqa: PLC0415

        return mutagen.mp3.MP3(str(path)).info.length
    return None


# --------------------------------------------------------------------------- Ogg
def _ogg_page(b: bytes, p: int) -> tuple[int, int, int, int] | None:
    """(header type, granule, serial, page end) of the page at `p` in `b`, None when none fits."""
    if b[p:p + 4] != b"OggS" or p + 27 > len(b) or b[p + 4] != 0:
        return None
    flags, granule, serial = b[p + 5], *struct.unpack_from("<qI", b, p + 6)
    n = b[p + 26]
    if p + 27 + n > len(b):
        return None
    end = p + 27 + n + sum(b[p + 27:p + 27 + n])
    return (flags, granule, serial, end) if end <= len(b) else None


def _ogg(f: BinaryIO, size: int) -> float | None:
    f.seek(0)
    head = f.read(min(size, 65536 + 27 + 255))
    first = _ogg_page(head, 0)
    if first is None or not first[0] & 0x02:  # the first page opens a stream (BOS)
        return None
    flags, _granule, serial, end = first
    packet = head[27 + head[26]:end]
    if packet.startswith(b"OpusHead") and len(packet) >= 19:
        rate, skip = 48000, struct.unpack_from("<H", packet, 10)[0]
    elif packet.startswith(b"\x01vorbis") and len(packet) >= 16:
        rate, skip = struct.unpack_from("<I", packet, 12)[0], 0
    elif packet.startswith(b"Speex   ") and len(packet) >= 40:
        rate, skip = struct.unpack_from("<I", packet, 36)[0], 0
    else:
        return None
    following = _ogg_page(head, end)
    if following is not None and following[0] & 0x02:
        return None  # a second stream begins: multiplexed, its length is not this stream's
    if not rate:
        return None
    start = max(0, size - OGG_TAIL)
    f.seek(start)
    tail = f.read(size - start)
    p = len(tail)
    while (p := tail.rfind(b"OggS", 0, p)) >= 0:
        page = _ogg_page(tail, p)
        if page is not None and page[3] == len(tail):  # the file's last page
            _flags, granule, last_serial, _end = page
            if last_serial != serial or granule < 0:
                return None  # another stream's (chained or multiplexed) or no packet ends there
            return max(0, granule - skip) / rate
    return None


# --------------------------------------------------------------------------- MP4
_CONTAINERS = {b"moov", b"trak", b"mdia", b"mvex", b"edts"}


def _mp4(f: BinaryIO, size: int) -> float | None:
    found: dict[str, list] = {"movie": [], "tracks": [], "fragments": [], "moof": []}
    count = [0]
    _mp4_walk(f, 0, size, found, count, movie_scale=[None])
    if not found["movie"]:
        return None
    if found["moof"] and not found["fragments"]:
        return None  # fragmented with no total: its length is in every fragment
    return max(found["movie"] + found["tracks"] + found["fragments"])


def _full_header(f: BinaryIO, at: int, fields_v0: str, fields_v1: str) -> tuple:
    f.seek(at)
    version = f.read(4)[:1]
    if not version:
        raise Unreadable("short box")
    fmt = fields_v1 if version[0] == 1 else fields_v0
    raw = f.read(struct.calcsize(fmt))
    if len(raw) < struct.calcsize(fmt):
        raise Unreadable("short box")
    return version[0], struct.unpack(fmt, raw)


def _seconds(units: int, scale: int, unknown: int) -> float:
    if scale == 0 or units == unknown:
        raise Unreadable("no duration")
    return units / scale


def _mp4_walk(f: BinaryIO, start: int, end: int, found: dict, count: list, movie_scale: list) -> None:
    p = start
    while p + 8 <= end:
        count[0] += 1
        if count[0] > MAX_BOXES:
            raise Unreadable("too many boxes")
        f.seek(p)
        n, kind = struct.unpack(">I4s", f.read(8))
        body = p + 8
        if n == 1:
            n = struct.unpack(">Q", f.read(8))[0]
            body += 8
        elif n == 0:
            n = end - p
        if n < body - p or p + n > end:
            raise Unreadable("a box runs past its parent")
        if kind in _CONTAINERS:
            _mp4_walk(f, body, p + n, found, count, movie_scale)
        elif kind == b"mvhd":
            v, (_c, _m, scale, units) = _full_header(f, body, ">IIII", ">QQIQ")
            movie_scale[0] = scale
            found["movie"].append(_seconds(units, scale, 2**64 - 1 if v == 1 else 2**32 - 1))
        elif kind == b"mdhd":
            v, (_c, _m, scale, units) = _full_header(f, body, ">IIII", ">QQIQ")
            found["tracks"].append(_seconds(units, scale, 2**64 - 1 if v == 1 else 2**32 - 1))
        elif kind == b"tkhd":  # in the movie's timescale (the mvhd comes first in moov)
            v, (_c, _m, _id, _r, units) = _full_header(f, body, ">IIIII", ">QQIIQ")
            if movie_scale[0] is None:
                raise Unreadable("a track header before the movie header")
            found["tracks"].append(_seconds(units, movie_scale[0], 2**64 - 1 if v == 1 else 2**32 - 1))
        elif kind == b"mehd":
            v, (units,) = _full_header(f, body, ">I", ">Q")
            if movie_scale[0] is None:
                raise Unreadable("a fragment header before the movie header")
            found["fragments"].append(_seconds(units, movie_scale[0], 2**64 - 1 if v == 1 else 2**32 - 1))
        elif kind == b"moof":
            found["moof"].append(p)
        p += n


# --------------------------------------------------------------------------- WAV
_FRAMED = {1, 3, 6, 7}  # PCM, IEEE float, A-law, µ-law: a frame is channels × sample bytes


def _wav(f: BinaryIO, size: int) -> float | None:
    fmt = fact = None
    data: tuple[int, int] | None = None
    p, chunks = 12, 0
    while p + 8 <= size and (fmt is None or data is None or fact is None):
        chunks += 1
        if chunks > MAX_BOXES:
            return None
        f.seek(p)
        tag, n = struct.unpack("<4sI", f.read(8))
        if tag == b"fmt " and fmt is None:
            fmt = f.read(min(n, 40))
        elif tag == b"fact" and fact is None and n >= 4:
            fact = struct.unpack("<I", f.read(4))[0]
        elif tag == b"data" and data is None:
            avail = size - (p + 8)
            data = (p + 8, avail if n in (0, 0xFFFFFFFF) else min(n, avail))
            if n in (0, 0xFFFFFFFF):
                break  # a stream written without its size: the rest of the file
        p += 8 + n + (n & 1)
    if fmt is None or data is None or len(fmt) < 16:
        return None
    tag, channels, rate, _byte_rate, block, bits = struct.unpack_from("<HHIIHH", fmt)
    if tag == 0xFFFE and len(fmt) >= 26:  # WAVE_FORMAT_EXTENSIBLE: the real tag opens the sub-format GUID
        tag = struct.unpack_from("<H", fmt, 24)[0]
    if not channels or not rate or not block:
        return None
    length = data[1]
    if tag in _FRAMED:
        frame = channels * ((bits + 7) // 8) if bits else block
        frames = length // min(frame, block) if frame else length // block
    else:
        if tag == 0x11:  # IMA ADPCM: a 4-byte header with one sample per channel, then 4-bit samples
            per_block = (block - 4 * channels) * 2 // channels + 1
        elif tag == 0x02:  # MS ADPCM: a 7-byte header with two samples per channel, then 4-bit samples
            per_block = (block - 7 * channels) * 2 // channels + 2
        elif tag == 0x31:  # GSM 6.10 (WAV49): 320 samples in each 65-byte block
            per_block = 320 * block // 65
        else:
            return None  # a format whose length we cannot tell: no length
        if per_block <= 0:
            return None
        frames = max(math.ceil(length / block) * per_block, fact or 0)
    return frames / rate
