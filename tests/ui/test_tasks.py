"""The GUI's background workers (whitephone/ui/tasks.py): a result is delivered on the main thread,
and never to a widget deleted while its job ran (a dialog closed with its window mid-test)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QPushButton, QWidget

from whitephone.ui.tasks import Worker


class Panel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.button = QPushButton("Test", self)
        self.got: list = []

    def show_result(self, value) -> None:
        self.button.setEnabled(True)  # raises on a deleted widget
        self.got.append(value)

    def failed(self, exc) -> None:
        self.button.setEnabled(True)
        self.got.append(exc)


def test_a_result_reaches_its_widget_on_the_main_thread(qtbot):
    worker = Worker("wp-test")
    panel = Panel()
    qtbot.addWidget(panel)
    threads = []
    try:
        worker.submit(lambda: threads.append(threading.current_thread().name) or 7, panel.show_result)
        qtbot.waitUntil(lambda: panel.got == [7])
        assert threads == ["wp-test"]
    finally:
        worker.stop()


def test_a_result_for_a_widget_deleted_meanwhile_is_dropped(qtbot):
    """Closing a window deletes its dialogs; a job they started (the network test) still finishes,
    and its answer must not reach the deleted widget (RuntimeError in the Qt event loop)."""
    worker = Worker("wp-test")
    go = threading.Event()
    done = threading.Event()
    try:
        for deliver in ("show_result", "failed"):
            go.clear()
            done.clear()
            panel = Panel()

            def job(deliver=deliver):
                go.wait(10)
                try:
                    if deliver == "failed":
                        raise OSError("no network")
                    return 1
                finally:
                    done.set()

            worker.submit(job, panel.show_result, panel.failed)
            panel.deleteLater()
            qtbot.waitUntil(lambda p=panel: not _alive(p))
            go.set()
            assert done.wait(10)
            seen = []  # the queue is in order: once this job is back, ours was delivered
            worker.submit(lambda: None, seen.append)
            qtbot.waitUntil(lambda seen=seen: seen == [None])
    finally:
        worker.stop()


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
