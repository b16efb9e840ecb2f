"""Mouth-to-ear latency through the audio bridge, and glitches in a long call while another
process (standing in for a busy GUI) hogs the CPU, on PulseAudio virtual devices.

    .venv/bin/python benchmarks/audio_latency.py [--soak 600] [--jitter-buffer 40] [--jitter-trim 0]

Method. A duplex PortAudio stream in this process clicks into the virtual microphone feed and
listens on the speaker's monitor. First it measures its own round trip with the speaker wired
straight to its monitor (the rig); then an engine with the real audio bridge (microphone
"vmic", speaker "spk") calls an echo service and the click goes microphone → bridge → call →
echo → call → bridge → speaker. (total − rig) / 2 is the one-way mouth-to-ear latency of our
side plus half the network path, both jitter buffers included. It is measured once the jitter
buffers have shed their start-up reserve on this clean link (jitter_trim.py, a few seconds into
the call): the latency of the rest of the call. `--jitter-trim 0` measures the 80 ms start.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.sip import pulse  # noqa: E402
from tests.sip.agents import AgentProcess  # noqa: E402

RATE = 16000


def measure_round_trip(sink: str, source: str, seconds: float = 9.0, period: float = 0.5) -> list[float]:
    """Click into `sink` every `period` s, listen on `source`; for each click heard, ms from the
    moment it left the output (DAC time) to the moment it reached the input (ADC time), by
    PortAudio's stream clocks (two streams: a duplex one dies in the ALSA pulse plugin)."""
    import sounddevice as sd

    index = next(i for i, d in enumerate(sd.query_devices()) if d["name"] == "pulse")
    n = int(seconds * RATE)
    click = (0.6 * 32767 * np.sin(2 * np.pi * 2000 * np.arange(80) / RATE) * np.hanning(80)).astype("<i2")
    out = np.zeros(n, dtype="<i2")
    starts = list(range(3 * RATE, n - RATE, int(period * RATE)))  # PulseAudio starts output in ~2 s
    for s in starts:
        out[s:s + len(click)] = click
    sent: dict[int, float] = {}  # click start sample -> DAC time
    blocks: list[tuple[float, bytes]] = []  # (ADC time of the first sample, samples)
    pos = [0]

    def on_out(outdata, frames, time_info, status) -> None:
        i = pos[0]
        chunk = out[i:i + frames]
        outdata[:] = chunk.tobytes() + bytes(len(outdata) - len(chunk) * 2)
        for s in starts:
            if i <= s < i + frames:
                sent[s] = time_info.outputBufferDacTime + (s - i) / RATE
        pos[0] = i + frames

    def on_in(indata, frames, time_info, status) -> None:
        blocks.append((time_info.inputBufferAdcTime, bytes(indata)))

    kw = dict(device=index, samplerate=RATE, blocksize=320, channels=1, dtype="int16", latency=0.04)
    os.environ["PULSE_SOURCE"] = source
    rec = sd.RawInputStream(callback=on_in, **kw)
    os.environ["PULSE_SINK"] = sink
    play = sd.RawOutputStream(callback=on_out, **kw)
    with rec, play:
        end = time.monotonic() + seconds + 10
        while pos[0] < n and time.monotonic() < end:
            time.sleep(0.05)
        time.sleep(1)
    onsets = []  # ADC times where a click begins
    quiet_until = 0.0
    for t0, data in blocks:
        x = np.abs(np.frombuffer(data, dtype="<i2").astype(float))
        hits = np.nonzero(x > 3000)[0]
        if len(hits) and t0 + hits[0] / RATE > quiet_until:
            onsets.append(t0 + hits[0] / RATE)
            quiet_until = onsets[-1] + period / 2
    delays = []
    for _start, t_out in sorted(sent.items()):
        after = [t for t in onsets if t_out - 0.01 <= t < t_out + period * 0.9]
        if after:
            delays.append((after[0] - t_out) * 1000)
    return delays


def round_trip(sink: str, source: str) -> list[float]:
    """measure_round_trip in a fresh process (a second duplex stream in one process hears nothing
    through the ALSA pulse plugin)."""
    out = subprocess.run([sys.executable, __file__, "--measure", sink, source], capture_output=True, text=True,
                         timeout=60, env=os.environ.copy())
    return json.loads(out.stdout.strip().splitlines()[-1])


def hog() -> subprocess.Popen:
    """A process that keeps a core busy like a GUI at work: Python loops and 100 ms C calls."""
    code = ("import time\nn=1\nwhile True:\n t=time.perf_counter()\n while time.perf_counter()-t<0.1: n+=1\n"
            " sum(range(3_000_000))\n")
    return subprocess.Popen([sys.executable, "-c", code])


STALL_PROBE = """
import os, sys, time
try:
    os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(20))  # above the engine's audio threads
except (OSError, AttributeError):
    pass
worst, at, start = 0.0, 0.0, time.monotonic()
end = start + float(sys.argv[1])
while time.monotonic() < end:
    t = time.monotonic()
    time.sleep(0.005)
    late = time.monotonic() - t - 0.005
    if late > worst:
        worst, at = late, t - start
print(f"{worst * 1000:.1f} {at:.0f}")
"""


