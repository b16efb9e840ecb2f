"""Sync figures (issue 12): change latency between two clients, a fresh client's first sync of
100 000 contacts, 1 000 offline edits pushed after reconnect, the client's memory.

    .venv/bin/python benchmarks/sync.py [--db URL] [--contacts 100000] [--samples 300] [--edits 1000]

Starts the hub (`whitephone server`, the embedded launcher) on a free loopback port and drives
two headless clients (profile + store + Session + SyncEngine: what the window uses) in this
process. Prints figures; asserts nothing.

- latency: client A writes a contact and kicks its engine; measured until client B's "changed"
  listener fires (B's store committed: the list reads it from there). Push, the hub's WebSocket
  hint, B's pull and apply are all inside.
- first sync: the hub is seeded with N contacts straight in its database (pushing them through
  the API first would take minutes and is not what is measured); a fresh client C signs in and
  syncs until idle; then a search runs to show the rows are ready to search. Memory: C's
  process, before and after (RSS; the peak too).
- offline edits: A edits E contacts while its engine is stopped, then one `sync_once`: time
  and the number of HTTP requests it used.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

from whitephone.core.contact import ContactData, Email, Phone  # noqa: E402
from whitephone.profile import Profile  # noqa: E402
from whitephone.store import Store  # noqa: E402
from whitephone.sync.embedded_hub import EmbeddedHub  # noqa: E402
from whitephone.sync.engine import SyncEngine  # noqa: E402
from whitephone.sync.session import Session  # noqa: E402

PASSWORD = "password123"


class Client:
    def __init__(self, root: Path) -> None:
        self.profile = Profile.open(root)
        self.store = Store(self.profile.db_path)
        self.session = Session(self.profile, self.store)
        self.engine = SyncEngine(self.store, self.session, pull_interval=3600)

    def company_book(self) -> int:
        return next(b.id for b in self.store.books.list() if b.uid == "company")

    def close(self) -> None:
        self.engine.stop()
        self.store.close()


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def hub_cpu(hub: EmbeddedHub) -> float:
    """CPU seconds the hub process used so far (user + system), from /proc."""
    try:
        with open(f"/proc/{hub.process.pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, IndexError, ValueError):
        return 0.0


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def seed(db: str, company_id: int, n: int) -> None:
    """N company-book contacts straight into the hub's tables (seqs reserved in change_log)."""
    from sqlalchemy import create_engine, func, insert, select

    from whitephone.server.db import change_log, records

    engine = create_engine(db)
    with engine.begin() as conn:
        start = (conn.execute(select(func.max(change_log.c.seq))).scalar() or 0) + 1
        for i0 in range(0, n, 10_000):
            logs, rows = [], []
            for i in range(i0, min(n, i0 + 10_000)):
                seq, rid = start + i, str(uuid.UUID(int=i + 1))
                logs.append({"seq": seq, "company_id": company_id, "owner_id": None, "entity": "contact",
                             "record_id": rid})
                fields = {"book": "company", "kind": "person", "given_name": f"Given{i}",
                          "family_name": f"Family{i % 5000}", "display_name": f"Given{i} Family{i % 5000}",
                          "phones": [{"number": f"+44 20 7{i:07d}", "kind": "work", "e164": f"+44207{i:07d}"}],
                          "emails": [{"address": f"c{i}@example.com", "kind": "work"}],
                          "companies": [], "tags": [], "custom": {}, "notes": "", "photo": None}
                rows.append({"company_id": company_id, "entity": "contact", "record_id": rid, "owner_id": None,
                             "version": seq, "deleted": False, "fields": fields,
                             "field_versions": {k: seq for k in fields}})
            conn.execute(insert(change_log), logs)
            conn.execute(insert(records), rows)
    engine.dispose()


def latency(a: Client, b: Client, samples: int) -> list[float]:
    got: dict[str, float] = {}
    cond = threading.Condition()

    def on_changed(entity: str, uids: list[str]) -> None:
        now = time.perf_counter()
        with cond:
            for u in uids:
                got.setdefault(u, now)
            cond.notify_all()

    b.engine.add_listener("changed", on_changed)
    a.engine.start()
    b.engine.start()
    a.engine.wait_connected()
    b.engine.wait_connected()
    time.sleep(0.5)
    out = []
    book = a.company_book()
    for i in range(samples):
        t0 = time.perf_counter()
        cid = a.store.contacts.add(ContactData(given_name=f"Latency{i}", family_name="Probe"), book)
        a.engine.kick()
        uid = a.store.contacts.get(cid).uid
        with cond:
            ok = cond.wait_for(lambda u=uid: u in got, timeout=10)
        if ok:
            out.append((got[uid] - t0) * 1000)
        time.sleep(0.02)
    a.engine.stop()
    b.engine.stop()
    b.engine.remove_listener("changed", on_changed)
    return out


