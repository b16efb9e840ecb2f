"""Themes: a theme changed while windows are open (Preferences →
Appearance applies at once, and "Follow the system" switches when the desktop does).

The rich-text labels (empty states, contact card field labels, CRM headings …) get their colours
from `theme.html()` when their text is set: a later change of theme left the old theme's colours in
them (the light theme's heading #3a4152 on the dark window is 1.6:1). `theme.set_html` keeps the
source text and gives it again after every change."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel

from whitephone.ui import theme

R = theme.R


def _colours(text: str) -> set[str]:
    return set(re.findall(r"color:\s*(#[0-9a-fA-F]{3,6})", text))


def _unreadable(widget, window_bg: str) -> list[tuple[str, str, float]]:
    bad = []
    for label in widget.findChildren(QLabel):
        if not label.isVisibleTo(widget):
            continue
        for c in _colours(label.text()):
            ratio = theme.contrast(c, window_bg)
            if ratio < 4.5:
                bad.append((label.text()[:60], c, round(ratio, 2)))
    return bad


@pytest.mark.parametrize("start,then", [("light", "dark"), ("dark", "light")])
def test_empty_state_texts_follow_a_live_theme_change(restore_theme, qtbot, app, start, then):
    """Online Monitor signed out ("You are not signed in"): switch the theme with the window open."""
    from whitephone.ui.main_window import MainWindow

    theme.apply(start)
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentIndex(0)  # Online Monitor: "You are not signed in"
    qtbot.wait(300)
    assert any("not signed in" in lb.text() for lb in w.findChildren(QLabel) if lb.isVisibleTo(w))
    assert _unreadable(w, theme.PALETTES[start][R.Window]) == []  # fine in the theme it was made in
    theme.apply(then)
    qtbot.wait(100)
    try:
        assert _unreadable(w, theme.PALETTES[then][R.Window]) == []
    finally:
        w.shutdown()


def test_contact_card_field_labels_follow_a_live_theme_change(restore_theme, qtbot, app):
    """The contact card shown while the theme changes: its muted field labels ("Person", "Mobile" …)."""
    from tests.ui.conftest import add_people
    from whitephone.ui.main_window import MainWindow

    theme.apply("light")
    add_people(app, 1)
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentWidget(w.address_books)
    qtbot.waitUntil(lambda: w.address_books.table.model().rowCount() > 0, timeout=5000)
    w.address_books.table.selectRow(0)
    qtbot.wait(300)
    labels = [lb.text() for lb in w.address_books.findChildren(QLabel)
              if lb.isVisibleTo(w) and _colours(lb.text())]
    assert labels, "the card shows its muted field labels"
    theme.apply("dark")
    qtbot.wait(100)
    try:
        assert _unreadable(w.address_books, theme.PALETTES["dark"][R.Window]) == []
    finally:
        w.shutdown()


def test_following_the_system_at_sunset_keeps_texts_readable(restore_theme, qtbot, app):
    """The default choice, "Follow the system": the desktop turns dark by itself in the evening
    (colorSchemeChanged, emitted here as a desktop's platform theme would) with the window open."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from whitephone.ui.main_window import MainWindow

    theme.apply("system")
    assert theme.current() == "light"
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentIndex(0)
    qtbot.wait(200)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.wait(100)
    try:
        assert theme.current() == "dark"
        assert _unreadable(w, theme.PALETTES["dark"][R.Window]) == []
    finally:
        w.shutdown()
