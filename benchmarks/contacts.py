"""Contacts figures: vCard import speed against raw vobject, search-as-you-type and caller-ID
latency, at 10 000 / 100 000 / 1 000 000 generated contacts. Prints the figures; asserts nothing.

    .venv/bin/python benchmarks/contacts.py [--sizes 10000,100000,1000000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from whitephone.core.contacts import ContactsService  # noqa: E402
from whitephone.demo import COMPANIES, PEOPLE, STREETS  # noqa: E402
from whitephone.importers import import_files  # noqa: E402
from whitephone.store import Store  # noqa: E402

CC = {"GB": "44", "US": "1", "DE": "49", "FR": "33", "PL": "48", "ES": "34", "IN": "91", "BR": "55", "JP": "81",
      "AU": "61"}
MOBILE_PREFIX = {"GB": "7700", "US": "212555", "DE": "1512", "FR": "612", "PL": "601", "ES": "612", "IN": "98765",
                 "BR": "11912", "JP": "9012", "AU": "412"}
NATIONAL_TRUNK = {"GB": "0", "DE": "0", "FR": "0", "ES": "", "PL": "", "US": "", "IN": "0", "BR": "0", "JP": "0",
                  "AU": "0"}
DIGITS = {"GB": 10, "US": 10, "DE": 11, "FR": 9, "PL": 9, "ES": 9, "IN": 10, "BR": 11, "JP": 10, "AU": 9}


def number(rng: random.Random, region: str) -> str:
    prefix = MOBILE_PREFIX[region]
    rest = "".join(rng.choice("0123456789") for _ in range(DIGITS[region] - len(prefix)))
    return f"+{CC[region]} {prefix} {rest}"


def generate(path: Path, n: int, seed: int = 1) -> list[str]:
    """Write n vCard 3.0 cards; return the numbers used (for lookups)."""
    rng = random.Random(seed)
    regions = list(PEOPLE)
    numbers = []
    with open(path, "w", encoding="utf-8", newline="") as f:
        for i in range(n):
            region = rng.choice(regions)
            given = rng.choice(PEOPLE[region][0])
            family = rng.choice(PEOPLE[region][1]) + (f"-{i % 997}" if i % 3 else "")
            city, postcode = rng.choice(PEOPLE[region][2])
            company = rng.choice(COMPANIES)[0]
            tel = number(rng, region)
            numbers.append(tel)
            lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{family};{given};;;", f"FN:{given} {family}",
                     f"ORG:{company}", "TITLE:Manager", f"TEL;TYPE=CELL:{tel}",
                     f"EMAIL;TYPE=INTERNET,WORK:{given.lower()}.{i}@example.com",
                     f"ADR;TYPE=WORK:;;{rng.randint(1, 300)} {rng.choice(STREETS)};{city};;{postcode};"
                     f"{PEOPLE[region][3]}"]
            if i % 4 == 0:
                lines.append(f"TEL;TYPE=WORK:{number(rng, region)}")
            if i % 10 == 0:
                lines.append("NOTE:Met at the trade fair\\, wants a call back.")
            lines.append("END:VCARD")
            f.write("\r\n".join(lines) + "\r\n")
    return numbers


def raw_vobject(path: Path) -> tuple[int, float]:
    import vobject

    t = time.perf_counter()
    n = 0
    with open(path, encoding="utf-8") as f:
        for _card in vobject.readComponents(f):
            n += 1
    return n, time.perf_counter() - t


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def search_latency(svc: ContactsService, store: Store, rng: random.Random, samples: int = 400) -> dict:
    sample = svc.search("", limit=2000)
    words = []
    for c in sample:
        words += [c.display_name.split()[-1], c.display_name.split()[0]]
        words += list(c.companies[:1]) + [e.split("@")[0] for e in c.emails[:1]]
        words += [p.lstrip("+")[2:9] for p in c.phones[:1]]
    times = []
    for _ in range(samples):
        w = rng.choice(words)
        for k in range(1, min(6, len(w)) + 1):  # typing, one character at a time
            t = time.perf_counter()
            svc.search(w[:k], limit=50)
            times.append((time.perf_counter() - t) * 1000)
    return {"queries": len(times), "p50_ms": statistics.median(times), "p95_ms": pct(times, 0.95),
            "max_ms": max(times)}


def lookup_latency(svc: ContactsService, numbers: list[str], rng: random.Random, samples: int = 3000) -> dict:
    times, found = [], 0
    for _ in range(samples):
        n = rng.choice(numbers)
        cc, rest = n[1:].split(" ", 1)
        fmt = rng.choice([n, "00" + n[1:], n.replace(" ", "-"), f"tel:{n.replace(' ', '')}", f"+{cc} ({rest})"])
        t = time.perf_counter()
        hits = svc.lookup(fmt)
        times.append((time.perf_counter() - t) * 1000)
        found += bool(hits)
    return {"lookups": samples, "found": found, "p50_ms": statistics.median(times), "p95_ms": pct(times, 0.95)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--dir", default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--skip-vobject", action="store_true")
    ap.add_argument("--search-only", action="store_true",
                    help="reuse the store a previous run left in --dir; measure search and lookup only")
    args = ap.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="wp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(42)
    for n in (int(x) for x in args.sizes.split(",")):
        vcf = work / f"contacts-{n}.vcf"
        t = time.perf_counter()
        numbers = generate(vcf, n)
        print(f"\n== {n:,} contacts ({vcf.stat().st_size / 1e6:.0f} MB, generated in "
              f"{time.perf_counter() - t:.1f} s)", flush=True)
        db = work / f"store-{n}.sqlite3"
        if args.search_only:
            store = Store(db)
            svc = ContactsService(store, "GB")
            _latencies(svc, store, numbers, n, rng)
            store.close()
            continue
        if not args.skip_vobject:
            count, dt = raw_vobject(vcf)
            vobject_rate = count / dt
            print(f"raw vobject parse (1 core):   {vobject_rate:8,.0f} cards/s  ({dt:.1f} s)", flush=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        store = Store(db)
        t = time.perf_counter()
        report = import_files(store, [vcf], book_id=store.books.default_id(), policy="clone", region="GB")
        dt = time.perf_counter() - t
        rate = report.imported / dt
        print(f"WhitePhone import (2 cores):  {rate:8,.0f} cards/s  ({dt:.1f} s, {report.imported:,} stored, "
              f"{len(report.errors)} errors)", flush=True)
        if not args.skip_vobject:
            print(f"import time / raw vobject time: {vobject_rate / rate:.2f} (target <= 1.25)", flush=True)
        _latencies(ContactsService(store, "GB"), store, numbers, n, rng)
        store.close()


def _latencies(svc: ContactsService, store: Store, numbers: list[str], n: int, rng: random.Random) -> None:
    if n >= 100_000:
        s = search_latency(svc, store, rng)
        target = 20 if n <= 100_000 else 60
        print(f"search-as-you-type: p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms, max {s['max_ms']:.1f} ms "
              f"over {s['queries']} queries (target p95 <= {target} ms)", flush=True)
    lk = lookup_latency(svc, numbers, rng)
    print(f"caller-ID lookup: p50 {lk['p50_ms']:.2f} ms, p95 {lk['p95_ms']:.2f} ms, "
          f"{lk['found']}/{lk['lookups']} found (target p95 <= 2 ms at 1M)", flush=True)


if __name__ == "__main__":
    main()
