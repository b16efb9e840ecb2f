"""Diary figures: .ics import speed against `icalendar`'s own parse of the same file, and the
month query (`store.diary.occurrences`) with 50 000 appointments in the store.

    PYTHONPATH=. .venv/bin/python benchmarks/diary.py [--events 10000] [--appointments 50000]

1. Import: a generated .ics of N events (one in ten repeats weekly with an EXDATE and a moved
   occurrence, one in five has an alarm, all with TZID Europe/Berlin and a VTIMEZONE) is parsed by
   `icalendar.Calendar.from_ical` (parsing only, nothing stored) and imported by
   `DiaryStore.import_ics` into a fresh SQLite file (parse, convert, store with outbox rows).
2. Month: 50 000 appointments, ~2 000 in each month over two years (100 of them endless weekly
   series), in a SQLite file; `occurrences()` for each month, cold (new process-level cache) and
   warm (the window switching back and forth); p50/p95/max in ms.

Figures on a shared machine are noisy; compare runs made one after the other.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from whitephone.core.diary import Appointment
from whitephone.store import Store
from whitephone.store.diary import DiaryStore

BERLIN = ZoneInfo("Europe/Berlin")


def make_ics(path: Path, n: int) -> None:
    rnd = random.Random(7)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    cal = icalendar.Calendar()
    cal.add("PRODID", "x")
    ev = icalendar.Event()
    ev.add("DTSTART", datetime(2026, 1, 1, tzinfo=BERLIN))
    cal.add_component(ev)
    cal.add_missing_timezones()
    tz = next(c for c in cal.subcomponents if c.name == "VTIMEZONE").to_ical().decode().strip()
    out.append(tz)
    base = datetime(2026, 1, 1, 8, 0)
    for i in range(n):
        s = base + timedelta(days=rnd.randrange(730), minutes=15 * rnd.randrange(40))
        e = s + timedelta(minutes=30 * rnd.randrange(1, 5))
        lines = ["BEGIN:VEVENT", f"UID:bench-{i}@example.com", "DTSTAMP:20260101T000000Z",
                 f"DTSTART;TZID=Europe/Berlin:{s:%Y%m%dT%H%M%S}", f"DTEND;TZID=Europe/Berlin:{e:%Y%m%dT%H%M%S}",
                 f"SUMMARY:Meeting {i} with Müller & Søn — quarterly review of the account",
                 "LOCATION:Room 4\\, second floor", "DESCRIPTION:Agenda: numbers\\, plans\\; next steps\\n"
                 "bring the contract"]
        if i % 10 == 0:
            lines += ["RRULE:FREQ=WEEKLY;COUNT=20",
                      f"EXDATE;TZID=Europe/Berlin:{s + timedelta(weeks=2):%Y%m%dT%H%M%S}"]
        if i % 5 == 0:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM"]
        lines.append("END:VEVENT")
        if i % 10 == 0:
            m = s + timedelta(weeks=3)
            lines += ["BEGIN:VEVENT", f"UID:bench-{i}@example.com", "DTSTAMP:20260101T000000Z",
                      f"RECURRENCE-ID;TZID=Europe/Berlin:{m:%Y%m%dT%H%M%S}",
                      f"DTSTART;TZID=Europe/Berlin:{m + timedelta(hours=2):%Y%m%dT%H%M%S}",
                      f"DTEND;TZID=Europe/Berlin:{m + timedelta(hours=3):%Y%m%dT%H%M%S}",
                      f"SUMMARY:Meeting {i} (moved)", "END:VEVENT"]
        out += lines
    out.append("END:VCALENDAR")
    path.write_text("\r\n".join(out) + "\r\n", "utf-8")


def bench_import(tmp: Path, n: int) -> None:
    f = tmp / "bench.ics"
    make_ics(f, n)
    data = f.read_bytes()
    t0 = time.perf_counter()
    cal = icalendar.Calendar.from_ical(data)
    t_parse = time.perf_counter() - t0
    vevents = sum(1 for c in cal.subcomponents if c.name == "VEVENT")
    store = Store(tmp / "import.db")
    store.diary.default_timezone = "Europe/Berlin"
    t0 = time.perf_counter()
    r = store.diary.import_ics([f])
    t_import = time.perf_counter() - t0
    store.close()
    print(f"import: {n} events ({vevents} VEVENTs incl. overrides, {len(data) / 2**20:.1f} MiB); "
          f"imported {r['imported']}, errors {len(r['errors'])}")
    print(f"  icalendar.Calendar.from_ical alone: {t_parse:.2f} s = {vevents / t_parse:,.0f} VEVENTs/s")
    print(f"  whitephone diary import_ics (parse + convert + store): {t_import:.2f} s = "
          f"{vevents / t_import:,.0f} VEVENTs/s ({t_import / t_parse:.2f}x icalendar's parse)")


def bench_month(tmp: Path, total: int) -> None:
    rnd = random.Random(11)
    store = Store(tmp / "month.db")
    store.diary.default_timezone = "Europe/Berlin"
    start = datetime(2026, 1, 1, tzinfo=BERLIN)
    items = []
    for i in range(total):
        s = start + timedelta(days=rnd.randrange(730), minutes=15 * rnd.randrange(40, 72))
        a = Appointment(uid=f"b{i}", subject=f"Appointment {i}", start=s, end=s + timedelta(minutes=45),
                        timezone="Europe/Berlin", ical_uid=f"b{i}")
        if i < 100:
            a.rrule = "FREQ=WEEKLY"
        items.append(a)
    t0 = time.perf_counter()
    for i in range(0, len(items), 5000):
        store.diary.store_imported(items[i:i + 5000], "skip")
    print(f"month: {total} appointments stored in {time.perf_counter() - t0:.1f} s")
    months = [start.replace(year=2026 + m // 12, month=m % 12 + 1) for m in range(24)]
    spans = [(m, (m + timedelta(days=32)).replace(day=1)) for m in months]
    fresh = DiaryStore(store.engine, "Europe/Berlin")
    cold, counts, cold_cpu = [], [], []
    for lo, hi in spans:
        t0, c0 = time.perf_counter(), time.process_time()
        occ = fresh.occurrences(lo, hi)
        cold.append((time.perf_counter() - t0) * 1000)
        cold_cpu.append((time.process_time() - c0) * 1000)
        counts.append(len(occ))
    warm, warm_cpu = [], []
    for _ in range(3):
        for lo, hi in spans:
            t0, c0 = time.perf_counter(), time.process_time()
            fresh.occurrences(lo, hi)
            warm.append((time.perf_counter() - t0) * 1000)
            warm_cpu.append((time.process_time() - c0) * 1000)

    def p(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]

    print(f"  occurrences per month: {min(counts)}-{max(counts)} (mean {statistics.mean(counts):.0f})")
    print(f"  occurrences(month) first view (cold): p50 {p(cold, .5):.1f} ms, p95 {p(cold, .95):.1f} ms, "
          f"max {max(cold):.1f} ms")
    print(f"  occurrences(month) switching months (warm): p50 {p(warm, .5):.1f} ms, p95 {p(warm, .95):.1f} ms, "
          f"max {max(warm):.1f} ms")
    # CPU time of this process: what the query costs when it does not wait for a core
    print(f"  CPU time: cold p50 {p(cold_cpu, .5):.1f} ms, p95 {p(cold_cpu, .95):.1f} ms; "
          f"warm p50 {p(warm_cpu, .5):.1f} ms, p95 {p(warm_cpu, .95):.1f} ms")
    import os
    print(f"  load average while measured: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    store.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--appointments", type=int, default=50_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        bench_import(Path(d), args.events)
        bench_month(Path(d), args.appointments)
    return 0


if __name__ == "__main__":
    sys.exit(main())
