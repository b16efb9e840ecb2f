"""A hostile hub for the live channel (whitephone/sync/presence.py): GET /api/v1/users answered
with `users`, and a WebSocket that sends `frames` (str: a text frame, bytes: a binary frame) on
every connection (`later`: on the second and later ones)."""

from __future__ import annotations

import json
import threading

from websockets.datastructures import Headers
from websockets.http11 import Response
from websockets.sync.server import serve

from whitephone.sync.hub_client import HubClient, Tokens


class HostileHub:
    def __init__(self, frames, users=None) -> None:
        self.frames = list(frames)
        self.users = users if users is not None else [{"id": 1, "name": "me"}, {"id": 2, "name": "bob"}]
        self.connections = 0
        self.later = None  # the frames of the second and later connections (None: the same)
        self.requests = 0
        self.server = serve(self._handler, "127.0.0.1", 0, process_request=self._http, max_size=None,
                            compression=None)
        self.port = self.server.socket.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _http(self, connection, request):
        self.requests += 1
        if request.path.startswith("/api/v1/users"):
            body = self.users if isinstance(self.users, bytes) else json.dumps(self.users).encode()
            return Response(200, "OK", Headers({"Content-Type": "application/json",
                                                "Content-Length": str(len(body))}), body)
        return None  # the WebSocket

    def _handler(self, ws) -> None:
        self.connections += 1
        frames = self.frames if self.connections == 1 or self.later is None else self.later
        for f in frames:
            ws.send(f)
        try:
            for _ in ws:
                pass
        except Exception:
            pass

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)


class FakeSession:
    """What LiveChannel asks of a Session: ensure() and info."""

    def __init__(self, base: str) -> None:
        self.client = HubClient(base, Tokens("access", "refresh"))
        self.info = {"user_id": 1}

    def ensure(self) -> HubClient:
        return self.client

