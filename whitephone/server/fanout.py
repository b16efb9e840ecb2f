"""WebSocket fan-out: connections per user, combined presence, thread-safe sends, optional bus.

With a bus (PgBus) every event is also published to the other hub processes, which deliver it to
their own connections; presence from other processes is kept per origin and combined here.

Deliveries queued from other threads or in batches (`queue_local`) go out through one task, so a
socket sees them in the order they were queued (message ids in increasing order).

A socket that does not read (its send buffer full) must not hold that task up for everyone: a send
still waiting after `SEND_TIMEOUT` is cut short by one watchdog task (it cancels the waiting send,
as `asyncio.timeout` would, without a timer per send: the bookkeeping is a dict entry per send in
flight), the socket gets nothing more and is closed with 1013 "too slow" (its transport aborted if
even the close frame cannot go out). The client reconnects and catches up from `since_message`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from fastapi import WebSocket

from whitephone.server.auth import session_of

log = logging.getLogger(__name__)
# When devices disagree the most "reachable" status wins; invisible is shown as offline to others.
_RANK = {"online": 5, "busy": 4, "dnd": 3, "away": 2, "invisible": 1, "offline": 0}
# Close codes when the hub ends a user's sockets: signed out or password changed (sign in again),
# account disabled or deleted (signing in will not help).
CLOSE_SIGNED_OUT = 4401
CLOSE_ACCOUNT = 4403
CLOSE_TOO_SLOW = 1013
SEND_TIMEOUT = 2.0  # seconds a live send may wait for a socket's buffer to drain
CLOSE_GRACE = 5.0  # seconds a too-slow socket has to take its close frame before it is aborted


class Fanout:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.origin = uuid.uuid4().hex
        self.bus = None  # set to a PgBus when several processes share the database
        self.conns: dict[int, dict[WebSocket, tuple[str, str]]] = {}
        self.company_of: dict[int, int] = {}
        self.members: dict[int | None, set[int]] = {}  # company -> users in company_of
        self.message_loader: Callable[[list[int]], list[dict]] | None = None  # rows other hubs stored
        self._outbox: asyncio.Queue | None = None
        self._outbox_task: asyncio.Task | None = None
        self._bus_queue: asyncio.Queue | None = None
        self._bus_task: asyncio.Task | None = None
        self.last_seen: dict[int, float] = {}
        self.remote: dict[int, dict[str, tuple[str, str]]] = {}  # user -> origin -> (status, note)
        self.links: dict[int, set[int]] = {}  # accepted contacts (other companies) who may watch
        self.too_slow: set[WebSocket] = set()  # being dropped: sent nothing more
        self._sending: dict[asyncio.Task, tuple[int, WebSocket, float]] = {}  # sends in flight, since when
        self._cut: dict[asyncio.Task, WebSocket] = {}  # sends the watchdog cancelled
        self._watchdog: asyncio.Task | None = None
        self.dropped_slow = 0  # sockets closed as too slow since start (a figure for tests and logs)

    def start(self) -> None:
        """On the loop, at start-up: the watchdog for sends to sockets that do not read."""
        self.loop = asyncio.get_running_loop()
        self._watchdog = self.loop.create_task(self._watch_sends(), name="slow-sockets")

    async def stop(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            await asyncio.gather(self._watchdog, return_exceptions=True)

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

    def _set_company(self, user_id: int, company_id: int | None) -> None:
        old = self.company_of.get(user_id, company_id)
        if old != company_id:
            self.members.get(old, set()).discard(user_id)
        self.company_of[user_id] = company_id
        self.members.setdefault(company_id, set()).add(user_id)

    def _company_members(self, company_id: int | None, online_only: bool = True) -> list[int]:
        members = self.members.get(company_id, ())
        return [u for u in members if u in self.conns] if online_only else list(members)

    def watchers(self, user_id: int) -> list[int]:
        same = {u for u in self._company_members(self.company_of.get(user_id)) if u != user_id}
        return sorted(same | {u for u in self.links.get(user_id, ()) if u in self.conns})

    def visible_peers(self, user_id: int) -> list[int]:
        """Users of the same company, here or on other hubs, who are not offline."""
        ids = set(self.members.get(self.company_of.get(user_id), ())) - {user_id}
        ids |= self.links.get(user_id, set())
        return [u for u in sorted(ids) if self.combined(u)[0] != "offline"]

    async def send_local(self, user_ids: list[int], event: dict[str, Any]) -> None:
        await self._send_text(user_ids, json.dumps(event))

    async def _send_text(self, user_ids: list[int], text: str) -> None:
        for uid in user_ids:
            devices = self.conns.get(uid)
            if not devices:
                continue
            for ws in list(devices):
                if ws in self.too_slow:
                    continue
                try:
                    await self._watched(uid, ws, ws.send_text(text))
                except Exception:  # a dying socket is removed by its own handler
                    log.debug("send to user %s failed", uid)

    async def _watched(self, uid: int, ws: WebSocket, io: Awaitable[None]) -> None:
        """Await a send or close to `ws` where the watchdog can cut it short."""
        task = asyncio.current_task()
        self._sending[task] = (uid, ws, time.monotonic())
        try:
            await io
        except asyncio.CancelledError:
            if self._cut.pop(task, None) is not ws or task.uncancel() > 0:
                raise  # not (only) the watchdog's doing
        finally:
            del self._sending[task]

    async def _watch_sends(self) -> None:
        """Cut short every send that has waited longer than SEND_TIMEOUT, and drop its socket."""
        while True:
            await asyncio.sleep(SEND_TIMEOUT / 4)
            late = time.monotonic() - SEND_TIMEOUT
            for task, (uid, ws, since) in list(self._sending.items()):
                if since < late and task not in self._cut:
                    self._cut[task] = ws
                    task.cancel()
                    self._drop_slow(uid, ws)

    def _drop_slow(self, user_id: int, ws: WebSocket) -> None:
        if ws in self.too_slow:
            return
        self.too_slow.add(ws)
        self.dropped_slow += 1
        log.warning("closing a socket of user %s: it does not read its messages", user_id)
        asyncio.get_running_loop().create_task(self._close_slow(ws))

    async def _close_slow(self, ws: WebSocket) -> None:
        try:
            async with asyncio.timeout(CLOSE_GRACE):
                await ws.close(code=CLOSE_TOO_SLOW, reason="too slow")
            return
        except Exception:  # noqa: S110 - the close frame could not go out either: abort below
            pass
        # The ASGI server offers no abort; uvicorn's protocol (the bound `send`) holds the transport.
        transport = getattr(getattr(getattr(ws, "_send", None), "__self__", None), "transport", None)
        if transport is not None:
            transport.abort()

    def queue_local(self, items: list[tuple[list[int], str]]) -> None:
        """On the loop: deliver (user ids, JSON text) pairs in this order, after those queued before."""
        if self._outbox is None:
            self._outbox = asyncio.Queue()
        self._outbox.put_nowait(items)
        if self._outbox_task is None or self._outbox_task.done():
            self._outbox_task = asyncio.get_running_loop().create_task(self._deliver())

    async def _deliver(self) -> None:
        while not self._outbox.empty():
            for user_ids, text in self._outbox.get_nowait():
                await self._send_text(user_ids, text)

    def publish_messages(self, stored: list[tuple[int, int]]) -> None:
        """Tell the other hub processes about stored messages: (id, recipient) pairs, a few hundred a
        NOTIFY (its payload holds at most 8 000 bytes)."""
        for i in range(0, len(stored), 300):
            self.bus.publish({"t": "messages", "origin": self.origin, "m": stored[i:i + 300]})

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

    async def close_user(self, user_id: int, code: int, reason: str, session: str | None = None) -> None:
        """Close every socket of the user here (signed out, password changed, disabled, deleted);
        `session`: only the sockets opened with that session's tokens (one sign-out)."""
        for ws in list(self.conns.get(user_id, ())):
            if ws in self.too_slow:
                continue  # being closed already
            if session is not None and _session_of_socket(ws) != session:
                continue
            try:
                await self._watched(user_id, ws, ws.close(code=code, reason=reason))
            except Exception:  # already closing: its handler detaches it
                log.debug("close of a socket of user %s failed", user_id)

    def close_user_threadsafe(self, user_id: int, code: int, reason: str, forget: bool = False,
                              session: str | None = None) -> None:
        """From a route's thread: close the user's sockets on every hub process; `forget` (a deleted
        user) also drops their contact links and last-seen time; `session`: that session's only."""
        if self.loop is not None:
            asyncio.run_coroutine_threadsafe(self._close_user(user_id, code, reason, forget, session), self.loop)
        if self.bus is not None:
            self.bus.publish({"t": "close", "origin": self.origin, "user_id": user_id, "code": code,
                              "reason": reason, "forget": forget, "session": session})

    async def _close_user(self, user_id: int, code: int, reason: str, forget: bool,
                          session: str | None = None) -> None:
        await self.close_user(user_id, code, reason, session)
        if forget:
            for other in self.links.pop(user_id, set()):
                self.links.get(other, set()).discard(user_id)
            self.last_seen.pop(user_id, None)
            self.remote.pop(user_id, None)

    async def _presence_changed(self, user_id: int) -> None:
        await self.send_local(self.watchers(user_id), self.presence_event(user_id))
        if self.bus is not None:
            status, note = self._local(user_id)
            self.bus.publish({
                "t": "presence", "origin": self.origin, "user_id": user_id,
                "company_id": self.company_of.get(user_id), "status": status, "note": note,
                "last_seen": self.last_seen.get(user_id)})

    def on_bus(self, msg: dict) -> None:
        """Runs on the bus thread: hand the event to the loop, where one task takes them in order."""
        if msg.get("origin") != self.origin and self.loop is not None:
            self.loop.call_soon_threadsafe(self._bus_event, msg)

    def _bus_event(self, msg: dict) -> None:
        if self._bus_queue is None:
            self._bus_queue = asyncio.Queue()
        self._bus_queue.put_nowait(msg)
        if self._bus_task is None or self._bus_task.done():
            self._bus_task = asyncio.get_running_loop().create_task(self._bus_events())

    async def _bus_events(self) -> None:
        while not self._bus_queue.empty():
            msg = self._bus_queue.get_nowait()
            try:
                await self._from_bus(msg)
            except Exception:
                log.exception("bus event %s failed", msg.get("t"))

    async def _from_bus(self, msg: dict) -> None:
        kind = msg.get("t")
        if kind == "messages":
            ids = [mid for mid, uid in msg["m"] if uid in self.conns]
            if ids and self.message_loader is not None:
                rows = await asyncio.to_thread(self.message_loader, ids)
                self.queue_local([([m["recipient_id"]], json.dumps({"type": "message", "message": m}))
                                  for m in rows])
        elif kind == "users":
            await self.send_local([u for u in msg["ids"] if u in self.conns], msg["event"])
        elif kind == "company":
            await self.send_local(self._company_members(msg["company_id"]), msg["event"])
        elif kind == "close":
            await self._close_user(msg["user_id"], msg["code"], msg["reason"], msg.get("forget", False),
                                   msg.get("session"))
        elif kind == "link":
            self.links.setdefault(msg["a"], set()).add(msg["b"])
            self.links.setdefault(msg["b"], set()).add(msg["a"])
        elif kind == "presence":
            uid = msg["user_id"]
            if uid not in self.company_of:
                self._set_company(uid, msg["company_id"])
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
        self._set_company(user_id, company_id)
        before = self._local(user_id)
        self.conns.setdefault(user_id, {})[ws] = ("online", "")
        if self._local(user_id) != before:
            await self._presence_changed(user_id)

    async def detach(self, user_id: int, ws: WebSocket) -> None:
        before = self._local(user_id)
        self.too_slow.discard(ws)
        devices = self.conns.get(user_id, {})
        devices.pop(ws, None)
        if not devices:
            self.conns.pop(user_id, None)
            self.last_seen[user_id] = time.time()
        if self._local(user_id) != before:
            await self._presence_changed(user_id)


def _session_of_socket(ws: WebSocket) -> str:
    """The session id of the token a socket was opened with ("" when it has none)."""
    token = (parse_qs(ws.scope.get("query_string", b"").decode("latin-1")).get("token") or [""])[0]
    return session_of(token) or ""
