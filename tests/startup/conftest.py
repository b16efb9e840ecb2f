from __future__ import annotations

import pytest

from whitephone.app import App


@pytest.fixture
def app(tmp_path):
    """An opened profile (region GB) in tmp_path."""
    a = App.open(tmp_path / "profile")
    a.profile.region = "GB"
    a.contacts.region = "GB"
    yield a
    a.close()


@pytest.fixture
def window(qtbot, app):
    from whitephone.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()
