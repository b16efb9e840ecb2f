"""Fixtures of tests/ui (a fresh profile, the main window) and one that puts the theme back."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import app, window  # noqa: F401  (fixtures)


@pytest.fixture
def restore_theme(qtbot):
    from whitephone.ui import theme

    qt = QApplication.instance()
    style, pal = qt.style().name(), QPalette(qt.palette())
    yield qt
    theme.apply("light")
    qt.setStyle(style)
    qt.setPalette(pal)
