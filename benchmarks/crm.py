"""CRM data-side figures (issue 13): with N CRM records in the local store (1 000 000 by default),
the CRM tab's filter change (count + first page), Task ID lookup, and the sync of 10 000 new
records from a colleague until they are searchable.

    .venv/bin/python benchmarks/crm.py [--records 1000000] [--samples 200] [--colleague 10000] [--db URL]

Prints figures; asserts nothing. The machine is shared: figures are noisy.

- store: N records are bulk-inserted straight into a fresh store file (one transaction, the count
  triggers firing as in real use), a tenth of them with a task number, spread over 4 types, 3
  priorities, 2 statuses and 3 call groups; the figures below run on a freshly opened store.
- filter change: a random Type / Status / Priority combination (each maybe "all") as the CRM tab
  sends it: `count(...)` + `find(..., limit=100)`; p50 / p95 / max over the samples.
- Task ID lookup: `get(number)` of random task numbers.
- next page: `find(after=cursor, limit=200)` from a random row of the whole list (the CRM tab's
  fetchMore pages by keyset), with and without a filter.
- colleague sync: a hub (`whitephone server`) and two signed-in clients. The colleague makes K
  records (store API) and pushes them (timed apart). Then the measured client, holding the N
  records, runs `sync_once` until idle, and `find(type=...)` shows the colleague's records: time
  from the start of the pull to the last one searchable.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

from whitephone.profile import Profile  # noqa: E402
from whitephone.store import Store  # noqa: E402
from whitephone.store.crm import DEFAULT_TYPES, PRIORITIES, STATUSES  # noqa: E402
from whitephone.sync.embedded_hub import EmbeddedHub  # noqa: E402
from whitephone.sync.engine import SyncEngine  # noqa: E402
from whitephone.sync.hub_client import HubError  # noqa: E402
from whitephone.sync.session import Session  # noqa: E402

PASSWORD = "password123"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def line(name: str, ms: list[float]) -> None:
    print(f"  {name:<38} p50 {statistics.median(ms):8.2f} ms   p95 {pct(ms, 95):8.2f} ms   "
          f"max {max(ms):8.2f} ms   (n={len(ms)})")


def fill(store: Store, n: int) -> None:
    """N records straight into the store (the generator: executemany in one transaction)."""
    rnd = random.Random(13)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    cols = ("uid", "task_number", "type", "priority", "status", "subject", "contact", "number", "group_id",
            "owner_id", "owner_name", "created_at", "updated_at")
    sql = f"INSERT INTO crm_records ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"

    def rows(lo: int, hi: int):
        for i in range(lo, hi):
            at = (start + timedelta(seconds=i * 90)).isoformat(timespec="milliseconds")
            yield (str(uuid.UUID(int=rnd.getrandbits(128))), i + 1 if i % 10 == 0 else None,
                   DEFAULT_TYPES[i % 4], PRIORITIES[rnd.randrange(3)], STATUSES[0 if rnd.random() < 0.3 else 1],
                   f"Record {i}", None, f"+4930{i % 100000:06d}", (None, 1, 2)[i % 3], 1, "Alice", at, at)

    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("BEGIN IMMEDIATE")
        for lo in range(0, n, 50_000):
            cur.executemany(sql, rows(lo, min(n, lo + 50_000)))
        cur.execute("COMMIT")
        cur.execute("ANALYZE")
    finally:
        raw.close()


def local_figures(path: Path, n: int, samples: int) -> None:
    store = Store(path)
    rnd = random.Random(7)
    crm = store.crm
    crm.count(), crm.find(limit=100)  # warm the page cache like an open window
    ms = []
    for _ in range(samples):
        f = {"status": rnd.choice((None, *STATUSES)), "type": rnd.choice((None, *DEFAULT_TYPES)),
             "priority": rnd.choice((None, *PRIORITIES))}
        t = time.perf_counter()
        crm.count(**f)
        crm.find(**f, limit=100)
        ms.append((time.perf_counter() - t) * 1000)
    line("filter change (count + first page)", ms)
    ms = []
    for _ in range(samples):
        k = rnd.randrange(0, n // 10) * 10 + 1
        t = time.perf_counter()
        rec = crm.get(k)
        ms.append((time.perf_counter() - t) * 1000)
        assert rec is not None
    line("Task ID lookup", ms)
    ms = []
    for _ in range(samples):
        t = time.perf_counter()
        crm.for_contact(number=f"+4930{rnd.randrange(100000):06d}")
        ms.append((time.perf_counter() - t) * 1000)
    line("records of one number (popup)", ms)
    ms = []
    for _ in range(max(10, samples // 10)):
        t = time.perf_counter()
        crm.find(status="closed", offset=rnd.randrange(0, 10_000), limit=100)
        ms.append((time.perf_counter() - t) * 1000)
    line("a page scrolled to (offset < 10 000)", ms)
    # the CRM tab's fetchMore: the next page after the last row shown (keyset), anywhere in the list
    cursors = [crm.find(offset=rnd.randrange(0, n - 1), limit=1)[0].cursor for _ in range(max(10, samples // 10))]
    ms = []
    for i, cur in enumerate(cursors):
        f = ({}, {"status": "closed"}, {"type": DEFAULT_TYPES[1]})[i % 3]
        t = time.perf_counter()
        crm.find(after=cur, limit=200, **f)
        ms.append((time.perf_counter() - t) * 1000)
    line("next page anywhere in the list (keyset)", ms)
    store.close()


class Client:
    def __init__(self, root: Path) -> None:
        self.profile = Profile.open(root)
        self.store = Store(self.profile.db_path)
        self.session = Session(self.profile, self.store)
        self.engine = SyncEngine(self.store, self.session, pull_interval=3600)

    def close(self) -> None:
        self.engine.stop()
        self.store.close()


def until_idle(c: Client) -> int:
    """sync_once until the outbox is empty; a batch the busy hub answered too late (the client's
    15 s timeout) is sent again (mutation ids make that safe). Returns how many were."""
    retries = 0
    while True:
        try:
            c.engine.sync_once()
        except HubError:
            retries += 1
            continue
        if not c.store.outbox.count():
            return retries


def colleague_sync(tmp: Path, big: Path, k: int, db_url: str | None) -> None:
    hub = EmbeddedHub(tmp / "hub", db_url=db_url)
    url = hub.start()
    try:
        me_root = tmp / "me"
        Profile.open(me_root)
        os.replace(big, Profile.open(me_root).db_path)  # the measured client holds the N records
        me, colleague = Client(me_root), Client(tmp / "colleague")
        me.session.register(url, "Acme", "Alice", "alice@example.com", PASSWORD)
        me.session.ensure().request("POST", "/api/v1/users", json={
            "name": "Bob", "email": "bob@example.com", "password": PASSWORD})
        colleague.session.login(url, "bob@example.com", PASSWORD)
        me.engine.sync_once()
        colleague.store.crm.set_types([*DEFAULT_TYPES, "Bench"])
        t = time.perf_counter()
        for i in range(k):
            colleague.store.crm.create(subject=f"Colleague record {i}", type="Bench", priority="high",
                                       number=f"+4940{i:06d}")
        made = time.perf_counter() - t
        t = time.perf_counter()
        retries = until_idle(colleague)
        pushed = time.perf_counter() - t
        print(f"  colleague makes {k} records: {made:.1f} s; pushes them: {pushed:.1f} s"
              f"{f' ({retries} batches timed out and were sent again)' if retries else ''}")
        t = time.perf_counter()
        summary = me.engine.sync_once()
        pulled = time.perf_counter() - t
        found = me.store.crm.count(type="Bench")
        page = me.store.crm.find(type="Bench", limit=100)
        ready = time.perf_counter() - t
        print(f"  sync of {k} new records until searchable: {ready:.2f} s "
              f"(pull+apply {pulled:.2f} s; {summary.pulled} rows pulled incl. history; "
              f"{found} found, first page {len(page)}, numbered {page[0].task_number if page else None})")
        me.close()
        colleague.close()
    finally:
        hub.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--colleague", type=int, default=10_000)
    ap.add_argument("--db", default=None, help="hub database URL (default: SQLite in a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="wp-crm-bench-") as d:
        tmp = Path(d)
        path = tmp / "big.sqlite"
        store = Store(path)
        t = time.perf_counter()
        fill(store, args.records)
        store.close()
        print(f"CRM store: {args.records} records generated in {time.perf_counter() - t:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
        local_figures(path, args.records, args.samples)
        if args.colleague:
            colleague_sync(tmp, path, args.colleague, args.db)
    print("(shared 2-core machine: figures are noisy)")


if __name__ == "__main__":
    main()
