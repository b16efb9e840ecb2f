"""Start-up milestones for benchmarks/startup.py and the import-budget test (no effect unless asked).

WHITEPHONE_BENCH_REPORT=1: one line on stdout per milestone, with the seconds since the process
began and its resident memory, the window staying open (the benchmark ends it with SIGTERM):
`shown` (first rows on screen), `ready` (the engine answered `ready`: calls can be placed),
`registered` (a SIP account registered), `synced` (signed in to the hub).
WHITEPHONE_BENCH_MODULES=FILE: the names in sys.modules when the first rows are shown, one a line.
WHITEPHONE_BENCH_IDLE_MODULES=FILE: the same, IDLE_AFTER_S after the store was attached (the
window at idle: tests/startup/test_idle_modules.py).
WHITEPHONE_BENCH_SYNCED_MODULES=FILE: the same when signed in to the hub (`synced`; after the
keyring gave the session's token: tests/startup/test_keyring_helper_window.py).
With the report, a gap probe (a 10 ms timer on the main thread) runs from the first rows for
STALL_WINDOW_S and then prints `stall max_ms=… over_100ms=…`: the longest time the main thread did
not get to its timer after the first paint (the window did not answer the user that long).
"""

from __future__ import annotations

import os
import sys
import time

STALL_WINDOW_S = 8.0  # the probe watches this long after the first rows (store, tabs, engine, sign-in)
IDLE_AFTER_S = 5.0  # after the attach: past the settle (3 s), the engine's first events


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
    idle_file = os.environ.get("WHITEPHONE_BENCH_IDLE_MODULES")
    synced_file = os.environ.get("WHITEPHONE_BENCH_SYNCED_MODULES")
    if not report and not modules_file and not idle_file and not synced_file:
        return
    t0 = time.monotonic() - process_age()
    seen: set[str] = set()

    def say(event: str) -> None:
        if report and event not in seen:
            seen.add(event)
            print(f"{event} t={time.monotonic() - t0:.3f} rss_mb={rss_mb():.1f} pid={os.getpid()}", flush=True)

    def shown(_n: int) -> None:
        if modules_file and "shown" not in seen:
            _write_modules(modules_file)
        say("shown")

    window.address_books.model.searchFinished.connect(shown)
    if report:
        window.address_books.model.searchFinished.connect(lambda _n: _probe_gaps(window))

    def attached() -> None:  # the team parts exist once the store is up (MainWindow.attach)
        window.team.team.signedIn.connect(lambda _info: say("synced"))
        if synced_file:
            window.team.team.signedIn.connect(lambda _info: _write_modules(synced_file))
        if idle_file:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(int(IDLE_AFTER_S * 1000), window, lambda: _write_modules(idle_file))

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


def _write_modules(path: str) -> None:
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(sorted(sys.modules)))
    os.replace(path + ".tmp", path)  # whole, for a reader that waits for it


def _probe_gaps(window) -> None:
    """Measure the main thread's stalls after the first paint (once): a 10 ms timer's late ticks."""
    if getattr(window, "_gap_probe", None) is not None:
        return
    from PySide6.QtCore import QTimer

    timer = window._gap_probe = QTimer(window)
    timer.setInterval(10)
    gaps: list[float] = []
    start = last = time.monotonic()

    def tick() -> None:
        nonlocal last
        now = time.monotonic()
        gaps.append(now - last)
        last = now
        if now - start >= STALL_WINDOW_S:
            timer.stop()
            worst = max(gaps, default=0.0)
            print(f"stall max_ms={worst * 1000:.0f} over_100ms={sum(1 for g in gaps if g > 0.1)} "
                  f"after_s={STALL_WINDOW_S:.0f}", flush=True)

    timer.timeout.connect(tick)
    timer.start()
