"""Esc or the window's close button on an editor with changes asks first ("Discard" / "Keep
editing") instead of throwing the changes away. The editor's own Cancel button still cancels at
once: that is an explicit choice, an Esc is often meant for a popup that already closed.

`guard(dialog, changed)`: `changed()` says whether there is something to lose."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from shiboken6 import isValid


class DiscardGuard(QObject):
    """An event filter on the dialog: Esc and a close from the window system ask when changed."""

    def __init__(self, dialog: QDialog, changed: Callable[[], bool]) -> None:
        super().__init__(dialog)
        self.dialog, self.changed = dialog, changed
        self.question: QMessageBox | None = None
        dialog.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is not self.dialog:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if self._worth_asking():
                self.ask()
                return True
        elif kind == QEvent.Type.Close and event.spontaneous() and self._worth_asking():
            event.ignore()
            self.ask()
            return True
        return False

    def _worth_asking(self) -> bool:
        try:
            return bool(self.changed())
        except Exception:  # noqa: BLE001 - a half-built dialog: asking is the safe side
            return True

    def ask(self) -> None:
        """The question, not blocking (window-modal): Discard closes the dialog as Cancel would."""
        if self.question is not None and isValid(self.question) and self.question.isVisible():
            self.question.raise_()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard changes?"),
                          self.tr("What you wrote or changed here is not saved. Discard it?"),
                          QMessageBox.StandardButton.NoButton, self.dialog)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        discard.setAccessibleDescription(self.tr("Closes the window; the changes are lost"))
        keep.setAccessibleDescription(self.tr("Goes back to the window with everything as it was"))
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda b: self.dialog.reject() if b is discard else None)
        self.question = box
        box.open()


def guard(dialog: QDialog, changed: Callable[[], bool]) -> DiscardGuard:
    """Make Esc / closing `dialog` ask before losing changes (see the module)."""
    return DiscardGuard(dialog, changed)
