"""Garbage collection for a hub holding thousands of long-lived connections.

Every WebSocket keeps over a hundred tracked objects alive (protocol, ASGI middleware coroutines,
task, queues, the handshake). With CPython's default thresholds a full collection walks all of
them: with 5 000 connections (~700 000 objects) that paused the event loop for 0.5-1.3 s, which set
the tail of every latency figure. So:

- after start-up everything alive (modules, the app, the metadata) is frozen: never scanned again;
- automatic collections stop at generation 1: young objects, a few milliseconds each, which is
  where nearly all reference cycles die. A WebSocket that closes is freed by reference counting
  (after `http_protocol` below broke the one cycle uvicorn left per connection, a full collection
  after a storm of 5 000 reconnects found no garbage at all);
- a full collection (one pause of ~0.5-1 s with 5 000 connections) runs every `FULL_EVERY`
  seconds (6 h), for whatever cycles long-lived objects form.

`WHITEPHONE_GC=default` leaves CPython's settings alone (for comparison).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import time
from collections.abc import AsyncIterator

log = logging.getLogger(__name__)
FULL_EVERY = float(os.environ.get("WHITEPHONE_GC_FULL_EVERY", 6 * 3600.0))
SLOW = 0.05  # log collections longer than this (seconds)


class _Timer:
    def __init__(self) -> None:
        self.started = 0.0
        self.longest = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.started = time.perf_counter()
            return
        took = time.perf_counter() - self.started
        self.longest = max(self.longest, took)
        if took > SLOW:
            log.info("gc generation %d took %.0f ms (%d collected)", info["generation"], took * 1000,
                     info["collected"])


@contextlib.asynccontextmanager
async def tuned_gc() -> AsyncIterator[None]:
    if os.environ.get("WHITEPHONE_GC") == "default":
        yield
        return
    before = gc.get_threshold()
    timer = _Timer()
    gc.callbacks.append(timer)
    gc.collect()
    gc.freeze()
    gc.set_threshold(7_000, 10, 10**9)  # generation 2 only from the task below
    task = asyncio.create_task(_collections(), name="gc")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        gc.set_threshold(*before)
        gc.unfreeze()
        gc.callbacks.remove(timer)


async def _collections() -> None:
    if os.environ.get("WHITEPHONE_GC_DEBUG"):
        asyncio.get_running_loop().create_task(_census())
    last = time.monotonic()
    while True:
        await asyncio.sleep(60.0)
        if time.monotonic() - last < FULL_EVERY:
            continue
        last = time.monotonic()
        t0 = time.perf_counter()
        gc.unfreeze()
        debug = bool(os.environ.get("WHITEPHONE_GC_DEBUG"))
        if debug:
            gc.set_debug(gc.DEBUG_SAVEALL)
        n = gc.collect()
        if debug:
            _describe_garbage()
        gc.freeze()
        log.info("full collection: %d objects freed in %.0f ms", n, (time.perf_counter() - t0) * 1000)


async def _census() -> None:
    from collections import Counter

    while True:
        await asyncio.sleep(20)
        objs = gc.get_objects()
        log.info("tracked %d (frozen %d): %s", len(objs), gc.get_freeze_count(),
                 Counter(type(o).__qualname__ for o in objs).most_common(25))
        del objs


def _describe_garbage() -> None:
    from collections import Counter

    gc.set_debug(0)
    frames = Counter(f"{o.f_code.co_name}@{o.f_code.co_filename.rsplit('/', 1)[-1]}:{o.f_lineno}"
                     for o in gc.garbage if type(o).__name__ == "frame")
    excs = Counter(type(o).__name__ for o in gc.garbage if isinstance(o, BaseException))
    log.info("garbage: %s; frames %s; exceptions %s", Counter(type(o).__qualname__ for o in gc.garbage)
             .most_common(20), frames.most_common(15), excs)
    gc.garbage.clear()


def http_protocol():
    """uvicorn's httptools protocol, minus a reference cycle per WebSocket: after the upgrade the HTTP
    protocol object is dropped, but its parser holds bound methods of it, so only a full collection
    freed it (~10 KiB per connection: 50 MiB after 5 000 connects, again after each storm)."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class HttpToolsProtocolNoCycle(HttpToolsProtocol):
        def handle_websocket_upgrade(self) -> None:
            super().handle_websocket_upgrade()
            self.parser = None  # the WebSocket protocol has the transport now

    return HttpToolsProtocolNoCycle
