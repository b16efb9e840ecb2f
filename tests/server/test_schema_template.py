"""The tests' hub databases made from a template (tests/schema_templates.py) equal ones the hub's
own migrations make."""

from __future__ import annotations

import sqlalchemy as sa

from tests import schema_templates
from tests.server.conftest import _pg_database
from whitephone.server.db import open_engine


def _schema(url: str) -> dict:
    engine = sa.create_engine(url)
    try:
        insp = sa.inspect(engine)
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        return {"version": version, **{t: sorted((c["name"], str(c["type"])) for c in insp.get_columns(t))
                                       for t in insp.get_table_names()}}
    finally:
        engine.dispose()


def test_a_copied_sqlite_hub_database_equals_a_migrated_one(tmp_path):
    open_engine(f"sqlite:///{tmp_path / 'real.sqlite3'}").dispose()
    schema_templates.migrated_sqlite(tmp_path / "copy.sqlite3")
    assert _schema(f"sqlite:///{tmp_path / 'copy.sqlite3'}") == _schema(f"sqlite:///{tmp_path / 'real.sqlite3'}")


def test_a_postgresql_database_from_the_template_equals_a_migrated_one():
    admin, real = _pg_database()
    _, copy = _pg_database(template=True)
    base = "postgresql+psycopg://postgres@127.0.0.1:5432/"
    try:
        open_engine(base + real).dispose()
        assert _schema(base + copy) == _schema(base + real)
    finally:
        schema_templates.drop_pg_later(admin, real)
        schema_templates.drop_pg_later(sa.create_engine(admin.url, isolation_level="AUTOCOMMIT"), copy)
