"""Reminders are delivered exactly once when several deliverers race: threads on one database
(SQLite and PostgreSQL), and two hub processes sharing one PostgreSQL."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
import sqlalchemy as sa

from tests.server.conftest import bearer
from tests.server.test_two_hubs import two_hubs  # noqa: F401  (fixture)
from whitephone.server.db import messages, open_engine, reminders
from whitephone.server.fanout import Fanout
from whitephone.server.reminders import deliver_due

pytestmark = pytest.mark.timeout(180)


def test_racing_deliverers_deliver_each_reminder_once(db_url):
    engine = open_engine(db_url)
    try:
        now = time.time()
        with engine.begin() as conn:
            conn.execute(sa.insert(reminders), [
                {"company_id": 1, "sender_id": 1, "recipient_id": 1 + i % 3, "body": f"r{i}", "due": now - 1,
                 "created": now} for i in range(600)])
        counts: list[int] = []

        def run():
            fan = Fanout()  # no loop: nothing to send live, the rows are what count
            while n := deliver_due(engine, fan):
                counts.append(n)

        threads = [threading.Thread(target=run) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with engine.connect() as conn:
            bodies = conn.execute(sa.select(messages.c.body)).scalars().all()
            pending = conn.execute(sa.select(sa.func.count()).select_from(reminders).where(
                reminders.c.delivered_at.is_(None))).scalar_one()
            linked = conn.execute(sa.select(sa.func.count(sa.distinct(reminders.c.message_id)))).scalar_one()
        assert pending == 0 and sum(counts) == 600 and linked == 600
        assert sorted(bodies) == sorted(f"r{i}" for i in range(600))  # none lost, none twice
    finally:
        engine.dispose()


def test_two_hub_processes_deliver_each_reminder_once(two_hubs):  # noqa: F811
    h1, h2 = two_hubs
    c1 = httpx.Client(base_url=f"http://{h1}", timeout=20)
    c2 = httpx.Client(base_url=f"http://{h2}", timeout=20)
    admin = c1.post("/api/v1/register", json={"company": "Acme", "name": "a", "email": "a@acme.test",
                                              "password": "password123"}).json()
    me = c1.get("/api/v1/me", headers=bearer(admin)).json()["id"]
    due = time.time() + 2  # all fall due together, so both processes wake for them
    for i in range(200):
        c = c1 if i % 2 else c2
        r = c.post("/api/v1/reminders", headers=bearer(admin), json={"to": me, "body": f"r{i}", "due": due})
        assert r.status_code == 201, r.text
    deadline = time.monotonic() + 60
    while c1.get("/api/v1/reminders", headers=bearer(admin)).json():
        assert time.monotonic() < deadline, "reminders not delivered"
        time.sleep(0.1)
    got = c2.get("/api/v1/messages", params={"limit": 1000}, headers=bearer(admin)).json()
    assert sorted(m["body"] for m in got) == sorted(f"r{i}" for i in range(200))
