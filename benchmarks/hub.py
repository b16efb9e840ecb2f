"""Hub figures (issue 4): WebSocket clients' memory, reconnect storm, presence fan-out, message
throughput and latency, initial pull.

    .venv/bin/python benchmarks/hub.py [--db URL] [--hubs 1|2] [--clients 5000] [--window 300]
        [--rate 1000] [--burst-rate 2000] [--presence-rate 200] [--watchers 50] [--records 100000]
        [--phases connect,storm,presence,messages,burst,pull]

Starts the hub process(es) (`whitephone-server`: uvicorn, websockets-sansio, compression off) on free
loopback ports and drives them from this process. Prints figures; asserts nothing.

Set-up shortcut: the benchmark writes its users (companies of `--watchers + 1` users, so every
presence change has `--watchers` watchers) and their access tokens straight into the database,
because creating 5 000 users through the API costs two argon2 hashes each. Every client is a
distinct user with one WebSocket. With `--hubs 2` (PostgreSQL only) clients and senders alternate
between the two hub processes, so about half of all deliveries cross processes (LISTEN/NOTIFY).

Load generator: messages go out as HTTP/1.1 keep-alive requests on a fixed schedule (a raw
asyncio client: httpx's pool cost grows with the number of queued requests and became the
bottleneck); each latency runs from the scheduled send time to the WebSocket receipt, so a
stalled hub cannot hide its backlog (no coordinated omission).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import hashlib
import json
import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import psutil
import websockets

PW_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$unused"  # nobody logs in with a password


PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


@contextlib.contextmanager
def pg_database():
    from sqlalchemy import create_engine

    name = f"whitephone_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def start_hub(db: str, data: str) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    # every simulated client comes from 127.0.0.1: no per-address connection cap
    proc = subprocess.Popen([sys.executable, "-m", "whitephone.server.cli", "--db", db, "--port", str(port),
                             "--data", data, "--max-connections-per-address", "0"], stdout=subprocess.DEVNULL, stderr=open(f"{data}.log", "wb"))
    base = f"127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"http://{base}/openapi.json", timeout=1)
            return proc, base
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise RuntimeError("hub exited") from None
            time.sleep(0.2)
    raise RuntimeError("hub did not start")


def seed_users(db: str, n: int, per_company: int) -> list[dict]:
    """Companies of `per_company` users; returns [{id, company, token}] in company order."""
    from sqlalchemy import create_engine, insert

    from whitephone.server.db import companies, tokens, users

    engine = create_engine(db)
    out: list[dict] = []
    tag = uuid.uuid4().hex[:6]
    now = time.time()
    with engine.begin() as conn:
        for c in range((n + per_company - 1) // per_company):
            cid = conn.execute(insert(companies).values(name=f"Bench {c}", created=now)).inserted_primary_key[0]
            for i in range(min(per_company, n - c * per_company)):
                uid = conn.execute(insert(users).values(
                    company_id=cid, email=f"u{c}.{i}.{tag}@b.test", name=f"u{c}.{i}", password_hash=PW_HASH,
                    is_admin=i == 0, permissions=[], disabled=False, hidden=False)).inserted_primary_key[0]
                tok = secrets.token_urlsafe(32)
                conn.execute(insert(tokens).values(token_hash=hashlib.sha256(tok.encode()).hexdigest(),
                                                   user_id=uid, kind="access", expires=now + 86400))
                out.append({"id": uid, "company": cid, "token": tok})
    engine.dispose()
    return out


def seed_records(db: str, company_id: int, n: int) -> None:
    """`n` contacts, each with its seq from the change log (as the hub gives them out: a cursor
    past the hub's last seq is refused)."""
    from sqlalchemy import create_engine, insert

    from whitephone.server.db import change_log, records

    engine = create_engine(db)
    with engine.begin() as conn:
        for start in range(0, n, 10000):
            ids = range(start, min(n, start + 10000))
            seqs = conn.execute(insert(change_log).returning(change_log.c.seq, sort_by_parameter_order=True), [
                {"company_id": company_id, "entity": "contact", "record_id": f"r{i}"} for i in ids]).scalars().all()
            conn.execute(insert(records), [
                {"company_id": company_id, "entity": "contact", "record_id": f"r{i}", "owner_id": None,
                 "version": seq, "deleted": False,
                 "fields": {"display_name": f"Contact {i}", "phones": [{"number": f"+4420{i:07d}"}],
                            "emails": [{"address": f"c{i}@x.test"}]},
                 "field_versions": {"display_name": seq, "phones": seq, "emails": seq}} for i, seq in zip(ids, seqs, strict=True)])
    engine.dispose()


def count_messages(db: str) -> int:
    from sqlalchemy import create_engine, func, select

    from whitephone.server.db import messages

    engine = create_engine(db)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(messages)).scalar()
    engine.dispose()
    return n


