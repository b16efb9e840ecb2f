"""Users' `last_seen`, written in batches.

A closing WebSocket used to wait for its own write transaction; in a reconnect storm 5 000 of them
queued on the one SQLite writer, each closed connection kept alive (memory) until its turn. Now a
close only notes the time and one transaction writes every noted user half a second later.
"""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import bindparam, update
from sqlalchemy.engine import Engine

from whitephone.server.db import users, writer

DELAY = 0.5


class LastSeen:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pending: dict[int, float] = {}
        self.task: asyncio.Task | None = None

    def mark(self, user_id: int) -> None:
        """On the loop: note that the user's last device went away now."""
        self.pending[user_id] = time.time()
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._flush_later())

    async def _flush_later(self) -> None:
        await asyncio.sleep(DELAY)
        await self.flush()

    async def flush(self) -> None:
        while self.pending:
            batch, self.pending = self.pending, {}
            await asyncio.to_thread(self._write, batch)

    def _write(self, batch: dict[int, float]) -> None:
        with writer(self.engine) as conn:
            conn.execute(update(users).where(users.c.id == bindparam("uid")).values(last_seen=bindparam("seen")),
                         [{"uid": uid, "seen": at} for uid, at in batch.items()])
