"""Two hub processes on one PostgreSQL share presence, messages and change hints (LISTEN/NOTIFY)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid

import httpx
import pytest
from websockets.sync.client import connect

from tests.server.conftest import _pg_database, bearer

pytestmark = pytest.mark.timeout(120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def two_hubs(tmp_path):
    admin, name = _pg_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    procs, bases = [], []
    for i in range(2):
        port = _free_port()
        data = tmp_path / f"hub{i}"
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "whitephone.server.cli", "--db", url, "--port", str(port), "--data", str(data)],
            env=os.environ | {"PYTHONUNBUFFERED": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        bases.append(f"127.0.0.1:{port}")
        if i == 0:
            _wait(bases[0])  # the first one creates the tables
    try:
        _wait(bases[1])
        yield bases
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _wait(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{base}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"hub at {base} did not start")


def _recv(conn, kind):
    while True:
        ev = json.loads(conn.recv(timeout=10))
        if ev["type"] == kind:
            return ev


def test_presence_messages_and_hints_cross_hub_processes(two_hubs):
    h1, h2 = two_hubs
    c1 = httpx.Client(base_url=f"http://{h1}", timeout=20)
    c2 = httpx.Client(base_url=f"http://{h2}", timeout=20)
    admin = c1.post("/api/v1/register", json={"company": "Acme", "name": "a", "email": "a@acme.test",
                                              "password": "password123"}).json()
    bob_id = c1.post("/api/v1/users", headers=bearer(admin),
                     json={"name": "Bob", "email": "b@acme.test", "password": "password123"}).json()["id"]
    bob = c2.post("/api/v1/login", json={"email": "b@acme.test", "password": "password123"}).json()
    with connect(f"ws://{h1}/api/v1/ws?token={admin['access_token']}", compression=None) as wa:
        _recv(wa, "hello")
        with connect(f"ws://{h2}/api/v1/ws?token={bob['access_token']}", compression=None) as wb:
            _recv(wb, "hello")
            ev = _recv(wa, "presence")
            assert (ev["user_id"], ev["status"]) == (bob_id, "online")
            wb.send(json.dumps({"type": "presence", "status": "busy", "note": "call"}))
            ev = _recv(wa, "presence")
            assert (ev["status"], ev["note"]) == ("busy", "call")
            # a message sent through hub 1 reaches Bob on hub 2 live
            c1.post("/api/v1/messages", headers=bearer(admin), json={"to": bob_id, "body": "across"})
            assert _recv(wb, "message")["message"]["body"] == "across"
            r = c1.post("/api/v1/sync/mutations", headers=bearer(admin), json={"mutations": [
                {"mutation_id": str(uuid.uuid4()), "entity": "contact", "id": "x", "op": "upsert",
                 "fields": {"display_name": "X"}}]}).json()[0]
            assert _recv(wb, "changed")["seq"] == r["version"]
        ev = _recv(wa, "presence")
        assert ev["status"] == "offline"
