"""Issue 14 (a defect the tester found): a 120-byte sound file that claims 30 minutes of 8-channel 192 kHz audio.

`voice_mail.to_opus` checks only the claimed duration (<= 30 min); `soundfile.read` then
allocates the claimed frames x channels up front (11 GB of float32 here) before reading the few
real ones: `message send --voice bomb.flac` (or a file dropped on Compose) dies with
MemoryError (a traceback) or eats the machine's memory, instead of saying the file is not a
voice mail it can send. The test runs the encoder in a child process capped at 2 GB."""

from __future__ import annotations

import resource
import subprocess
import sys

import numpy as np
import soundfile as sf


def _bomb(path):
    rate, ch = 192000, 8
    sf.write(str(path), np.zeros((1000, ch), dtype="float32"), rate, format="FLAC")
    b = bytearray(path.read_bytes())
    i = b.index(b"fLaC") + 8  # STREAMINFO's data
    v = int.from_bytes(b[i + 10:i + 18], "big")
    v = (v & ~((1 << 36) - 1)) | (rate * 1790)  # total samples: 1790 s
    b[i + 10:i + 18] = v.to_bytes(8, "big")
    path.write_bytes(bytes(b))
    assert sf.info(str(path)).duration == 1790.0


def _cap():
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
    resource.setrlimit(resource.RLIMIT_CPU, (120, 120))


def test_a_tiny_file_claiming_hours_of_audio_is_refused_with_a_sentence(tmp_path):
    src, dst = tmp_path / "bomb.flac", tmp_path / "out.ogg"
    _bomb(src)
    code = ("import sys; from pathlib import Path; from whitephone.core import voice_mail as v\n"
            "try:\n    v.to_opus(Path(sys.argv[1]), Path(sys.argv[2])); print('ENCODED')\n"
            "except v.VoiceMailError as e:\n    print('REFUSED', e)\n")
    r = subprocess.run([sys.executable, "-c", code, str(src), str(dst)], capture_output=True, text=True,
                       timeout=300, preexec_fn=_cap)
    assert "Traceback" not in r.stderr, r.stderr[-800:]
    assert r.returncode == 0 and r.stdout.startswith(("REFUSED", "ENCODED")), (r.returncode, r.stdout)
