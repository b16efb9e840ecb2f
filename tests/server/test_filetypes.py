"""The container checks of `filetypes`: real files of every accepted kind pass (images written by
Pillow, audio built byte by byte as a recorder writes it); a magic number followed by something else
is caught."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image

from tests.server.media import png_bytes, wav_bytes
from whitephone.server.filetypes import HEAD_BYTES, is_executable_name, sniff, structure_fault


def fault(data: bytes) -> str | None:
    family = sniff(data[:16])
    assert family is not None
    return structure_fault(family, data[:HEAD_BYTES], len(data))


def pillow(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.effect_mandelbrot((64, 48), (-2, -1.5, 1, 1.5), 50).convert("RGB").save(out, fmt)
    return out.getvalue()


def box(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + tag + body


MP4 = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + box(b"free", b"") + box(b"mdat", bytes(5000))
WEBM = (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
        b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02" + bytes(200))
OGG = b"OggS\x00\x02" + bytes(20) + b"\x01\x1e" + b"\x01vorbis" + bytes(40)
# MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417-byte frames
MP3 = (b"\xff\xfb\x90\x00" + bytes(413)) * 4


@pytest.mark.parametrize("data", [wav_bytes(0.5), png_bytes(), MP4, WEBM, OGG, MP3, b"ID3\x04\x00\x00\x00\x00\x00\x0a"
                                  + bytes(10) + MP3, *(pillow(f) for f in ("PNG", "JPEG", "GIF", "WEBP", "PDF"))],
                         ids=["wav", "png", "mp4", "webm", "ogg", "mp3", "mp3-id3", "pillow-png", "jpeg", "gif",
                              "webp", "pdf"])
def test_sound_files_pass(data):
    assert fault(data) is None


def test_a_magic_followed_by_something_else_is_caught():
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    wav = wav_bytes(0.5)  # longer than the head: what follows its data is out of sight but for the RIFF size
    # RIFF/WAVE and then HTML: no fmt chunk, RIFF size wrong, markup
    assert fault(b"RIFF" + struct.pack("<I", 4 + len(html)) + b"WAVE" + html) is not None
    # a sound WAV header whose samples are HTML
    assert "markup" in fault(wav[:44] + html + bytes(len(wav) - 44 - len(html)))
    # a sound WAV with a page appended after its data
    assert "RIFF size" in fault(wav + html)
    assert "fmt" in fault(b"RIFF" + struct.pack("<I", 36) + b"WAVEfmt " + struct.pack("<I", 16) + bytes(16)
                          + b"data" + bytes(4))
    png = png_bytes()
    assert "checksum" in fault(png[:20] + b"\xff" + png[21:])
    assert fault(png[:33] + b"\x00\x00\x00\x10<htm" + bytes(40)) is not None
    assert fault(b"\xff\xd8\xff" + html) is not None
    assert fault(MP4[:24] + html) is not None
    assert fault(b"\x1a\x45\xdf\xa3" + html) is not None
    assert fault(b"OggS" + html) is not None
    assert fault(b"\xff\xfb\x90\x00" + bytes(413) + html) is not None
    assert fault(b"ID3\x04\x00\x00\x00\x00\x00\x00" + html) is not None
    assert fault(b"GIF89a\x00\x00\x00\x00" + html) is not None
    assert fault(b"%PDF-" + html) is not None


@pytest.mark.parametrize("name,refused", [("hello.wav", False), ("scan.pdf", False), ("notes", False),
                                          ("setup.exe", True), ("song.mp3.exe", True), ("RUN.BAT", True),
                                          ("run.bat. ", True), ("page.html", True), ("x.svg", True),
                                          ("tool.ps1", True), ("a.desktop", True), ("exe", False)])
def test_executable_names(name, refused):
    assert is_executable_name(name) is refused
