"""What the profile and admin dialogs share: hub calls on a worker thread (the Qt main thread
never waits on the network), results back on the main thread, every failure shown in the dialog
as the hub's reason, and a yes/no question before anything that cannot be undone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget
from shiboken6 import isValid

from whitephone.sync.hub_client import HubError
from whitephone.ui import theme
from whitephone.ui.tasks import Worker
from whitephone.ui.user_errors import hub_error_text

_worker: Worker | None = None


def hub_worker() -> Worker:
    """One serial thread for the dialogs' hub calls (created on first use, on the main thread)."""
    global _worker
    if _worker is None:
        _worker = Worker("wp-hub")
    return _worker


def error_text(exc: BaseException) -> str:
    if isinstance(exc, HubError):
        return hub_error_text(exc)  # the kind's (or the core's fixed sentence's) words in the user's language
    if isinstance(exc, (ValueError, OSError)):  # our own checks (a photo that is no image), a file
        return str(exc)
    return QCoreApplication.translate("HubDialog", "Something went wrong (%s: %s).") % (exc.__class__.__name__, exc)


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No before a step that cannot be undone (tests replace it)."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class HubDialog(QDialog):
    """A dialog whose work goes to the hub. `message` shows the outcome of the last call; `idle`
    is emitted when no call is running any more (tests wait on it)."""

    idle = Signal()

    def __init__(self, session, parent=None, worker: Worker | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker = worker or hub_worker()
        self.pending = 0
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)

    def client(self):
        """The signed-in HubClient (call on the worker: it may resume from the keyring)."""
        return self.session.ensure()

    def run(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None, busy: str = "") -> None:
        """fn() on the worker; done(result) or the error on the main thread."""
        self.pending += 1
        self._set_busy(True)
        if busy:
            self.show_info(busy)

        def ok(result: Any) -> None:
            if not isValid(self):  # closed and deleted while the hub answered
                return
            if self.message.property("kind") == "info" and busy and self.message.text() == busy:
                self.message.setVisible(False)
            try:
                if done is not None:
                    done(result)
            finally:
                self._finished()

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            self.show_error(error_text(exc))
            self._finished()

        self.worker.submit(fn, ok, failed)

    def _finished(self) -> None:
        self.pending -= 1
        if self.pending == 0:
            self._set_busy(False)
            self.idle.emit()

    def _set_busy(self, busy: bool) -> None:
        """Subclasses disable their buttons while a call runs."""

    def show_error(self, text: str) -> None:
        self._show(text, "error", "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info", "success")

    def _show(self, text: str, kind: str, style: str) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        theme.tone(self.message, style)
        self.message.setVisible(True)