def stall_probe(seconds: float) -> subprocess.Popen:
    """A real-time process that sleeps 5 ms at a time and reports its longest oversleep: a pause
    it sees too is the whole machine's (a virtual machine's host taking the CPU), not the engine's."""
    return subprocess.Popen([sys.executable, "-c", STALL_PROBE, str(seconds)], stdout=subprocess.PIPE, text=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--soak", type=float, default=60, help="seconds of the long call (the figure: 600)")
    ap.add_argument("--engine-arg", action="append", default=[], help="extra `whitephone agent` argument")
    ap.add_argument("--jitter-buffer", type=int, metavar="MS",
                    help="both ends' jitter buffer start (Preferences → Audio → Low latency is 40)")
    ap.add_argument("--jitter-trim", type=int, metavar="MS", help="both ends' trim target (0: never trim)")
    ap.add_argument("--measure", nargs=2, metavar=("SINK", "SOURCE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps([float(d) for d in measure_round_trip(*args.measure)]))
        return
    pa = pulse.start(Path(tempfile.mkdtemp(prefix="wp-pulse-")))
    os.environ.update(pa.env)
    try:
        rig = round_trip("spk", "spk.monitor")
        jb = ["--jitter-buffer", str(args.jitter_buffer)] if args.jitter_buffer else []
        if args.jitter_trim is not None:
            jb += ["--jitter-trim", str(args.jitter_trim)]
        with AgentProcess("--answer", "--echo", "--no-audio", *jb) as far, \
                AgentProcess("--mic", "pulse:vmic", "--speaker", "pulse:spk", "--no-echo-cancellation",
                             *jb, *args.engine_arg, ipc=True, env=pa.env) as me:
            me.wait_for("audio")
            time.sleep(2)
            me.send(cmd="call", uri=far.uri)
            media = me.wait_for("media", status="active")
            time.sleep(1)
            if not rig:
                raise SystemExit("no click came back through the rig")
            rig_ms = statistics.median(rig)
            print(f"rig round trip (PulseAudio out+in): median {rig_ms:.0f} ms over {len(rig)} clicks")
            me.send(cmd="call_stats", call=media["call"])
            trim = me.wait_for("call_stats")["trimming"]
            if trim.get("available") and trim.get("target_ms"):
                end = time.monotonic() + 20
                while time.monotonic() < end and trim["level_ms"] > trim["target_ms"]:
                    time.sleep(0.5)
                    me.reset()
                    me.send(cmd="call_stats", call=media["call"])
                    trim = me.wait_for("call_stats")["trimming"]
            total = round_trip("mic", "spk.monitor")
            if not rig or not total:
                raise SystemExit(f"no click came back (rig {rig}, through the call {total})")
            total_ms = statistics.median(total)
            print(f"round trip through the call (bridge both ways, G722, echo peer): median {total_ms:.0f} ms, "
                  f"max {max(total):.0f} ms over {len(total)} clicks")
            print(f"mouth-to-ear one way: {(total_ms - rig_ms) / 2:.0f} ms (target <= 120 ms); "
                  f"our jitter buffer trimming: {trim}")
            me.send(cmd="audio_stats")
            before = me.wait_for("audio_stats")
            me.reset()
            engine = psutil.Process(me.proc.pid)
            engine.cpu_percent(None)
            busy, probe = hog(), stall_probe(args.soak)
            try:
                time.sleep(args.soak)
            finally:
                busy.kill()
            worst_ms, worst_at = probe.communicate(timeout=30)[0].split()
            cpu, rss = engine.cpu_percent(None), engine.memory_info().rss / 2**20
            me.send(cmd="audio_stats")
            after = me.wait_for("audio_stats")
            me.send(cmd="hangup", call=media["call"])
            me.wait_for("ended")
        d = {k: after[k]["underruns"] - before[k]["underruns"] for k in ("microphone", "speaker")}
        print(f"{args.soak:.0f} s call with a CPU-hogging process beside it: underruns microphone {d['microphone']} "
              f"({after['microphone'].get('late', 0)} late blocks waited for), "
              f"speaker {d['speaker']}; device flags {after['device_flags']} (target: none)")
        print(f"longest pause of each ring's producer during the call: microphone (PortAudio input) "
              f"{after['microphone']['longest_gap_ms']} ms, speaker (pjmedia clock) {after['speaker']['longest_gap_ms']} ms"
              f" (a ring holds 40 ms); real-time threads {after.get('realtime_threads')}")
        print(f"the machine itself: a real-time probe beside the call overslept by up to {worst_ms} ms "
              f"({worst_at} s into the soak)")
        print(f"engine with the audio bridge during that call: CPU {cpu:.1f} % of one core, RSS {rss:.0f} MB")
    finally:
        pulse.stop(pa)


if __name__ == "__main__":
    main()
