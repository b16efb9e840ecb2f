"""The issue 18 leak check at full size: 500 calls placed and ended by the window's own call
controller (a real window offscreen, its real engine, a real answering agent on loopback), after
a 200-call warm-up; the window's and the engine's resident memory before and after, and their
trend every 50 calls. Runs tests/ui/test_call_leak.py (the suite runs it with 100 calls) and
prints its figures; the test's 5 % limits apply.

    .venv/bin/python benchmarks/window_call_leak.py [--calls 500] [--warm-up 200]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=500)
    ap.add_argument("--warm-up", type=int, default=200)
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               WHITEPHONE_LEAK_CALLS=str(args.calls), WHITEPHONE_LEAK_WARM_UP=str(args.warm_up))
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "-o", "timeout=3600",
                        "tests/ui/test_call_leak.py"], cwd=ROOT, env=env, capture_output=True, text=True)
    figures = [line for line in r.stdout.splitlines() if "window RSS" in line]
    print(f"{args.calls} calls after {args.warm_up} warm-up, {time.monotonic() - t0:.0f} s: "
          + (figures[0].strip() if figures else "no figures"))
    if r.returncode:
        print("\n".join(r.stdout.splitlines()[-30:]))
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
