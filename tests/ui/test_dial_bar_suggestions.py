"""Dial-bar suggestions follow what is typed: a number typed over a name hides the names."""

from __future__ import annotations

from tests.ui.conftest import add_people


def popup_items(window):
    m = window.dial.completer().popup().model()
    return [m.index(i, 0).data() for i in range(m.rowCount())]


def start_with_mary(qtbot, window, app):
    add_people(app)
    window.activateWindow()
    window.dial.setFocus()
    qtbot.waitUntil(window.dial.hasFocus)
    qtbot.keyClicks(window.dial, "Mar")
    popup = window.dial.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert any("Mary" in x for x in popup_items(window))
    return popup


def test_typing_a_number_over_a_name_hides_the_names(qtbot, window, app):
    popup = start_with_mary(qtbot, window, app)
    window.dial.selectAll()
    qtbot.keyClicks(window.dial, "+48 601")
    qtbot.waitUntil(lambda: not window._complete_timer.isActive())
    assert not popup.isVisible() and popup_items(window) == []
    assert window._completion_targets == {}


def test_a_digit_first_hides_the_names_too(qtbot, window, app):
    popup = start_with_mary(qtbot, window, app)
    window.dial.selectAll()
    qtbot.keyClicks(window.dial, "0601")
    qtbot.waitUntil(lambda: not window._complete_timer.isActive())
    assert not popup.isVisible() and popup_items(window) == []


def test_enter_after_typing_a_number_over_a_name_calls_the_number(qtbot, window, app):
    start_with_mary(qtbot, window, app)
    window.dial.selectAll()
    qtbot.keyClicks(window.dial, "+48 601 234 567")
    qtbot.waitUntil(lambda: not window._complete_timer.isActive())
    got = []
    window.callRequested.connect(lambda target, contact=None: got.append(target))
    window.call_from_dial_bar()
    assert got and got[0].e164 == "+48601234567"
