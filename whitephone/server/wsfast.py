"""The WebSocket without the ASGI middleware stack.

A connection that stays open for hours keeps every layer it passed through suspended: with
FastAPI/Starlette that was ~23 coroutines (and their frames, exit stacks and closures) per socket,
about a third of the hub's memory per connection. `HubApp` hands `/api/v1/ws` straight to the
endpoint, with the same query validation (1008 before accepting, as FastAPI does); everything
else goes through FastAPI as before. The route stays registered, so the schema still shows it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from fastapi import FastAPI
from starlette.websockets import WebSocket

from whitephone.server.strictjson import StrictRoute

WS_PATH = "/api/v1/ws"


class HubApp(FastAPI):
    ws_handler: Callable[[WebSocket, str, int], Awaitable[None]] | None = None

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.router.route_class = StrictRoute  # JSON bodies: no NaN, lone surrogates or deep nesting

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket" and self.ws_handler is not None:
            path, root = scope["path"], scope.get("root_path", "")
            if root and path.startswith(root):
                path = path[len(root):]
            if path == WS_PATH:
                scope["app"] = self
                ws = WebSocket(scope, receive, send)
                query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
                token = query.get("token", [""])[-1]
                since = query.get("since_message", ["0"])[-1]
                if not since.isdigit() or int(since) > 2**62:
                    await ws.close(code=1008, reason="since_message must be a whole number")
                    return
                await self.ws_handler(ws, token, int(since))
                return
        await super().__call__(scope, receive, send)
