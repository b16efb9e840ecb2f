"""How quickly a headset button and the global hotkey reach their handler, and what an idle
headset watcher costs.

    .venv/bin/python benchmarks/keys.py [--presses 200]

1. Headset: the worker thread (whitephone/headset/worker.py) on the stand-in for hidapi
   (tests/headset/fake_hid.py, no USB here): time from a report being readable to the button
   event on the worker thread, median and 95th percentile; then the CPU the worker uses over 5 s
   with a headset open and no button pressed (reads with a 200 ms time-out), and with no headset
   (a look every 3 s).
2. Global hotkey on X11 (whitephone/hotkey/x11.py) under Xvfb: xdotool press → handler, which
   includes starting the xdotool process (so an upper bound).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.headset.fake_hid import JABRA_LIKE, FakeHeadset, FakeHid  # noqa: E402
from whitephone.headset.worker import HeadsetWorker  # noqa: E402


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def headset(presses: int) -> None:
    hid = FakeHid()
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    hid.headsets.append(jabra)
    got = threading.Event()
    worker = HeadsetWorker(lambda ev: got.set(), hid=hid)
    worker.start()
    jabra.opened.wait(5)
    lat = []
    for i in range(presses):
        got.clear()
        report = b"\x02\x04" if i % 2 == 0 else b"\x02\x00"  # mute press, release (no event)
        t0 = time.perf_counter()
        jabra.press(report)
        if i % 2 == 0:
            got.wait(2)
            lat.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.06)  # beyond the debounce
    print(f"headset button -> event: median {statistics.median(lat):.3f} ms, p95 {pct(lat, 0.95):.3f} ms "
          f"({len(lat)} presses)")
    for label in ("headset open, idle", "no headset"):
        c0, t0 = time.process_time(), time.perf_counter()
        time.sleep(5)
        c1, t1 = time.process_time(), time.perf_counter()
        print(f"worker CPU, {label}: {100 * (c1 - c0) / (t1 - t0):.3f} % of one core (whole process, 5 s)")
        jabra.plugged = False
    worker.stop()


def hotkey(presses: int) -> None:
    from tests.hotkey.xvfb import Xvfb
    from whitephone.hotkey.keys import parse_hotkey
    from whitephone.hotkey.x11 import X11Hotkey

    x = Xvfb()
    got = threading.Event()
    at: list[float] = []

    def pressed() -> None:
        at.append(time.perf_counter())
        got.set()
    hk = X11Hotkey(parse_hotkey("Ctrl+Alt+P"), pressed, x.display)
    hk.start()
    env = {**os.environ, "DISPLAY": x.display}
    lat = []
    for _ in range(presses):
        got.clear()
        t0 = time.perf_counter()
        subprocess.run(["xdotool", "key", "ctrl+alt+p"], env=env, check=True)
        got.wait(5)
        lat.append((at[-1] - t0) * 1000)
    hk.stop()
    x.stop()
    print(f"global hotkey (xdotool start included) -> handler: median {statistics.median(lat):.1f} ms, "
          f"p95 {pct(lat, 0.95):.1f} ms ({presses} presses)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--presses", type=int, default=200)
    a = ap.parse_args()
    headset(a.presses)
    hotkey(min(a.presses, 50))


if __name__ == "__main__":
    main()
