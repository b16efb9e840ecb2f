"""A real hub (uvicorn on a free port, in a thread) on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher

from tests import schema_templates
from whitephone.server import auth
from whitephone.server.app import create_app

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

# The hubs started in this process hash passwords with argon2id at its smallest cost (~1 ms, not
# the ~180 ms of CPU per hash and per login that the product's parameters cost on purpose): the
# tests check who may sign in, not how slow a guess is, and they sign in thousands of times.
# Hubs started as processes (`whitephone server`) keep the product's parameters.
auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
auth._DUMMY_HASH = auth._hasher.hash("not-a-password")


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class RunningHub:
    def __init__(self, url: str, data, *, host: str = "127.0.0.1", tls: tuple | None = None, **options) -> None:
        """`host`: another loopback address (127.0.0.2: a hub the client does not take for this
        computer's own); `tls`: (certificate, key) files to serve https."""
        self.app = create_app(url, data, sip_secret="s3cret-for-the-tests", **options)
        self.port = _free_port(host)
        self.base = f"{'https' if tls else 'http'}://{host}:{self.port}"
        config = uvicorn.Config(self.app, host=host, port=self.port, log_level="warning",
                                ws="websockets-sansio", ws_per_message_deflate=False,
                                ssl_certfile=str(tls[0]) if tls else None, ssl_keyfile=str(tls[1]) if tls else None)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("hub did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.app.state.engine.dispose()


def _pg_database(template: bool = False):
    import sqlalchemy as sa

    name = f"whitephone_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        copy = f' TEMPLATE "{schema_templates.migrated_pg_template(admin)}"' if template else ""
        with admin.connect() as c:
            c.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
    except Exception as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    return admin, name


# Fixtures that start a hub on the test's database: the hub would migrate it first thing, so they get
# a copy of a database migrated once per process. Tests using `db_url` alone get an empty one.
HUB_FIXTURES = ("hub", "proc_hub")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    migrated = any(f in request.fixturenames for f in HUB_FIXTURES)
    if request.param == "sqlite":
        path = tmp_path / "hub.sqlite3"
        if migrated:
            schema_templates.migrated_sqlite(path)
        yield f"sqlite:///{path}"
        return
    admin, name = _pg_database(template=migrated)
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    schema_templates.drop_pg_later(admin, name)


@pytest.fixture
def hub(db_url, tmp_path):
    h = RunningHub(db_url, tmp_path)
    yield h
    h.stop()


@pytest.fixture
def client(hub):
    with httpx.Client(base_url=hub.base, timeout=20) as c:
        yield c


def register(client: httpx.Client, company: str, email: str, password: str = "password123") -> dict:
    r = client.post("/api/v1/register", json={"company": company, "name": email.split("@")[0],
                                              "email": email, "password": password})
    assert r.status_code == 201, r.text
    return r.json()


def bearer(tokens: dict) -> dict:
    return {"Authorization": f"Bearer {tokens['access_token']}"}
