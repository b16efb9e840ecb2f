"""Background work for the GUI: one serial worker thread for store writes and imports, one for
reads (searches), results delivered back on the Qt main thread by signals (like Anki's
TaskManager: the main thread never waits on the database or the disk)."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the main thread; a queued signal carries each finished job back to it."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object)
    def _deliver(self, job: tuple) -> None:
        callback, value = job
        if callback is None:
            return
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            # its widget was deleted while the job ran (a dialog closed with its window)
            log.debug("result of a background job dropped: %s is gone", type(owner).__name__)
            return
        callback(value)


class Worker:
    """A thread that runs submitted functions one after another, in order."""

    def __init__(self, name: str) -> None:
        self._relay = _Relay()
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None) -> None:
        self._jobs.put((fn, on_done, on_error))

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fn, on_done, on_error = job
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI
                log.exception("background task failed")
                self._relay.finished.emit((on_error, exc))
            else:
                self._relay.finished.emit((on_done, result))

    def stop(self, timeout: float = 5.0) -> None:
        self._jobs.put(None)
        self._thread.join(timeout)


class Tasks:
    """The GUI's two workers: `write` (serial: store writes, imports) and `read` (searches)."""

    def __init__(self) -> None:
        self.write = Worker("wp-writer")
        self.read = Worker("wp-reader")

    def stop(self) -> None:
        self.write.stop()
        self.read.stop()