class Client:
    """One user's WebSocket; records (receipt time, event) of message and presence events."""

    def __init__(self, user: dict, base: str) -> None:
        self.user, self.base = user, base
        self.ws = None
        self.task: asyncio.Task | None = None

    async def connect(self, sink: Sink) -> None:
        self.ws = await websockets.connect(f"ws://{self.base}/api/v1/ws?token={self.user['token']}",
                                           compression=None, open_timeout=120, max_queue=None,
                                           ping_interval=None)
        await self.ws.recv()  # hello
        self.task = asyncio.get_running_loop().create_task(self._read(sink))

    async def _read(self, sink: Sink) -> None:
        try:
            async for text in self.ws:
                sink.on(self.user["id"], text)
        except websockets.ConnectionClosed:
            pass

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.task is not None:
            await self.task


class Sink:
    def __init__(self) -> None:
        self.messages: dict[str, list[float]] = {}
        self.presence: list[float] = []
        self.presence_stamps: dict[str, float] = {}

    def on(self, user_id: int, text: str) -> None:
        now = time.time()
        if '"message"' in text[:20]:
            body = json.loads(text)["message"]["body"]
            self.messages.setdefault(body, []).append(now)
        elif '"presence"' in text[:20]:
            note = json.loads(text)["note"]
            stamp = self.presence_stamps.get(note)
            if stamp is not None:
                self.presence.append((now - stamp) * 1000)


async def connect_all(clients: list[Client], sink: Sink, parallel: int) -> None:
    sem = asyncio.Semaphore(parallel)

    async def one(c: Client) -> None:
        async with sem:
            await c.connect(sink)

    await asyncio.gather(*(one(c) for c in clients))


class HttpConn:
    """A minimal HTTP/1.1 keep-alive client for the send load (one request at a time)."""

    def __init__(self, base: str) -> None:
        self.host, port = base.split(":")
        self.port = int(port)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, token: str, body: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nAuthorization: Bearer {token}\r\n"
                          f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await self.reader.readexactly(length)
        return int(status_line.split()[1])


