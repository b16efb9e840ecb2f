"""Slow background jobs for GUI tests (whitephone/ui/tasks.py): with the real App and
MainWindow of tests/ui/conftest.py, a gate that holds a store call on its worker thread (a slow
disk) until the test opens it, and a record of every exception that reached the Qt event loop."""

from __future__ import annotations

import sys
import threading

import pytest


class Gate:
    """Wraps a callable so that calls for which `when(*args, **kw)` is true wait (on the worker
    thread) until `open()`; `entered` is set once such a call is waiting."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.entered = threading.Event()
        self.calls = 0

    def wrap(self, fn, when=lambda *a, **k: True):
        def slow(*args, **kw):
            if when(*args, **kw):
                self.calls += 1
                self.entered.set()
                assert self.go.wait(20), "the gate was never opened"
            return fn(*args, **kw)
        return slow

    def open(self) -> None:
        self.go.set()


@pytest.fixture
def gate():
    g = Gate()
    yield g
    g.open()  # never leave a worker thread waiting


@pytest.fixture
def loop_errors(monkeypatch):
    """Exceptions raised in Qt's event loop (a late callback), in order."""
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: seen.append(exc))
    return seen


def flush(qtbot, *workers) -> None:
    """Every job queued so far on each worker (in this order) has run and been delivered."""
    for worker in workers:
        done: list = []
        worker.submit(lambda: None, done.append)
        qtbot.waitUntil(lambda done=done: done == [None], timeout=10000)
