"""The local store: SQLAlchemy on SQLite. All SQL of the client lives in this package."""

from __future__ import annotations

from pathlib import Path

from whitephone.store.books import BookError, BookStore
from whitephone.store.calls import CallLogStore
from whitephone.store.contacts import BatchResult, ContactStore
from whitephone.store.crm import CrmStore
from whitephone.store.database import make_engine, migrate, release_page_caches
from whitephone.store.diary import DiaryStore
from whitephone.store.history import HistoryStore
from whitephone.store.messages import Message, MessageError, MessageStore
from whitephone.store.notes import NoteStore
from whitephone.store.outbox import Outbox
from whitephone.store.sync_state import SyncState
from whitephone.store.timeline import TimelineStore
from whitephone.store.watch import ChangeWatch

__all__ = ["Store", "BookError", "BatchResult", "ChangeWatch", "Message", "MessageError"]


class Store:
    """One local database: address books, contacts, outbox (more services join as they land)."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = Path(path) if path is not None else None
        self.engine = make_engine(self.path)
        migrate(self.engine)
        self.books = BookStore(self.engine)
        self.contacts = ContactStore(self.engine)
        self.outbox = Outbox(self.engine)
        self.calls = CallLogStore(self.engine)
        self.crm = CrmStore(self.engine)
        self.sync = SyncState(self.engine)
        self.diary = DiaryStore(self.engine)
        self.messages = MessageStore(self.engine, self.path.parent / "messages" if self.path is not None else None)
        self.history = HistoryStore(self.engine)
        self.notes = NoteStore(self.engine)
        self.timeline = TimelineStore(self.engine)
        self._watches: list[ChangeWatch] = []

    def release_memory(self) -> int:
        """Give back the page caches of the idle connections (store/database.py); returns how many
        connections were shrunk. For a long idle time (the window in the tray)."""
        return release_page_caches(self.engine)

    def watch_changes(self) -> ChangeWatch:
        """A watch telling when the file was written by another connection or process."""
        w = ChangeWatch(self.path)
        self._watches.append(w)
        return w

    def reopen(self) -> None:
        """Open the file now at the path (the one opened was replaced): pooled connections are
        dropped, the new file is brought to the current schema, the watches follow it.

        The -wal and -shm beside the path belong to the old file (a file moved into place after a
        clean close has none; SQLite does not remove them once its file was moved away): left
        there, SQLite would lay the old file's pages over the new one, so they go."""
        for w in self._watches:
            w.close()
        self.engine.dispose()
        if self.path is not None:
            for suffix in ("-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        migrate(self.engine)
        for w in self._watches:
            w.reopen()

    def close(self) -> None:
        for w in self._watches:
            w.close()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
