"""Fixtures for the break-it review: a real hub and headless clients (tests/sync/conftest.py)."""

from tests.sync.conftest import clients, db_url, hub, own_keyring, proc_hub  # noqa: F401
