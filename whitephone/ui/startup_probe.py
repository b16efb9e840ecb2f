"""Start-up milestones for benchmarks/startup.py and the import-budget test (no effect unless asked).

WHITEPHONE_BENCH_REPORT=1: one line on stdout per milestone, with the seconds since the process
began and its resident memory, the window staying open (the benchmark ends it with SIGTERM):
`shown` (first rows on screen), `ready` (the engine answered `ready`: calls can be placed),
`registered` (a SIP account registered), `synced` (signed in to the hub).
WHITEPHONE_BENCH_MODULES=FILE: the names in sys.modules when the first rows are shown, one a line.
"""

from __future__ import annotations

import os
import sys
import time


def process_age() -> float:
    """Seconds since this process was started (from /proc: includes the interpreter's own start)."""
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def rss_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def install(window) -> None:
    """Watch `window` for the milestones the environment asks about."""
    report = bool(os.environ.get("WHITEPHONE_BENCH_REPORT"))
    modules_file = os.environ.get("WHITEPHONE_BENCH_MODULES")
    if not report and not modules_file:
        return
    t0 = time.monotonic() - process_age()
    seen: set[str] = set()

    def say(event: str) -> None:
        if report and event not in seen:
            seen.add(event)
            print(f"{event} t={time.monotonic() - t0:.3f} rss_mb={rss_mb():.1f} pid={os.getpid()}", flush=True)

    def shown(_n: int) -> None:
        if modules_file and "shown" not in seen:
            with open(modules_file, "w") as f:
                f.write("\n".join(sorted(sys.modules)))
        say("shown")

    window.address_books.model.searchFinished.connect(shown)
    def attached() -> None:  # the team parts exist once the store is up (MainWindow.attach)
        window.team.team.signedIn.connect(lambda _info: say("synced"))

    if window.app is not None:
        attached()
    else:
        window.attached.connect(attached)
    if not report:
        return

    def engine_event(ev: dict) -> None:
        kind = ev.get("event")
        if kind == "ready":
            say("ready")
        elif kind == "registered":
            say("registered")

    window.engineEvent.connect(engine_event)
