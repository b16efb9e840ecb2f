"""WebSocket fan-out: connections per user, combined presence, thread-safe sends, optional bus.

With a bus (PgBus) every event is also published to the other hub processes, which deliver it to
their own connections; presence from other processes is kept per origin and combined here.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from typing import Any

from fastapi import WebSocket

log = logging.getLogger(__name__)
# When devices disagree the most "reachable" status wins; invisible is shown as offline to others.
_RANK = {"online": 5, "busy": 4, "dnd": 3, "away": 2, "invisible": 1, "offline": 0}


class Fanout:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.origin = uuid.uuid4().hex
        self.bus = None  # set to a PgBus when several processes share the database
        self.conns: dict[int, dict[WebSocket, tuple[str, str]]] = {}
        self.company_of: dict[int, int] = {}
        self.last_seen: dict[int, float] = {}
        self.remote: dict[int, dict[str, tuple[str, str]]] = {}  # user -> origin -> (status, note)
        self.links: dict[int, set[int]] = {}  # accepted contacts (other companies) who may watch

    def link(self, a: int, b: int) -> None:
        self.links.setdefault(a, set()).add(b)
        self.links.setdefault(b, set()).add(a)
        if self.bus is not None:
            self.bus.publish({"t": "link", "origin": self.origin, "a": a, "b": b})

    def _local(self, user_id: int) -> tuple[str, str]:
        devices = self.conns.get(user_id)
        return max(devices.values(), key=lambda sn: _RANK[sn[0]]) if devices else ("offline", "")

    def combined(self, user_id: int) -> tuple[str, str]:
        states = [self._local(user_id), *self.remote.get(user_id, {}).values()]
        status, note = max(states, key=lambda sn: _RANK[sn[0]])
        return ("offline", "") if status in ("invisible", "offline") else (status, note)

    def presence_event(self, user_id: int) -> dict[str, Any]:
        status, note = self.combined(user_id)
        return {"type": "presence", "user_id": user_id, "status": status, "note": note,
                "last_seen": self.last_seen.get(user_id)}

    def _company_members(self, company_id: int | None, online_only: bool = True) -> list[int]:
        return [u for u, c in self.company_of.items() if c == company_id and (u in self.conns or not online_only)]

    def watchers(self, user_id: int) -> list[int]:
        same = {u for u in self._company_members(self.company_of.get(user_id)) if u != user_id}
        return sorted(same | {u for u in self.links.get(user_id, ()) if u in self.conns})

    def visible_peers(self, user_id: int) -> list[int]:
        """Users of the same company, here or on other hubs, who are not offline."""
        company = self.company_of.get(user_id)
        ids = {u for u in self.company_of if self.company_of[u] == company and u != user_id}
        ids |= self.links.get(user_id, set())
        return [u for u in sorted(ids) if self.combined(u)[0] != "offline"]

    async def send_local(self, user_ids: list[int], event: dict[str, Any]) -> None:
        text = json.dumps(event)
        for uid in user_ids:
            for ws in list(self.conns.get(uid, ())):
                try:
                    await ws.send_text(text)
                except Exception:  # a dying socket is removed by its own handler
                    log.debug("send to user %s failed", uid)

    def send_threadsafe(self, user_ids: list[int], event: dict[str, Any]) -> None:
        """Deliver to users wherever they are connected; called from sync route handlers."""
        if self.loop is not None and user_ids:
            asyncio.run_coroutine_threadsafe(self.send_local(user_ids, event), self.loop)
        if self.bus is not None:
            self.bus.publish({"t": "users", "origin": self.origin, "ids": user_ids, "event": event})

    def send_company_threadsafe(self, company_id: int, event: dict[str, Any]) -> None:
        if self.loop is not None:
            asyncio.run_coroutine_threadsafe(self.send_local(self._company_members(company_id), event), self.loop)
        if self.bus is not None:
            self.bus.publish({"t": "company", "origin": self.origin, "company_id": company_id, "event": event})

    async def _presence_changed(self, user_id: int) -> None:
        await self.send_local(self.watchers(user_id), self.presence_event(user_id))
        if self.bus is not None:
            status, note = self._local(user_id)
            await asyncio.to_thread(self.bus.publish, {
                "t": "presence", "origin": self.origin, "user_id": user_id,
                "company_id": self.company_of.get(user_id), "status": status, "note": note,
                "last_seen": self.last_seen.get(user_id)})

    def on_bus(self, msg: dict) -> None:
        """Runs on the bus thread: hand the event to the loop."""
        if msg.get("origin") != self.origin and self.loop is not None:
            self.loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._from_bus(msg)))

    async def _from_bus(self, msg: dict) -> None:
        kind = msg.get("t")
        if kind == "users":
            await self.send_local([u for u in msg["ids"] if u in self.conns], msg["event"])
        elif kind == "company":
            await self.send_local(self._company_members(msg["company_id"]), msg["event"])
        elif kind == "link":
            self.links.setdefault(msg["a"], set()).add(msg["b"])
            self.links.setdefault(msg["b"], set()).add(msg["a"])
        elif kind == "presence":
            uid = msg["user_id"]
            self.company_of.setdefault(uid, msg["company_id"])
            before = self.combined(uid)
            states = self.remote.setdefault(uid, {})
            if msg["status"] == "offline":
                states.pop(msg["origin"], None)
                if msg.get("last_seen"):
                    self.last_seen[uid] = msg["last_seen"]
            else:
                states[msg["origin"]] = (msg["status"], msg["note"])
            if self.combined(uid) != before:
                await self.send_local(self.watchers(uid), self.presence_event(uid))

    async def set_status(self, user_id: int, ws: WebSocket, status: str, note: str) -> None:
        before = self._local(user_id)
        self.conns[user_id][ws] = (status, note)
        if self._local(user_id) != before:
            await self._presence_changed(user_id)

    async def attach(self, user_id: int, company_id: int, ws: WebSocket) -> None:
        self.company_of[user_id] = company_id
        before = self._local(user_id)
        self.conns.setdefault(user_id, {})[ws] = ("online", "")
        if self._local(user_id) != before:
            await self._presence_changed(user_id)

    async def detach(self, user_id: int, ws: WebSocket) -> None:
        before = self._local(user_id)
        devices = self.conns.get(user_id, {})
        devices.pop(ws, None)
        if not devices:
            self.conns.pop(user_id, None)
            self.last_seen[user_id] = time.time()
        if self._local(user_id) != before:
            await self._presence_changed(user_id)
