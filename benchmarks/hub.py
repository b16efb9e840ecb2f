"""Hub figures: WebSocket clients' memory, reconnect storm, message latency, presence fan-out, initial pull.

    .venv/bin/python benchmarks/hub.py [--db URL] [--clients 5000] [--seconds 20] [--rate 1000] [--records 100000]

Starts one hub process (uvicorn, websockets-sansio, compression off) on a free loopback port and drives it
from this process. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import httpx
import psutil
import websockets

PW = "password123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def start_hub(db: str, data: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "whitephone.server.cli", "--db", db, "--port", str(port),
                             "--data", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(f"http://{base}/openapi.json", timeout=1)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("hub did not start")


async def setup_users(base: str, n: int) -> tuple[dict, list[tuple[int, str]]]:
    async with httpx.AsyncClient(base_url=f"http://{base}", timeout=120) as c:
        tag = uuid.uuid4().hex[:6]
        admin = (await c.post("/api/v1/register", json={"company": "Bench", "name": "admin",
                                                        "email": f"admin{tag}@b.test", "password": PW})).json()
        h = {"Authorization": f"Bearer {admin['access_token']}"}
        users: list[tuple[int, str]] = []
        sem = asyncio.Semaphore(8)

        async def one(i: int) -> None:
            async with sem:
                email = f"u{i}.{tag}@b.test"
                u = (await c.post("/api/v1/users", headers=h, json={"name": f"u{i}", "email": email,
                                                                     "password": PW})).json()
                tok = (await c.post("/api/v1/login", json={"email": email, "password": PW})).json()
                users.append((u["id"], tok["access_token"]))

        await asyncio.gather(*(one(i) for i in range(n)))
        return admin, users


async def connect_all(base: str, tokens: list[str], handler) -> list:
    sem = asyncio.Semaphore(200)

    async def one(tok: str):
        async with sem:
            ws = await websockets.connect(f"ws://{base}/api/v1/ws?token={tok}", compression=None,
                                          open_timeout=60, max_queue=None)
            await ws.recv()  # hello
            asyncio.get_running_loop().create_task(handler(ws))
            return ws

    return await asyncio.gather(*(one(t) for t in tokens))


async def drain(ws, sink: list) -> None:
    try:
        async for text in ws:
            sink.append((time.time(), text))
    except websockets.ConnectionClosed:
        pass


async def bench(args: argparse.Namespace) -> None:
    data = tempfile.mkdtemp(prefix="hubbench")
    db = args.db or f"sqlite:///{data}/hub.sqlite3"
    proc, base = start_hub(db, data)
    rss = psutil.Process(proc.pid)
    try:
        print(f"database: {db.split('@')[-1]}  clients: {args.clients}  window: {args.seconds}s")
        admin, users = await setup_users(base, min(args.clients, args.users))
        tokens = [users[i % len(users)][1] for i in range(args.clients)]
        base_rss = rss.memory_info().rss
        sink: list = []
        t0 = time.perf_counter()
        conns = await connect_all(base, tokens, lambda ws: drain(ws, sink))
        print(f"connect {args.clients} WebSockets: {time.perf_counter() - t0:.1f} s; hub RSS "
              f"{rss.memory_info().rss / 2**20:.0f} MiB (idle {base_rss / 2**20:.0f} MiB)")
        t0 = time.perf_counter()
        await asyncio.gather(*(ws.close() for ws in conns))
        conns = await connect_all(base, tokens, lambda ws: drain(ws, sink))
        print(f"reconnect storm of {args.clients}: {time.perf_counter() - t0:.1f} s")

        # messages: admin sends to users at a fixed rate; latency = receipt - send time stamped in the body
        received: dict[str, float] = {}
        sink.clear()
        h = {"Authorization": f"Bearer {admin['access_token']}"}
        async with httpx.AsyncClient(base_url=f"http://{base}", timeout=60,
                                     limits=httpx.Limits(max_connections=64)) as c:
            for rate, label in ((args.rate, "sustained"), (args.rate * 2, "burst")):
                sink.clear()
                sent: dict[str, float] = {}
                n = int(rate * (args.seconds if label == "sustained" else min(5, args.seconds)))
                tasks = []
                start = time.perf_counter()
                for i in range(n):
                    due = start + i / rate
                    delay = due - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    key = uuid.uuid4().hex
                    sent[key] = time.time()
                    tasks.append(asyncio.create_task(c.post("/api/v1/messages", headers=h, json={
                        "to": users[i % len(users)][0], "body": key})))
                errors = [r for r in await asyncio.gather(*tasks, return_exceptions=True)
                          if isinstance(r, Exception) or r.status_code != 201]
                if errors:
                    print(f"  {len(errors)} send errors, e.g. {errors[0]!r}")
                await asyncio.sleep(2)
                received.clear()
                dup = 0
                for at, text in sink:
                    ev = json.loads(text)
                    if ev["type"] == "message":
                        key = ev["message"]["body"]
                        # every user has args.clients/len(users) devices; count the first receipt only
                        if key in received:
                            dup += 1
                        else:
                            received[key] = at
                lat = [(received[k] - sent[k]) * 1000 for k in sent if k in received]
                achieved = n / (time.perf_counter() - start - 2)
                print(f"messages {label} {rate}/s (achieved {achieved:.0f}/s): {len(lat)}/{n} delivered, "
                      f"lost {n - len(lat)}, p50 {pct(lat, .5):.0f} ms p99 {pct(lat, .99):.0f} ms "
                      f"max {max(lat, default=0):.0f} ms")
        print(f"hub RSS after messages: {rss.memory_info().rss / 2**20:.0f} MiB")

        # presence: status flips from a few users; every other connected company member is a watcher
        sink.clear()
        changers = conns[: args.presence_users]
        n = int(args.presence_rate * min(args.seconds, 10))
        stamps = []
        start = time.perf_counter()
        for i in range(n):
            delay = start + i / args.presence_rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            stamps.append(time.time())
            await changers[i % len(changers)].send(json.dumps(
                {"type": "presence", "status": "busy" if (i // len(changers)) % 2 == 0 else "online",
                 "note": str(len(stamps))}))
        await asyncio.sleep(3)
        lat = []
        for at, text in sink:
            ev = json.loads(text)
            if ev["type"] == "presence" and ev["note"].isdigit():
                lat.append((at - stamps[int(ev["note"]) - 1]) * 1000)
        print(f"presence {args.presence_rate} changes/s to {args.clients - 1} watchers: {len(lat)} deliveries, "
              f"p99 {pct(lat, .99):.0f} ms max {max(lat, default=0):.0f} ms")
        await asyncio.gather(*(ws.close() for ws in conns))

        # initial pull: seed records straight into the database, then page through the feed
        seed_records(db, args.records)
        t0 = time.perf_counter()
        got = 0
        since = 0
        async with httpx.AsyncClient(base_url=f"http://{base}", timeout=120) as c:
            while True:
                feed = (await c.get("/api/v1/sync/changes", params={"since": since, "limit": 5000},
                                    headers=h)).json()
                got += len(feed["changes"])
                since = feed["next"]
                if not feed["more"]:
                    break
        print(f"initial pull of {got} records: {time.perf_counter() - t0:.1f} s")
    finally:
        proc.terminate()
        proc.wait(10)


def seed_records(db: str, n: int) -> None:
    from sqlalchemy import create_engine, insert, select

    from whitephone.server.db import companies, records

    engine = create_engine(db)
    with engine.begin() as conn:
        cid = conn.execute(select(companies.c.id).where(companies.c.name == "Bench")
                           .order_by(companies.c.id.desc())).scalar()
        rows = [{"company_id": cid, "entity": "contact", "record_id": f"r{i}", "owner_id": None,
                 "version": 10_000_000 + i, "deleted": False,
                 "fields": {"name": f"Contact {i}", "phone": f"+4420{i:07d}", "email": f"c{i}@x.test"},
                 "field_versions": {"name": 1, "phone": 1, "email": 1}} for i in range(n)]
        for i in range(0, n, 10000):
            conn.execute(insert(records), rows[i:i + 10000])
    engine.dispose()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db")
    p.add_argument("--clients", type=int, default=5000)
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--rate", type=int, default=1000)
    p.add_argument("--presence-rate", type=int, default=200)
    p.add_argument("--presence-users", type=int, default=20)
    p.add_argument("--records", type=int, default=100_000)
    args = p.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
