"""Review tests reuse the hub and headless-client fixtures of tests/sync."""

from tests.sync.conftest import clients, hub, own_keyring, proc_hub  # noqa: F401
from tests.server.conftest import db_url  # noqa: F401
