"""Migrated empty databases made once per test process and copied, instead of running every
migration again for each new store file or hub database the tests open.

- Local store: `install_store_template()` wraps `whitephone.store.database.migrate` in this
  process. A database with no table at all (a new file) gets the pages of a store that the real
  migrations made on the first call (SQLite's backup API), then the real `migrate` runs and finds
  it current. Files with any table (older schemas in the migration tests) and every child process
  (CLI, window, agent) take the real path unchanged.
- Hub: `migrated_sqlite(target)` copies a hub SQLite file migrated once; `migrated_pg_template()`
  names a PostgreSQL database migrated once, for `CREATE DATABASE ... TEMPLATE`.
The migrations from an empty database still run (once per process, and in the migration tests).
"""

from __future__ import annotations

import atexit
import queue
import shutil
import sqlite3
import tempfile
import threading
import uuid
from pathlib import Path

_lock = threading.Lock()
_store_template: sqlite3.Connection | None = None
_dir = Path(tempfile.mkdtemp(prefix="whitephone-schema-"))
atexit.register(shutil.rmtree, _dir, ignore_errors=True)
_hub_sqlite: Path | None = None
_pg: dict = {}
real_store_migrate = None  # the product's migrate, set by install_store_template()


def _is_empty(dbapi_conn) -> bool:
    return dbapi_conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def install_store_template() -> None:
    from whitephone import store as store_pkg
    from whitephone.store import database

    global real_store_migrate
    real = real_store_migrate = database.migrate

    def template() -> sqlite3.Connection:
        global _store_template
        if _store_template is None:
            path = _dir / "store.sqlite3"
            engine = database.make_engine(path)
            real(engine)  # the real migrations, from an empty file
            engine.dispose()
            mem = sqlite3.connect(":memory:", check_same_thread=False)
            with sqlite3.connect(path) as src:
                src.backup(mem)
            _store_template = mem
        return _store_template

    def migrate(engine) -> None:
        raw = engine.raw_connection()
        try:
            dest = raw.driver_connection
            if _is_empty(dest):
                with _lock:
                    template().backup(dest)
        finally:
            raw.close()
        real(engine)

    database.migrate = migrate
    store_pkg.migrate = migrate  # Store.__init__/reopen call the name imported there


def migrated_sqlite(target: Path) -> Path:
    """`target`: a copy of a hub SQLite file at the newest migration."""
    global _hub_sqlite
    with _lock:
        if _hub_sqlite is None:
            from whitephone.server.db import open_engine

            path = _dir / "hub.sqlite3"
            open_engine(f"sqlite:///{path}").dispose()  # WAL folded back into the file on the last close
            _hub_sqlite = path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_hub_sqlite, target)
    return target


def migrated_pg_template(admin) -> str:
    """The name of a PostgreSQL database at the newest migration, made once per process (its
    copies are made with `CREATE DATABASE x TEMPLATE name`; nobody stays connected to it)."""
    with _lock:
        if "name" not in _pg:
            from whitephone.server.db import open_engine

            name = f"whitephone_tmpl_{uuid.uuid4().hex[:10]}"
            with admin.connect() as c:
                c.exec_driver_sql(f'CREATE DATABASE "{name}"')
            _pg["name"], _pg["admin"] = name, admin
            open_engine(admin.url.set(database=name).render_as_string(hide_password=False)).dispose()
        return _pg["name"]


_drops: queue.Queue = queue.Queue()
_dropper: threading.Thread | None = None


def _drop(admin, name: str) -> None:
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _drop_loop() -> None:
    while (job := _drops.get()) is not None:
        try:
            _drop(*job)
        except Exception:  # a database left behind is no test's failure
            pass
        job[0].dispose()


def drop_pg_later(admin, name: str) -> None:
    """Drop a test's database on a thread of its own: DROP DATABASE waits on the server's disk
    (0.2-2 s here), time the next test need not wait for. `finish()` waits for the last."""
    global _dropper
    with _lock:
        if _dropper is None:
            _dropper = threading.Thread(target=_drop_loop, name="pg-drop", daemon=True)
            _dropper.start()
    _drops.put((admin, name))


def finish() -> None:
    """At the end of the session: the pending drops, then the template."""
    if _dropper is not None:
        _drops.put(None)
        _dropper.join(120)
    if "name" in _pg:
        _drop(_pg["admin"], _pg["name"])
