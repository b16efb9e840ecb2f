"""Hub figures (issue 10): logins under attack must not stall other users' writes.

    .venv/bin/python benchmarks/hub_auth.py [--pg | --db URL] [--guesses 100] [--registrations 15]

Starts a hub process (`whitephone-server`) and, while a user of another company writes without
pause (PATCH /api/v1/profile, one after the other on a thread of its own), fires `--guesses` parallel wrong-password logins
at one account, then `--registrations` parallel company registrations. Prints the other user's
longest write and p99 before and during each attack, and how many guessed passwords the hub
checked (a 401 is a checked password, a 429 a guess the throttle refused before any check).
Targets: no write over 50 ms; 5 passwords checked per account per window. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.hub import load_note, pct, pg_database, start_hub  # noqa: E402


def writes(base: str, headers: dict, stop: threading.Event, out: list[float]) -> None:
    """The other user's writes, one after the other, on their own thread and connection."""
    with httpx.Client(base_url=base, timeout=60) as client:
        i = 0
        while not stop.is_set():
            i += 1
            t0 = time.perf_counter()
            r = client.patch("/api/v1/profile", headers=headers, json={"name": f"writer {i}"})
            out.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()


async def during(base: str, headers: dict, attack) -> tuple[list[float], object]:
    """The other user's write latencies (ms) while `attack()` runs, and what it returned."""
    stop, lat = threading.Event(), []
    writer = threading.Thread(target=writes, args=(base, headers, stop, lat))
    writer.start()
    await asyncio.sleep(0.5)
    lat.clear()  # from the attack's start
    result = await attack()
    stop.set()
    await asyncio.to_thread(writer.join)
    return lat, result


def line(name: str, lat: list[float]) -> str:
    return f"{name:<28} writes {len(lat):5d}  p50 {pct(lat, 0.5):6.1f} ms  p99 {pct(lat, 0.99):6.1f} ms  " \
           f"longest {max(lat, default=float('nan')):7.1f} ms"


async def bench(args: argparse.Namespace) -> None:
    data = tempfile.mkdtemp(prefix="whitephone-hub-auth-")
    db = args.db or f"sqlite:///{data}/hub.sqlite3"
    proc, base = start_hub(db, f"{data}/data")
    limits = httpx.Limits(max_connections=args.guesses + 20, max_keepalive_connections=args.guesses + 20)
    try:
        async with httpx.AsyncClient(base_url=f"http://{base}", timeout=60, limits=limits) as c:
            for email in ("victim@a.test", "writer@b.test"):
                r = await c.post("/api/v1/register", json={"company": email[-6:], "name": "n", "email": email,
                                                           "password": "password123"})
                r.raise_for_status()
            headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
            print(f"hub on {db.split(':')[0]}, {load_note()}")

            async def idle():
                await asyncio.sleep(3)

            lat, _ = await during(f"http://{base}", headers, idle)
            print(line("no attack (3 s)", lat))

            async def guesses():
                rs = await asyncio.gather(*(c.post("/api/v1/login", json={
                    "email": "victim@a.test", "password": f"guess-{i}"}) for i in range(args.guesses)))
                return [r.status_code for r in rs]

            for name in (f"{args.guesses} parallel wrong logins", "the same again (window full)"):
                lat, codes = await during(f"http://{base}", headers, guesses)
                print(line(name, lat))
                print(f"{'':<28} passwords checked {codes.count(401)} (401), refused unchecked "
                      f"{codes.count(429)} (429), other {len(codes) - codes.count(401) - codes.count(429)}")

            async def registrations():
                rs = await asyncio.gather(*(c.post("/api/v1/register", json={
                    "company": f"C{i}", "name": "n", "email": f"new{i}@c.test", "password": "password123"})
                    for i in range(args.registrations)))
                return [r.status_code for r in rs]

            lat, codes = await during(f"http://{base}", headers, registrations)
            print(line(f"{args.registrations} parallel registrations", lat))
            print(f"{'':<28} registered {codes.count(201)} of {len(codes)}")
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", help="database URL (default: SQLite in a temporary folder)")
    p.add_argument("--pg", action="store_true", help="a fresh PostgreSQL database (dropped afterwards)")
    p.add_argument("--guesses", type=int, default=100, help="parallel wrong-password logins at one account")
    p.add_argument("--registrations", type=int, default=15, help="parallel registrations")
    args = p.parse_args()
    if args.pg:
        with pg_database() as args.db:
            asyncio.run(bench(args))
    else:
        asyncio.run(bench(args))


if __name__ == "__main__":
    main()
