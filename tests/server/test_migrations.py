"""The hub's Alembic migrations on SQLite and PostgreSQL: fresh database, no-op second start,
the migrated schema equals the table metadata, and a pre-migration database is adopted."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tests.server.conftest import RunningHub, bearer, register
from whitephone.server import migrate
from whitephone.server.db import metadata, open_engine

pytestmark = pytest.mark.timeout(120)


def _diff(engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)


def test_fresh_database_migrates_to_head_and_matches_the_metadata(db_url):
    engine = sa.create_engine(db_url)
    try:
        assert migrate.migrate(engine) is True
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
        assert _diff(engine) == []
        assert migrate.migrate(engine) is False  # second start: nothing to do
    finally:
        engine.dispose()


def test_hubs_starting_together_migrate_once(db_url):
    import threading

    engines = [sa.create_engine(db_url) for _ in range(3)]
    results, errors = [], []

    def start(engine):
        try:
            results.append(migrate.migrate(engine))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        # PostgreSQL: advisory lock; SQLite: BEGIN IMMEDIATE. Either way one upgrades, the rest wait.
        assert errors == [] and sorted(results) == [False, False, True]
        assert _diff(engines[0]) == []
    finally:
        for e in engines:
            e.dispose()


def test_second_start_keeps_the_data(db_url, tmp_path):
    first = RunningHub(db_url, tmp_path)
    try:
        with httpx.Client(base_url=first.base, timeout=20) as c:
            tokens = register(c, "Acme", "m@acme.test")
    finally:
        first.stop()
    second = RunningHub(db_url, tmp_path)
    try:
        with httpx.Client(base_url=second.base, timeout=20) as c:
            assert c.get("/api/v1/me", headers=bearer(tokens)).json()["email"] == "m@acme.test"
        with second.app.state.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        second.stop()


def test_database_made_before_migrations_is_stamped_and_upgraded(db_url):
    from alembic import command

    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as conn:  # what create_all made before the hub had migrations
            cfg = migrate._config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, migrate.BASELINE)
            conn.exec_driver_sql("DROP TABLE alembic_version")
            conn.exec_driver_sql("INSERT INTO companies (name, created) VALUES ('Old', 1.0)")
        engine.dispose()
        engine = open_engine(db_url)
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert conn.exec_driver_sql("SELECT name FROM companies").scalar_one() == "Old"
        assert _diff(engine) == []
    finally:
        engine.dispose()
