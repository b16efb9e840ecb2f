"""The tests' shortcut for new store files (tests/schema_templates.py) gives exactly the database
the real migrations make, and leaves files that already have tables to the real migrations."""

from __future__ import annotations

import sqlite3

from tests import schema_templates
from whitephone.store import Store
from whitephone.store.database import make_engine


def _schema(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())


def _version(path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_a_new_store_file_equals_one_made_by_the_real_migrations(tmp_path):
    real = tmp_path / "real.sqlite3"
    engine = make_engine(real)
    schema_templates.real_store_migrate(engine)
    engine.dispose()
    Store(tmp_path / "copied.sqlite3").close()
    assert _schema(tmp_path / "copied.sqlite3") == _schema(real)
    assert _version(tmp_path / "copied.sqlite3") == _version(real)
    with sqlite3.connect(tmp_path / "copied.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_file_with_tables_is_migrated_by_the_real_migrations(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE keep_me (x INTEGER)")
        conn.execute("INSERT INTO keep_me VALUES (7)")
    Store(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT x FROM keep_me").fetchall() == [(7,)]
    assert _version(path) == _version_of_new(tmp_path)


def _version_of_new(tmp_path) -> str:
    Store(tmp_path / "new.sqlite3").close()
    return _version(tmp_path / "new.sqlite3")
