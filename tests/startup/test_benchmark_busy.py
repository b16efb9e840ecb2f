"""benchmarks/startup.py --busy N (issue 18): N `python -c "while True: pass"` processes spin
while the runs go. A benchmark run is often stopped from outside (`timeout 900 …`, a CI job's
time limit, kill PID): the spinners must not outlive it, spinning on a shared 2-core machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = f"""
import importlib.util, sys, time
spec = importlib.util.spec_from_file_location("startup_bench", {str(ROOT / 'benchmarks' / 'startup.py')!r})
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
import subprocess
started = []
real = subprocess.Popen
def popen(*a, **k):
    p = real(*a, **k); started.append(p.pid); return p
m.subprocess.Popen = popen
with m.busy(2):
    print(*started, flush=True)
    time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (not reaped yet) is not spinning
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def _stop_and_check(sig: int) -> list[int]:
    # Ctrl+C as a terminal delivers it: a suite started in the background (`make test &`, nohup)
    # has SIGINT ignored, and Python then never turns it into KeyboardInterrupt in the child
    bench = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)),
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    spinners = [int(x) for x in bench.stdout.readline().split()]
    assert len(spinners) == 2
    bench.send_signal(sig)
    bench.wait(60)
    time.sleep(0.5)
    left = [p for p in spinners if _alive(p)]
    for p in left:  # ours: end them here, by their ids
        os.kill(p, signal.SIGKILL)
    return left


def test_interrupted_benchmark_stops_its_spinners():
    """Ctrl+C during `benchmarks/startup.py --busy 2`: the spinners end (held)."""
    assert _stop_and_check(signal.SIGINT) == []


def test_terminated_benchmark_stops_its_spinners():
    """`timeout 900 benchmarks/startup.py --busy 2` runs out (SIGTERM), or the user kills it:
    the two spinners keep spinning at 100% CPU for ever (orphans of init). Expected: they end
    with the benchmark. Used to fail: busy()'s `finally` never runs on SIGTERM (no handler), and the
    spinners have nothing tying them to their parent (e.g. a parent-death check in their loop)."""
    assert _stop_and_check(signal.SIGTERM) == []
