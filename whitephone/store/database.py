"""Opening the local SQLite database: WAL, foreign keys, IMMEDIATE write transactions,
Alembic migrations on start-up."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_WRITE = "wp_write"


def _regexp(pattern: str, value: str | None) -> bool:
    return value is not None and re.search(pattern, value) is not None


def _fold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None


def database_failure(exc: BaseException) -> str | None:
    """The reason in words when `exc` is SQLite refusing the file (damaged, not a database, locked,
    disk full), else None."""
    from sqlalchemy.exc import DBAPIError

    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.DatabaseError):
        return None
    reason = str(orig)
    if "malformed" in reason or "not a database" in reason:
        reason += " (the file is damaged: restore a backup, or move it away to start with an empty one)"
    return reason


def plain_reason(exc: BaseException) -> str:
    """A failure of a store call in words for the user: never a raw SQL statement."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(exc, DBAPIError):
        return "the address book file could not be written" if not isinstance(exc, OperationalError) \
            else f"the address book file is busy or damaged: {exc.orig}"
    return str(exc)


def make_engine(path: Path | str | None) -> Engine:
    """An engine on the SQLite file `path` (None: a private in-memory database)."""
    if path is None:
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        engine = create_engine(
            f"sqlite:///{Path(path)}",
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=4,
            max_overflow=4,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # We issue BEGIN ourselves (see _on_begin), so pysqlite must not.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if path is not None:
            # WAL + synchronous=NORMAL: a kill -9 at any moment loses at most the transaction
            # being written and never corrupts the file (only power loss can drop the last ones).
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        # Reads go through SQLite's own page cache (8 MiB per connection), not a memory map: a
        # mapped file counts every page touched (and the kernel maps up to 16 neighbours of each)
        # in the window's resident memory, ~60-95 MiB at 100 000 contacts, while searches at
        # 100 000 measured no slower without it (issue 18, benchmarks/startup.py).
        cur.execute("PRAGMA cache_size=-8192")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()
        dbapi_conn.create_function("regexp", 2, _regexp, deterministic=True)
        # SQLite's lower() folds ASCII only; searches fold like Python ("MÜLLER" -> "müller")
        dbapi_conn.create_function("wp_fold", 1, _fold, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that upgrades from read
        # to write can fail with SQLITE_BUSY without waiting, IMMEDIATE waits its turn.
        immediate = conn.get_execution_options().get(_WRITE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def release_page_caches(engine: Engine) -> int:
    """Free the page cache of every connection idle in the pool (`PRAGMA shrink_memory`); returns
    how many. A connection's cache fills up to 8 MiB as searches read (see cache_size above) and
    stays resident while the window idles in the tray: at 100 000 contacts the three caches held
    ~8 MiB of the window's idle memory (issue 18, benchmarks/startup.py). They refill from the
    operating system's file cache on the next reads. Connections in use are left alone: only those
    the pool hands out now are shrunk (a connection made meanwhile starts with an empty cache)."""
    pool = engine.pool
    idle = pool.checkedin() if hasattr(pool, "checkedin") else 0
    taken = []
    try:
        for _ in range(idle):
            taken.append(engine.raw_connection())
        for conn in taken:
            cur = conn.cursor()
            try:
                cur.execute("PRAGMA shrink_memory")
            finally:
                cur.close()
    finally:
        for conn in taken:
            conn.close()  # back to the pool
    return len(taken)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One atomic write: all or nothing, even if the process is killed half-way."""
    with engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
        yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A consistent snapshot for several reads."""
    with engine.connect() as conn, conn.begin():
        yield conn


def current_revision(engine: Engine) -> str | None:
    """The store's schema revision, by one plain query (None: a new or pre-migration file)."""
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() if has_table else None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (runs on every start). Alembic is imported only
    when a migration is due: the head is read from the migration files (whitephone/revisions.py)."""
    from whitephone.revisions import head_revision

    current = current_revision(engine)
    if current is not None and current == head_revision(MIGRATIONS_DIR / "versions"):
        return
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    if current == head:
        return
    log.info("migrating local store from %s to %s", current, head)
    with engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