async def send_load(senders: list[tuple[str, dict, dict]], rate: float, seconds: float, sink: Sink,
                    connections: int = 48) -> dict:
    """Send `rate` messages/s for `seconds`; senders are (base, from_user, to_user) triples."""
    n = int(rate * seconds)
    sent: dict[str, float] = {}
    errors: list[str] = []
    bases = sorted({b for b, _, _ in senders})
    conns = {b: [HttpConn(b) for _ in range(connections)] for b in bases}
    queues: dict[str, asyncio.Queue] = {b: asyncio.Queue() for b in bases}

    async def worker_for(b: str, conn: HttpConn) -> None:
        q = queues[b]
        while True:
            item = await q.get()
            if item is None:
                return
            body, token = item
            try:
                status = await conn.post("/api/v1/messages", token, body)
                if status != 201:
                    errors.append(str(status))
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(repr(exc))
                conn.writer = None

    tasks = [asyncio.create_task(worker_for(b, c)) for b in bases for c in conns[b]]
    start = time.perf_counter()
    wall0 = time.time()
    for i in range(n):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        base, frm, to = senders[i % len(senders)]
        key = uuid.uuid4().hex
        sent[key] = wall0 + i / rate  # the scheduled time
        queues[base].put_nowait((json.dumps({"to": to["id"], "body": key}).encode(), frm["token"]))
    for b in bases:
        for _ in conns[b]:
            queues[b].put_nowait(None)
    await asyncio.gather(*tasks)
    send_done = time.perf_counter() - start
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and sum(1 for k in sent if k in sink.messages) < n:
        await asyncio.sleep(0.2)
    lat, dup = [], 0
    for k, t in sent.items():
        got = sink.messages.get(k)
        if got:
            lat.append((got[0] - t) * 1000)
            dup += len(got) - 1
    for c in conns.values():
        for h in c:
            if h.writer is not None:
                h.writer.close()
    return {"n": n, "achieved": n / send_done, "delivered": len(lat), "dup": dup, "errors": errors, "lat": lat}


