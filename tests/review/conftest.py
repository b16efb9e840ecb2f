"""The hub fixtures of tests/server (a real hub on a free port, SQLite and PostgreSQL)."""

from tests.server.conftest import client, db_url, hub  # noqa: F401
