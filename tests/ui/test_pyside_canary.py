"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and the process
aborts after ~5 000 calls. 20 000 void calls must leave None's refcount where it was."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_leak_references_to_none():
    o = QObject()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        o.setObjectName("canary")  # a void C++ method: returns None
    assert sys.getrefcount(None) >= before - 100  # other code may drop a few; 6.12.0 drops 20 000
