"""Window shortcuts that win over text boxes.

A focused text box claims some keys for itself before any shortcut sees them: under X11, Qt's
line edits take Ctrl+E (end of line) and Ctrl+D (delete), so Export and Dial did nothing while
the search box or the dial bar had focus. The window's menu commands are what users expect from
those keys, so this filter lets them through; keys a text box is expected to keep (Ctrl+Z, Ctrl+C,
Delete, ...) are never registered here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


class WindowShortcutsFirst(QObject):
    """Application event filter: in `window`, the keys of `actions` go to the actions."""

    def __init__(self, window: QWidget, actions: list[QAction]) -> None:
        super().__init__(window)
        self.window = window
        self.keys = {seq.toString() for a in actions for seq in a.shortcuts() if not seq.isEmpty()}
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(obj, QWidget):
            return False
        if obj.window() is not self.window:
            return False
        # not passed on: no text box accepts the override, so the shortcut runs
        return QKeySequence(event.keyCombination()).toString() in self.keys
