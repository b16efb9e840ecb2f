"""A WebSocket that stops reading must not hold up live delivery for everyone else: the hub drops
it as too slow, and its user catches up from the backlog on reconnect (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import json
import os
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from tests.server.conftest import bearer, register

pytestmark = pytest.mark.timeout(180)
BODY = "x" * 19000


def _enough_to_fill_buffers() -> int:
    """Messages that overflow the kernel's largest send buffer (4 MiB on Linux by default) and the
    transport's own, so the hub's sends to a reader that does not read must wait."""
    try:
        most = int(Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()[2])
    except (OSError, IndexError, ValueError):
        most = 4 << 20
    return max(400, (most + (2 << 20)) // len(BODY))


MESSAGES = _enough_to_fill_buffers()


def _user(client, admin, email):
    r = client.post("/api/v1/users", headers=bearer(admin),
                    json={"name": email.split("@")[0], "email": email, "password": "password123"})
    assert r.status_code == 201, r.text
    tokens = client.post("/api/v1/login", json={"email": email, "password": "password123"}).json()
    return tokens, r.json()["id"]


def _idle_socket(hub, tokens) -> socket.socket:
    """A WebSocket whose client never reads (a small receive buffer, so the hub's side fills up)."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", hub.port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(f"GET /api/v1/ws?token={tokens['access_token']} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
              f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
    return s


def _drain_until_closed(s: socket.socket) -> None:
    s.settimeout(60)
    try:
        while s.recv(65536):
            pass
    except ConnectionResetError:
        pass


def test_a_socket_that_does_not_read_is_dropped_and_others_still_get_live_messages(client, hub):
    admin = register(client, "Acme", "a@acme.test")
    slow, slow_id = _user(client, admin, "slow@acme.test")
    carol, carol_id = _user(client, admin, "carol@acme.test")
    idle = _idle_socket(hub, slow)
    with httpx.Client(base_url=hub.base, timeout=30, headers=bearer(admin)) as c, ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(lambda _i: c.post("/api/v1/messages", json={"to": slow_id, "body": BODY}).status_code,
                              range(MESSAGES)))
    assert codes == [201] * MESSAGES
    with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={carol['access_token']}",
                 open_timeout=15, compression=None) as conn:
        assert json.loads(conn.recv(timeout=15))["type"] == "hello"
        client.post("/api/v1/messages", headers=bearer(admin), json={"to": carol_id, "body": "ping"})
        while (event := json.loads(conn.recv(timeout=30)))["type"] != "message":
            pass
    assert event["message"]["body"] == "ping"
    _drain_until_closed(idle)  # the hub closed the socket that did not read
    idle.close()
    assert hub.app.state.fanout.dropped_slow == 1
    # nothing is lost: the slow user reconnects and gets every message from the backlog
    with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={slow['access_token']}&since_message=0",
                 open_timeout=15, compression=None, max_size=2**20) as conn:
        assert json.loads(conn.recv(timeout=15))["type"] == "hello"
        got = 0
        while got < MESSAGES:
            if json.loads(conn.recv(timeout=30))["type"] == "message":
                got += 1
    assert got == MESSAGES
