"""A kill -9 in the middle of writing leaves a consistent database and an intact outbox."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

from whitephone.store import Store

WRITER = textwrap.dedent("""
    import sys
    from whitephone.store import Store
    from whitephone.core.contact import ContactData, Phone
    s = Store(sys.argv[1])
    book = s.books.default_id()
    i = 0
    while True:
        batch = [ContactData(given_name=f"P{i}-{k}", family_name="Crash",
                             phones=[Phone(str(k), "mobile", f"+4420{i:05d}{k:04d}")])
                 for k in range(200)]
        s.contacts.import_batch(batch, book, "clone")
        i += 1
        print(i, flush=True)
""")


def test_kill_9_during_import_keeps_store_consistent(tmp_path):
    db = tmp_path / "crash.sqlite3"
    Store(db).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        # wait for a few committed batches, then kill while the next one is being written
        for _ in range(5):
            assert proc.stdout.readline()
        time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    s = Store(db)
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        contacts = conn.exec_driver_sql("SELECT count(*) FROM contacts").scalar()
        phones = conn.exec_driver_sql("SELECT count(*) FROM phones").scalar()
        fts = conn.exec_driver_sql("SELECT count(*) FROM contact_fts").scalar()
        outbox = conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar()
    assert contacts >= 1000 and contacts % 200 == 0  # only whole batches
    assert phones == fts == contacts
    assert outbox == contacts + 1  # + the address book
    # the store still works after the crash
    assert s.contacts.search(__import__("whitephone.core.search", fromlist=["x"]).parse_query("crash"), limit=5)
    s.close()
