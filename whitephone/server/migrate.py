"""The hub's schema migrations (Alembic, `whitephone/server/migrations`), run on every start.

Several hub processes may start together on one PostgreSQL: the upgrade runs in one transaction
under an advisory lock, so the second process waits and then finds the schema current. On SQLite
the upgrade runs in one `BEGIN IMMEDIATE` transaction on a private connection, so a crash half-way
leaves the old schema (SQLite's DDL is transactional once pysqlite stops managing transactions).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BASELINE = "0001"  # the schema create_all made before the hub had migrations
_LOCK_KEY = 424243


def _config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _migration_engine(engine: Engine) -> Engine:
    if engine.dialect.name != "sqlite":
        return create_engine(engine.url)
    eng = create_engine(engine.url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(eng, "connect")
    def _no_implicit_transactions(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(eng, "begin")
    def _immediate(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return eng


def _schema_current(engine: Engine) -> bool:
    """The schema is at the head, told by one plain query and the migration files, without
    importing Alembic (whitephone/revisions.py); False when unsure (then Alembic decides)."""
    from whitephone.revisions import head_revision as files_head

    head = files_head(MIGRATIONS_DIR / "versions")
    if head is None:
        return False
    with engine.connect() as conn:
        if not conn.dialect.has_table(conn, "alembic_version"):
            return False
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [head]


def migrate(engine: Engine) -> bool:
    """Bring the database to the newest revision; True if anything was applied. Alembic is
    imported only when a migration is due."""
    if _schema_current(engine):
        return False
    from alembic import command

    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return False
    cfg = _config()
    mig = _migration_engine(engine)
    try:
        with mig.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
            current = current_revision(conn)
            if current == head:
                return False  # another process migrated while we waited for the lock
            cfg.attributes["connection"] = conn
            if current is None and inspect(conn).has_table("users"):
                # A database made by create_all before migrations existed: it is the baseline.
                log.info("hub database predates migrations: stamping %s", BASELINE)
                command.stamp(cfg, BASELINE)
            log.info("migrating hub database from %s to %s", current, head)
            command.upgrade(cfg, "head")
    finally:
        mig.dispose()
    return True
