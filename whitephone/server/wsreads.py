"""The WebSocket's database reads, batched: who a token belongs to (and their accepted contacts),
and the message backlog after a cursor.

In a reconnect storm every socket used to take its own thread-pool hop and queries for each; on
PostgreSQL that was three round trips per connection, 15 000 for 5 000 clients. Here concurrent
requests coalesce: while one batch is being read in a worker thread the next gathers, and each
batch is one query per kind (`IN (...)`).
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Hashable
from types import SimpleNamespace
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Engine

from whitephone.server.db import contact_requests, messages, tokens, users
from whitephone.server.messaging import load_messages

MAX_BATCH = 500


class Coalescer:
    """`await c.get(key)`: keys asked for together are answered by one `fn(keys) -> {key: value}`
    call in a worker thread (missing keys get None)."""

    def __init__(self, fn: Callable[[list], dict]) -> None:
        self.fn = fn
        self.pending: list[tuple[Hashable, asyncio.Future]] = []
        self.running = False

    async def get(self, key: Hashable) -> Any:
        future = asyncio.get_running_loop().create_future()
        self.pending.append((key, future))
        if not self.running:
            self.running = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self.pending:
                batch, self.pending = self.pending[:MAX_BATCH], self.pending[MAX_BATCH:]
                try:
                    found = await asyncio.to_thread(self.fn, list(dict.fromkeys(k for k, _ in batch)))
                except Exception as exc:
                    for _, f in batch:
                        if not f.done():
                            f.set_exception(exc)
                    continue
                for key, f in batch:
                    if not f.done():
                        f.set_result(found.get(key))
        finally:
            self.running = False


class WsReads:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.logins = Coalescer(self._logins)
        self.backlogs = Coalescer(self._backlogs)

    async def login(self, token: str) -> tuple[SimpleNamespace | None, set[int]]:
        """The token's enabled user (id, company_id) and their accepted contacts."""
        return await self.logins.get(token) or (None, set())

    async def backlog(self, user_id: int, since: int) -> list[dict]:
        """The user's messages after `since`, in id order."""
        return await self.backlogs.get((user_id, since)) or []

    def _logins(self, token_list: list[str]) -> dict:
        digest = {hashlib.sha256(t.encode()).hexdigest(): t for t in token_list}
        with self.engine.connect() as conn:
            who = {digest[r.token_hash]: SimpleNamespace(id=r.id, company_id=r.company_id) for r in conn.execute(
                select(tokens.c.token_hash, users.c.id, users.c.company_id)
                .join(users, users.c.id == tokens.c.user_id)
                .where(tokens.c.token_hash.in_(list(digest)), tokens.c.kind == "access",
                       tokens.c.expires > time.time(), users.c.disabled.is_(False)))}
            ids = list({u.id for u in who.values()})
            contacts: dict[int, set[int]] = {}
            if ids:
                for a, b in conn.execute(select(contact_requests.c.from_id, contact_requests.c.to_id).where(
                        contact_requests.c.status == "accepted",
                        or_(contact_requests.c.from_id.in_(ids), contact_requests.c.to_id.in_(ids)))):
                    contacts.setdefault(a, set()).add(b)
                    contacts.setdefault(b, set()).add(a)
        return {t: (u, contacts.get(u.id, set())) for t, u in who.items()}

    def _backlogs(self, keys: list[tuple[int, int]]) -> dict:
        with self.engine.connect() as conn:
            rows = load_messages(conn, [messages.c.recipient_id.in_(list({u for u, _ in keys})),
                                        messages.c.id > min(s for _, s in keys)])
        out: dict[tuple[int, int], list[dict]] = {k: [] for k in keys}
        cursors: dict[int, list[int]] = {}
        for uid, since in keys:
            cursors.setdefault(uid, []).append(since)
        for m in rows:
            for since in cursors[m["recipient_id"]]:
                if m["id"] > since:
                    out[(m["recipient_id"], since)].append(m)
        return out
