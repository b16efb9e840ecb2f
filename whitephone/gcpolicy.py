"""Garbage collection in the window's process, so the Qt main thread never waits on it.

CPython's full (generation 2) collection walks every tracked object while holding the GIL. After
start-up the window's process holds about a million of them (PySide6, SQLAlchemy, phonenumbers'
metadata), so a full collection triggered by the sync worker's allocations while it applied a
first sync of 40 000 contacts stopped the main thread for up to 170 ms (`benchmarks/sync.py`,
"Qt main thread" line). So, as the hub does (`server/gctune.py`):

- once the window is up, everything alive is frozen: never scanned again;
- automatic collections stop at generation 1 (young objects, a few milliseconds);
- `collect_full()` runs from a timer now and then, for cycles among long-lived objects; frozen
  objects are not walked, so it stays short.

With this the same sync's longest main-thread gap was 54 ms on a loaded machine (42 ms with the
collector off altogether). `WHITEPHONE_GC=default` leaves CPython's settings alone.
"""

from __future__ import annotations

import gc
import os

FULL_EVERY_MS = 15 * 60 * 1000  # how often the window runs collect_full()


def drop_source_lines() -> None:
    """Forget the source lines `linecache` holds. PySide6 hooks `import` and reads the whole
    source of every module that imports anything once PySide6 is loaded (its `__feature__`
    check, through `inspect.getsource`), and `linecache` keeps those lines: ~19 MiB of the
    window's resident memory after start-up (tracemalloc, benchmarks/startup.py). Tracebacks read
    the few lines they show again when they need them."""
    import linecache

    linecache.clearcache()


def settle_after_startup() -> bool:
    """Freeze what start-up made and keep automatic collections young; False when turned off."""
    drop_source_lines()
    if os.environ.get("WHITEPHONE_GC") == "default":
        release_free_memory()
        return False
    # young garbage only: a full collection here held the main thread 0.1-0.5 s (loaded machine;
    # benchmarks/startup.py: longest stall after the first rows 843 ms instead of 1244, median of 5)
    gc.collect(1)
    gc.freeze()
    gc.set_threshold(7_000, 10, 10**9)  # generation 2 only through collect_full()
    release_free_memory()
    return True


def release_free_memory() -> bool:
    """Give the heap that start-up freed (imports, the first reads, the tabs' building) back to
    the system: glibc keeps freed memory in its arenas, counted in the resident size. Linux with
    glibc only; False elsewhere."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:  # the C library the process already has (ctypes.util.find_library ran `ldconfig -p`)
        return bool(ctypes.CDLL(None).malloc_trim(0))
    except (OSError, AttributeError):  # musl and others: no malloc_trim
        return False


def collect_full() -> int:
    """A full collection of what is not frozen; returns the objects it found unreachable."""
    drop_source_lines()  # what imports since the last time read (tabs built, dialogs opened)
    return gc.collect()