async def bench(args: argparse.Namespace) -> None:
    data = tempfile.mkdtemp(prefix="hubbench")
    db = args.db or f"sqlite:///{data}/hub.sqlite3"
    if args.hubs > 1 and not db.startswith("postgresql"):
        raise SystemExit("--hubs 2 needs --db postgresql+psycopg://...")
    phases = set(args.phases.split(","))
    hubs = []
    try:
        hubs.append(start_hub(db, f"{data}/hub0"))
        for i in range(1, args.hubs):
            hubs.append(start_hub(db, f"{data}/hub{i}"))
        procs = [psutil.Process(p.pid) for p, _ in hubs]
        bases = [b for _, b in hubs]

        def rss() -> str:
            return " + ".join(f"{p.memory_info().rss / 2**20:.0f}" for p in procs) + " MiB"

        print(f"database: {db.split('@')[-1]}  hubs: {args.hubs}  clients: {args.clients}  "
              f"window: {args.window}s  {load_note()}", flush=True)
        users = seed_users(db, args.clients, args.watchers + 1)
        clients = [Client(u, bases[i % len(bases)]) for i, u in enumerate(users)]
        sink = Sink()
        idle = rss()
        t0 = time.perf_counter()
        await connect_all(clients, sink, 500)
        print(f"connect {args.clients} WebSockets: {time.perf_counter() - t0:.1f} s; hub RSS {rss()} "
              f"(idle {idle})  {load_note()}", flush=True)
        if "storm" in phases:
            await asyncio.gather(*(c.close() for c in clients))
            t0 = time.perf_counter()
            await connect_all(clients, sink, args.clients)
            print(f"reconnect storm of {args.clients}: {time.perf_counter() - t0:.1f} s; hub RSS {rss()}  "
                  f"{load_note()}", flush=True)
            await asyncio.sleep(5)  # let the hub finish the storm's presence updates before the next phase

        by_company: dict[int, list[Client]] = {}
        for c in clients:
            by_company.setdefault(c.user["company"], []).append(c)
        groups = [g for g in by_company.values() if len(g) == args.watchers + 1]

        if "presence" in phases and groups:
            # one changer per company in turn; its company's other users are the watchers
            n = int(args.presence_rate * args.window)
            last: dict[Client, str] = {}
            start = time.perf_counter()
            wall0 = time.time()
            for i in range(n):
                delay = start + i / args.presence_rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                g = groups[i % len(groups)]
                changer = g[(i // len(groups)) % len(g)]
                note = f"p{i}"
                sink.presence_stamps[note] = wall0 + i / args.presence_rate
                status = last[changer] = "online" if last.get(changer) == "busy" else "busy"
                await changer.ws.send(json.dumps({"type": "presence", "status": status, "note": note}))
            await asyncio.sleep(3)
            lat = sink.presence
            expected = n * args.watchers
            print(f"presence {args.presence_rate} changes/s to {args.watchers} watchers each for {args.window} s: "
                  f"{len(lat)}/{expected} deliveries, p50 {pct(lat, .5):.0f} ms p99 {pct(lat, .99):.0f} ms "
                  f"max {max(lat, default=0):.0f} ms; hub RSS {rss()}  {load_note()}", flush=True)

        # messages: each user of a company sends to the next one; sender and recipient alternate hubs
        senders = []
        for g in groups or [clients]:
            for i, c in enumerate(g):
                to = g[(i + 1) % len(g)]
                senders.append((bases[(i + 1) % len(bases)], c.user, to.user))
        before = count_messages(db)
        total_sent = 0
        for label, rate, seconds in (("sustained", args.rate, args.window),
                                     ("burst", args.burst_rate, min(5, args.window))):
            if (label == "sustained" and "messages" not in phases) or (label == "burst" and "burst" not in phases):
                continue
            sink.messages.clear()
            r = await send_load(senders, rate, seconds, sink)
            total_sent += r["n"] - len(r["errors"])
            lat = r["lat"]
            print(f"messages {label} {rate}/s for {seconds} s (achieved {r['achieved']:.0f}/s): "
                  f"{r['delivered']}/{r['n']} delivered, lost {r['n'] - r['delivered']}, duplicated {r['dup']}, "
                  f"errors {len(r['errors'])}{' e.g. ' + r['errors'][0] if r['errors'] else ''}; "
                  f"p50 {pct(lat, .5):.0f} ms p99 {pct(lat, .99):.0f} ms max {max(lat, default=0):.0f} ms; "
                  f"hub RSS {rss()}  {load_note()}", flush=True)
        if total_sent:
            print(f"messages persisted: {count_messages(db) - before} of {total_sent} accepted", flush=True)
        await asyncio.gather(*(c.close() for c in clients))

        if "pull" in phases:
            import httpx

            first = users[0]
            seed_records(db, first["company"], args.records)
            t0 = time.perf_counter()
            got, since = 0, 0
            async with httpx.AsyncClient(base_url=f"http://{bases[0]}", timeout=120) as c:
                while True:
                    feed = (await c.get("/api/v1/sync/changes", params={"since": since, "limit": 5000},
                                        headers={"Authorization": f"Bearer {first['token']}"})).json()
                    got += len(feed["changes"])
                    since = feed["next"]
                    if not feed["more"]:
                        break
            print(f"initial pull of {got} records: {time.perf_counter() - t0:.1f} s  {load_note()}", flush=True)
    finally:
        for p, _ in hubs:
            p.terminate()
        for p, _ in hubs:
            p.wait(10)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", help="database URL (default: SQLite in a temporary folder)")
    p.add_argument("--pg", action="store_true",
                   help=f"a fresh PostgreSQL database on {PG_SERVER} (dropped afterwards)")
    p.add_argument("--hubs", type=int, default=1, help="hub processes (2 needs PostgreSQL)")
    p.add_argument("--clients", type=int, default=5000, help="concurrent WebSocket clients (one user each)")
    p.add_argument("--window", "--seconds", dest="window", type=int, default=300,
                   help="seconds of sustained messages and of presence changes")
    p.add_argument("--rate", type=int, default=1000, help="sustained messages per second")
    p.add_argument("--burst-rate", type=int, default=2000, help="messages per second for a 5 s burst")
    p.add_argument("--presence-rate", type=int, default=200, help="presence changes per second")
    p.add_argument("--watchers", type=int, default=50, help="watchers per presence change (company size - 1)")
    p.add_argument("--records", type=int, default=100_000, help="records in the initial pull")
    p.add_argument("--phases", default="connect,storm,presence,messages,burst,pull")
    args = p.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    # the load generator holds thousands of connections too: keep its collector from pausing it
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 10**9)
    if args.pg:
        with pg_database() as args.db:
            asyncio.run(bench(args))
    else:
        asyncio.run(bench(args))


if __name__ == "__main__":
    main()
