"""Issue 10 point 6: a message send carries a client-chosen `client_id`; a repeat (a retry after a
time-out, over HTTP or the WebSocket) returns the first result and stores nothing new.
Against a real hub on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
import uuid

import httpx
import pytest
from websockets.sync.client import connect

from tests.server.conftest import bearer, register

pytestmark = pytest.mark.timeout(120)


def _two(client):
    admin = register(client, "Acme", "boss@acme.test")
    client.post("/api/v1/users", headers=bearer(admin), json={"name": "Bob", "email": "bob@acme.test",
                                                              "password": "password123"})
    bob = client.post("/api/v1/login", json={"email": "bob@acme.test", "password": "password123"}).json()
    bob_id = client.get("/api/v1/me", headers=bearer(bob)).json()["id"]
    return admin, bob, bob_id


def test_a_repeated_http_send_returns_the_first_message(client, hub):
    admin, bob, bob_id = _two(client)
    cid = str(uuid.uuid4())
    body = {"to": bob_id, "body": "hello", "client_id": cid}
    first = client.post("/api/v1/messages", headers=bearer(admin), json=body)
    assert first.status_code == 201, first.text
    again = client.post("/api/v1/messages", headers=bearer(admin), json=body)
    assert again.status_code == 201 and again.json() == first.json()
    # parallel retries of another message: one copy
    cid2 = str(uuid.uuid4())
    results = []

    def send():
        with httpx.Client(base_url=hub.base, timeout=20) as c:
            results.append(c.post("/api/v1/messages", headers=bearer(admin),
                                  json={"to": bob_id, "body": "twice", "client_id": cid2}).json())

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r["id"] for r in results}) == 1
    inbox = client.get("/api/v1/messages", headers=bearer(bob)).json()
    assert [m["body"] for m in inbox] == ["hello", "twice"]
    # the id is the sender's: another sender may use the same one
    other = client.post("/api/v1/messages", headers=bearer(bob),
                        json={"to": bob_id, "body": "note to self", "client_id": cid})
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    bad = client.post("/api/v1/messages", headers=bearer(admin), json={"to": bob_id, "body": "x", "client_id": "nope"})
    assert bad.status_code == 422


def test_a_repeated_websocket_send_returns_the_first_message(client, hub):
    admin, bob, bob_id = _two(client)
    cid = str(uuid.uuid4())
    url = f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={admin['access_token']}"
    with connect(url, open_timeout=10, compression=None) as conn:
        assert json.loads(conn.recv(timeout=10))["type"] == "hello"
        sent = []
        for _ in range(2):
            conn.send(json.dumps({"type": "send", "message": {"to": bob_id, "body": "over ws", "client_id": cid}}))
            event = json.loads(conn.recv(timeout=10))
            assert event["type"] == "sent", event
            sent.append(event)
        assert sent[0] == sent[1] and sent[0]["client_id"] == cid
        conn.send(json.dumps({"type": "send", "message": {"to": bob_id, "body": ""}}))
        error = json.loads(conn.recv(timeout=10))
        assert error["type"] == "error" and error["reason"]
    # the HTTP path knows the WebSocket's send
    again = client.post("/api/v1/messages", headers=bearer(admin), json={"to": bob_id, "body": "over ws", "client_id": cid})
    assert again.json()["id"] == sent[0]["message"]["id"]
    assert [m["body"] for m in client.get("/api/v1/messages", headers=bearer(bob)).json()] == ["over ws"]
