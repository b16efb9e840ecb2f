"""Noticing writes by other processes (the CLI, an import child, a second window).

SQLite's `PRAGMA data_version` on one connection changes whenever any other connection commits
to the file, and costs microseconds; a window can ask it on a timer and refresh only when the
answer moves. Our own pooled connections count as "other" too, so a window also sees its own
writes this way (a refresh it does anyway); nothing is missed.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)


def _identity(path: Path | None) -> tuple[int, int] | None:
    try:
        st = os.stat(path) if path is not None else None
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if st is not None else None


class ChangeWatch:
    """`changed()` is True once after each commit made through any other connection."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._file = _identity(path)
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=0) if path is not None else None
        self._seen = self._version()

    def replaced(self) -> bool:
        """The file at the path is no longer the one opened (another program put a new file
        there, e.g. a restored backup moved into place): connections still read the old one."""
        now = _identity(self._path)
        return self._conn is not None and now is not None and now != self._file

    def reopen(self) -> None:
        """Watch the file now at the path."""
        self.close()
        self.__init__(self._path)

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
