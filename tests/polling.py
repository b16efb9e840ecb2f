"""Waiting for a condition outside Qt (threads, child processes, sockets): qtbot.waitUntil's twin."""

from __future__ import annotations

import time


def wait_until(condition, timeout: float = 10.0, step: float = 0.02) -> bool:
    """True once `condition()` is true, False after `timeout` seconds without it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False
