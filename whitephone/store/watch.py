"""Noticing writes by other processes (the CLI, an import child, a second window).

SQLite's `PRAGMA data_version` on one connection changes whenever any other connection commits
to the file, and costs microseconds; a window can ask it on a timer and refresh only when the
answer moves. Our own pooled connections count as "other" too, so a window also sees its own
writes this way (a refresh it does anyway); nothing is missed.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)


class ChangeWatch:
    """`changed()` is True once after each commit made through any other connection."""

    def __init__(self, path: Path | None) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=0) if path is not None else None
        self._seen = self._version()

    def _version(self) -> int | None:
        seen = getattr(self, "_seen", None)
        if self._conn is None:  # a memory store, or closed: nothing more to see
            return seen
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:  # busy or gone: ask again next time
            log.debug("data_version unavailable: %s", exc)
            return seen

    def changed(self) -> bool:
        version = self._version()
        if version == self._seen:
            return False
        self._seen = version
        return True

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
