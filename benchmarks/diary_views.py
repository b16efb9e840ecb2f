"""Diary views' paint and switch times (offscreen Qt): a store of 50 000 appointments (2 000 in
each month shown), the month view painted, and months switched (the store's occurrences of the
next month read and placed in its days, as the tab's read worker does, then laid out and painted
on the UI thread), p50/p95 in milliseconds; also the week view.

    .venv/bin/python benchmarks/diary_views.py [--appointments 50000] [--per-month 2000] [--runs 30]
                                               [--gc-freeze]

Figures are noisy on a shared machine; the goal is p95 <= 50 ms for render and switch."""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from whitephone.core.diary import Appointment  # noqa: E402
from whitephone.store import Store  # noqa: E402
from whitephone.ui.diary import layout  # noqa: E402
from whitephone.ui.diary.views import MonthView, TimeGridView  # noqa: E402

TZ = ZoneInfo("Europe/London")
FIRST = date(2025, 1, 1)


def fill(store: Store, n: int, per_month: int) -> None:
    rnd = random.Random(15)
    months = max(1, n // per_month)
    items = []
    for i in range(n):
        m = i % months
        year, month = FIRST.year + (FIRST.month - 1 + m) // 12, (FIRST.month - 1 + m) % 12 + 1
        day = rnd.randint(1, 28)
        start = datetime(year, month, day, rnd.randint(7, 18), rnd.choice((0, 15, 30, 45)), tzinfo=TZ)
        all_day = rnd.random() < 0.05
        if all_day:
            start = start.replace(hour=0, minute=0)
        end = start + (timedelta(days=1) if all_day else timedelta(minutes=rnd.choice((15, 30, 60, 90))))
        items.append(Appointment(uid=str(uuid.uuid4()), subject=f"Appointment {i}", start=start, end=end,
                                 all_day=all_day, timezone="Europe/London"))
    for k in range(0, len(items), 5000):
        store.diary.store_imported(items[k:k + 5000], "skip")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class GcPauses:
    """Collections of the cyclic garbage collector while measuring (a gen-2 pass over the
    store's cache of parsed appointments shows up as a p95 outlier)."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._t = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._t = time.perf_counter()
        elif info.get("generation") == 2:
            self.pauses.append((time.perf_counter() - self._t) * 1000)


def measure(store: Store, view, name: str, runs: int, months: int) -> None:
    pauses = GcPauses()
    gc.callbacks.append(pauses)
    view.resize(1200, 760)
    view.show()
    render, switch, ui, read, counts = [], [], [], [], []
    anchor = FIRST.replace(day=15)
    for i in range(runs):
        anchor_i = layout.step("month", anchor, i % months) if name == "month" else anchor + timedelta(days=7 * i)
        days = layout.visible_days(name, anchor_i)
        t = time.perf_counter()
        lo, hi = layout.range_bounds(days, TZ)
        occs = store.diary.occurrences(lo, hi)
        placed = [layout.place(o, TZ) for o in occs]  # the tab does this on its read worker too
        per_day = layout.by_day(placed, days)
        packed = layout.pack_days(per_day) if name != "month" else None
        t_read = time.perf_counter()
        view.show_placed(days, anchor_i, placed, per_day, TZ, packed=packed)
        view.grab()  # paints the whole view
        t_done = time.perf_counter()
        switch.append((t_done - t) * 1000)
        read.append((t_read - t) * 1000)
        ui.append((t_done - t_read) * 1000)
        t = time.perf_counter()
        view.grab()
        render.append((time.perf_counter() - t) * 1000)
        counts.append(len(occs))
    print(f"{name:6s} view, {statistics.mean(counts):.0f} occurrences shown on average (p50 / p95 ms):")
    print(f"   render (paint)                           {pct(render, 50):6.1f} / {pct(render, 95):6.1f}")
    print(f"   switch on the UI thread (layout + paint) {pct(ui, 50):6.1f} / {pct(ui, 95):6.1f}")
    print(f"   read + place (the tab's read worker)     {pct(read, 50):6.1f} / {pct(read, 95):6.1f}")
    print(f"   switch in all                            {pct(switch, 50):6.1f} / {pct(switch, 95):6.1f}")
    gc.callbacks.remove(pauses)
    if pauses.pauses:
        print(f"   full garbage collections meanwhile: {len(pauses.pauses)}, longest {max(pauses.pauses):.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--appointments", type=int, default=50_000)
    ap.add_argument("--per-month", type=int, default=2_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--gc-freeze", action="store_true", help="gc.freeze() after the store is filled")
    args = ap.parse_args()
    QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        t = time.perf_counter()
        fill(store, args.appointments, args.per_month)
        print(f"store: {store.diary.count()} appointments written in {time.perf_counter() - t:.1f} s")
        months = max(1, args.appointments // args.per_month)
        if args.gc_freeze:  # what the app could do once started: the loaded objects leave the GC's scans
            gc.collect()
            gc.freeze()
        measure(store, MonthView(), "month", args.runs, months)
        measure(store, TimeGridView("week"), "week", args.runs, months)
        store.close()


if __name__ == "__main__":
    main()
