"""The window fixtures of tests/ui for the fresh-process checks."""

from tests.ui.conftest import app, window  # noqa: F401 (fixtures)
