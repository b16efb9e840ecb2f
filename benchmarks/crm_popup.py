"""The call-time popup and the contact timeline at scale: 100 000 contacts, 1 000 000 CRM
records and 5 000 000 timeline entries in the store (a section the lead can merge into
benchmarks/crm.py).

    .venv/bin/python benchmarks/crm_popup.py [--contacts 100000] [--entries 5000000] [--calls 30]
                                             [--db /tmp/wp-crm-popup.sqlite3]

The store is built once (cached at --db, ~several minutes) with raw executemany into a migrated
store: timeline entries are 3/5 call logs, 1/5 CRM records, 1/10 CRM notes and 1/10 contact
changes, spread over three years and all contacts; the first 200 contacts are heavy customers
(~150 entries each, some open records).

Figures:
- popup: a real `whitephone agent` calls the window's real engine from one of the heavy
  customers' numbers; time from the agent sending its INVITE (its `calling` event, same host
  clock) to the popup painted with the caller's records (CallerPopup.fill then a synchronous
  repaint): p50/p95 over --calls calls. Also the lookup alone (look_up_caller, its own thread).
- timeline first page (50 entries, all kinds) of heavy and of ordinary contacts: p50/p95.
- Recent communications first page.
The machine is shared by several engineers (2 cores): the figures are noisy.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HEAVY = 200
T0 = 1_700_000_000  # 2023-11
SPAN = 3 * 365 * 86400


def iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1000) % 1000:03d}+00:00"


def number(i: int) -> str:
    return f"+44207{i:07d}"


def build(path: Path, n_contacts: int, n_entries: int) -> None:
    from whitephone.core.contact import CompanyLink, ContactData, Phone
    from whitephone.phone import number_key
    from whitephone.store import Store

    t = time.perf_counter()
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    with Store(tmp) as store:
        book = store.books.default_id()
        batch = []
        for i in range(n_contacts):
            batch.append(ContactData(given_name=f"Given{i}", family_name=f"Family{i}",
                                     phones=[Phone(number(i), "work", number(i))],
                                     companies=[CompanyLink(f"Company {i % 5000}")] if i % 3 == 0 else [],
                                     tags=["vip"] if i % 10 == 0 else []))
            if len(batch) == 10_000:
                store.contacts.import_batch(batch, book, policy="clone")
                batch = []
        if batch:
            store.contacts.import_batch(batch, book, policy="clone")
    print(f"contacts: {n_contacts} in {time.perf_counter() - t:.0f} s", flush=True)
    db = sqlite3.connect(tmp)
    # a throw-away build: no journal, a big cache, indexes made after the rows (one sorted pass
    # each instead of random inserts into six b-trees per row), uids in increasing order
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1500000")
    db.execute("PRAGMA locking_mode=EXCLUSIVE")
    serial = iter(range(1, 10**9))

    def uid() -> str:
        n = next(serial)
        return f"{n:08x}-0000-4000-8000-{n:012x}"

    def without_indexes(table: str):
        sqls = [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                                         " AND sql IS NOT NULL", (table,))]
        for name in [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                              " AND tbl_name = ? AND sql IS NOT NULL", (table,))]:
            db.execute(f"DROP INDEX {name}")
        return sqls

    def restore(sqls) -> None:
        for sql in sqls:
            db.execute(sql)
        db.commit()
    uids = [r[0] for r in db.execute("SELECT uid FROM contacts WHERE kind = 'person' ORDER BY id")]
    ids = [r[0] for r in db.execute("SELECT id FROM contacts WHERE kind = 'person' ORDER BY id")]
    rnd = random.Random(7)

    heavy_share = HEAVY * 150 / n_entries  # ~150 entries for each heavy customer

    def who() -> int:
        return rnd.randrange(HEAVY) if rnd.random() < heavy_share else rnd.randrange(len(ids))

    def chunks(gen, size=100_000):
        buf = []
        for row in gen:
            buf.append(row)
            if len(buf) == size:
                yield buf
                buf = []
        if buf:
            yield buf

    n_calls, n_crm, n_notes = n_entries * 3 // 5, n_entries // 5, n_entries // 10
    n_changes = n_entries - n_calls - n_crm - n_notes

    def calls():
        for _ in range(n_calls):
            k = who()
            ts = T0 + rnd.random() * SPAN
            answered = rnd.random() < 0.7
            yield (uid(), rnd.choice(("in", "out")), f"sip:{number(k)}@pbx", number(k),
                   ids[k] if rnd.random() < 0.9 else None, iso(ts), rnd.randrange(600) if answered else 0,
                   "answered" if answered else "missed", "")

    t = time.perf_counter()
    idx = without_indexes("call_logs")
    for rows in chunks(calls()):
        db.executemany("INSERT INTO call_logs (uid, direction, peer_uri, number_e164, contact_id, started_at,"
                       " duration, result, recording, account, peer_name, line, reason, codec, viewed)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 'phone', '', '', 1)", rows)
    restore(idx)
    print(f"call logs: {n_calls} in {time.perf_counter() - t:.0f} s", flush=True)
    types = ("Sales enquiry", "Support", "Complaint", "Follow-up")
    record_uids: list[str] = []

    def records():
        for j in range(n_crm):
            k = who()
            ts = T0 + rnd.random() * SPAN
            u = uid()
            if len(record_uids) < 2_000_000:
                record_uids.append(u)
            is_open = rnd.random() < (0.3 if k < HEAVY else 0.1)
            num = number(k) if rnd.random() < 0.3 else None
            yield (u, j + 1, rnd.choice(types), rnd.choice(("low", "medium", "high")),
                   "open" if is_open else "closed", f"Subject {j}", uids[k], num, number_key(num),
                   iso(ts), iso(ts), None if is_open else iso(ts + 3600))

    t = time.perf_counter()
    idx = without_indexes("crm_records")
    for rows in chunks(records()):
        db.executemany("INSERT INTO crm_records (uid, task_number, type, priority, status, subject, contact, number,"
                       " number_key, created_at, updated_at, closed_at, owner_name)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
                       rows)
    restore(idx)
    print(f"CRM records: {n_crm} in {time.perf_counter() - t:.0f} s", flush=True)

    def notes():
        for _ in range(n_notes):
            yield (uid(), rnd.choice(record_uids), "A note about the call", "Agent",
                   iso(T0 + rnd.random() * SPAN))

    t = time.perf_counter()
    idx = without_indexes("crm_notes") + without_indexes("contact_history")
    for rows in chunks(notes()):
        db.executemany("INSERT INTO crm_notes (uid, record, body, author_name, created_at, private)"
                       " VALUES (?, ?, ?, ?, ?, 0)", rows)
    db.commit()

    def changes():
        for _ in range(n_changes):
            k = who()
            yield (uids[k], iso(T0 + rnd.random() * SPAN), "hub", "", "notes", "before", "after")

    for rows in chunks(changes()):
        db.executemany("INSERT INTO contact_history (contact_uid, at, source, who, field, old, new)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    restore(idx)
    print(f"CRM notes {n_notes} and contact changes {n_changes} in {time.perf_counter() - t:.0f} s", flush=True)
    db.execute("ANALYZE")
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    os.replace(tmp, path)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def line(name: str, xs: list[float]) -> None:
    print(f"{name:52s} p50 {statistics.median(xs):7.2f} ms   p95 {pct(xs, 95):7.2f} ms   max {max(xs):7.2f} ms"
          f"   (n={len(xs)})", flush=True)


def store_figures(path: Path) -> None:
    from whitephone.core.caller import look_up_caller
    from whitephone.store import Store

    with Store(path) as store:
        with store.engine.connect() as c:
            counts = {t: c.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                      for t in ("contacts", "call_logs", "crm_records", "crm_notes", "contact_history")}
        print("store:", ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
        rnd = random.Random(1)
        heavy = [rnd.randrange(1, HEAVY) for _ in range(200)]
        with store.engine.connect() as c:
            people = c.exec_driver_sql("SELECT count(*) FROM contacts WHERE kind = 'person'").scalar()
        ordinary = [rnd.randrange(HEAVY, people) for _ in range(200)]
        with store.engine.connect() as c:
            ids = {i: c.exec_driver_sql("SELECT contact_id FROM phones WHERE e164 = ?", (number(i),)).scalar()
                   for i in heavy + ordinary}
        for name, sample in (("timeline first page, heavy customer", heavy),
                             ("timeline first page, ordinary contact", ordinary)):
            xs, sizes = [], []
            for i in sample:
                t = time.perf_counter()
                page = store.timeline.for_contact(ids[i], limit=50)
                xs.append((time.perf_counter() - t) * 1000)
                sizes.append(len(page))
            line(name + f" ({statistics.mean(sizes):.0f} rows)", xs)
        xs = []
        for i in heavy[:100]:
            first = store.timeline.for_contact(ids[i], limit=50)
            t = time.perf_counter()
            store.timeline.for_contact(ids[i], limit=50, before=first[-1].cursor)
            xs.append((time.perf_counter() - t) * 1000)
        line("timeline second page, heavy customer", xs)
        xs = []
        for i in heavy[:100]:
            t = time.perf_counter()
            store.timeline.for_contact(ids[i], limit=50, kinds=["call"], since="2025-01-01")
            xs.append((time.perf_counter() - t) * 1000)
        line("timeline calls since 2025, heavy customer", xs)
        xs = []
        for _ in range(50):
            t = time.perf_counter()
            store.timeline.recent(limit=50)
            xs.append((time.perf_counter() - t) * 1000)
        line("Recent communications first page", xs)
        xs = []
        for i in heavy[:100] + ordinary[:100]:
            t = time.perf_counter()
            look_up_caller(store, f"sip:{number(i)}@pbx", number(i))
            xs.append((time.perf_counter() - t) * 1000)
        line("caller lookup (contact, records, timeline)", xs)


def popup_figures(path: Path, n_calls: int) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.sip.agents import AgentProcess
    from whitephone.app import App
    from whitephone.ui.caller_popup import CallerPopup
    from whitephone.ui.main_window import MainWindow

    qapp = QApplication.instance() or QApplication([])
    home = Path(tempfile.mkdtemp(prefix="wp-popup-bench-"))
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    profile = home / "profile"
    profile.mkdir()
    shutil.copy(path, profile / "whitephone.sqlite3")
    painted: dict[str, float] = {}
    real_fill = CallerPopup.fill

    def fill(self, info):
        real_fill(self, info)
        self.repaint()
        painted[info.number or ""] = time.time()
        self.took = info.took_ms

    CallerPopup.fill = fill
    import logging

    logging.disable(logging.WARNING)
    app = App.open(profile)
    app.profile.region = "GB"
    w = MainWindow(app)
    w.show()
    w.start_engine(["--listen", "127.0.0.1:0", "--no-audio"])

    def wait(cond, timeout=15.0):
        end = time.time() + timeout
        while not cond():
            qapp.processEvents()
            time.sleep(0.001)
            if time.time() > end:
                raise TimeoutError

    wait(lambda: w.calls.ready is not None)
    ctl = w.calls
    totals, lookups = [], []
    rnd = random.Random(3)
    for _ in range(n_calls):
        k = rnd.randrange(1, HEAVY)
        with AgentProcess("--account", f"sip:{number(k)}@127.0.0.1", ipc=True) as peer:
            peer.send(cmd="call", uri=f"sip:me@{ctl.ready['address']}")
            sent = peer.wait_for("calling")["t"]
            wait(lambda k=k: number(k) in painted)
            totals.append((painted.pop(number(k)) - sent) * 1000)
            popup = next(iter(ctl.popups.values()))
            lookups.append(popup.took)
            assert popup.records.topLevelItemCount() > 0, "the heavy customer's records are shown"
            peer.send(cmd="hangup", call=peer.wait_for("calling")["call"])
            peer.wait_for("ended")
            wait(lambda: not ctl.popups)
    line("INVITE sent -> popup painted with records", totals)
    line("  of which the lookup (worker thread)", lookups)
    w.calls.windows.clear()
    w.shutdown()
    app.close()
    shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contacts", type=int, default=100_000)
    ap.add_argument("--entries", type=int, default=5_000_000)
    ap.add_argument("--calls", type=int, default=30)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "wp-crm-popup.sqlite3")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--popup-only", action="store_true", help="skip the store figures")
    a = ap.parse_args()
    if a.rebuild or not a.db.exists():
        build(a.db, a.contacts, a.entries)
    if not a.popup_only:
        store_figures(a.db)
    if a.calls:
        popup_figures(a.db, a.calls)


if __name__ == "__main__":
    main()
