"""Request limits: the body size and per-key rate limits.

The body limit is a plain ASGI middleware: Starlette's `@app.middleware("http")` (BaseHTTPMiddleware) wraps every request in a task group and a
receive/send relay; at 1 000 requests/s that relay was a third of the event loop's time. This one
looks at `Content-Length` (413 when it is over the limit or not a number) and, for bodies without
one (chunked), counts the bytes as the app reads them: past the limit it answers 413 itself and
tells the app the client went away, with `scope[REFUSED]` set so the app can tell the two apart.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque

REFUSED = "whitephone.body_refused"
_TOO_LARGE = json.dumps({"detail": "request body too large"}).encode()


class BodyLimit:
    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = value
                break
        if length is not None:
            if not length.isdigit() or int(length) > self.limit:
                await _refuse(send)
                return
            await self.app(scope, receive, send)
            return
        seen = 0
        refused = started = False

        async def counting_receive():
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = scope[REFUSED] = True
                    if not started:
                        await _refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            nonlocal started
            if refused:
                return  # the 413 went out already
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counting_receive, guarded_send)


async def _refuse(send) -> None:
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(_TOO_LARGE)).encode())]})
    await send({"type": "http.response.body", "body": _TOO_LARGE})


class RateLimit:
    """At most `count` events per key in any `per` seconds (a sliding window kept in this process).

    Enough for routes whose abuse is cheap but whose answers are worth scraping (the directory): with
    several hub processes behind a balancer the allowance is per process, which still bounds it."""

    def __init__(self, count: int, per: float) -> None:
        self.count, self.per = count, per
        self._events: dict[object, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: object) -> bool:
        """Count one event for `key`; False (and not counted) when the key is over its allowance."""
        now = time.monotonic()
        with self._lock:
            if len(self._events) > 10_000:  # forget keys that went quiet
                self._events = {k: q for k, q in self._events.items() if q and q[-1] > now - self.per}
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.per:
                events.popleft()
            if len(events) >= self.count:
                return False
            events.append(now)
            return True
