"""Reading contact files as they really are: BOMs, UTF-16, legacy 8-bit encodings, bad bytes."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff_bom(head: bytes) -> tuple[str | None, int]:
    """(encoding, BOM length) from the first bytes, or (None, 0)."""
    for bom, enc in BOMS:
        if head.startswith(bom):
            return enc, len(bom)
    # UTF-16 without a BOM: every other byte of ASCII text is NUL
    if len(head) >= 4 and head[1:8:2] == b"\0" * len(head[1:8:2]) and head[0] != 0:
        return "utf-16-le", 0
    if len(head) >= 4 and head[0:8:2] == b"\0" * len(head[0:8:2]) and head[1] != 0:
        return "utf-16-be", 0
    return None, 0


def decode_best(data: bytes, charset: str | None = None) -> str:
    """Text of `data`: the declared charset if it works, else UTF-8, else Windows-1252."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def open_binary_lines(path: Path) -> tuple[Iterator[bytes], str | None, Callable[[], int]]:
    """Lines of a file as bytes (line endings kept), re-encoded to UTF-8 when the file is
    UTF-16/32; the encoding a BOM declared; a function telling how many bytes were read so far.
    Streams: never holds the whole file."""
    f: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by the generators below
    head = f.read(64)
    enc, skip = sniff_bom(head)
    f.seek(skip)
    if enc and enc.startswith(("utf-16", "utf-32")):
        text = io.TextIOWrapper(f, encoding=enc, errors="replace", newline="")

        def utf_lines() -> Iterator[bytes]:
            with text:
                for line in text:
                    yield line.encode("utf-8")

        return utf_lines(), "utf-8", lambda: f.tell() if not f.closed else 0

    done = [skip]

    def byte_lines() -> Iterator[bytes]:
        with f:
            for line in f:
                done[0] += len(line)
                yield line

    return byte_lines(), enc, lambda: done[0]