def sync_beside_a_qt_heartbeat(engine: SyncEngine):
    """Run `engine.sync_once()` on a worker thread (as the window's SyncEngine does) while the Qt
    main thread ticks a 5 ms timer; returns the sync's summary and the gaps between ticks (ms)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from whitephone import gcpolicy

    app = QCoreApplication.instance() or QCoreApplication([])
    gcpolicy.settle_after_startup()  # as the window does once it is up
    result: list = []
    worker = threading.Thread(target=lambda: result.append(engine.sync_once()), name="wp-sync-bench")
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now
        if not worker.is_alive():
            app.quit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    worker.start()
    app.exec()
    worker.join()
    return result[0], gaps or [0.0]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--db", help="hub database URL (default: SQLite in a temporary folder)")
    p.add_argument("--contacts", type=int, default=100_000)
    p.add_argument("--samples", type=int, default=300)
    p.add_argument("--edits", type=int, default=1000)
    p.add_argument("--skip-latency", action="store_true")
    args = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wp-sync-bench-"))
    os.environ.setdefault("XDG_DATA_HOME", str(tmp / "xdg"))
    hub = EmbeddedHub(tmp / "hub", db_url=args.db)
    url = hub.start()
    db = args.db or f"sqlite:///{tmp / 'hub' / 'hub.sqlite3'}"
    print(f"hub {url} on {db.split(':')[0]}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
          flush=True)
    try:
        a, b = Client(tmp / "a"), Client(tmp / "b")
        a.session.register(url, "Acme", "Alice", "alice@example.com", PASSWORD)
        a.session.ensure().request("POST", "/api/v1/users", json={"name": "Bob", "email": "bob@example.com",
                                                                  "password": PASSWORD})
        b.session.login(url, "bob@example.com", PASSWORD)
        a.engine.sync_once()
        b.engine.sync_once()

        lat = [] if args.skip_latency else latency(a, b, args.samples)
        if lat:
            print(f"A -> B change latency ({len(lat)} of {args.samples}): p50 {pct(lat, 50):.1f} ms, "
                  f"p95 {pct(lat, 95):.1f} ms, p99 {pct(lat, 99):.1f} ms, max {max(lat):.1f} ms, "
                  f"mean {statistics.mean(lat):.1f} ms", flush=True)

        # 1 000 offline edits, then one reconnect
        book = a.company_book()
        ids = [c.id for c in a.store.contacts.iter_all(book)][: args.edits]
        extra = args.edits - len(ids)
        if extra > 0:
            a.store.contacts.import_batch([ContactData(given_name=f"Edit{i}", family_name="Base")
                                           for i in range(extra)], book, policy="clone")
            a.engine.sync_once()
            ids = [c.id for c in a.store.contacts.iter_all(book)][: args.edits]
        for cid in ids:
            c = a.store.contacts.get(cid)
            c.notes = "edited offline"
            c.phones.append(Phone("+44 20 7946 1234", "mobile", "+442079461234"))
            c.emails.append(Email("offline@example.com"))
            a.store.contacts.update(c)
        client = a.session.ensure()
        before = client.requests
        t0 = time.perf_counter()
        s = a.engine.sync_once()
        dt = time.perf_counter() - t0
        print(f"{len(ids)} offline edits pushed after reconnect: {dt:.2f} s, {client.requests - before} hub "
              f"requests (pushed {s.pushed}, pulled {s.pulled})", flush=True)
        a.close()
        b.close()

        # a fresh client's first sync of N contacts
        company_id = a.session.info["company_id"]
        seed(db, company_id, args.contacts)
        rss0 = rss_mb()
        c = Client(tmp / "c")
        c.session.login(url, "alice@example.com", PASSWORD)
        hub_cpu0 = hub_cpu(hub)
        t0, cpu0 = time.perf_counter(), time.process_time()
        s, gaps = sync_beside_a_qt_heartbeat(c.engine)
        dt, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        print(f"Qt main thread during the first sync (a 5 ms timer): longest gap {max(gaps):.0f} ms, "
              f"p99 {pct(gaps, 99):.0f} ms, gaps over 50 ms: {sum(g > 50 for g in gaps)} of {len(gaps)}",
              flush=True)
        hub_cpu1 = hub_cpu(hub)
        t1 = time.perf_counter()
        from whitephone.core.contacts import ContactsService

        hits = ContactsService(c.store, "GB").search("Given9999", limit=20)
        ds = (time.perf_counter() - t1) * 1000
        print(f"first sync of {s.pulled} rows ({c.store.contacts.count()} contacts): {dt:.1f} s wall "
              f"(CPU: client {cpu:.1f} s, hub {hub_cpu1 - hub_cpu0:.1f} s; load average {os.getloadavg()[0]:.1f}); "
              f"then a search: {len(hits)} hits in {ds:.1f} ms", flush=True)
        print(f"client memory: RSS {rss0:.0f} MB before, {rss_mb():.0f} MB after the sync; peak "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (whole benchmark process)",
              flush=True)
        c.close()
    finally:
        hub.stop()


if __name__ == "__main__":
    main()
