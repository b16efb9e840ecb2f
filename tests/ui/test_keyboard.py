"""Keyboard: Tab walks through every control of each main-window tab (none unreachable, no focus
trap), and the focused control is visibly marked in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tests.ui.conftest import add_people
from whitephone.ui import theme
from whitephone.ui.main_window import TAB_NAMES


def _tab_stops(root: QWidget) -> list[QWidget]:
    """The controls Tab should reach in `root`'s window now: shown, enabled, taking Tab focus."""
    out = []
    for w in root.findChildren(QWidget):
        if not (w.isVisibleTo(root.window()) and w.isEnabled()):
            continue
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or w.focusProxy() is not None:
            continue
        out.append(w)
    return out


def _walk(qtbot, window, steps: int) -> list[QWidget]:
    seen = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def _name(w) -> str:
    return f"{type(w).__name__} {w.accessibleName() or getattr(w, 'text', lambda: '')()!r}"


@pytest.mark.parametrize("tab", range(len(TAB_NAMES)))
def test_tab_reaches_every_control_of_each_tab_and_comes_back(qtbot, window, app, tab):
    add_people(app)
    window.tabs.setCurrentIndex(tab)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is not None and window.tabs.currentWidget().isVisible())
    qtbot.wait(200)  # the tab's first read
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.dial.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.dial)
    stops = _tab_stops(window)
    assert len(stops) > 3
    seen = _walk(qtbot, window, 2 * len(stops) + 4)
    assert all(w is not None and w.window() is window for w in seen), "focus left the window"
    # an exclusive group of buttons (the diary's views) is one stop: arrow keys move inside it
    missed = [_name(w) for w in stops if w not in seen
              and not (isinstance(w, QAbstractButton) and w.group() is not None and w.group().exclusive()
                       and any(b in seen for b in w.group().buttons()))]
    assert not missed, f"{TAB_NAMES[tab]}: Tab never reaches {missed}"
    assert window.dial in seen, f"{TAB_NAMES[tab]}: Tab does not come back round (a focus trap)"
    # and Shift+Tab goes back the same way round
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is not None and QApplication.focusWidget().window() is window


@pytest.fixture
def restore_theme(qtbot):
    qt = QApplication.instance()
    style, pal = qt.style().name(), QPalette(qt.palette())
    yield
    theme.apply("light")
    qt.setStyle(style)
    qt.setPalette(pal)


@pytest.mark.parametrize("name", ("light", "dark"))
def test_the_focused_control_is_visibly_marked(qtbot, restore_theme, name):
    """Fusion frames the focused control in the palette's Highlight; the frame must show against
    the control (3:1, as for any graphic), in both themes."""
    theme.apply(name)
    pal = QApplication.instance().palette()
    box = QWidget()
    qtbot.addWidget(box)
    v = QVBoxLayout(box)
    other, button, edit = QPushButton("Other"), QPushButton("Call"), QLineEdit("Mary")
    for w in (other, button, edit):
        v.addWidget(w)
    box.show()
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    other.setFocus()
    qtbot.waitUntil(lambda: other.hasFocus())
    for w, bg in ((button, pal.color(QPalette.ColorRole.Button)), (edit, pal.color(QPalette.ColorRole.Base))):
        plain = w.grab().toImage()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # focus by keyboard: Fusion marks it
        qtbot.waitUntil(lambda: w.hasFocus())  # noqa: B023
        focused = w.grab().toImage()
        changed = [focused.pixelColor(x, y) for x in range(focused.width()) for y in range(focused.height())
                   if focused.pixelColor(x, y) != plain.pixelColor(x, y)]
        assert changed, f"{name}: focus on {type(w).__name__} changes nothing"
        best = max(theme.contrast(c, bg) for c in changed)
        assert best >= 3, f"{name}: the focus mark of {type(w).__name__} is only {best:.2f}:1"
