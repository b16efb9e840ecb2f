"""What opening the sound devices only when they are needed costs (issue 11.10): the time to
open and start the microphone and speaker streams (at call set-up or answer) and the ringer (when
a call starts ringing), and how long until the first microphone block and the first speaker
callback arrive, on PulseAudio virtual devices.

    .venv/bin/python benchmarks/device_open.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.sip import pulse  # noqa: E402


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    rounds = ap.parse_args().rounds
    pa = pulse.start(Path(tempfile.mkdtemp(prefix="wp-pulse-")))
    try:
        os.environ.update({k: pa.env[k] for k in ("PULSE_SERVER", "XDG_RUNTIME_DIR")})
        from whitephone.sip.audio_bridge import AudioSettings, DeviceBridge

        bridge = DeviceBridge(AudioSettings(microphone="pulse:vmic", speaker="pulse:spk", realtime=False))
        bridge.check()
        opened, first_mic, first_out, ringer = [], [], [], []
        speaker_calls = [0]
        on_speaker = bridge._on_speaker  # noqa: SLF001 - count the speaker's callbacks

        def counting(*a):
            speaker_calls[0] += 1
            on_speaker(*a)

        bridge._on_speaker = counting  # noqa: SLF001
        for _ in range(rounds):
            mic0, out0 = bridge.mic.received, speaker_calls[0]
            t0 = time.perf_counter()
            bridge.use(True, False)
            opened.append(time.perf_counter() - t0)
            while bridge.mic.received == mic0 or speaker_calls[0] == out0:
                if bridge.mic.received > mic0 and len(first_mic) < len(opened):
                    first_mic.append(time.perf_counter() - t0)
                if speaker_calls[0] > out0 and len(first_out) < len(opened):
                    first_out.append(time.perf_counter() - t0)
                time.sleep(0.001)
            if len(first_mic) < len(opened):
                first_mic.append(time.perf_counter() - t0)
            if len(first_out) < len(opened):
                first_out.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            bridge.use(True, True)
            ringer.append(time.perf_counter() - t0)
            bridge.use(False, False)
            time.sleep(0.2)
        print(f"rounds: {rounds}")
        print(f"open + start microphone and speaker: {_ms(opened)} (the pump thread waits this long)")
        print(f"first microphone block after open:   {_ms(first_mic)}")
        print(f"first speaker callback after open:   {_ms(first_out)}")
        print(f"open + start the ringer:             {_ms(ringer)}")
    finally:
        pulse.stop(pa)


if __name__ == "__main__":
    main()
