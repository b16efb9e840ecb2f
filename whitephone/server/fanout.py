"""In-process WebSocket fan-out: connections per user, combined presence, thread-safe sends."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from fastapi import WebSocket

log = logging.getLogger(__name__)
# When devices disagree the most "reachable" status wins; invisible is shown as offline to others.
_RANK = {"online": 5, "busy": 4, "dnd": 3, "away": 2, "invisible": 1, "offline": 0}


class Fanout:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.conns: dict[int, dict[WebSocket, tuple[str, str]]] = {}
        self.company_of: dict[int, int] = {}
        self.last_seen: dict[int, float] = {}

    def combined(self, user_id: int) -> tuple[str, str]:
        devices = self.conns.get(user_id)
        if not devices:
            return "offline", ""
        status, note = max(devices.values(), key=lambda sn: _RANK[sn[0]])
        return ("offline", "") if status == "invisible" else (status, note)

    def presence_event(self, user_id: int) -> dict[str, Any]:
        status, note = self.combined(user_id)
        return {"type": "presence", "user_id": user_id, "status": status, "note": note,
                "last_seen": self.last_seen.get(user_id)}

    def watchers(self, user_id: int) -> list[int]:
        company = self.company_of.get(user_id)
        return [u for u, c in self.company_of.items() if c == company and u != user_id and u in self.conns]

    async def send(self, user_ids: list[int], event: dict[str, Any]) -> None:
        text = json.dumps(event)
        for uid in user_ids:
            for ws in list(self.conns.get(uid, ())):
                try:
                    await ws.send_text(text)
                except Exception:  # a dying socket is removed by its own handler
                    log.debug("send to user %s failed", uid)

    def send_threadsafe(self, user_ids: list[int], event: dict[str, Any]) -> None:
        """Called from sync route handlers (worker threads)."""
        if self.loop is not None and user_ids:
            asyncio.run_coroutine_threadsafe(self.send(user_ids, event), self.loop)

    def company_users(self, company_id: int) -> list[int]:
        return [u for u, c in self.company_of.items() if c == company_id and u in self.conns]

    async def set_status(self, user_id: int, ws: WebSocket, status: str, note: str) -> None:
        before = self.combined(user_id)
        self.conns[user_id][ws] = (status, note)
        if self.combined(user_id) != before:
            await self.send(self.watchers(user_id), self.presence_event(user_id))

    async def attach(self, user_id: int, company_id: int, ws: WebSocket) -> None:
        self.company_of[user_id] = company_id
        before = self.combined(user_id)
        self.conns.setdefault(user_id, {})[ws] = ("online", "")
        if self.combined(user_id) != before:
            await self.send(self.watchers(user_id), self.presence_event(user_id))

    async def detach(self, user_id: int, ws: WebSocket) -> None:
        before = self.combined(user_id)
        devices = self.conns.get(user_id, {})
        devices.pop(ws, None)
        if not devices:
            self.conns.pop(user_id, None)
            self.last_seen[user_id] = time.time()
        if self.combined(user_id) != before:
            await self.send(self.watchers(user_id), self.presence_event(user_id))
