from tests.ui.conftest import app, phone, window  # noqa: F401 - the window and its real engine
