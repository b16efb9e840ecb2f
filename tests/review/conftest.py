"""Review tests reuse the project's real fixtures: a hub (uvicorn thread, SQLite and PostgreSQL)."""

from tests.server.conftest import client, db_url, hub  # noqa: F401  (fixtures re-exported)
