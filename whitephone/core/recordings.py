"""Call recordings on disk: WAV files the engine writes while a call lasts.

pjmedia writes a WAV header with zero sizes when it opens the file and fills them in when it
closes it; if the engine is killed mid-call, the audio is all there but the header says
"empty". `repair_folder` runs at start-up and fixes such headers so nothing recorded is lost.
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path

log = logging.getLogger(__name__)


def repair_wav(path: Path) -> bool:
    """Fix the RIFF and data sizes of a PCM WAV cut short; True if the header was changed."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        head = f.read(4096)
        if len(head) < 44 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return False
        pos = 12
        data_at = None
        while pos + 8 <= len(head):
            chunk, length = head[pos:pos + 4], struct.unpack_from("<I", head, pos + 4)[0]
            if chunk == b"data":
                data_at = pos
                break
            pos += 8 + length + (length & 1)
        if data_at is None:
            return False
        riff_ok = struct.unpack_from("<I", head, 4)[0] == size - 8
        data_len = size - (data_at + 8)
        data_ok = struct.unpack_from("<I", head, data_at + 4)[0] == data_len
        if riff_ok and data_ok:
            return False
        block = max(1, struct.unpack_from("<H", head, 32)[0]) if head[12:16] == b"fmt " else 2
        data_len -= data_len % block  # a half-written last sample is dropped
        f.seek(4)
        f.write(struct.pack("<I", data_at + 8 + data_len - 8))
        f.seek(data_at + 4)
        f.write(struct.pack("<I", data_len))
        f.truncate(data_at + 8 + data_len)
    return True


def repair_folder(folder: Path) -> list[Path]:
    """Repair every recording of `folder` that a crash left with a wrong header."""
    fixed = []
    for path in sorted(folder.glob("*.wav")) if folder.is_dir() else []:
        try:
            if repair_wav(path):
                fixed.append(path)
                log.info("repaired the recording %s (cut short by a crash)", path.name)
        except OSError as exc:
            log.warning("cannot repair %s: %s", path, exc)
    return fixed
