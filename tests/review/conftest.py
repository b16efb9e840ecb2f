"""Fixtures for the break-it review: a real hub and headless clients (tests/sync/conftest.py),
the window offscreen (tests/ui/conftest.py)."""

from tests.sync.conftest import clients, db_url, hub, own_keyring, proc_hub  # noqa: F401
from tests.ui.conftest import app, window  # noqa: F401
