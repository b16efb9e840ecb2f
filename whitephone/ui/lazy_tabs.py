"""Tabs built the first time they are wanted (issue 18, the start-up budget).

Building the CRM, Messages and Diary tabs held the Qt main thread for 1-1.5 s after the first
rows were painted. Each of them now starts as a bare placeholder widget in the QTabWidget and is
built when its tab is first shown (a click, Alt+1..6, `setCurrentIndex`) or first asked for in
code (`get`: the tray, the caller popup, "open the record", a menu command); the real widget then
takes the placeholder's place, with the placeholder's tab text (an unread badge set meanwhile
stays). Counts shown on a tab that is not built yet come from the reader thread, not from the tab.

A built tab's contents scroll (`_scrolling`) rather than widen the window: otherwise the window's
minimum width would follow the tabs opened so far, and the first click on a wide tab would make
the whole window jump wider under the mouse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget


class LazyTabs(QObject):
    built = Signal(str, object)  # name, the real widget (just put in its tab)

    def __init__(self, tabs: QTabWidget, parent=None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self._widgets: dict[str, QWidget] = {}  # built, or not lazy
        self._pending: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}  # name: (placeholder, build)
        self._building: set[str] = set()
        tabs.currentChanged.connect(self._shown)

    def add(self, index: int, name: str, title: str, widget: QWidget | None = None,
            build: Callable[[], QWidget] | None = None, icon: QIcon | None = None) -> None:
        """A tab at `index`: `widget` now, or a placeholder until `build()` makes the real one."""
        icon = icon if icon is not None else QIcon()
        if widget is not None:
            self._widgets[name] = widget
            self.tabs.insertTab(index, widget, icon, title)
            return
        assert build is not None
        placeholder = QWidget()
        placeholder.setObjectName(f"placeholder-{name}")
        self._pending[name] = (placeholder, build)
        self.tabs.insertTab(index, placeholder, icon, title)

    def is_built(self, name: str) -> bool:
        return name in self._widgets

    def built_widget(self, name: str) -> QWidget | None:
        """The real widget, or None while it is not built (never builds)."""
        return self._widgets.get(name)

    def index_of(self, name: str) -> int:
        """The tab's index, built or not (-1: no such tab)."""
        w = self._widgets.get(name) or (self._pending[name][0] if name in self._pending else None)
        return self.tabs.indexOf(w) if w is not None else -1

    def get(self, name: str) -> QWidget:
        """The real widget, built now if it was not yet."""
        w = self._widgets.get(name)
        return w if w is not None else self._build(name)

    def names(self) -> list[str]:
        return [*self._widgets, *self._pending]

    def _shown(self, index: int) -> None:
        w = self.tabs.widget(index)
        for name, (placeholder, _build) in list(self._pending.items()):
            if placeholder is w:
                self._build(name)
                return

    def _build(self, name: str) -> QWidget:
        if name in self._building:
            raise RuntimeError(f"the {name} tab asked for itself while being built")
        placeholder, build = self._pending[name]
        self._building.add(name)
        try:
            widget = build()
        finally:
            self._building.discard(name)
        _scrolling(widget)
        del self._pending[name]
        self._widgets[name] = widget
        i = self.tabs.indexOf(placeholder)
        text, tip, icon = self.tabs.tabText(i), self.tabs.tabToolTip(i), self.tabs.tabIcon(i)
        was_current = self.tabs.currentIndex() == i
        self.tabs.insertTab(i, widget, icon, text)  # before the placeholder, which moves to i + 1
        self.tabs.setTabToolTip(i, tip)
        if was_current:
            self.tabs.setCurrentIndex(i)
        self.tabs.removeTab(self.tabs.indexOf(placeholder))
        placeholder.deleteLater()
        self.built.emit(name, widget)
        return widget


def _scrolling(widget: QWidget) -> None:
    """Put the contents of `widget` (its layout, with the widgets in it) in a scroll area that
    fills it: the widget stays the tab (code compares and shows it), its minimum size no longer
    sets the window's."""
    layout = widget.layout()
    if layout is None:
        return
    inner = QWidget()
    inner.setObjectName("tab-contents")
    inner.setLayout(layout)  # Qt takes the layout from `widget`; the widgets in it move along
    scroll = QScrollArea(widget)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)


class TabWidgets(Mapping):
    """`MainWindow.tab_widgets`: name -> the tab's real widget (built when looked up)."""

    def __init__(self, lazy: LazyTabs) -> None:
        self._lazy = lazy

    def __getitem__(self, name: str) -> QWidget:
        if name not in self._lazy.names():
            raise KeyError(name)
        return self._lazy.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._lazy.names())

    def __len__(self) -> int:
        return len(self._lazy.names())
