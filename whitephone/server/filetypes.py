"""What an uploaded file is, read from its bytes: the accepted types, their containers' structure, and
the names that are refused outright (executables).

Two looks: `sniff` tells the family from the magic of the first 16 bytes (enough to refuse a PNG
declared as WAV at the first chunk); `structure_fault` then reads the first `HEAD_BYTES` (or the
whole of a smaller file) and checks the container as a player would start to read it: a RIFF size
that matches the file, a WAV `fmt ` chunk with a real format before its `data`, MP4 boxes that fit
the file, a PNG `IHDR` with a good CRC, JPEG segments, an Ogg page with a known codec, a WebM
DocType, two MP3 frame headers in a row. A magic number followed by HTML (a polyglot that a browser
could be talked into rendering) fails there; so does markup anywhere in the head of a media file.
"""

from __future__ import annotations

import re
import struct
import zlib

SNIFF_BYTES = 16  # the magic
HEAD_BYTES = 4096  # what the structure check reads

# sniffed family -> the content types a client may declare for it (the first is the default)
FAMILIES = {
    "wav": ("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    "mp4": ("video/mp4", "audio/mp4", "audio/x-m4a", "audio/m4a"),
    "m4a": ("audio/mp4", "audio/x-m4a", "audio/m4a", "video/mp4"),
    "mov": ("video/quicktime",),
    "png": ("image/png",),
    "jpeg": ("image/jpeg", "image/jpg", "image/pjpeg"),
    "gif": ("image/gif",),
    "webp": ("image/webp",),
    "pdf": ("application/pdf",),
    "ogg": ("audio/ogg", "video/ogg", "application/ogg"),
    "webm": ("video/webm", "audio/webm"),
    "mp3": ("audio/mpeg", "audio/mp3"),
}
CANONICAL = {"audio/x-wav": "audio/wav", "audio/wave": "audio/wav", "audio/vnd.wave": "audio/wav",
             "audio/x-m4a": "audio/mp4", "audio/m4a": "audio/mp4", "image/jpg": "image/jpeg",
             "image/pjpeg": "image/jpeg", "audio/mp3": "audio/mpeg"}
ACCEPTED_TYPES = sorted({t for family in FAMILIES.values() for t in family})

# Names a desktop would run, install or open in a browser or script host when clicked.
EXECUTABLE_SUFFIXES = frozenset("""
    exe com scr pif bat cmd msi msp msix msixbundle appx appxbundle dll cpl sys drv ocx ps1 psm1 psd1
    vbs vbe js jse wsf wsh hta jar apk app dmg pkg deb rpm sh bash zsh csh ksh run bin elf out command
    lnk url desktop reg inf scf iso img vhd vhdx html htm xhtml shtml svg xml xsl mht mhtml py pyw pl
    rb php""".split())
_MARKUP = (b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<!doctype", b"<svg", b"<?xml", b"javascript:")


def is_executable_name(name: str) -> bool:
    """True when the file name's extension is one a desktop would execute or render (`a.wav.exe`,
    `run.BAT.`, `page.html`): such names are refused whatever the bytes are."""
    stem = name.rstrip(" .")  # Windows drops trailing dots and spaces
    return "." in stem and stem.rsplit(".", 1)[1].lower() in EXECUTABLE_SUFFIXES


def sniff(head: bytes) -> str | None:
    """The family of a file from its first bytes, or None when it is none we accept."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "mov" if brand == b"qt  " else "m4a" if brand in (b"M4A ", b"M4B ") else "mp4"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def type_for(family: str, declared: str | None) -> str | None:
    """The type to store for a sniffed family: the declared one when it fits the family, the
    family's default when none was declared; None when the declaration contradicts the bytes."""
    if declared is None:
        return FAMILIES[family][0]
    return CANONICAL.get(declared, declared) if declared in FAMILIES[family] else None


def structure_fault(family: str, head: bytes, length: int) -> str | None:
    """Why `head` (the first HEAD_BYTES of a `length`-byte file, or all of it) is not a sound file of
    `family`; None when it is."""
    if family != "pdf":
        low = head.lower()
        for tag in _MARKUP:
            if tag in low:
                return f"markup ({tag.decode()}) inside a media file"
    try:
        return _CHECKS[family](head, length)
    except (struct.error, IndexError):
        return "the file ends inside its header"


def _riff(head: bytes, length: int) -> str | None:
    size = struct.unpack_from("<I", head, 4)[0] + 8
    if size not in (length, length - 1):  # a pad byte may follow
        return f"the RIFF size says {size} bytes, the file has {length}"
    return None


def _printable(tag: bytes) -> bool:
    return len(tag) == 4 and all(32 <= b < 127 or b == 0xA9 for b in tag)


def _wav(head: bytes, length: int) -> str | None:
    if fault := _riff(head, length):
        return fault
    pos, fmt = 12, False
    while pos + 8 <= len(head):
        tag, size = head[pos:pos + 4], struct.unpack_from("<I", head, pos + 4)[0]
        if not _printable(tag):
            return "a RIFF chunk without a name"
        if pos + 8 + size > length + 1:
            return f"chunk {tag!r} runs past the end of the file"
        if tag == b"fmt ":
            if size < 16:
                return "a fmt chunk too short"
            fmt_tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", head, pos + 8)
            if fmt_tag not in (1, 2, 3, 6, 7, 0x11, 0x31, 0x55, 0xFFFE) or not 1 <= channels <= 16 \
                    or not 1000 <= rate <= 384_000 or bits > 64:
                return "a fmt chunk of no audio format"
            fmt = True
        elif tag == b"data":
            return None if fmt else "audio data before the fmt chunk"
        pos += 8 + size + (size & 1)
    return "no data chunk" if len(head) >= length else None  # else it may lie past the head


def _webp(head: bytes, length: int) -> str | None:
    return _riff(head, length) or (None if head[12:16] in (b"VP8 ", b"VP8L", b"VP8X") else "no VP8 chunk")


def _iso_boxes(head: bytes, length: int) -> str | None:
    pos = 0
    while pos + 8 <= len(head):
        size, tag = struct.unpack_from(">I", head, pos)[0], head[pos + 4:pos + 8]
        if not _printable(tag):
            return "a box without a name"
        if size == 1:
            size = struct.unpack_from(">Q", head, pos + 8)[0]
        elif size == 0:  # runs to the end of the file
            return None
        if size < 8 or pos + size > length:
            return f"box {tag!r} does not fit the file"
        if pos == 0 and (tag != b"ftyp" or size > 1024):
            return "no ftyp box first"
        pos += size
    return None


def _png(head: bytes, length: int) -> str | None:
    if head[8:16] != b"\x00\x00\x00\x0dIHDR":
        return "no IHDR chunk first"
    width, height, depth, colour, compression, filtering, interlace = struct.unpack_from(">IIBBBBB", head, 16)
    crc = struct.unpack_from(">I", head, 29)[0]
    if crc != zlib.crc32(head[12:29]):
        return "the IHDR checksum is wrong"
    if not (width and height) or depth not in (1, 2, 4, 8, 16) or colour not in (0, 2, 3, 4, 6) \
            or compression or filtering or interlace > 1:
        return "an IHDR of no image"
    pos = 33
    while pos + 8 <= len(head):
        size, tag = struct.unpack_from(">I", head, pos)[0], head[pos + 4:pos + 8]
        if not tag.isalpha() or pos + 12 + size > length:
            return "a chunk that is no PNG chunk"
        pos += 12 + size
    return None


def _jpeg(head: bytes, length: int) -> str | None:
    pos = 2
    while pos + 4 <= len(head):
        if head[pos] != 0xFF:
            return "bytes where a JPEG marker belongs"
        marker = head[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if not (0xC0 <= marker <= 0xFE) or marker in (0xD8, 0xD9):
            return "an unknown JPEG marker"
        size = struct.unpack_from(">H", head, pos + 2)[0]
        if size < 2 or pos + 2 + size > length:
            return "a JPEG segment that does not fit the file"
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return None
        pos += 2 + size
    return None


def _gif(head: bytes, length: int) -> str | None:
    width, height = struct.unpack_from("<HH", head, 6)
    return None if width and height and length >= 14 else "a GIF without a size"


def _pdf(head: bytes, length: int) -> str | None:
    return None if re.match(rb"%PDF-[12]\.\d", head) else "no PDF version"


def _ogg(head: bytes, length: int) -> str | None:
    if head[4] != 0 or head[5] & 0xF8:
        return "an Ogg page of no known version"
    start = 27 + head[26]
    codecs = (b"\x01vorbis", b"OpusHead", b"\x80theora", b"Speex   ", b"\x7fFLAC")
    return None if any(head[start:start + len(c)] == c for c in codecs) else "an Ogg stream of no known codec"


def _webm(head: bytes, length: int) -> str | None:
    at = head.find(b"\x42\x82", 4, 64)  # the DocType element of the EBML header
    if at < 0 or not head[at + 2] & 0x80:
        return "no DocType"
    size = head[at + 2] & 0x7F
    return None if head[at + 3:at + 3 + size].rstrip(b"\x00") == b"webm" else "not a WebM DocType"


# MPEG audio: bitrates (kbit/s) by [version 1 or 2][layer 1..3] and sample rates by version bits.
_BITRATES = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_BITRATES[(2, 3)] = _BITRATES[(2, 2)]
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mp3_frame(head: bytes, pos: int) -> int | None:
    """The length of the MPEG audio frame whose header is at `pos`, or None for no valid header."""
    if pos + 4 > len(head) or head[pos] != 0xFF or head[pos + 1] & 0xE0 != 0xE0:
        return None
    version_bits, layer_bits = (head[pos + 1] >> 3) & 3, (head[pos + 1] >> 1) & 3
    bitrate_index, rate_index, padding = head[pos + 2] >> 4, (head[pos + 2] >> 2) & 3, (head[pos + 2] >> 1) & 1
    if version_bits == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    version, layer = (1 if version_bits == 3 else 2), 4 - layer_bits
    bitrate, rate = _BITRATES[(version, layer)][bitrate_index] * 1000, _RATES[version_bits][rate_index]
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    return (144 if version == 1 or layer == 2 else 72) * bitrate // rate + padding


def _mp3(head: bytes, length: int) -> str | None:
    pos = 0
    if head.startswith(b"ID3"):
        if head[3] not in (2, 3, 4) or any(b & 0x80 for b in head[6:10]):
            return "an ID3 tag of no known version"
        size = 0
        for b in head[6:10]:
            size = size << 7 | b
        pos = 10 + size + (10 if head[5] & 0x10 else 0)
        if pos >= len(head):
            return None if pos <= length else "an ID3 tag longer than the file"
    frame = _mp3_frame(head, pos)
    if frame is None:
        return "no MPEG audio frame"
    if pos + frame + 4 <= len(head) and _mp3_frame(head, pos + frame) is None:
        return "no second MPEG audio frame where the first one ends"
    return None


_CHECKS = {"wav": _wav, "webp": _webp, "mp4": _iso_boxes, "m4a": _iso_boxes, "mov": _iso_boxes, "png": _png,
           "jpeg": _jpeg, "gif": _gif, "pdf": _pdf, "ogg": _ogg, "webm": _webm, "mp3": _mp3}
