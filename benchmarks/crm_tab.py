"""CRM tab figures at 1 000 000 records (issue 13): what a filter change reads before the list
shows its first page (find + count + the page's contact names, as CrmListModel.load does), the
Task ID lookup (View Task), a page fetched further down (fetchMore, offset paging) and the
reports (the Reports window's read). Prints the figures; asserts nothing.

    .venv/bin/python benchmarks/crm_tab.py [--records 1000000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from whitephone.core import crm_reports  # noqa: E402
from whitephone.store import Store  # noqa: E402
from whitephone.store import models as m  # noqa: E402
from whitephone.store.crm import DEFAULT_TYPES, PRIORITIES  # noqa: E402

BATCH = 20_000


def fill(store: Store, n: int, seed: int = 1) -> None:
    """n records in bulk (the kept counts follow by their triggers): 70 % closed, task numbers
    1..n, a tenth with a reminder, spread over two years."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with store.engine.begin() as conn:
        for lo in range(0, n, BATCH):
            rows = []
            for i in range(lo, min(n, lo + BATCH)):
                created = start + timedelta(seconds=i * 60)
                closed = rng.random() < 0.7
                rows.append({
                    "uid": str(uuid.UUID(int=rng.getrandbits(128))), "task_number": i + 1,
                    "type": rng.choice(DEFAULT_TYPES), "priority": rng.choice(PRIORITIES),
                    "status": "closed" if closed else "open", "subject": f"Record {i}",
                    "number": f"+44207946{rng.randrange(10**4):04d}", "group_id": rng.choice((None, None, None, 3)),
                    "owner_id": rng.choice((1, 2, 3)), "owner_name": rng.choice(("Ana", "Jan", "Mary")),
                    "remind_at": (created + timedelta(days=3)).isoformat() if rng.random() < 0.1 else None,
                    "created_at": created.isoformat(), "updated_at": created.isoformat(),
                    "closed_at": (created + timedelta(days=1)).isoformat() if closed else None})
            conn.execute(insert(m.crm_records), rows)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def show(name: str, times: list[float]) -> None:
    ms = [t * 1000 for t in times]
    print(f"{name:48s} n={len(ms):5d}  p50={statistics.median(ms):8.2f} ms  p95={pct(ms, 95):8.2f} ms  "
          f"max={max(ms):8.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="wp-crm-bench-"))
    store = Store(folder / "wp.db")
    crm = store.crm
    if crm.count() < args.records:
        t = time.perf_counter()
        fill(store, args.records - crm.count())
        print(f"filled {args.records} records in {time.perf_counter() - t:.1f} s ({folder})")

    def first_page(**f):
        page = crm.find(offset=0, limit=200, **f)
        crm.count(**f)
        store.contacts.names_by_uid(r.contact for r in page)

    combos = [dict(zip(("type", "status", "priority"), c, strict=True))
              for c in itertools.product((None, *DEFAULT_TYPES), (None, "open", "closed"), (None, *PRIORITIES))]
    combos = [{k: v for k, v in c.items() if v is not None} for c in combos]
    times = []
    for _ in range(3):
        for f in combos:
            t = time.perf_counter()
            first_page(**f)
            times.append(time.perf_counter() - t)
    show(f"filter change (first page + count), {len(combos)} filters", times)
    rng = random.Random(2)
    times = []
    for _ in range(1000):
        n = rng.randrange(1, args.records + 1)
        t = time.perf_counter()
        r = crm.get(str(n))
        times.append(time.perf_counter() - t)
        assert r is not None and r.task_number == n
    show("Task ID lookup (View Task)", times)
    for offset in (10_000, 100_000, 500_000):
        if offset >= args.records:
            continue
        times = []
        for _ in range(5):
            t = time.perf_counter()
            crm.find(offset=offset, limit=200)
            times.append(time.perf_counter() - t)
        show(f"a page at row {offset} by OFFSET (before)", times)
        last = crm.find(offset=offset - 1, limit=1)[0]
        for f in ({}, {"status": "open"}, {"type": DEFAULT_TYPES[1]}):
            times = []
            for _ in range(5):
                t = time.perf_counter()
                crm.find(after=last.cursor, limit=200, **f)
                times.append(time.perf_counter() - t)
            show(f"a page at row {offset} by keyset (fetchMore) {f or ''}", times)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        crm_reports.all_reports(store, period="week")
        times.append(time.perf_counter() - t)
    show("all reports (the Reports window's read)", times)
    store.close()


if __name__ == "__main__":
    main()
