"""A voice/video mail's length as the hub and the client read it (protocol/media_length.py): from
real files libsndfile writes and crafted containers, as players take it, in bounded work."""

from __future__ import annotations

import io
import struct

import numpy as np
import pytest
import soundfile as sf

from tests.server.media import mp4_bytes, multiplexed_ogg, ogg_pages, opus_bytes, wav_bytes
from tests.server.test_voice_mail_length_and_links import _box, _mvhd, _trak, mp4_with_tracks
from whitephone.protocol.media import duration_of


def _file(tmp_path, data: bytes):
    p = tmp_path / "f"
    p.write_bytes(data)
    return duration_of(p)


def _sound(seconds: float, fmt: str, subtype: str, rate: int = 8000, channels: int = 1) -> bytes:
    t = np.arange(int(rate * seconds)) / rate
    x = (0.1 * np.sin(2 * np.pi * 440 * t)).astype("float32")
    buf = io.BytesIO()
    sf.write(buf, np.stack([x] * channels, 1) if channels > 1 else x, rate, format=fmt, subtype=subtype)
    return buf.getvalue()


@pytest.mark.parametrize("subtype", ["PCM_16", "PCM_24", "FLOAT", "ALAW", "ULAW", "IMA_ADPCM", "MS_ADPCM", "GSM610"])
@pytest.mark.parametrize("channels", [1, 2])
def test_a_wav_is_as_long_as_a_player_plays_it(tmp_path, subtype, channels):
    if subtype == "GSM610" and channels == 2:
        pytest.skip("GSM 6.10 is mono")
    data = _sound(30, "WAV", subtype, channels=channels)
    want = sf.info(io.BytesIO(data)).duration
    assert _file(tmp_path, data) == pytest.approx(want, abs=0.1)


def test_a_wav_of_a_format_without_known_block_math_has_no_length(tmp_path):
    data = bytearray(wav_bytes(2))
    struct.pack_into("<H", data, 20, 0x55)  # "MPEG Layer 3 in WAV": its length is not in its sizes
    assert _file(tmp_path, bytes(data)) is None


@pytest.mark.parametrize("subtype", ["OPUS", "VORBIS"])
def test_an_ogg_is_as_long_as_its_last_granule(tmp_path, subtype):
    assert _file(tmp_path, _sound(7, "OGG", subtype, rate=16000)) == pytest.approx(7.0, abs=0.05)
    assert _file(tmp_path, opus_bytes(20)) == pytest.approx(20.0, abs=0.05)


def test_an_ogg_whose_tail_is_another_streams_or_a_second_stream_has_no_length(tmp_path):
    assert _file(tmp_path, multiplexed_ogg(300_000)) is None
    a, b = opus_bytes(2), opus_bytes(30)
    pages = ogg_pages(b)
    other = [p[:14] + struct.pack("<I", 4242) + p[18:] for p in pages]  # the same stream, another serial
    assert _file(tmp_path, a + b"".join(other)) is None  # chained: the last page is not the first stream's
    first = ogg_pages(a)
    assert _file(tmp_path, first[0] + other[0] + b"".join(first[1:])) is None  # two streams begin together
    assert _file(tmp_path, a + b"garbage") is None  # it does not end on a page


def test_an_mp4_is_as_long_as_its_longest_header(tmp_path):
    assert _file(tmp_path, mp4_bytes(30)) == pytest.approx(30.0)
    assert _file(tmp_path, mp4_with_tracks(10, 10, 48000, 48000)) == pytest.approx(10.0)
    assert _file(tmp_path, mp4_with_tracks(1800, 1800, 48000, 48000)) == pytest.approx(1800.0)
    assert _file(tmp_path, mp4_with_tracks(1, 1, 48000, 48000 * 600)) == pytest.approx(600.0)  # the sound track


def test_an_mp4_without_a_readable_length_has_none(tmp_path):
    assert _file(tmp_path, mp4_with_tracks(1800, 1800, 0, 5)) is None  # a timescale of 0
    assert _file(tmp_path, mp4_bytes(30, timescale=0)) is None
    assert _file(tmp_path, mp4_with_tracks(2**32 / 1000 - 0.001, 1, 1000, 1000)) is None  # "unknown" (all ones)
    assert _file(tmp_path, _box(b"ftyp", b"isom\0\0\x02\0isommp41") + _box(b"mdat", b"\0" * 64)) is None  # no movie
    fragmented = mp4_bytes(0) + _box(b"moof", b"\0" * 16) + _box(b"mdat", b"\0" * 64)
    assert _file(tmp_path, fragmented) is None  # its length is in the fragments, with no total
    moov = _box(b"moov", _mvhd(1000, 0) + b"".join(_trak(b"soun", 1000, 1000) for _ in range(30000)))
    assert _file(tmp_path, _box(b"ftyp", b"isom\0\0\x02\0isommp41") + moov) is None  # too many boxes to read


def test_a_file_of_no_timed_kind_or_broken_has_no_length(tmp_path):
    assert _file(tmp_path, b"\x89PNG\r\n\x1a\n" + b"\0" * 100) is None
    assert _file(tmp_path, b"OggS") is None
    assert _file(tmp_path, mp4_bytes(30)[:40]) is None
    assert _file(tmp_path, b"RIFF\0\0\0\0WAVEfmt ") is None
