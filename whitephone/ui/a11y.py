"""Names for controls that have no visible label of their own (filter combos in a tool row).

`setAccessibleName` is not enough for a combo box on Linux: Qt gives screen readers its current
text as its name ("Any type, combo box") and names the field only through a label relation,
which a QLabel whose buddy is the combo gives. `name(widget, text)` sets the accessible name
(Windows, macOS) and adds a hidden buddy label beside the widget (Linux: Orca says "Record type,
Any type, combo box"). The label follows the widget into its parent when it is put in a layout.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from shiboken6 import isValid


class _Follower(QObject):
    """Keeps the hidden label a sibling of its widget (Qt looks for buddy labels among siblings)."""

    def __init__(self, widget: QWidget, label: QLabel) -> None:
        super().__init__(widget)
        self.widget, self.label = widget, label
        widget.installEventFilter(self)
        widget.destroyed.connect(lambda *_: label.deleteLater() if isValid(label) else None)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.widget and event.type() == QEvent.Type.ParentChange:
            self._follow()
        return False

    def _follow(self) -> None:
        parent = self.widget.parentWidget()
        if parent is not None and self.label.parentWidget() is not parent:
            self.label.setParent(parent)
            self.label.hide()


def name(widget: QWidget, text: str) -> None:
    """Name `widget` `text` (translated) for screen readers on every platform (see the module);
    again for a new name."""
    widget.setAccessibleName(text)
    if not isinstance(widget, QComboBox) or widget.isEditable():
        return  # other controls (and editable combos) report their accessible name themselves
    follower = widget.findChild(_Follower)
    if follower is not None:  # named before: the same label, new words
        follower.label.setText(text)
        return
    label = QLabel(text, widget.parentWidget() or widget)
    label.setObjectName("a11y_label")
    label.setBuddy(widget)
    label.hide()
    follower = _Follower(widget, label)
    follower._follow()
